"""The progress bar: drawn on a terminal, silent otherwise, never loses items."""
import io

from extractor.run.progress import progress, wanted


class FakeTTY(io.StringIO):
    def isatty(self):
        return True


def test_silent_when_the_stream_is_not_a_terminal():
    stream = io.StringIO()
    assert not wanted(stream)
    assert list(progress(range(5), total=5, stream=stream)) == [0, 1, 2, 3, 4]
    assert stream.getvalue() == ""


def test_drawn_on_a_terminal(monkeypatch):
    stream = FakeTTY()
    assert wanted(stream, {"TERM": "xterm"})
    assert list(progress(iter(range(3)), total=3, description="extracting", stream=stream)) == [0, 1, 2]
    assert "extracting" in stream.getvalue()
    assert not wanted(stream, {"TERM": "xterm", "MRX_NO_PROGRESS": "1"})
    assert not wanted(stream, {"TERM": "dumb"})


def test_stopping_early_closes_the_bar():
    stream = FakeTTY()
    items = progress(range(10), total=10, stream=stream, enabled=True)
    assert next(items) == 0
    items.close()  # a --fail-fast batch stops consuming
