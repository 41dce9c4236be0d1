"""Text wrapped at a fixed width: its line breaks inside paragraphs taken out.

Text copied out of a PDF or written by an OCR engine breaks every line at the page's
width: 市政协办公室紧 / 扣民主生活会主题. Matching cannot see through such a break (紧扣 is no
longer two adjacent characters) and a line of a paragraph may look like a title. So a
file whose prose lines are mostly of one width is read with the breaks after its full
lines taken out (folded.py carries the offsets back). The thresholds are data
(``data/layout.toml``, ``[wrap]``).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from operator import sub

from extractor.resources import load_toml
from extractor.text.folded import Folded, fold_out
from extractor.text.layout import is_chrome, is_title
from extractor.text.normalize import normalize
from extractor.text.paragraphs import paragraph_cues


@dataclass(frozen=True)
class WrapCues:
    min_lines: int
    min_share: float
    min_width: int
    min_wrap_width: int
    max_wrap_width: int
    slack: int
    cjk_share: float


@lru_cache(maxsize=1)
def cues() -> WrapCues:
    w = load_toml("layout.toml")["wrap"]
    return WrapCues(int(w["min_lines"]), float(w["min_share"]), int(w["min_width"]), int(w["min_wrap_width"]),
                    int(w["max_wrap_width"]), int(w["slack"]), float(w["cjk_share"]))


def soft_breaks(text: str) -> list[int]:
    """Where the line breaks inside wrapped paragraphs stand (none when the text is not
    wrapped at one width)."""
    c = cues()
    if text.count("\n") < c.min_lines:
        return []
    lines = text.split("\n")
    if not _many_as_long(lines, c):
        return []
    widths = _prose_widths(lines, c)
    full = _wrap_width(widths, c)
    if full is None:
        return []
    ends, numbered = paragraph_cues().ends, paragraph_cues().numbered
    # lines that reach the width and run on into a next line: too few, and it is chance
    run_on = [i for i, w in enumerate(widths[:-1]) if w is not None and abs(w - full) <= c.slack + 2
              and not lines[i].rstrip().endswith(ends)]
    if len(run_on) < c.min_lines:
        return []
    breaks, pos = [], 0
    opening = True  # the line opens a paragraph: indented by two characters, its width less
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        nxt = lines[i + 1]
        w = widths[i]
        joined = w is not None and (abs(w - full) <= c.slack or (opening and abs(w + 2 - full) <= c.slack)) \
            and not line.rstrip().endswith(ends) and bool(nxt.strip()) and not nxt[:1].isspace() \
            and not numbered.match(nxt) and not _kept(line) and not _kept(nxt)
        if joined:
            breaks.append(pos)
        opening = not joined
        pos += 1
    return breaks if len(breaks) >= c.min_lines else []


def _many_as_long(lines: list[str], c: WrapCues) -> bool:
    """A first look by length alone, which most texts fail: enough lines about as long as
    one another (a line may hold up to twice as many characters as it is wide: digits,
    Latin letters)."""
    hist = [0] * (2 * c.max_wrap_width + 1)
    for n, k in Counter(map(len, lines)).items():
        if c.min_width <= n <= 2 * c.max_wrap_width:
            hist[n] = k
    counted = list(accumulate(hist, initial=0))  # counted[n]: lines shorter than n
    # the most lines in a window of lengths ending past min_wrap_width, window by window in C
    window, first = 2 * c.slack + 3, max(0, c.min_wrap_width - 2 * c.slack - 2)
    most = max(map(sub, counted[first + window:], counted[first:]), default=0)
    return most >= c.min_lines and most >= c.min_share * counted[-1]


def _prose_widths(lines: list[str], c: WrapCues) -> list[int | None]:
    """Each line's width when it is prose (min_width long, mostly CJK), else None."""
    widths: list[int | None] = []
    for line in lines:
        stripped = line.strip()
        n = len(stripped)
        # a character above U+07FF takes three bytes in UTF-8 (CJK, full-width forms):
        # counted so in C rather than by a regex per line
        wide = (len(stripped.encode("utf-8", "surrogatepass")) - n) // 2 if n >= c.min_width else 0
        widths.append(round(wide + (n - wide) / 2) if n >= c.min_width and wide >= c.cjk_share * n else None)
    return widths


def _wrap_width(widths: list[int | None], c: WrapCues) -> int | None:
    """The width most prose lines have (give or take ``slack``), when enough have it."""
    counts = Counter(w for w in widths if w is not None)
    if not counts:
        return None
    near = {w: sum(counts.get(w + d, 0) for d in range(-c.slack, c.slack + 1)) for w in counts}
    full = max(near, key=lambda w: (near[w], w))
    if c.min_wrap_width <= full <= c.max_wrap_width and near[full] >= c.min_share * sum(counts.values()):
        return full
    return None


def _kept(line: str) -> bool:
    """A line whose breaks stay: a title as wide as the text, web-page chrome."""
    view = normalize(line)
    return is_title(view) or is_chrome(view)


def unwrap(text: str) -> Folded | None:
    """The text with its soft line breaks taken out; None when it has none."""
    breaks = soft_breaks(text)
    if not breaks:
        return None
    return fold_out(text, [(b, b + 1) for b in breaks], carried=False)
