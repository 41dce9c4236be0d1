"""``mrx report``: an archive dashboard as one self-contained, offline HTML file.

The page is read by people who have neither Python nor a server: it is one file, opened
by double-click, with its data, its script (the filters), its styles and its Chinese font
(webfont.py) inline, and nothing fetched from anywhere (its Content-Security-Policy
forbids it).

How it is built:

1. **facts**: one small dict per report, taken from the tidy table rows (tables.py), so
   that a JSON Lines output of ``mrx extract`` (``record_rows``) and a ``--db`` database
   (``ReportStore.frames``) give the same facts (``facts_from_rows``);
2. **summary**: ``summarize(facts, ...)`` counts everything the page shows (reports per
   unit and year, problems by category / year / unit and the ones that recur, audit
   completeness by element and unit, attendance, meeting dates against a deadline). The
   page's script does the same counting in the browser on the facts its filters
   (year, unit, meeting type) keep; the browser tests check that both agree;
3. **page**: ``data/dashboard.html`` with the facts as JSON, the font subset and the title
   filled in (``dashboard_html``).

Report text never reaches the page as markup: the facts travel as JSON in a
``<script type="application/json">`` block (every ``<`` escaped) and the script puts them
in the page with ``textContent`` only.
"""
from __future__ import annotations

import html
import json
import math
import re
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Mapping

from extractor.schema import AUDIT_ELEMENTS, CATEGORIES
from extractor.taxonomy import element_label

UNKNOWN_UNIT = "（未识别单位）"
UNKNOWN_YEAR = "未知"
UNKNOWN_TYPE = "（未识别类型）"

Facts = dict[str, Any]


class DashboardError(ValueError):
    """Input the dashboard cannot be built from (one line for the user)."""


# -- facts ------------------------------------------------------------------------------
def _value(v):
    """None for a missing value, also pandas' NA / NaN from a database frame."""
    if v is None:
        return None
    try:
        if v != v:  # NaN
            return None
    except (TypeError, ValueError):  # pandas.NA refuses to be compared
        return None
    if type(v).__name__ == "NAType":
        return None
    return v


def _int(v) -> int | None:
    v = _value(v)
    return None if v is None else int(v)


def _text(v) -> str | None:
    v = _value(v)
    return None if v is None or v == "" else str(v)


def meeting_day(row: Mapping[str, Any]) -> str | None:
    """The meeting date as ``YYYY-MM-DD`` when year, month and day are all known."""
    y, m, d = (_int(row.get(k)) for k in ("meeting_year", "meeting_month", "meeting_day"))
    if y is None or m is None or d is None or _value(row.get("date_redacted")):
        return None
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def facts_from_rows(n: int, report: Mapping[str, Any], categories: Iterable[Mapping[str, Any]],
                    audit: Iterable[Mapping[str, Any]], *, with_evidence: bool = True) -> Facts:
    """The facts of report number ``n`` from its ``reports``, ``problem_categories`` and
    ``audit`` table rows (tables.py): what the dashboard counts and shows, nothing more.

    The evidence of each audit element is kept only for incomplete reports (the page
    shows their evidence view), so the page stays small for a large archive.
    """
    year = _int(report.get("year"))
    audit = list(audit)
    complete = bool(_value(report.get("audit_complete")))
    facts: Facts = {
        "i": n,
        "id": str(report["id"]),
        "title": _text(report.get("title")) or "（无标题）",
        "unit": _text(report.get("organization")) or UNKNOWN_UNIT,
        "year": UNKNOWN_YEAR if year is None else str(year),
        "type": _text(report.get("meeting_type")) or UNKNOWN_TYPE,
        "date": meeting_day(report),
        "date_text": _text(report.get("meeting_date")),
        "expected": _int(report.get("expected")),
        "present": _int(report.get("present")),
        "complete": complete,
        "required": [str(a["element"]) for a in audit if _value(a.get("required"))],
        "documented": [str(a["element"]) for a in audit
                       if _value(a.get("required")) and _value(a.get("present"))],
        "missing": [str(a["element"]) for a in audit if _value(a.get("missing"))],
        "categories": [str(c["category"]) for c in categories],
        "n_problems": _int(report.get("n_problems")) or 0,
        "path": _text(report.get("path")) or "",
        "index": _int(report.get("index")) or 0,
    }
    if with_evidence and not complete:
        facts["evidence"] = [
            [str(a["element"]), bool(_value(a.get("required"))), bool(_value(a.get("present"))),
             _text(a.get("evidence"))] for a in audit]
    return facts


def facts_from_records(records: Iterable) -> list[Facts]:
    """Facts of Records (or their JSON dicts), in order."""
    from extractor.outputs.tables import record_rows

    out = []
    for n, record in enumerate(records):
        rows = record_rows(record)
        out.append(facts_from_rows(n, rows["reports"][0], rows["problem_categories"], rows["audit"]))
    return out


def facts_from_frames(frames: Mapping[str, Any]) -> list[Facts]:
    """Facts of the tables of a database (``ReportStore.frames()``), in its report order."""
    def grouped(name: str) -> dict[str, list[dict]]:
        out: dict[str, list[dict]] = {}
        for row in frames[name].to_dict("records"):
            out.setdefault(str(row["report_id"]), []).append(row)
        return out

    categories, audit = grouped("problem_categories"), grouped("audit")
    order = {e: k for k, e in enumerate(AUDIT_ELEMENTS)}
    out = []
    for n, report in enumerate(frames["reports"].to_dict("records")):
        rid = str(report["id"])
        rows = sorted(audit.get(rid, []), key=lambda a: order.get(a["element"], len(order)))
        cats = sorted(categories.get(rid, []), key=lambda c: _int(c["problem"]) or 0)
        out.append(facts_from_rows(n, report, cats, rows))
    return out


def load_facts(source: str | None = None, db: str | None = None) -> tuple[list[Facts], int]:
    """Facts from a ``.jsonl``/``.json`` output of ``mrx extract`` or a ``--db`` database;
    also the number of lines that were not records (skipped, never fatal). Records are
    read one at a time: only their facts are kept."""
    if (source is None) == (db is None):
        raise DashboardError("give either a .jsonl/.json output of mrx extract or --db URL")
    if db is not None:
        return _facts_from_db(db), 0
    path = Path(source)
    if not path.is_file():
        raise DashboardError(f"no such file: {source}")
    bad: list[int] = []
    try:
        facts = facts_from_records(_iter_records(path, bad))
    except UnicodeDecodeError:
        raise DashboardError(f"{path} is not UTF-8 text: give the .jsonl written by mrx extract") from None
    except json.JSONDecodeError as e:
        raise DashboardError(f"{path} is not JSON: {e}") from None
    return facts, len(bad)


def _iter_records(path: Path, bad: list):
    """Records of a .jsonl or a .json array; what is not a record is skipped and noted in ``bad``."""
    from pydantic import ValidationError

    from extractor.schema import Record

    with open(path, encoding="utf-8") as f:
        if path.suffix.lower() == ".json":
            data = json.load(f)
            if not isinstance(data, list):
                raise DashboardError(f"{path} is not a JSON array of records")
            items, read = data, Record.model_validate
        else:
            items, read = (line for line in f if line.strip()), Record.model_validate_json
        for n, item in enumerate(items):
            try:
                yield read(item)
            except ValidationError:
                bad.append(n)


def _facts_from_db(url: str) -> list[Facts]:
    from extractor.outputs.db import ReportStore, StoreError, database_url

    url = database_url(url)
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).is_file():
        raise DashboardError(f"no database at {url[len('sqlite:///'):]}")
    if not _holds_mrx_tables(url):
        raise DashboardError(f"{url} holds no tables of mrx extract --db")
    try:
        with ReportStore(url) as store:
            return facts_from_frames(store.frames())
    except StoreError as e:
        raise DashboardError(str(e)) from None


def _holds_mrx_tables(url: str) -> bool:
    """Whether the database has the layout of ``mrx extract --db`` (asked before opening
    it as a ReportStore, which would create the tables in any other database)."""
    import sqlalchemy as sa

    from extractor.outputs.db import META_TABLE

    try:
        engine = sa.create_engine(url)
    except Exception as e:  # noqa: BLE001 - a bad URL or a missing driver is one line for the user
        raise DashboardError(f"cannot open {url}: {e}") from None
    try:
        names = set(sa.inspect(engine).get_table_names())
    except Exception as e:  # noqa: BLE001 - not a database, unreachable server, …
        raise DashboardError(f"cannot read {url}: {type(e).__name__}: {str(e).splitlines()[0]}") from None
    finally:
        engine.dispose()
    return {"reports", META_TABLE} <= names


# -- summary ----------------------------------------------------------------------------
def select(facts: Iterable[Facts], year: str | None = None, unit: str | None = None,
           meeting_type: str | None = None) -> list[Facts]:
    """The facts the page's filters keep (None: no filter on that field)."""
    return [f for f in facts if (year is None or f["year"] == year) and (unit is None or f["unit"] == unit)
            and (meeting_type is None or f["type"] == meeting_type)]


def _bump(table: dict, *keys, by: int = 1) -> None:
    for k in keys[:-1]:
        table = table.setdefault(k, {})
    table[keys[-1]] = table.get(keys[-1], 0) + by


def summarize(facts: list[Facts]) -> dict:
    """Everything the dashboard shows but the deadline check, counted over ``facts``
    (already filtered).

    The page's script computes the same structure (``summarize`` in
    ``data/dashboard.html``); keep the two in step. Keys are strings (JSON), a rate is a
    ``[numerator, denominator]`` pair so that nothing is rounded here.
    """
    reports_by_unit_year: dict = {}
    by_cat: dict = {}
    by_cat_year: dict = {}
    by_cat_unit: dict = {}
    seen: dict = {}  # (unit, category) -> years
    audit_el: dict = {}
    audit_unit: dict = {}
    att_unit: dict = {}
    att = [0, 0, 0]
    timing: dict = {}
    for f in facts:
        unit, year = f["unit"], f["year"]
        _bump(reports_by_unit_year, unit, year)
        for c in f["categories"]:
            _bump(by_cat, c)
            _bump(by_cat_year, c, year)
            _bump(by_cat_unit, c, unit)
            if year != UNKNOWN_YEAR:
                seen.setdefault((unit, c), set()).add(year)
        for e in f["required"]:
            pair = audit_el.setdefault(e, [0, 0])
            pair[1] += 1
            if e in f["documented"]:
                pair[0] += 1
        pair = audit_unit.setdefault(unit, [0, 0])
        pair[1] += 1
        if f["complete"]:
            pair[0] += 1
        if f["present"] is not None and f["expected"]:
            row = att_unit.setdefault(unit, [0, 0, 0])
            for r in (row, att):
                r[0] += f["present"]
                r[1] += f["expected"]
                r[2] += 1
        years = timing.setdefault(unit, {})
        if f["date"] and (years.get(year) is None or f["date"] < years[year]):
            years[year] = f["date"]
        else:
            years.setdefault(year, None)
    recurring = sorted([unit, c, sorted(ys)] for (unit, c), ys in seen.items() if len(ys) >= 2)
    return {
        "n_reports": len(facts),
        "n_units": len(reports_by_unit_year),
        "years": sorted({f["year"] for f in facts}),
        "reports_by_unit_year": reports_by_unit_year,
        "problems_by_category": by_cat,
        "problems_by_category_year": by_cat_year,
        "problems_by_category_unit": by_cat_unit,
        "recurring": recurring,
        "audit_by_element": audit_el,
        "audit_by_unit": audit_unit,
        "incomplete": [f["i"] for f in facts if not f["complete"]],
        "attendance_by_unit": att_unit,
        "attendance": att,
        "timing": timing,
    }


def deadline_check(facts: list[Facts], deadline: str, year: str | None = None) -> dict:
    """Which units held their meeting of ``year`` late, or not at all, against ``deadline``.

    The page runs it on the facts its unit and type filters keep (not the year filter:
    the deadline belongs to one year).

    Units are counted per meeting type: a unit that held a type of meeting in some year
    of the archive but has no report of that type for ``year`` is missing. A unit with
    several reports of one type in the year is judged on the earliest dated one; a report
    without a full date (or with a masked one) is undated, never guessed.
    ``year`` defaults to the latest year in ``facts``.
    """
    year = year or latest_year(facts)
    pairs = sorted({(f["unit"], f["type"]) for f in facts})
    held: dict = {}
    for f in facts:
        if f["year"] != year:
            continue
        key = (f["unit"], f["type"])
        if f["date"] and (held.get(key) is None or f["date"] < held[key]):
            held[key] = f["date"]
        else:
            held.setdefault(key, None)
    out = {"date": deadline, "year": year, "on_time": [], "late": [], "undated": [], "missing": []}
    for unit, kind in pairs:
        if (unit, kind) not in held:
            out["missing"].append([unit, kind])
        elif held[(unit, kind)] is None:
            out["undated"].append([unit, kind])
        elif held[(unit, kind)] > deadline:
            out["late"].append([unit, kind, held[(unit, kind)]])
        else:
            out["on_time"].append([unit, kind, held[(unit, kind)]])
    return out


def latest_year(facts: Iterable[Facts]) -> str:
    known = sorted({f["year"] for f in facts if f["year"] != UNKNOWN_YEAR})
    return known[-1] if known else UNKNOWN_YEAR


def rate(pair) -> float | None:
    """``numerator / denominator`` of a summary pair, None when there is nothing to divide."""
    return pair[0] / pair[1] if pair[1] else None


def percent(pair) -> str:
    r = rate(pair)
    return "—" if r is None else f"{math.floor(r * 100 + 0.5)}%"


# -- page -------------------------------------------------------------------------------
CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
       "font-src data:; img-src data:")


def page_data(facts: list[Facts], deadline: str | None, deadline_year: str | None,
              source: str) -> dict:
    """What the page's script reads: the facts and the labels it draws with."""
    elements = [e for e in AUDIT_ELEMENTS] + sorted(
        {e for f in facts for e in f["required"]} - set(AUDIT_ELEMENTS))
    return {
        "source": source,
        "facts": facts,
        "deadline": deadline,
        "deadline_year": deadline_year,
        "elements": {e: element_label(e) for e in elements},
        "categories": list(CATEGORIES),
        "unknown": {"unit": UNKNOWN_UNIT, "year": UNKNOWN_YEAR, "type": UNKNOWN_TYPE},
    }


def _template() -> str:
    from extractor.resources import data_path

    return data_path("dashboard.html").read_text(encoding="utf-8")


def dashboard_html(facts: list[Facts], *, deadline: str | None = None, deadline_year: str | None = None,
                   title: str | None = None, source: str = "", embed_font: bool = True) -> str:
    """The whole page: template + facts as JSON + the font subset of its characters."""
    from extractor.outputs.webfont import font_face_css, font_stack

    if deadline is not None:
        deadline = parse_deadline(deadline)
        deadline_year = str(deadline_year) if deadline_year is not None else latest_year(facts)
    data = json.dumps(page_data(facts, deadline, deadline_year, source), ensure_ascii=False,
                      separators=(",", ":"))
    # Inside <script type="application/json"> nothing may close the element or open a
    # comment: every "<" becomes a JSON escape (JSON.parse reads it back as "<").
    data = data.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    title = title or "组织生活会、民主生活会档案统计"
    values = {"CSP": CSP, "TITLE": html.escape(title), "FONT_STACK": font_stack(), "DATA": data,
              "FONT": _FONT_MARK}
    # one pass: a value is never searched for placeholders (the data may hold anything)
    page = re.sub(r"__MRX_([A-Z_]+)__", lambda m: values[m.group(1)], _template())
    return page.replace(_FONT_MARK, font_face_css(page) if embed_font else "", 1)


# Where the font goes once the page's characters are known (NUL: never in data or title).
_FONT_MARK = "\0font\0"


def parse_deadline(value: str) -> str:
    """A deadline as ``YYYY-MM-DD``; DashboardError for anything else."""
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise DashboardError(f"--deadline {value!r} is not a date: write it as 2024-03-31") from None


def write_dashboard(facts: list[Facts], path: str | Path, **options) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(dashboard_html(facts, **options), encoding="utf-8")
