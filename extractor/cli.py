"""The ``mrx`` command line: thin wrappers over the Python API.

Heavy imports (spaCy, pandas) happen inside the commands so that ``mrx --help`` is quick.
"""
from __future__ import annotations

import contextlib
import enum
import functools
import inspect
import sys
from pathlib import Path
from typing import Any, Callable, List, Optional

import typer

from extractor.about import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="mrx: turn Chinese party meeting reports (组织生活会 / 民主生活会 召开情况报告) into "
         "validated, grounded records.",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    # Plain click help: flags shown without a value type, brackets in help texts kept
    # as written (rich markup would eat '[dask]'), paragraphs rewrapped and \b blocks kept.
    rich_markup_mode=None,
)

# Shared options, declared once (sqlite-utils style).
OutputOption = typer.Option("-", "--output", "-o", help="Output file; '-' is stdout.")
MaxBytesOption = typer.Option(50 * 1024 * 1024, "--max-bytes", help="Refuse input files larger than this.")
MaxReportCharsOption = typer.Option(
    2_000_000, "--max-report-chars", min=1,
    help="Refuse a file holding a report longer than this (characters): the memory budget, about "
         "300 MiB per million characters, so the default keeps a process under 1 GiB.")
ProfileOption = typer.Option(
    None, "--profile", "-p", help="Your own audit checklist (TOML, see extractor/data/profiles/ and "
                                  "audit.load_profile). Default: the built-in checklist of each report's meeting type.")


class OutputFormat(str, enum.Enum):
    """--format of mrx extract (the same as extractor.outputs.export.FORMATS)."""
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class Headers(str, enum.Enum):
    """--headers of mrx extract (the same as extractor.outputs.headers.HEADERS)."""
    zh = "zh"
    en = "en"


class Engine(str, enum.Enum):
    """--engine of mrx extract (the same as extractor.run.engines.ENGINES)."""
    local = "local"
    dask = "dask"


NerOption = typer.Option(
    False, "--ner/--no-ner", envvar="MRX_NER",
    help="Also run the shipped NER model for people without cues (higher recall, about 10x "
         "slower; docs/NER.md). Same as MRX_NER=1.")


def option_group(name: str, build: Callable[..., Any], options: dict[str, tuple[Any, Any]]):
    """A decorator that adds ``options`` ({parameter: (type, typer.Option)}) to a command
    and hands the command one argument ``name`` built from their values (sqlite-utils'
    option-group decorators, for typer, which reads options off the signature)."""
    added = [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=option, annotation=kind)
             for n, (kind, option) in options.items()]

    def decorate(command):
        signature = inspect.signature(command, eval_str=True)
        kept = [p for n, p in signature.parameters.items() if n != name]

        @functools.wraps(command)
        def wrapper(**kwargs):
            values = {n: kwargs.pop(n) for n in options}
            return command(**kwargs, **{name: build(**values)})

        wrapper.__signature__ = signature.replace(parameters=[*kept, *added])
        wrapper.__annotations__ = {p.name: p.annotation for p in (*kept, *added)}
        return wrapper

    return decorate


def settings_options(*, ner: bool):
    """--profile, --max-bytes (and --ner) as one ``settings`` argument (a Settings)."""
    options = {"profile": (Optional[str], ProfileOption), "max_bytes": (int, MaxBytesOption),
               "max_report_chars": (int, MaxReportCharsOption)}
    if ner:
        options["ner"] = (bool, NerOption)
    return option_group("settings", lambda **values: _settings(**values), options)


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
@settings_options(ner=True)
def extract(
    paths: List[str] = typer.Argument(..., help="Files or directories (searched recursively for .txt, .docx, "
                                                ".html/.htm, .mht, .pdf, .rtf, .doc/.wps); '-' reads stdin."),
    output: Optional[str] = typer.Option(
        None, "--output", "-o", help="Output file; '-' is stdout (the default, but with --db nothing "
                                     "is written unless -o is given). For csv: a directory gets one "
                                     "file per table, FILE.csv or '-' the reports table only."),
    fmt: Optional[OutputFormat] = typer.Option(
        None, "--format", "-f", help="xlsx: one sheet per table. Default: the extension of -o "
                                     "(.jsonl, .json, .csv, .xlsx), else jsonl."),
    headers: Optional[Headers] = typer.Option(
        None, "--headers", help="Spreadsheet layout for csv and xlsx: zh (Chinese headers, sheet names "
                                "and values, human columns first, ids last) or en (the tables' own "
                                "column names). Default: zh for xlsx, en for csv."),
    db: Optional[str] = typer.Option(
        None, "--db", help="Also store the tables in a database: sqlite:///reports.db (or a bare "
                           "file path) or a PostgreSQL URL. Files already stored (same sha256) are "
                           "skipped before extraction; a changed file replaces its old rows."),
    errors: Optional[str] = typer.Option(
        None, "--errors", help="Where to write the files that gave no record (JSON Lines). "
                               "Default: OUTPUT.errors.jsonl next to the output, or stderr for stdout."),
    fail_fast: bool = typer.Option(False, "--fail-fast", help="Stop at the first file that fails."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=0, help="Worker processes (0: one per core). The output is the "
                                                           "same as with one process, in the same order."),
    engine: Engine = typer.Option(Engine.local, "--engine", help="local (this machine) or dask (a Dask "
                                                               "cluster; the dask extra: pip install -e '.[dask]' in "
                                                               "the mrx clone; docs/SCALE.md)."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", help="Dask scheduler address for --engine dask (tcp://host:8786). "
                                  "Without it a local cluster of --jobs workers is started."),
    resume: bool = typer.Option(
        False, "--resume", help="Continue an interrupted run into the same -o FILE (jsonl): keep the records "
                                "already written, skip their files (same path and sha256), append the rest."),
    settings=None,
):
    """Extract one record per report from files, directories or stdin.

    The output format follows the extension of -o (.jsonl, .json, .csv, .xlsx).

    \b
    Examples:
      mrx extract samples/ -o out.jsonl
      mrx extract archive/ -o reports.xlsx          (one sheet per table)
      mrx extract archive/ -f csv -o out/tables/    (reports.csv, people.csv, …)
      mrx extract archive/ --db sqlite:///reports.db   (reruns add new files only)
      mrx extract archive/ -j 0 -o out.jsonl --resume  (all cores; after a stop)

    \b
    Exit codes:
      0  every file gave records
      2  some files failed (listed in the errors file), or a usage error
    """
    _refuse_flag_values(paths)
    import os

    from extractor.run.archive import ArchiveError, run_archive
    from extractor.run.progress import progress, wanted

    to_stdout = output == "-" or (output is None and db is None)
    # a bar only when one is drawn: its length costs a walk of the inputs of its own
    show_bar = wanted(environ=os.environ) and not (to_stdout and sys.stdout.isatty())
    try:
        summary = run_archive(paths, output, settings, fmt=fmt and fmt.value, resume=resume, db=db,
                              errors=errors, jobs=jobs, engine=engine.value, scheduler=scheduler, fail_fast=fail_fast,
                              progress=functools.partial(progress, enabled=True) if show_bar else None,
                              headers=headers and headers.value)
    except ArchiveError as e:
        _fail(str(e))
    if summary.database is not None:
        s = summary.database
        typer.echo(f"mrx: database: {s['reports_added']} reports from {s['files_added']} files added, "
                   f"{s['files_skipped']} files already stored, {s['files_replaced']} replaced", err=True)
    if summary.errors_file and summary.errors:
        typer.echo(f"mrx: {summary.errors} files gave no record, listed in {summary.errors_file}", err=True)
    elif not summary.errors_file:
        for e in summary.failed:
            typer.echo(f"mrx: {e.path}: {e.error}", err=True)
    typer.echo(f"mrx: {summary.line()}", err=True)
    if not summary.ok:
        raise typer.Exit(2)


# What a user may write after a flag believing it takes a value (--ner true).
FLAG_VALUES = {"true", "false", "yes", "no", "on", "off", "1", "0"}


def _refuse_flag_values(paths: list[str]):
    """``--ner true`` would read ``true`` as an input file: say that flags take no value."""
    import os

    for p in paths:
        if p.lower() in FLAG_VALUES and not os.path.exists(p):
            _fail(f"{p!r} is not an input file: flags take no value "
                  f"(write --ner, not --ner {p})")


def _settings(profile: str | None, **options):
    """The run's settings, the checklist read and checked once here so that every worker
    gets the same one (a bad checklist is a one-line error before any file is read)."""
    from extractor.fields.audit import ProfileError, load_profile
    from extractor.settings import Settings, SettingsError

    import os

    try:
        # the environment is read here, at the edge, and nowhere in the library
        settings = Settings.build(profile=profile, soffice=os.environ.get("MRX_SOFFICE") or None, **options)
        if settings.profile is not None:
            load_profile(dict(settings.profile))
        return settings
    except (SettingsError, ProfileError) as e:
        _fail(str(e))


@app.command()
def schema(output: str = OutputOption):
    """Print the JSON Schema of the record, generated from the Pydantic models.

    Example: mrx schema -o record.schema.json
    """
    import json

    from extractor.schema import record_json_schema

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

    from extractor.evaluate import evaluate, format_table, load_records

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


@app.command()
def show(
    path: str = typer.Argument(..., help="A report file (.txt), or a .jsonl/.json written by mrx extract."),
    index: Optional[int] = typer.Option(None, "--index", "-i", help="Only the report at this 0-based position in the file."),
    html: Optional[str] = typer.Option(None, "--html", help="Write a self-contained HTML page of the report text "
                                                            "with every extracted span highlighted, instead of the terminal view."),
    max_bytes: int = MaxBytesOption,
):
    """Show a report: its fields and section tree in the terminal, or its spans in HTML.

    Example: mrx show samples/002_65e39421ef2fe7a0.txt

    Example: mrx show samples/000_30de3536cd37ff6c.txt -i 2 --html out/report.html
    """
    from extractor.io.reader import InputError
    from extractor.outputs.show import load_records, render_terminal, write_html

    try:
        records = load_records(path, max_bytes=max_bytes)
    except InputError as e:
        _fail(f"{path}: {e}")
    except (OSError, ValueError) as e:
        _fail(f"cannot read {path}: {getattr(e, 'strerror', None) or e}")
    if index is not None:
        records = [r for r in records if r.source.index == index]
        if not records:
            _fail(f"{path} has no report at index {index}")
    if html:
        try:
            write_html(records, html)
        except OSError as e:
            _fail(f"cannot write {html}: {e.strerror or e}")
        typer.echo(f"mrx: {len(records)} report(s) written to {html}", err=True)
        return
    from rich.console import Console

    console = Console()
    for n, record in enumerate(records):
        if n:
            console.rule()
        render_terminal(record, console)


@app.command()
@settings_options(ner=False)
def audit(
    paths: List[str] = typer.Argument(..., help="Files or directories, as for mrx extract; '-' reads stdin."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
    only_incomplete: bool = typer.Option(False, "--only-incomplete", help="List only the reports that miss a required element."),
    output: str = OutputOption,
    settings=None,
):
    """Check that each report documents the steps its meeting type requires.

    Per report a table (element, required, present, evidence), then a summary: how many
    reports, how many complete, the elements most often missing.

    Example: mrx audit reports/ --profile our_checklist.toml --only-incomplete

    \b
    Exit codes:
      0  every report is complete
      1  some report misses a required element
      2  some files gave no record, or a usage error (bad --profile, --format)
    """
    _refuse_flag_values(paths)
    import json

    from extractor.fields import audit as audit_mod

    if fmt not in ("table", "json"):
        _fail(f"unknown --format {fmt!r}: use table or json")
    rows, failed = [], []
    from extractor.run.archive import input_results

    for result in input_results(paths, settings):
        if result.error:
            failed.append(result)
            continue
        rows.extend(audit_mod.audit_row(r) for r in result.records)
    summary = audit_mod.summarize(rows)
    shown = [r for r in rows if not r["complete"]] if only_incomplete else rows
    if fmt == "json":
        summary["files_failed"] = [f.as_error().model_dump(exclude_none=True) for f in failed]
        text = json.dumps({"reports": shown, "summary": summary}, ensure_ascii=False, indent=2) + "\n"
    else:
        profile = audit_mod.load_profile(dict(settings.profile)) if settings.profile else None
        text = audit_mod.format_table(shown, summary, profile=profile)
    try:
        with _open_output(output, "json") as out:
            out.write(text)
    except OSError as e:
        _fail(f"cannot write {output}: {e.strerror or e}")
    for f in failed:
        typer.echo(f"mrx: {f.as_error().path}: {f.error}", err=True)
    if failed:
        raise typer.Exit(2)
    if summary["incomplete"]:
        raise typer.Exit(1)


@app.command("report")
def report_command(
    source: Optional[str] = typer.Argument(None, help="A .jsonl/.json written by mrx extract (or give --db)."),
    db: Optional[str] = typer.Option(None, "--db", help="Read the records of a database written by mrx extract --db."),
    output: str = typer.Option("dashboard.html", "--output", "-o", help="The HTML file to write."),
    deadline: Optional[str] = typer.Option(None, "--deadline", help="Date by which the meetings had to be held "
                                                                   "(2024-03-31): late and missing units are listed."),
    year: Optional[int] = typer.Option(None, "--year", help="The 年度 the --deadline is for (default: the latest year)."),
    title: Optional[str] = typer.Option(None, "--title", help="The page's title."),
):
    """Write an archive dashboard: one self-contained HTML file that works offline.

    Example: mrx report out/records.jsonl -o dashboard.html --deadline 2024-03-31
    """
    from extractor.outputs.dashboard import DashboardError, load_facts, write_dashboard

    try:
        facts, bad = load_facts(source, db)
        write_dashboard(facts, output, deadline=deadline, deadline_year=year, title=title, source=source or db)
    except DashboardError as e:
        _fail(str(e))
    except OSError as e:
        _fail(f"cannot write {output}: {e.strerror or e}")
    if bad:
        typer.echo(f"mrx: {bad} lines of {source} are not records and were skipped", err=True)
    typer.echo(f"mrx: dashboard of {len(facts)} reports written to {output}", err=True)


def run():
    app()
