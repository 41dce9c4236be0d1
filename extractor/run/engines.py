"""Where extraction runs: in this process, in a pool of processes, or on a Dask cluster.

Every engine yields one FileResult per input file **in input order**, so the output is
the same whichever engine ran, and keeps only a bounded window of files in flight, so
memory stays flat however large the archive.

This process always reads the files (cheap next to extraction) and hands their bytes
to the workers: Dask workers need mrx installed, not the archive mounted, and a file
skipped by a resumed run (``skip``) is never sent anywhere.

So that this process does not become the bottleneck of a pool, a run that only writes
JSON asks the workers for their records as JSON text (``as_json``): a few strings come
back instead of pickled Records, which cost more to unpickle here than to extract there.
"""
from __future__ import annotations

import gc
import hashlib
import os
import threading
from collections import deque
from dataclasses import dataclass
from itertools import islice
from typing import Callable, Iterable, Iterator

from extractor.io.reader import DEFAULT_MAX_BYTES, InputError, read_bytes
from extractor.record import record_json
from extractor.run.extract import FileResult, extract_bytes
from extractor.run.inputs import iter_input_files
from extractor.settings import Settings
from extractor.steps import get_reader

ENGINES = ("local", "dask")
# Files sent to a worker at once: enough to hide the cost of a round trip, few enough
# that a pool of two keeps both busy to the end of a small batch.
BATCH_FILES = 16
# Batches in flight per worker: the window that bounds memory.
BATCHES_PER_WORKER = 4

# A short report run once before a pool's workers are forked: the fields compile many of
# their regular expressions on first use (0.2 s of CPU), which the workers then share
# instead of each compiling them again.
WARM_UP_REPORT = ("关于召开2021年度组织生活会情况的报告\n"
                  "2022年1月15日，第一党支部在三楼会议室召开组织生活会，应到党员12名，实到11名，"
                  "1名请假。会议由支部书记张明主持，李华同志作对照检查。\n"
                  "一、存在的问题\n（一）理论学习不够深入，学用结合不紧。\n"
                  "二、整改措施\n1.加强理论学习，每月开展一次集中学习。\n")

# (path, sha256) -> True when an earlier run already holds this file.
SkipTest = Callable[[str, str], bool]


@dataclass
class Payload:
    """One input file as read here: its bytes, or why it could not be read."""

    path: str
    data: bytes | None = None
    error: str | None = None
    skipped: bool = False


def read_payloads(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES,
                  skip: SkipTest | None = None) -> Iterator[Payload]:
    """Expand ``paths`` and read each file; ``skip`` marks files an earlier run finished."""
    for path, problem in iter_input_files(paths):
        if problem:
            yield Payload(path, error=problem)
            continue
        try:
            data = read_bytes(path, max_bytes)
        except InputError as e:
            yield Payload(path, error=str(e))
            continue
        if skip is not None and skip(path, hashlib.sha256(data).hexdigest()):
            yield Payload(path, skipped=True)
        else:
            yield Payload(path, data)


def extract_payload(payload: Payload, settings: Settings = Settings(), nlp=None) -> FileResult:
    """The records of one read file, or its error: never raises for a bad file."""
    if payload.skipped:
        return FileResult(payload.path, skipped=True)
    if payload.error is not None:
        return FileResult(payload.path, error=payload.error)
    try:
        records = extract_bytes(payload.data, payload.path, settings=settings,
                                nlp=nlp or get_reader(settings))
        return FileResult(payload.path, records)
    except InputError as e:
        return FileResult(payload.path, error=str(e))
    except (KeyboardInterrupt, SystemExit):
        raise
    except MemoryError:
        return FileResult(payload.path, error="out of memory while reading this file")
    except RecursionError:
        return FileResult(payload.path, error="structure nested too deeply to read")
    except Exception as e:  # noqa: BLE001 - one file must not stop the batch
        return FileResult(payload.path, error=f"internal error, please report: {type(e).__name__}: {e}")


def as_json_result(result: FileResult) -> FileResult:
    """``result`` with its records turned into their JSON text (``json_lines``)."""
    if result.error is not None or result.skipped:
        return result
    return FileResult(result.path, json_lines=[record_json(r) for r in result.records])


def extract_batch(payloads: list[Payload], settings: Settings, as_json: bool = False) -> list[FileResult]:
    """What a worker runs: a batch of files, in order, with the worker's reader for
    ``settings`` (made once per worker process); ``as_json``: records as JSON text."""
    reader = get_reader(settings)
    results = [extract_payload(p, settings, reader) for p in payloads]
    return [as_json_result(r) for r in results] if as_json else results


def run(paths: Iterable[str], settings: Settings = Settings(), *, jobs: int = 1,
        engine: str = "local", scheduler=None, skip: SkipTest | None = None,
        nlp=None, as_json: bool = False) -> Iterator[FileResult]:
    """Extract every input file with the chosen engine; FileResults in input order.

    ``jobs`` > 1 runs a pool of that many processes here. ``engine="dask"`` sends the
    files to ``scheduler`` (an address such as ``tcp://10.0.0.5:8786``, or a
    ``distributed.Client``); without one it starts a local cluster of ``jobs`` workers.
    ``as_json``: each FileResult carries its records as JSON text (``json_lines``, made
    by whoever extracted them) instead of Records.
    """
    payloads = read_payloads(paths, settings.max_bytes, skip)
    settings = pool_settings(settings, jobs if scheduler is None else 1)
    if engine == "dask":
        yield from _run_dask(payloads, settings, scheduler, jobs, as_json)
    elif engine != "local":
        raise ValueError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    elif jobs > 1:
        yield from _run_pool(payloads, settings, jobs, as_json)
    else:
        yield from _run_here(payloads, settings, nlp, as_json)


def _run_here(payloads: Iterable[Payload], settings: Settings, nlp, as_json: bool) -> Iterator[FileResult]:
    # the reader's hundreds of thousands of objects (patterns, lexicons) live
    # as long as the run: frozen once the first file has made them, the collector stops
    # walking them at every full collection
    frozen = False
    try:
        for payload in payloads:
            result = extract_payload(payload, settings, nlp)
            if not frozen:
                gc.freeze()
                frozen = True
            yield as_json_result(result) if as_json else result
    finally:
        if frozen:
            gc.unfreeze()


def pool_settings(settings: Settings, workers: int) -> Settings:
    """``settings`` for each of ``workers`` processes on this machine: ONNX Runtime would
    start one OCR thread per core in every worker, cores × workers threads on the cores, so
    each gets cores / workers (at least one) unless the caller chose a number."""
    if workers <= 1 or settings.ocr_threads:
        return settings
    return settings.updated(ocr_threads=max(1, (os.cpu_count() or 1) // workers))


def ready_to_fork(settings: Settings = Settings()) -> None:
    """Make, and run once, the reader that a pool's forked workers share."""
    reader = get_reader(settings)
    try:
        reader.read(WARM_UP_REPORT)
    except Exception:  # noqa: BLE001 - only a head start: a failing field fails per file, never the batch
        pass


def _batches(payloads: Iterable[Payload]) -> Iterator[list[Payload]]:
    payloads = iter(payloads)
    while batch := list(islice(payloads, BATCH_FILES)):
        yield batch


def _in_order(submit, payloads: Iterable[Payload], window: int) -> Iterator[FileResult]:
    """Submit batches, at most ``window`` in flight, and yield their results in order."""
    pending: deque = deque()
    for batch in _batches(payloads):
        pending.append(submit(batch))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


# How often a worker checks that the process that started it is still there.
PARENT_CHECK_S = 1.0


def start_worker(parent_pid: int, then=None, *args) -> None:
    """Pool worker start: end with the parent (after kill -9 or SIGTERM of mrx a worker
    would otherwise live on under PID 1), then ``then(*args)`` (load the pipeline).

    On Linux the kernel sends SIGTERM when the parent dies (PR_SET_PDEATHSIG); everywhere
    a daemon thread also checks the parent's pid every PARENT_CHECK_S seconds."""
    _die_with_parent()
    if os.getppid() != parent_pid:  # the parent died before the signal was asked for
        os._exit(1)

    def watch():
        import time

        while os.getppid() == parent_pid:
            time.sleep(PARENT_CHECK_S)
        os._exit(1)

    threading.Thread(target=watch, name="mrx-parent-watch", daemon=True).start()
    if then is not None:
        then(*args)


def _die_with_parent() -> None:
    import signal
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
    except (OSError, AttributeError):  # no prctl (another libc): the watch thread remains
        pass


def _run_pool(payloads: Iterable[Payload], settings: Settings, jobs: int,
              as_json: bool) -> Iterator[FileResult]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork shares the loaded pipeline and starts in milliseconds: the reader is made
    # (and run once) here, before the workers are forked, and the collector is told to
    # leave the objects made so far alone, so that the workers' pages stay shared
    # (copy-on-write). Where fork is missing (Windows, macOS default) the workers import
    # mrx afresh.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if method == "fork":
        ready_to_fork(settings)
        gc.freeze()
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method),
                                 initializer=start_worker, initargs=(os.getpid(), get_reader, settings)) as pool:
            try:
                yield from _in_order(lambda batch: pool.submit(extract_batch, batch, settings, as_json),
                                     payloads, jobs * BATCHES_PER_WORKER)
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    finally:
        if method == "fork":
            gc.unfreeze()


def _run_dask(payloads: Iterable[Payload], settings: Settings, scheduler, jobs: int,
              as_json: bool) -> Iterator[FileResult]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise RuntimeError("the dask engine needs Dask: pip install -e '.[dask]' in the mrx clone") from None

    own_cluster = own_client = None
    if isinstance(scheduler, Client):
        client = scheduler
    else:
        if scheduler is None:
            own_cluster = LocalCluster(n_workers=max(jobs, 1), threads_per_worker=1,
                                       processes=True, dashboard_address=None)
            scheduler = own_cluster
        client = own_client = Client(scheduler)
    try:
        nworkers = max(len(client.scheduler_info().get("workers", {})), 1)
        yield from _in_order(lambda batch: client.submit(extract_batch, batch, settings, as_json, pure=False),
                             payloads, nworkers * BATCHES_PER_WORKER)
    finally:
        if own_client is not None:
            own_client.close()
        if own_cluster is not None:
            own_cluster.close()
