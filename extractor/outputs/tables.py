"""The tidy tables of a batch of records: one source of truth for the row layout.

CSV (``mrx extract -f csv``), xlsx (one sheet per table), SQL (``--db``, db.py) and
``to_frames`` (pandas) all take their rows from ``record_rows`` and their columns from
``TABLES``. Every table is keyed by the report id (``reports.id``); child tables add
``n``, the 0-based position of the item in the record's list (``problems[n]``), so that
a row can always be traced back to the JSON record.

| table | one row per | key |
|---|---|---|
| reports | report | id |
| people | named person | report_id, n |
| problems | problem | report_id, n |
| problem_categories | problem × category | report_id, problem, category |
| measures | measure | report_id, n |
| agenda | agenda item | report_id, n |
| sections | heading (``parent`` is the ``n`` of the enclosing heading) | report_id, n |
| audit | report × audit element | report_id, element |
| document_numbers | cited 文号 | report_id, n |

Offsets (``start``/``end``) are offsets in the report's text, as in the record; ``reports``
carries ``file_start``/``file_end``, the report's place in its file.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

from extractor.fields.registry import FIELDS
from extractor.schema import AUDIT_ELEMENTS, Record

if TYPE_CHECKING:  # pandas is imported only when frames are asked for
    import pandas as pd

# Column types, mapped to pandas nullable dtypes here and to SQL types in db.py.
DTYPES = {"str": "string", "int": "Int64", "bool": "boolean", "float": "Float64"}


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[tuple[str, str], ...]  # (column, type) with type a key of DTYPES
    key: tuple[str, ...]
    indexes: tuple[tuple[str, ...], ...] = ()

    @property
    def names(self) -> list[str]:
        return [c for c, _ in self.columns]


def _items(*extra: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    return (("report_id", "str"), ("n", "int"), *extra)


_SPAN = (("text", "str"), ("start", "int"), ("end", "int"))
# The fields that are lists of plain text spans: each gets a table of its own.
SPAN_LISTS = tuple(f for f in FIELDS if f.shape == "list" and f.type == "TextSpan")

TABLES: dict[str, Table] = {t.name: t for t in (
    Table("reports", (
        ("id", "str"), ("path", "str"), ("index", "int"), ("sha256", "str"),
        ("encoding", "str"), ("file_start", "int"), ("file_end", "int"),
        ("schema_version", "str"),
        *((c.name, c.dtype) for f in FIELDS for c in f.columns),
        ("n_chars", "int"), ("n_warnings", "int"), ("warnings", "str"),
        ("path_bytes", "str"),  # the exact bytes of a path that is not UTF-8, in hex
    ), key=("id",), indexes=(("sha256",), ("path",), ("organization",), ("year",),
                             ("meeting_type",))),
    Table("people", _items(("name", "str"), ("role", "str"), ("start", "int"), ("end", "int")),
          key=("report_id", "n"), indexes=(("name",),)),
    Table("problems", _items(*_SPAN), key=("report_id", "n")),
    Table("problem_categories", (("report_id", "str"), ("problem", "int"), ("category", "str")),
          key=("report_id", "problem", "category"), indexes=(("category",),)),
    # a table per list of plain spans the fields declare (measures, agenda, …)
    *(Table(f.name, _items(*_SPAN), key=("report_id", "n")) for f in SPAN_LISTS),
    Table("sections", _items(
        ("parent", "int"), ("level", "int"), ("style", "str"), ("number", "int"), ("heading", "str"),
        ("start", "int"), ("end", "int"), ("heading_end", "int")), key=("report_id", "n")),
    Table("audit", (
        ("report_id", "str"), ("element", "str"), ("required", "bool"), ("present", "bool"),
        ("missing", "bool"), ("n_evidence", "int"), ("evidence", "str"),
        ("evidence_start", "int"), ("evidence_end", "int"),
    ), key=("report_id", "element"), indexes=(("element",),)),
    Table("document_numbers", _items(
        ("text", "str"), ("issuer", "str"), ("year", "int"), ("number", "int"),
        ("redacted", "bool"), ("start", "int"), ("end", "int")), key=("report_id", "n")),
)}

TABLE_NAMES = tuple(TABLES)

# Joins lists inside one cell of the flat reports table.
LIST_SEP = ";"


def as_record(obj: Record | Mapping[str, Any]) -> Record:
    """A Record from a Record or its JSON dict (a line of ``mrx extract`` output)."""
    return obj if isinstance(obj, Record) else Record.model_validate(obj)


def report_row(record: Record) -> dict:
    """The flat, one-row-per-report view of a record (the ``reports`` table): where it came
    from, then the columns each field declares (fields/registry.py)."""
    r = record
    row = {
        "id": r.id, "path": r.source.path, "index": r.source.index, "sha256": r.source.sha256,
        "encoding": r.source.encoding, "file_start": r.source.start, "file_end": r.source.end,
        "schema_version": r.schema_version,
    }
    for f in FIELDS:
        for c in f.columns:
            row[c.name] = c.get(r)
    row.update({"n_chars": len(r.text), "n_warnings": len(r.warnings),
                "warnings": LIST_SEP.join(r.warnings), "path_bytes": r.source.path_bytes})
    return row


def section_parents(record: Record) -> list[int | None]:
    """For each section, the ``n`` of the nearest earlier section of a lower level."""
    parents: list[int | None] = []
    stack: list[tuple[int, int]] = []  # (level, n)
    for n, s in enumerate(record.sections):
        while stack and stack[-1][0] >= s.level:
            stack.pop()
        parents.append(stack[-1][1] if stack else None)
        stack.append((s.level, n))
    return parents


def _audit_rows(record: Record) -> list[dict]:
    elements = record.audit.elements
    order = [e for e in AUDIT_ELEMENTS if e in elements] + [e for e in elements if e not in AUDIT_ELEMENTS]
    missing = set(record.audit.missing)
    rows = []
    for element in order:
        e = elements[element]
        first = e.evidence[0] if e.evidence else None
        rows.append({
            "report_id": record.id, "element": element, "required": e.required,
            "present": e.present, "missing": element in missing,
            "n_evidence": len(e.evidence), "evidence": first.text if first else None,
            "evidence_start": first.start if first else None,
            "evidence_end": first.end if first else None,
        })
    return rows


def record_rows(record: Record | Mapping[str, Any]) -> dict[str, list[dict]]:
    """Every table's rows for one record, keyed by table name (all tables present)."""
    r = as_record(record)
    rid = r.id

    def spans(items) -> list[dict]:
        return [{"report_id": rid, "n": n, "text": s.text, "start": s.start, "end": s.end}
                for n, s in enumerate(items)]

    parents = section_parents(r)
    return {
        "reports": [report_row(r)],
        "people": [{"report_id": rid, "n": n, "name": p.name, "role": p.role,
                    "start": p.start, "end": p.end} for n, p in enumerate(r.people)],
        "problems": spans(r.problems),
        "problem_categories": [
            {"report_id": rid, "problem": n, "category": c}
            for n, p in enumerate(r.problems) for c in dict.fromkeys(p.categories)],
        **{f.name: spans(getattr(r, f.name)) for f in SPAN_LISTS},
        "sections": [{"report_id": rid, "n": n, "parent": parents[n], "level": s.level,
                      "style": s.style, "number": s.number, "heading": s.heading, "start": s.start, "end": s.end,
                      "heading_end": s.heading_end} for n, s in enumerate(r.sections)],
        "audit": _audit_rows(r),
        "document_numbers": [
            {"report_id": rid, "n": n, "text": d.text, "issuer": d.issuer, "year": d.year,
             "number": d.number, "redacted": d.redacted, "start": d.start, "end": d.end}
            for n, d in enumerate(r.document_numbers)],
    }


def iter_table_rows(records: Iterable[Record | Mapping[str, Any]]) -> Iterator[dict[str, list[dict]]]:
    """``record_rows`` of each record, lazily (for streaming writers)."""
    for record in records:
        yield record_rows(record)


def empty_frame(name: str) -> "pd.DataFrame":
    import pandas as pd

    table = TABLES[name]
    return pd.DataFrame({c: pd.Series([], dtype=DTYPES[t]) for c, t in table.columns})


def frame(name: str, rows: list[dict]) -> "pd.DataFrame":
    """One table as a DataFrame with the table's columns and nullable dtypes."""
    import pandas as pd

    table = TABLES[name]
    if not rows:
        return empty_frame(name)
    df = pd.DataFrame.from_records(rows, columns=table.names)
    return df.astype({c: DTYPES[t] for c, t in table.columns})


def to_frames(records: Iterable[Record | Mapping[str, Any]]) -> dict[str, "pd.DataFrame"]:
    """The tidy tables of ``records`` as pandas DataFrames, keyed by table name.

    ``records`` may be Records or their JSON dicts. Every table is present, with its
    columns, even when empty. Join child tables to ``reports`` on ``report_id == id``.
    """
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    for record_tables in iter_table_rows(records):
        for name, table_rows in record_tables.items():
            rows[name].extend(table_rows)
    return {name: frame(name, rows[name]) for name in TABLES}
