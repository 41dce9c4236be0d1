"""OCR's native memory kept flat from page to page.

A page's model runs allocate hundreds of MB outside Python (ONNX Runtime's tensors: about
300 MB for the detector on an A4 page, 50–100 MB for each batch of six wide lines). Freed,
that memory stays in glibc's heaps, one per thread (ONNX Runtime's worker threads allocate in
their own), where the next run's larger or differently shaped tensors often cannot reuse it:
the resident size climbed through a page by 150–300 MB, and each page's peak depended on what
earlier pages had left behind (660–880 MiB on the same kind of A4 page), so the peak of a
long scan grew with its page count. So every model run is framed by ``release``: glibc's
heaps are trimmed before it (the page image's preprocessing garbage) and after it (its own
tensors), and a run's peak is what is alive plus its own tensors, whatever ran before (the
price: the next run faults the memory in again, 4–7 % more CPU a page; docs/OCR.md).

Trimming only around the detector's run was tried: the recogniser's batches then pile up
again (a higher peak than before). ONNX Runtime's memory patterns stay on: it keeps one (about
18 KB) for every new input shape, a slow growth, but without them the per-page peak was higher.

Without glibc (``malloc_trim`` missing) ``release`` does nothing.
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _malloc_trim():
    """glibc's ``malloc_trim``, or None where there is none."""
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def release() -> None:
    """Give the freed memory of every glibc heap back to the system."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


class ReleasingSession:
    """An ONNX Runtime session whose every ``run`` is framed by ``release``; everything else
    is the session's own."""

    def __init__(self, session):
        self.session = session

    def run(self, *args, **kwargs):
        release()
        try:
            return self.session.run(*args, **kwargs)
        finally:
            release()

    def __getattr__(self, name):
        return getattr(self.session, name)


def release_around_runs(model) -> int:
    """Make every ONNX Runtime session that RapidOCR's ``model`` (a detector, classifier or
    recogniser) holds release memory around its runs; how many it holds."""
    from rapidocr_onnxruntime.utils import OrtInferSession

    count = 0
    for holder in vars(model).values():
        if isinstance(holder, OrtInferSession):
            if not isinstance(holder.session, ReleasingSession):
                holder.session = ReleasingSession(holder.session)
            count += 1
    return count
