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

from extractor.regex_store import compile_regex
from extractor.resources import load_toml
from extractor.text.folded import Folded, fold_out
from extractor.text.layout import is_chrome, is_title
from extractor.text.normalize import normalize


@dataclass(frozen=True)
class WrapCues:
    min_lines: int
    min_share: float
    min_width: int
    min_wrap_width: int
    slack: int
    cjk_share: float
    ends: tuple[str, ...]
    starts: re.Pattern


@lru_cache(maxsize=1)
def cues() -> WrapCues:
    w = load_toml("layout.toml")["wrap"]
    return WrapCues(int(w["min_lines"]), float(w["min_share"]), int(w["min_width"]), int(w["min_wrap_width"]),
                    int(w["slack"]), float(w["cjk_share"]), tuple(w["ends"]), compile_regex(w["starts"]))


def soft_breaks(text: str) -> list[int]:
    """Where the line breaks inside wrapped paragraphs stand (none when the text is not
    wrapped at one width)."""
    c = cues()
    if text.count("\n") < c.min_lines:
        return []
    lines = text.split("\n")
    # a first look by length alone, which most texts fail: enough lines as long as one
    # another, give or take (a line's digits and Latin letters make it longer than wide)
    lengths = Counter(n for n in map(len, lines) if n >= c.min_width)
    total, window = sum(lengths.values()), 2 * c.slack + 3
    most = max((sum(lengths.get(n + d, 0) for d in range(window)) for n in lengths if n + window > c.min_wrap_width),
               default=0)
    if most < c.min_lines or most < c.min_share * total:
        return []
    widths: list[int | None] = []
    for line in lines:
        stripped = line.strip()
        n = len(stripped)
        # a character above U+07FF takes three bytes in UTF-8 (CJK, full-width forms):
        # counted so in C rather than by a regex per line
        wide = (len(stripped.encode("utf-8", "surrogatepass")) - n) // 2 if n >= c.min_width else 0
        widths.append(round(wide + (n - wide) / 2) if n >= c.min_width and wide >= c.cjk_share * n else None)
    prose_widths = Counter(w for w in widths if w is not None)
    if not prose_widths:
        return []
    near = {w: sum(prose_widths.get(w + d, 0) for d in range(-c.slack, c.slack + 1)) for w in prose_widths}
    full = max(near, key=lambda w: (near[w], w))
    if full < c.min_wrap_width or near[full] < c.min_share * sum(prose_widths.values()):
        return []
    # lines that reach the width and run on into a next line: too few, and it is chance
    run_on = [i for i, w in enumerate(widths[:-1]) if w is not None and abs(w - full) <= c.slack + 2
              and not lines[i].rstrip().endswith(c.ends)]
    if len(run_on) < c.min_lines:
        return []
    breaks, pos = [], 0
    opening = True  # the line opens a paragraph: indented by two characters, its width less
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        nxt = lines[i + 1]
        w = widths[i]
        joined = w is not None and (abs(w - full) <= c.slack or (opening and abs(w + 2 - full) <= c.slack)) \
            and not line.rstrip().endswith(c.ends) and bool(nxt.strip()) and not c.starts.match(nxt) \
            and not _kept(line) and not _kept(nxt)
        if joined:
            breaks.append(pos)
        opening = not joined
        pos += 1
    # wrapped text breaks many lines inside sentences; a few full lines that run on may be chance
    return breaks if len(breaks) >= c.min_lines else []


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
