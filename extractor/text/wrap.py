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

_CJK = compile_regex("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


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
    lines = text.split("\n")
    # a first look by length alone: most texts have lines of every length
    lengths = Counter(n for n in map(len, lines) if n >= c.min_width)
    if len(lines) < c.min_lines or not lengths or \
            max(lengths.values()) * (2 * c.slack + 3) < c.min_lines:
        return []
    widths = []
    for line in lines:
        stripped = line.strip()
        wide = len(_CJK.findall(stripped))
        prose = len(stripped) >= c.min_width and wide >= c.cjk_share * len(stripped) \
            and not is_chrome(normalize(stripped))
        widths.append(round(wide + (len(stripped) - wide) / 2) if prose else None)
    prose_widths = Counter(w for w in widths if w is not None)
    if not prose_widths:
        return []
    near = {w: sum(prose_widths.get(w + d, 0) for d in range(-c.slack, c.slack + 1)) for w in prose_widths}
    full = max(near, key=lambda w: (near[w], w))
    if full < c.min_wrap_width or near[full] < c.min_share * sum(prose_widths.values()):
        return []
    breaks, pos = [], 0
    opening = True  # the line opens a paragraph: indented by two characters, its width less
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        nxt = lines[i + 1]
        w = widths[i]
        joined = w is not None and (abs(w - full) <= c.slack or (opening and abs(w + 2 - full) <= c.slack)) \
            and not line.rstrip().endswith(c.ends) and bool(nxt.strip()) and not c.starts.match(nxt) \
            and not is_title(normalize(line)) and not is_title(normalize(nxt)) and not is_chrome(normalize(nxt))
        if joined:
            breaks.append(pos)
        opening = not joined
        pos += 1
    # wrapped text breaks many lines inside sentences; a few full lines that run on may be chance
    return breaks if len(breaks) >= c.min_lines else []


def unwrap(text: str) -> Folded | None:
    """The text with its soft line breaks taken out; None when it has none."""
    breaks = soft_breaks(text)
    if not breaks:
        return None
    return fold_out(text, [(b, b + 1) for b in breaks], carried=False)
