"""Scanned input: page images (.png .jpg .tif …, multi-page TIFF) and PDFs without a text layer.

Recognition is RapidOCR (``rapidocr-onnxruntime``: the PP-OCRv4 Chinese detection and
recognition models and the text-direction classifier ship in its wheel; ONNX Runtime on the
CPU; nothing is downloaded). It is the optional extra ``mrx-reports[ocr]``; without it a scanned
file is refused with a message naming the extra.

Every page becomes an ``OcrPage``: its size in pixels, the clockwise turn that made it
upright, and its text lines with their boxes and confidences. ``extractor.io.page_layout``
turns the pages into the record's text and the map from text offsets to line boxes.

- PDF pages are rendered with PDFium at ``RENDER_DPI``; in a PDF that mixes pages with and
  without a text layer, the text-layer pages give their lines (with boxes) directly, so the
  whole file is grounded on its pages in one coordinate system.
- A page in traditional characters is read by PP-OCRv5's recogniser (``ocr_traditional``);
  every line's reading is corrected where it is certainly wrong (``ocr_correct``), a 文号's
  brackets by the recogniser's own probabilities (``ocr_decode``).
- ``threads``: ONNX Runtime's intra-op threads per model (``Settings.ocr_threads``).
- Orientation: a page whose text boxes stand upright is turned a quarter (which way, the
  direction classifier says from the text); a page whose lines the classifier reads as upside
  down is turned half. Slight skew is absorbed by the detector's rotated boxes.
- Limits: an image above ``MAX_PIXELS`` (decompression bombs), a damaged image, an encrypted
  PDF are one-line errors; pages are decoded, recognised and released one at a time, and
  large ones are scaled down to ``OCR_LONG_SIDE`` first; the models' native memory is given
  back around every run and after every page (``ocr_memory``), so memory does not grow with
  the number of pages.
"""
from __future__ import annotations

import io
import math
import statistics
import warnings as pywarnings
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

from extractor.io.formats import ocr_traditional
from extractor.io.formats.ocr_correct import correct
from extractor.io.formats.ocr_memory import release, release_around_runs
from extractor.io.formats.ocr_traditional import thread_options
from extractor.io.formats.pdf import open_pdf
from extractor.io.reader import InputError

EXTRA = "mrx-reports[ocr]"
INSTALL = f"pip install '{EXTRA}'"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")
# PDF pages are rendered at this resolution: body text (10.5–16 pt) comes out 30–45 px high,
# which the detector finds reliably and the recogniser (48 px lines) reads at full accuracy.
RENDER_DPI = 200
# Larger images are scaled down to this long side before recognition (A4 at 300 dpi is 3508).
OCR_LONG_SIDE = 2400
# Lines are found on the page scaled to this long side (12 pt text at 200 dpi is then 23 px
# high, plenty for the detector, which costs by the pixel); they are read at full size.
DET_LONG_SIDE = 1600
# A box the detector finds is kept when its mean text probability reaches this (RapidOCR's
# default is 0.5): the last line of a paragraph holding one character and its stop (料。)
# scores 0.3–0.5 at DET_LONG_SIDE and was lost; noise boxes let through are dropped by
# MIN_LINE_CONFIDENCE when read.
DET_BOX_THRESHOLD = 0.3
# Images with more pixels are refused (A1 at 300 dpi is 70 M; 20000 × 20000 is 400 M).
MAX_PIXELS = 100_000_000
# PDF pages are rendered at most this many pixels on their long side (a poster-sized page).
MAX_RENDER_SIDE = 4000
# A page whose mean line confidence is below this gets a warning.
LOW_CONFIDENCE = 0.85
# Lines recognised with a lower confidence are noise (a stamp, a smudge) and dropped.
MIN_LINE_CONFIDENCE = 0.5
# Share of detected boxes that must agree before a page is turned.
TURN_SHARE = 0.6


@dataclass
class OcrLine:
    text: str
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in page pixels
    confidence: float
    angle: float = 0.0  # slope of the line's base, radians (positive: falling to the right)


@dataclass
class OcrPage:
    number: int  # 1-based in the file
    width: int
    height: int
    dpi: float | None = None
    rotation: int = 0  # clockwise degrees applied to the source page to make it upright
    lines: list[OcrLine] = field(default_factory=list)
    method: str = "ocr"  # or "text": a PDF page read from its text layer

    @property
    def confidence(self) -> float | None:
        if not self.lines:
            return None
        return sum(ln.confidence for ln in self.lines) / len(self.lines)


def ocr_available() -> bool:
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=2)
def engine(threads: int = 0):
    """The RapidOCR engine (loaded once per process and thread count). ``threads``: ONNX
    Runtime's intra-op threads per model, 0 for its default (one per core). Raises
    InputError without the extra."""
    try:
        import logging

        from rapidocr_onnxruntime import RapidOCR

        from extractor.io.formats.ocr_decode import ContextDecoder
    except ImportError as e:
        if getattr(e, "name", None) in ("rapidocr_onnxruntime", "onnxruntime", "cv2", None) and \
                "cannot open shared object" not in str(e):
            raise InputError(f"scanned input needs OCR, which is not installed: {INSTALL}") from None
        raise InputError(f"OCR cannot start ({e}): on Debian, apt-get install libgl1 libglib2.0-0") from None
    ocr = RapidOCR(**thread_options(threads))
    ocr.text_rec.postprocess_op = ContextDecoder(ocr.text_rec.postprocess_op.character[1:-1])
    ocr.text_det.postprocess_op.box_thresh = DET_BOX_THRESHOLD
    logging.getLogger("RapidOCR").setLevel(logging.WARNING)
    for model in (ocr.text_det, ocr.text_cls, ocr.text_rec):
        release_around_runs(model)
    return ocr


def _turn(image, degrees: int):
    """``image`` turned clockwise by a multiple of 90 degrees."""
    from PIL import Image

    return {0: image, 90: image.transpose(Image.Transpose.ROTATE_270),
            180: image.transpose(Image.Transpose.ROTATE_180),
            270: image.transpose(Image.Transpose.ROTATE_90)}[degrees % 360]


def _detect(array, threads: int = 0):
    """(boxes, crops, flipped) of the text lines; flipped: the classifier's 180° votes."""
    import cv2

    eng = engine(threads)
    height, width = array.shape[:2]
    scale = min(1.0, DET_LONG_SIDE / max(height, width))
    small = array if scale == 1.0 else cv2.resize(array, (round(width * scale), round(height * scale)),
                                                  interpolation=cv2.INTER_AREA)
    boxes, _ = eng.text_det(small)
    if boxes is None or len(boxes) == 0:
        return [], [], []
    boxes = eng.sorted_boxes(boxes / scale)  # lines are cut from the full image: sharper
    crops = eng.get_crop_img_list(array, boxes)
    # the classifier's turns are only votes on the page's orientation: once the page is
    # upright its lines are too, and the classifier does misjudge single lines
    _, cls, _ = eng.text_cls(crops)
    flipped = [label == "180" and score >= 0.9 for label, score in cls]
    return boxes, crops, flipped


def _standing(boxes) -> bool:
    """Most text boxes are taller than wide: the page lies on its side."""
    if len(boxes) < 2:
        return False
    tall = 0
    for b in boxes:
        w = max(abs(b[1][0] - b[0][0]), abs(b[2][0] - b[3][0]))
        h = max(abs(b[3][1] - b[0][1]), abs(b[2][1] - b[1][1]))
        tall += h > 1.5 * w
    return tall >= TURN_SHARE * len(boxes)


def _read(crops: list, threads: int) -> tuple[list[tuple[str, float]], bool]:
    """(text, confidence) of each line image: PP-OCRv4, or PP-OCRv5 for a page in
    traditional characters (``ocr_traditional``); and whether it was the latter."""
    traditional = ocr_traditional.recogniser(threads)
    if traditional is not None:
        longest = sorted(range(len(crops)), key=lambda i: -crops[i].shape[1])[:ocr_traditional.SAMPLE_LINES]
        sample = ocr_traditional.read_lines(traditional, [crops[i] for i in longest])
        if ocr_traditional.is_traditional([text for text, _ in sample]):
            return ocr_traditional.read_lines(traditional, crops), True
    return list(engine(threads).text_rec(crops, False)[0]), False


def _read_again(crop, threads: int, traditional: bool) -> tuple[str, float]:
    if traditional and (rec := ocr_traditional.recogniser(threads)) is not None:
        return ocr_traditional.read_lines(rec, [crop])[0]
    return engine(threads).text_rec([crop], False)[0][0]


def recognise(image, number: int = 1, dpi: float | None = None, threads: int = 0) -> OcrPage:
    """OCR one page image (a PIL image) into an OcrPage; ``threads``: ONNX Runtime's
    intra-op threads (0: one per core)."""
    try:
        return _recognise(image, number, dpi, threads)
    finally:
        # a page's arrays (tens of MB, many sizes) are freed into glibc's heaps, which keep
        # them: without this the resident size grew by 15–35 MiB a page (docs/OCR.md)
        release()


def _recognise(image, number: int, dpi: float | None, threads: int) -> OcrPage:
    import numpy as np

    image = image.convert("RGB")
    scale = OCR_LONG_SIDE / max(image.size)
    if scale < 1:
        image = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))))
        dpi = dpi * scale if dpi else None
    rotation = 0
    array = np.asarray(image)
    boxes, crops, flipped = _detect(array, threads)
    if _standing(boxes):
        # get_crop_img_list turned the standing crops a quarter anticlockwise; the classifier
        # says whether that made them upright (page turned 270° clockwise) or upside down
        rotation = 90 if sum(flipped) >= TURN_SHARE * len(flipped) else 270
    elif flipped and sum(flipped) >= TURN_SHARE * len(flipped):
        rotation = 180
    if rotation:
        image = _turn(image, rotation)
        array = np.asarray(image)
        boxes, crops, flipped = _detect(array, threads)
    page = OcrPage(number=number, width=image.width, height=image.height, dpi=dpi, rotation=rotation)
    if not boxes:
        return page
    results, traditional = _read(crops, threads)
    for i, (text, score) in enumerate(results):
        if not text.strip() or float(score) < MIN_LINE_CONFIDENCE:
            # RapidOCR's batched recognition now and then returns nothing for a line that
            # it reads well alone; and a line may stand upside down on an upright page
            for crop in (crops[i], np.ascontiguousarray(np.rot90(crops[i], 2))):
                again = _read_again(crop, threads, traditional)
                if float(again[1]) > float(results[i][1]):
                    results[i] = again
                if float(results[i][1]) >= MIN_LINE_CONFIDENCE:
                    break
    for box, (text, score) in zip(boxes, results):
        text = text.strip()
        if not text or float(score) < MIN_LINE_CONFIDENCE:
            continue
        xs = [float(p[0]) for p in box]
        ys = [float(p[1]) for p in box]
        (ax, ay), (bx, by) = box[0], box[1]
        angle = math.atan2(float(by - ay), float(bx - ax)) if bx > ax else 0.0
        page.lines.append(OcrLine(correct(text), (min(xs), min(ys), max(xs), max(ys)),
                                  float(score), angle))
    return page


# --- images -------------------------------------------------------------------------------

def _open_image(data: bytes):
    from PIL import Image, UnidentifiedImageError

    with pywarnings.catch_warnings():
        pywarnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise InputError(f"image too large: above {MAX_PIXELS // 1_000_000} million pixels "
                             f"(decompression-bomb limit)") from None
        except UnidentifiedImageError:
            raise InputError("damaged or unreadable image (binary content that no image decoder "
                             "accepts)") from None
        except Exception as e:  # noqa: BLE001 - Pillow raises many kinds on damaged headers
            raise InputError(f"damaged or unreadable image (binary content: {e})") from None
    return image


def _check_size(image, number: int) -> None:
    w, h = image.size
    if w * h > MAX_PIXELS:
        raise InputError(f"image{'' if number == 1 else f' page {number}'} too large: {w}×{h} pixels, above "
                         f"the limit of {MAX_PIXELS // 1_000_000} million (decompression-bomb limit)")
    if w < 8 or h < 8:
        raise InputError(f"image too small to hold text ({w}×{h} pixels)")


def image_pages(data: bytes, warnings: list[str], threads: int = 0) -> Iterator[OcrPage]:
    """OCR every frame of an image file (several for a multi-page TIFF), one at a time."""
    from PIL import ImageOps

    image = _open_image(data)
    number = 0
    while True:
        number += 1
        _check_size(image, number)
        declared = image.size
        dpi = image.info.get("dpi")
        dpi = float(dpi[0]) if isinstance(dpi, tuple) and dpi and dpi[0] else None
        try:
            if image.format == "JPEG":  # decode at a reduced size when that is all we need
                image.draft("RGB", (OCR_LONG_SIDE, OCR_LONG_SIDE))
            frame = ImageOps.exif_transpose(image) if number == 1 else image.copy()
            frame.load()
        except Exception as e:  # noqa: BLE001 - truncated or damaged pixel data
            if number == 1 and getattr(image, "n_frames", 1) == 1:
                raise InputError(f"damaged or truncated image ({e})") from None
            warnings.append(f"page {number}: damaged image data, skipped ({e})")
        else:
            if dpi:  # the frame may be smaller than declared (JPEG draft)
                dpi *= max(frame.size) / max(declared)
            yield recognise(frame, number, dpi, threads)
            del frame
        try:
            image.seek(number)
        except EOFError:
            break
        except Exception as e:  # noqa: BLE001 - a damaged later frame ends the file
            warnings.append(f"page {number + 1} and after: damaged image data, skipped ({e})")
            break


# --- PDF ------------------------------------------------------------------------------------

def _has_text(textpage) -> bool:
    count = textpage.count_chars()
    return count > 0 and bool(textpage.get_text_range(0, count).strip())


def pdf_pages_without_text(data: bytes) -> tuple[int, list[int]]:
    """(page count, 1-based numbers of the pages without a text layer); (0, []) when the
    PDF cannot be opened (the text reader then says why)."""
    try:
        pdf = open_pdf(data)
    except InputError:
        return 0, []
    try:
        n = len(pdf)
        empty = []
        for index in range(n):
            try:
                page = pdf[index]
                textpage = page.get_textpage()
                if not _has_text(textpage):
                    empty.append(index + 1)
                textpage.close()
                page.close()
            except Exception:  # noqa: BLE001 - a damaged page: the readers report it
                continue
        return n, empty
    finally:
        pdf.close()


def _text_layer_lines(textpage, page_height: float, scale: float) -> list[OcrLine]:
    """The text layer's lines with their boxes, in pixels of the page rendered at ``scale``."""
    import re

    count = textpage.count_chars()
    text = textpage.get_text_range(0, count)
    geometry = len(text) == count
    lines = []
    pos = 0
    for m in list(re.finditer(r"\r\n|\n|\r", text)) + [None]:
        end = m.start() if m else len(text)
        line = text[pos:end]
        if line.strip():
            box = None
            if geometry:
                xs0, ys0, xs1, ys1 = [], [], [], []
                for i in range(pos, end):
                    if text[i].isspace():
                        continue
                    left, bottom, right, top = textpage.get_charbox(i)
                    xs0.append(left), ys0.append(bottom), xs1.append(right), ys1.append(top)
                if xs0:
                    box = (min(xs0) * scale, (page_height - max(ys1)) * scale,
                           max(xs1) * scale, (page_height - min(ys0)) * scale)
            if box is not None:
                lines.append(OcrLine(line.strip(), box, 1.0))
        pos = m.end() if m else len(text)
    return lines


def pdf_pages(data: bytes, warnings: list[str], dpi: int = RENDER_DPI, threads: int = 0) -> Iterator[OcrPage]:
    """Every page of a PDF: text-layer pages as they are, the others rendered and OCR'd."""
    pdf = open_pdf(data)
    try:
        n = len(pdf)
        if n == 0:
            raise InputError("PDF without pages")
        for index in range(n):
            try:
                page = pdf[index]
                width, height = page.get_size()
                scale = min(dpi / 72, MAX_RENDER_SIDE / max(width, height, 1))
                textpage = page.get_textpage()
                if _has_text(textpage):
                    out = OcrPage(number=index + 1, width=round(width * scale), height=round(height * scale),
                                  dpi=scale * 72, lines=_text_layer_lines(textpage, height, scale), method="text")
                    textpage.close()
                else:
                    textpage.close()
                    bitmap = page.render(scale=scale, rotation=0)
                    image = bitmap.to_pil()
                    bitmap.close()
                    out = recognise(image, index + 1, scale * 72, threads)
                    del image
                page.close()
            except InputError:
                raise
            except Exception as e:  # noqa: BLE001 - one damaged page must not lose the others
                warnings.append(f"page {index + 1} unreadable ({e})")
                continue
            yield out
    finally:
        pdf.close()


def page_warnings(pages: list[OcrPage]) -> list[str]:
    """Warnings about blank pages and pages read with low confidence."""
    out = []
    blank = [p.number for p in pages if not p.lines]
    if blank and len(blank) < len(pages):
        out.append(f"no text found on page{'s' if len(blank) > 1 else ''} "
                   f"{', '.join(map(str, blank[:10]))}{' …' if len(blank) > 10 else ''} (blank?)")
    for p in pages:
        if p.method == "ocr" and p.lines:
            mean = statistics.fmean(ln.confidence for ln in p.lines)
            if mean < LOW_CONFIDENCE:
                out.append(f"page {p.number}: low OCR confidence (mean {mean:.2f}); check the text")
    turned = [p for p in pages if p.rotation]
    for p in turned[:5]:
        out.append(f"page {p.number} was turned {p.rotation}° to read it")
    return out


def page_image(data: bytes, number: int, rotation: int, size: tuple[int, int], longest: int = 1200):
    """Page ``number`` of a scanned file as recognised (turned upright), for display: the
    page of ``size`` (width, height) scaled to at most ``longest`` pixels. Raises InputError."""
    from PIL import Image, ImageOps

    if data[:1024].find(b"%PDF-") >= 0:
        pdf = open_pdf(data)
        try:
            page = pdf[number - 1]
            width, height = page.get_size()
            bitmap = page.render(scale=longest / max(width, height))
            image = bitmap.to_pil()
            bitmap.close()
            page.close()
        finally:
            pdf.close()
    else:
        image = _open_image(data)
        _check_size(image, number)
        try:
            image.seek(number - 1)
            image = ImageOps.exif_transpose(image) if number == 1 else image.copy()
            image.thumbnail((longest, longest))
        except Exception as e:  # noqa: BLE001 - damaged pixel data
            raise InputError(f"damaged image ({e})") from None
    image = _turn(image.convert("RGB"), rotation)
    scale = min(1.0, longest / max(size))
    return image.resize((max(1, round(size[0] * scale)), max(1, round(size[1] * scale))),
                        Image.Resampling.LANCZOS)
