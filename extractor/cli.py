"""The ``mrx`` command line: thin wrappers over the Python API.

Heavy imports (spaCy, pandas) happen inside the commands so that ``mrx --help`` is quick.
"""
from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import List, Optional

import typer

from .about import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="mrx: turn Chinese party meeting reports (组织生活会 / 民主生活会 召开情况报告) into "
         "validated, grounded records.",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)

# Shared options, declared once (sqlite-utils style).
OutputOption = typer.Option("-", "--output", "-o", help="Output file; '-' is stdout.")
MaxBytesOption = typer.Option(50 * 1024 * 1024, "--max-bytes", help="Refuse input files larger than this.")


def _version(value: bool):
    if value:
        typer.echo(f"mrx {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Print the version and exit.")):
    """mrx: offline extractor for party meeting reports."""


@contextlib.contextmanager
def _open_output(path: str, fmt: str):
    if path == "-":
        yield sys.stdout
        sys.stdout.flush()
    else:
        # CSV carries a BOM so that Excel and WPS open the Chinese text correctly.
        encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding=encoding, newline="" if fmt == "csv" else None) as f:
            yield f


def _fail(message: str, code: int = 2):
    typer.echo(f"mrx: {message}", err=True)
    raise typer.Exit(code)


@app.command()
def extract(
    paths: List[str] = typer.Argument(..., help="Files or directories (searched recursively for .txt); '-' reads stdin."),
    output: str = OutputOption,
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl, json or csv."),
    errors: Optional[str] = typer.Option(
        None, "--errors", help="Where to write the files that gave no record (JSON Lines). "
                               "Default: OUTPUT.errors.jsonl next to the output, or stderr for stdout."),
    max_bytes: int = MaxBytesOption,
    fail_fast: bool = typer.Option(False, "--fail-fast", help="Stop at the first file that fails."),
):
    """Extract one record per report from files, directories or stdin.

    Example: mrx extract samples/ --format jsonl -o out.jsonl

    Exit codes: 0 every file gave records; 2 some files failed (listed in the errors
    file) or the command was used wrongly.
    """
    from .export import FORMATS, write_records

    if fmt not in FORMATS:
        _fail(f"unknown --format {fmt!r}: use one of {', '.join(FORMATS)}")
    results = _results(paths, max_bytes)
    counts = {"files": 0, "reports": 0, "errors": 0}
    failed = []

    def records():
        for result in results:
            counts["files"] += 1
            if result.error:
                counts["errors"] += 1
                failed.append(result.as_error())
                if fail_fast:
                    return
                continue
            counts["reports"] += len(result.records)
            yield from result.records

    try:
        with _open_output(output, fmt) as out:
            write_records(records(), out, fmt)
    except OSError as e:
        _fail(f"cannot write {output}: {e.strerror or e}")
    _write_errors(failed, errors, output)
    typer.echo(f"mrx: {counts['files']} files, {counts['reports']} reports, {counts['errors']} errors", err=True)
    if failed:
        raise typer.Exit(2)


def _results(paths: list[str], max_bytes: int):
    from .api import FileResult, extract_paths, extract_text
    from .reader import InputError, decode

    for p in paths:
        if p == "-":
            try:
                decoded = decode(sys.stdin.buffer.read())
                yield FileResult("-", extract_text(decoded.text, "-", encoding=decoded.encoding,
                                                   sha256=decoded.sha256, warnings=decoded.warnings))
            except InputError as e:
                yield FileResult("-", error=str(e))
        else:
            yield from extract_paths([p], max_bytes=max_bytes)


def _write_errors(failed, errors: str | None, output: str):
    if not failed:
        return
    if errors is None and output != "-":
        errors = output + ".errors.jsonl"
    lines = [e.model_dump_json() for e in failed]
    if errors is None or errors == "-":
        for e in failed:
            typer.echo(f"mrx: {e.path}: {e.error}", err=True)
        return
    Path(errors).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    typer.echo(f"mrx: {len(failed)} files gave no record, listed in {errors}", err=True)


@app.command()
def schema(output: str = OutputOption):
    """Print the JSON Schema of the record, generated from the Pydantic models.

    Example: mrx schema -o record.schema.json
    """
    import json

    from .schema import record_json_schema

    text = json.dumps(record_json_schema(), ensure_ascii=False, indent=2) + "\n"
    if output == "-":
        sys.stdout.write(text)
    else:
        Path(output).write_text(text, encoding="utf-8")


@app.command("eval")
def evaluate_command(
    gold: str = typer.Argument(..., help="Gold file (the devset format: see docs/EVAL.md)."),
    paths: List[str] = typer.Argument(..., help="Inputs to extract, or .jsonl/.json outputs of mrx extract."),
    misses: bool = typer.Option(False, "--misses", help="List every miss."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
):
    """Compare extraction with a gold file: per-field accuracy, P/R/F1, strict and lenient.

    Example: mrx eval tests/corpus/gold.json tests/corpus --misses
    """
    import json

    from .evaluate import evaluate, format_table, load_records

    try:
        with open(gold, encoding="utf-8") as f:
            gold_data = json.load(f)
    except (OSError, ValueError) as e:
        _fail(f"cannot read gold file {gold}: {e}")
    result = evaluate(load_records(paths), gold_data)
    if fmt == "json":
        typer.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    elif fmt == "table":
        typer.echo(format_table(result, misses))
    else:
        _fail(f"unknown --format {fmt!r}: use table or json")


def run():
    app()
