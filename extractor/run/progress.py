"""A progress bar for long batches: on stderr, and silent when stderr is not a terminal."""
from __future__ import annotations

import sys
from typing import IO, Iterable, Iterator, Mapping, TypeVar

T = TypeVar("T")


def wanted(stream: IO[str] | None = None, environ: Mapping[str, str] | None = None) -> bool:
    """Is a bar worth drawing on ``stream`` (default stderr): a terminal that draws?
    ``environ``: the caller's environment (TERM=dumb, MRX_NO_PROGRESS switch it off)."""
    stream = stream or sys.stderr
    environ = environ or {}
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        return False
    return tty and environ.get("TERM") != "dumb" and not environ.get("MRX_NO_PROGRESS")


def progress(items: Iterable[T], total: int | None = None, description: str = "extracting",
             *, stream: IO[str] | None = None, enabled: bool | None = None) -> Iterator[T]:
    """Yield ``items``, drawing a bar on ``stream`` (stderr) while they are consumed.

    ``enabled=None`` draws only when ``wanted(stream)``; when nothing is drawn this is a
    plain pass-through, so a batch piped to a file or run in CI prints nothing extra.
    """
    stream = stream or sys.stderr
    if enabled is None:
        enabled = wanted(stream)
    if not enabled:
        yield from items
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
               MofNCompleteColumn(), TimeElapsedColumn()]
    if total:
        columns.append(TimeRemainingColumn())
    with Progress(*columns, console=Console(file=stream), transient=True,
                  redirect_stdout=False, redirect_stderr=False) as bar:
        task = bar.add_task(description, total=total)
        for item in items:
            yield item
            bar.advance(task)
