"""Writing records: JSON Lines, a JSON array, CSV tables or an xlsx workbook.

The tabular formats take their layout from tables.py (one source of truth for CSV, xlsx,
SQL and ``to_frames``). Where they go (``export``):

- ``jsonl`` / ``json``: one file, or stdout for ``-``.
- ``csv``: UTF-8 with a BOM, so that Excel and WPS open the Chinese text correctly.
  ``-o DIR`` (any path not ending in ``.csv``) writes one file per table,
  ``DIR/reports.csv``, ``DIR/people.csv``, …; ``-o FILE.csv`` and stdout (``-``) get
  the ``reports`` table only (one flat row per report).
- ``xlsx``: one workbook, one sheet per table; every text cell is stored as text (a
  value starting with ``=`` never becomes a formula).

All writers stream: records are turned into rows one at a time, never held as a batch.
"""
from __future__ import annotations

import contextlib
import csv
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import IO, Iterable, Iterator

from extractor.record import record_json  # also imported from here by callers
from extractor.regex_store import compile_regex
from extractor.schema import Record
from extractor.outputs.headers import sheet_layout
from extractor.outputs.tables import TABLES, iter_table_rows, report_row  # noqa: F401  (report_row re-exported)

FORMATS = ("jsonl", "json", "csv", "xlsx")

BOM = "\ufeff"
# Excel's limit on the characters in one cell.
XLSX_CELL_LIMIT = 32767
# Characters that the xlsx format cannot hold (C0 controls but tab, newline, CR).
_XLSX_ILLEGAL = compile_regex(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class ExportError(ValueError):
    """An output that cannot be written as asked (one line for the user)."""


def json_text(item: Record | str) -> str:
    """A record's JSON text: ``item`` itself when a worker already made it (a str)."""
    return item if isinstance(item, str) else record_json(item)


def _cell(value):
    """A CSV cell: None is empty, everything else as str() would show it."""
    return "" if value is None else value


def write_csv_table(records: Iterable[Record], out: IO[str], table: str = "reports",
                    headers: str = "en") -> int:
    """One table as CSV to a text stream (no BOM: ``out`` should be opened utf-8-sig);
    returns the number of records read. ``headers``: "en" (the table's own columns) or
    "zh" (Chinese headers and values, human columns first: headers.py)."""
    writer = csv.writer(out)
    layout = sheet_layout(table, headers)
    writer.writerow(layout.headers)
    n = 0
    for rows in iter_table_rows(records):
        n += 1
        for row in rows[table]:
            writer.writerow([_cell(layout.cell(c, row[c])) for c in layout.columns])
    return n


def write_csv_dir(records: Iterable[Record], directory: str | Path, headers: str = "en") -> int:
    """Every table as ``DIR/<table>.csv`` (UTF-8 with BOM); returns the number of records."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    n = 0
    with contextlib.ExitStack() as stack:
        writers, layouts = {}, {}
        for name in TABLES:
            f = stack.enter_context(open(directory / f"{name}.csv", "w", encoding="utf-8-sig", newline=""))
            layouts[name] = sheet_layout(name, headers)
            writers[name] = csv.writer(f)
            writers[name].writerow(layouts[name].headers)
        for rows in iter_table_rows(records):
            n += 1
            for name, table_rows in rows.items():
                layout = layouts[name]
                for row in table_rows:
                    writers[name].writerow([_cell(layout.cell(c, row[c])) for c in layout.columns])
    return n


def _xlsx_value(ws, value):
    from openpyxl.cell import WriteOnlyCell

    if not isinstance(value, str):
        return value
    value = _XLSX_ILLEGAL.sub("\ufffd", value)
    if len(value) > XLSX_CELL_LIMIT:
        value = value[:XLSX_CELL_LIMIT - 1] + "…"
    if value.startswith("="):
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"  # text, never a formula
        return cell
    return value


def write_xlsx(records: Iterable[Record], out: str | Path | IO[bytes], headers: str = "zh") -> int:
    """Every table as a sheet of one workbook; returns the number of records. ``headers``:
    "zh" (the default: Chinese sheet names, headers and values, human columns first) or
    "en" (the tables' own names). The header row is frozen and bold."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    sheets, layouts = {}, {}
    bold = Font(bold=True)
    for name, table in TABLES.items():
        layout = layouts[name] = sheet_layout(name, headers)
        ws = wb.create_sheet(layout.name)
        ws.freeze_panes = "A2"
        kinds = dict(table.columns)
        for i, (column, header) in enumerate(zip(layout.columns, layout.headers), 1):
            ws.column_dimensions[get_column_letter(i)].width = _column_width(column, header, kinds[column])
        header_cells = []
        for header in layout.headers:
            cell = WriteOnlyCell(ws, value=header)
            cell.font = bold
            header_cells.append(cell)
        ws.append(header_cells)
        sheets[name] = ws
    n = 0
    for rows in iter_table_rows(records):
        n += 1
        for name, table_rows in rows.items():
            ws, layout = sheets[name], layouts[name]
            for row in table_rows:
                ws.append([_xlsx_value(ws, layout.cell(c, row[c])) for c in layout.columns])
    wb.save(out)
    return n


# Columns of long text: wide enough to read a sentence.
_WIDE_COLUMNS = frozenset(("text", "title", "heading", "evidence", "warnings", "path", "organization",
                           "location", "audit_missing", "role", "theme"))


def _column_width(column: str, header: str, kind: str) -> float:
    """A column's width in Excel units: long text wide, others as wide as their header
    (a CJK character takes two units)."""
    if kind == "str" and column in _WIDE_COLUMNS:
        return 48 if column in ("text", "evidence", "warnings") else 30
    return max(8, sum(2 if ord(ch) > 0x2e80 else 1 for ch in header) + 2)


def write_records(records: Iterable[Record], out: IO[str], fmt: str, headers: str = "en") -> int:
    """Stream records to a text stream in ``fmt``; returns how many were written.

    ``csv`` writes the ``reports`` table (the caller opens ``out`` with the BOM);
    ``xlsx`` is binary and goes through ``export`` or ``write_xlsx``. For ``jsonl`` and
    ``json`` a record may come as its JSON text already (``record_json``, made in a worker).
    """
    n = 0
    if fmt == "jsonl":
        for rec in records:
            out.write(json_text(rec) + "\n")
            n += 1
    elif fmt == "json":
        out.write("[")
        for rec in records:
            out.write(("," if n else "") + "\n" + json_text(rec))
            n += 1
        out.write("\n]\n")
    elif fmt == "csv":
        n = write_csv_table(records, out, "reports", headers)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return n


def csv_writes_directory(output: str) -> bool:
    """``-o`` for CSV names a directory of tables unless it is stdout or ends in .csv."""
    return output != "-" and not output.lower().endswith(".csv")


def export(records: Iterable[Record], output: str, fmt: str, *, stdout: IO[str] | None = None,
           append: bool = False, headers: str | None = None, newline: str | None = None) -> int:
    """Write ``records`` to ``output`` (a path, or ``-`` for stdout) in ``fmt``.

    ``append`` adds to an existing JSON Lines file (resumed runs), its lines ending in
    ``newline`` when given (the ending of the lines already there); other formats are
    whole documents and always replace the file. ``headers`` ("zh" / "en") lays out the
    tabular formats (headers.py); None: Chinese for xlsx, English for CSV.

    Returns the number of records written. Raises OSError when the output cannot be
    written, ExportError for an unknown format, xlsx to a terminal or a CSV directory
    that is a file.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    stdout = stdout or sys.stdout
    if headers is None:
        headers = "zh" if fmt == "xlsx" else "en"
    if fmt == "xlsx":
        if output == "-":
            if stdout.isatty():
                raise ExportError("xlsx is binary: give a file with -o out.xlsx")
            # a workbook is written whole at the end: spooled to a temporary file, not
            # held in memory, which would grow with the archive
            with tempfile.TemporaryFile() as buf:
                n = write_xlsx(records, buf, headers)
                buf.seek(0)
                stdout.flush()
                shutil.copyfileobj(buf, stdout.buffer)
            stdout.buffer.flush()
            return n
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        return write_xlsx(records, output, headers)
    if fmt == "csv" and csv_writes_directory(output):
        if Path(output).is_file():
            raise ExportError(f"{output} is a file: give a directory for the CSV tables, "
                             "or a name ending in .csv for the reports table only")
        return write_csv_dir(records, output, headers)
    if output == "-":
        if fmt == "csv":
            stdout.write(BOM)
        n = write_records(records, stdout, fmt, headers)
        stdout.flush()
        return n
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    mode = "a" if append and fmt == "jsonl" else "w"
    with open(output, mode, encoding=encoding, newline="" if fmt == "csv" else newline) as f:
        return write_records(records, f, fmt, headers)


def iter_records(path: str | Path) -> Iterator[Record]:
    """Records back from a ``.jsonl`` or ``.json`` file written by ``mrx extract``."""
    with open(path, encoding="utf-8") as f:
        if str(path).lower().endswith(".json"):
            for obj in json.load(f):
                yield Record.model_validate(obj)
            return
        for line in f:
            if line.strip():
                yield Record.model_validate_json(line)


# What an output's extension says about its format (compared case-insensitively).
FORMAT_OF_SUFFIX = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".xlsx": "xlsx"}


def output_format(output: str, fmt: str | None = None) -> str:
    """The format to write ``output`` in: ``fmt`` when given, else the one its extension
    names, else JSON Lines. A ``fmt`` that another known extension contradicts
    (``--format json -o out.csv``) is an ExportError; any other ending (a CSV directory,
    ``-``) goes with any format."""
    if fmt is not None and fmt not in FORMATS:
        raise ExportError(f"unknown --format {fmt!r}: use one of {', '.join(FORMATS)}")
    suffix = Path(output).suffix.lower() if output != "-" else ""
    implied = FORMAT_OF_SUFFIX.get(suffix)
    if fmt is not None and implied is not None and fmt != implied:
        raise ExportError(f"--format {fmt} does not match -o {output} (a {suffix} name): "
                          "drop --format or change the name")
    return fmt or implied or "jsonl"
