"""OCR memory stays bounded over many pages (issue 18): each page's image is released before
the next is read, and every model run gives its native memory back (``ocr_memory``).

Memory itself is measured by ``python bench/run.py --reports 0 --ocr-pages N`` (peak RSS),
not here: these tests check the mechanisms, with small pages.
"""
from __future__ import annotations

import gc
import io
import weakref

import pytest

from extractor.io.formats import ocr, ocr_memory


def _pages_of(kind: str, count: int) -> bytes:
    """A ``count``-page scan (``kind``: pdf or tif) of small pages with a dark bar (no text)."""
    from PIL import Image, ImageDraw

    images = []
    for i in range(count):
        image = Image.new("L", (300 + 10 * i, 400), 255)
        ImageDraw.Draw(image).rectangle((40, 40 + 20 * i, 200, 60 + 20 * i), fill=0)
        images.append(image)
    buf = io.BytesIO()
    images[0].save(buf, "PDF" if kind == "pdf" else "TIFF", save_all=True, append_images=images[1:])
    return buf.getvalue()


@pytest.mark.parametrize("kind", ["pdf", "tif"])
def test_each_page_image_is_released_before_the_next_is_read(monkeypatch, kind):
    seen: list[weakref.ref] = []
    alive_at_each_page: list[int] = []

    def fake_recognise(image, number=1, dpi=None, threads=0):
        gc.collect()
        alive_at_each_page.append(sum(ref() is not None for ref in seen))
        seen.append(weakref.ref(image))
        return ocr.OcrPage(number=number, width=image.width, height=image.height, dpi=dpi)

    monkeypatch.setattr(ocr, "recognise", fake_recognise)
    data = _pages_of(kind, 5)
    reader = ocr.pdf_pages(data, []) if kind == "pdf" else ocr.image_pages(data, [])
    pages = list(reader)
    assert [p.number for p in pages] == [1, 2, 3, 4, 5]
    assert alive_at_each_page == [0, 0, 0, 0, 0]  # no earlier page's image is still held


def test_a_releasing_session_frames_every_run_with_releases_and_passes_the_rest_on(monkeypatch):
    events: list[str] = []

    class Session:
        def run(self, outputs, feeds):
            events.append("run")
            return [feeds["x"] * 2]

        def get_inputs(self):
            return ["x"]

    class Broken(Session):
        def run(self, outputs, feeds):
            events.append("run")
            raise RuntimeError("bad input")

    monkeypatch.setattr(ocr_memory, "release", lambda: events.append("release"))
    session = ocr_memory.ReleasingSession(Session())
    assert session.run(None, {"x": 3}) == [6]
    assert session.get_inputs() == ["x"]
    assert events == ["release", "run", "release"]
    events.clear()
    with pytest.raises(RuntimeError):
        ocr_memory.ReleasingSession(Broken()).run(None, {"x": 1})
    assert events == ["release", "run", "release"]  # released even when the run fails


def test_release_without_glibc_does_nothing(monkeypatch):
    monkeypatch.setattr(ocr_memory, "_malloc_trim", lambda: None)
    ocr_memory.release()  # no error


def test_every_ocr_model_releases_memory_around_its_runs(monkeypatch):
    pytest.importorskip("rapidocr_onnxruntime", reason="the OCR extra mrx-reports[ocr] is not installed")
    from PIL import Image, ImageDraw, ImageFont

    from extractor.io.formats import ocr_traditional

    engine = ocr.engine(1)
    models = [engine.text_det, engine.text_cls, engine.text_rec]
    traditional = ocr_traditional.recogniser(1)
    if traditional is not None:
        models.append(traditional)
    for model in models:
        holders = [h for h in vars(model).values() if hasattr(h, "session")]
        assert holders and all(isinstance(h.session, ocr_memory.ReleasingSession) for h in holders)
    # and the releases happen on a real page: one before and one after each model run
    events: list[str] = []
    monkeypatch.setattr(ocr_memory, "release", lambda: events.append("release"))
    for model in models:
        for holder in vars(model).values():
            if isinstance(getattr(holder, "session", None), ocr_memory.ReleasingSession):
                inner = holder.session.session
                monkeypatch.setattr(holder.session, "session", _Counting(inner, events))
    image = Image.new("RGB", (600, 120), "white")
    ImageDraw.Draw(image).text((20, 30), "MEMORY 2024", fill="black", font=ImageFont.load_default(48))
    ocr.recognise(image, threads=1)
    assert events.count("run") >= 2  # the detector and at least the recogniser
    for i, e in enumerate(events):
        if e == "run":
            assert events[i - 1] == "release" and events[i + 1] == "release"


class _Counting:
    """An ONNX Runtime session that notes each run in ``events``."""

    def __init__(self, session, events):
        self.session, self.events = session, events

    def run(self, *args, **kwargs):
        self.events.append("run")
        return self.session.run(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.session, name)
