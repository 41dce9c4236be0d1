"""Meeting date: the day the meeting was held (not the signing date, not a notice's).

Every date expression in the report's view is a candidate: 2022年1月15日, ２０２２年１月１５日
(folded to ASCII in the view), 二〇二二年一月十二日, 12月28日, 2022.1.15, ranges
(10月18日至19日 → the 18th), masked forms (××××年×月××日 in the view), and the short or
broken forms of news items: a month alone (于2月份 / 1月下旬 / 12月底召开), a day alone
opening a sentence (20日，…召开) or before the time of day or 召开 with the meeting named
(市政协党组20日召开…生活会), a day before the time of day without 日 (4月23晚), a 月 lost
between month and day (2017年310日, 1210日) when only one cut of the digits is a date.
Candidates that are a document's date are dropped: inside 《》 or 〔〕, followed by 印发 /
下发 / 通知, a date alone on its line (the signing date under the report), a line that is a
unit name and a date among the last lines, a deadline (…前, 截至…, 自… unless a span of days follows). The
others are scored by the cues around them (data/dates.toml): a "会议时间：" label, 召开 /
举行 and 生活会 after it in the same sentence (not when another meeting is named first: 召开
书记例会，部署组织生活会), 于 before it, a time of day, the section it sits in. The best one
at or above ``min_score`` is the meeting date.

A date written without its year gets one only when that is certain (RECORD.md): from the
年度 the meeting reviews (December → that year, January → the next) or from a title
naming the year of a 专题 meeting. Masked dates are reported with nulls and
``redacted: true``; their year is never inferred.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.fields.year import follows_up, year_cues
from extractor.regex_store import compile_regex
from extractor.text.normalize import MASK_CLASS
from extractor.text.numerals import parse_int, parse_year
from extractor.match.gates import first_char_gated
from extractor.match.patterns import word_trie
from extractor.report import Report
from extractor.resources import load_toml

# the report facts read, filled by earlier components
READS = ("title", "sections")

_M = MASK_CLASS
_YEAR = rf"(?:[0-9〇零一二三四五六七八九O]{{4}}|{_M}{{2,4}}|某|[0-9]{{2}}{_M}{{1,2}}|[0-9]{{3}}{_M})"
_MONTH = rf"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]|元|{_M}{{1,2}}|[01]?{_M})"
_DAY = rf"(?:3[01]|[12][0-9]|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九]|[廿卅][一二三四五六七八九]?|{_M}{{1,2}}|[0-3]{_M})"
_DASH = r"(?:至|到|—{1,2}|-|~|–|－)"
# A day: [year 年] month 月 day 日 [至 [month 月] day 日], or a month with its year: 2022年1月.
# A time of day right after a day written without 日 (4月23晚, 3月5上午) ends the day.
_DAY_TIME = r"(?:上午|下午|中午|晚上|晚|早上)"
_DATE_RE = compile_regex(
    rf"(?<![0-9〇零一二三四五六七八九十×])"
    rf"(?:(?P<y>{_YEAR})\s*年\s*)?(?P<m>{_MONTH})\s*月\s*(?P<d>{_DAY})"
    rf"(?:\s*[日号](?:\s*{_DASH}\s*(?:{_MONTH}\s*月\s*)?{_DAY}\s*[日号])?"
    rf"|\s*(?:{_DASH}|、)\s*{_DAY}\s*[日号]|(?={_DAY_TIME}))"
    rf"|(?<![0-9〇零一二三四五六七八九十×])(?P<my>{_YEAR})\s*年\s*(?P<mm>{_MONTH})\s*月(?:份)?"
    # a month alone, said to be one or a part of one (于2月份 / 1月下旬 / 12月底召开): its day unknown
    rf"|(?<![0-9〇零一二三四五六七八九十×年])(?P<bm>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月"
    rf"(?:份|[上中下]{{1,2}}旬|底|初)(?:\s*{_DASH}\s*(?:{_MONTH}\s*月)?(?:份|[上中下]{{1,2}}旬|底|初))?"
)
# A day whose 月 was lost (2017年310日, 1210日中午, 2021316日, 201482日): three or four digits
# (two right after a year without 年) read as month and day when only one reading is a valid
# date; after 年, or where a clause starts.
_GLUED_RE = compile_regex(
    r"(?:(?<![0-9])(?P<gy>(?:19|20)[0-9]{2})\s*年?\s*|(?<=^)|(?<=[\s(),:;。!?\]】）]))"
    r"(?P<gmd>[0-9]{3,4}|(?<=(?:19|20)[0-9]{2})[0-9]{2})\s*日"
)
# A day alone (month and year unknown): opening a line or sentence (20日，市政协党组召开……),
# or right before the time of day or the verb holding the meeting, the meeting named in the
# sentence (市政协党组20日召开……生活会, 于18日上午召开……), never after a month, a numeral
# or 第 / 每 / 前.
_BARE_DAY = r"(?P<bd>3[01]|[12][0-9]|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*日"
_BARE_DAY_RE = compile_regex(rf"(?:^|(?<=[\n。]))[ \t]*{_BARE_DAY}(?=\s*(?:{_DAY_TIME}|[,，]))")
_INLINE_DAY_RE = compile_regex(
    rf"(?<![0-9〇零一二三四五六七八九十廿卅月第每前后近])(?<![0-9]\s){_BARE_DAY}"
    rf"(?=\s*(?:{_DAY_TIME}|召开|举行|组织召开)[^。\n]{{0,60}}?(?:生活会|民主评议))")
_RANGE_RE = compile_regex(rf"[日号]\s*{_DASH}")
# Numeric: 2022.1.15, 2022-01-15, 2022/1/15.
_NUMERIC_RE = compile_regex(
    r"(?P<ny>(?:19|20)[0-9]{2})(?<![0-9.][0-9]{4})\s*(?P<sep>[./-])\s*(?P<nm>1[0-2]|0?[1-9])\s*(?P=sep)"
    r"\s*(?P<nd>3[01]|[12][0-9]|0?[1-9])(?![0-9.])"
)
# Every date expression has a 月 (or is numeric): the regex runs only around them.
_BEFORE_MONTH = 14
_AFTER_MONTH = 24
_SENTENCE_END = "。！？!?\n"
_COMMA = "，,；;"
_ANNUAL_RE = compile_regex(rf"(?P<y>{_YEAR})\s*年度")
_CLAUSE_PUNCT = compile_regex(r"[，,。；;:：]")
_AFTER_TITLE = compile_regex(r"》\s*[(]?\s*$")
_TITLE_YEAR_RE = compile_regex(rf"(?<![0-9])(?P<y>{_YEAR})\s*年(?!度)")
_SENTENCE_END_RE = compile_regex(f"[{re.escape(_SENTENCE_END)}]")
_STRIPPED = " ()[]【】"
# How much of a date's line (characters each side) its cues are read in: a cue further
# away in one line is no cue, and reading whole lines made one long line quadratic.
_LINE_WINDOW = 200
# how far before a date the end of a span's first day and its dash may stand (12月1至)
_SPAN_MARK = 12


class _Lines:
    """Line and sentence bounds of a view, found by bisecting positions listed once."""

    def __init__(self, view: str, report: Report | None = None):
        """``report``: the report whose view this is (its stops are listed once)."""
        self.view = view
        if report is not None:
            self.stops = report.stops(_SENTENCE_END)
            self.newlines = report.stops("\n")  # listed already, for the sentence ends
        else:
            self.newlines = [m.start() for m in re.finditer("\n", view)]
            self.stops = [m.start() for m in _SENTENCE_END_RE.finditer(view)]
        self._punct: dict[int, bool] = {}

    def line(self, start: int, end: int) -> tuple[int, int]:
        """(start of the line holding ``start``, the newline at or after ``end``)."""
        i = bisect.bisect_left(self.newlines, start)
        j = bisect.bisect_left(self.newlines, end, i)
        return (self.newlines[i - 1] + 1 if i else 0), (self.newlines[j] if j < len(self.newlines) else len(self.view))

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        i = bisect.bisect_left(self.stops, start)
        j = bisect.bisect_left(self.stops, end, i)
        return (self.stops[i - 1] + 1 if i else 0), (self.stops[j] if j < len(self.stops) else len(self.view))

    def has_clause_punct(self, line_start: int, line_end: int) -> bool:
        if line_start not in self._punct:
            self._punct[line_start] = _CLAUSE_PUNCT.search(self.view, line_start, line_end) is not None
        return self._punct[line_start]


def _only_stripped(view: str, start: int, end: int) -> bool:
    """Is ``view[start:end]`` nothing but blanks and brackets? (Reads the window first.)"""
    if view[max(start, end - _LINE_WINDOW):end].strip(_STRIPPED):
        return False
    return not view[start:end].strip(_STRIPPED)


def _line_label_before(cues: "_Cues", view: str, line_start: int, pos: int) -> bool:
    """Is the line up to ``pos`` only a label (时间：)? Only blanks may precede the label, so
    a long stretch of other text before it settles the question without a search."""
    if pos - line_start > _LINE_WINDOW and view[line_start:pos - _LINE_WINDOW].strip():
        return False
    return cues.line_label.search(view[line_start:pos]) is not None



@dataclass(frozen=True)
class _Cues:
    data: dict
    label: re.Pattern
    line_label: re.Pattern
    held: re.Pattern
    meeting: re.Pattern
    meeting_weak: re.Pattern
    other: re.Pattern
    joined: re.Pattern
    at: re.Pattern
    time_of_day: re.Pattern
    notice: re.Pattern
    period_after: re.Pattern
    period_before: re.Pattern
    range_end_before: re.Pattern
    timestamp_after: re.Pattern
    section_meeting: re.Pattern
    section_prep: re.Pattern
    themed: re.Pattern
    annual_near: re.Pattern
    relay_before: re.Pattern
    attributive_after: re.Pattern
    cited_before: re.Pattern


@lru_cache(maxsize=1)
def date_cues() -> _Cues:
    data = load_toml("dates.toml")
    c, x, y = data["cues"], data["exclude"], data["year"]
    within = int(data["context"]["notice_within"])
    return _Cues(
        data=data,
        label=compile_regex(rf"(?:{word_trie(c['label'])})\s*[】\]]?\s*[:为是]?\s*$"),
        line_label=compile_regex(rf"(?:^|\n)\s*[【\[]?\s*(?:{word_trie(c['line_label'])})\s*(?:[】\]]\s*:?|:)\s*$"),
        held=compile_regex(word_trie(c["held"])),
        meeting=compile_regex(word_trie(c["meeting"])),
        meeting_weak=compile_regex(word_trie(c["meeting_weak"])),
        other=compile_regex(f"(?:{word_trie(c['other_meeting'])})(?!{word_trie(c['other_meeting_place'])})"),
        joined=compile_regex(word_trie(c["joined"])),
        at=compile_regex(rf"(?:{word_trie(c['at'])})\s*$"),
        time_of_day=compile_regex(rf"^\s*(?:[(]?(?:{word_trie(c['time_of_day'])})|[0-9]{{1,2}}\s*[:时点]|[一二三四五六七八九十]{{1,3}}\s*[时点])"),
        notice=compile_regex(rf"^[^{_COMMA}。\n]{{0,{within}}}?(?:{word_trie(x['notice_after'])})"),
        period_after=compile_regex(rf"^\s*(?:{word_trie(x['period_after'])})"),
        period_before=compile_regex(rf"(?:{word_trie(x['period_before'])})\s*$"),
        range_end_before=compile_regex(x["range_end_before"]),
        timestamp_after=compile_regex(x["timestamp_after"]),
        section_meeting=compile_regex(word_trie(c["section_meeting"])),
        section_prep=compile_regex(word_trie(c["section_prep"])),
        themed=compile_regex(word_trie(y["themed"])),
        relay_before=compile_regex(word_trie(c["relay_before"])),
        attributive_after=compile_regex(rf"^[^{_COMMA}]{{0,12}}?(?:{word_trie(c['attributive_after'])})"),
        cited_before=compile_regex(word_trie(y["cited_before"])),
        # (scanned over the view: its year opens with a choice of character classes, which
        # gives the engine no first character to skip ahead with, so a look at them leads)
        annual_near=first_char_gated(
            rf"(?P<y>{_YEAR})\s*年度[^。\n]{{0,{int(y['annual_window'])}}}?生活会"),
    )


@dataclass
class _Candidate:
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    has_year: bool
    has_day: bool
    redacted: bool
    score: float = 0.0


def _matches(view: str) -> list[re.Match]:
    """The date expressions of the view, in order (the regex runs near each 月 only)."""
    found = []
    last = 0
    i = view.find("月")
    while i != -1:
        if i >= last:
            m = _DATE_RE.search(view, max(last, i - _BEFORE_MONTH), i + _AFTER_MONTH)
            while m is not None and m.end() <= i:
                m = _DATE_RE.search(view, m.end(), i + _AFTER_MONTH)
            if m is not None and m.start() <= i:
                found.append(m)
                last = m.end()
        i = view.find("月", i + 1)
    if "." in view or "/" in view or "-" in view:  # a numeric date has one of its separators
        found.extend(_NUMERIC_RE.finditer(view))
    found.sort(key=lambda m: m.start())
    if "日" in view:
        # the short forms, where no full date expression already reads the same characters
        # (the 28日 of 12月27日至28日)
        starts = [m.start() for m in found]
        ends = [m.end() for m in found]
        days = set()  # a day both short forms read
        for pattern, matches in _short_forms(view):
            for m in matches:
                i = bisect.bisect_right(starts, m.end() - 1) - 1
                if i >= 0 and ends[i] > m.start():
                    continue
                day = m.start("bd") if pattern is not _GLUED_RE else m.start()
                if day not in days:
                    days.add(day)
                    found.append(m)
        found.sort(key=lambda m: m.start())
    return found


_SHORT_FORMS = (_GLUED_RE, _BARE_DAY_RE, _INLINE_DAY_RE)
# What a short form holds before its 日, besides blanks: digits, Chinese numerals, 年.
_SHORT_FORM_CHARS = frozenset("0123456789一二三四五六七八九十年")


def _short_forms(view: str) -> list[tuple[re.Pattern, list[re.Match]]]:
    """Each short-form regex with its matches in the view, the ones ``finditer`` finds.

    Searched over the whole view, these lookbehind-led regexes are tried at every
    position. But a match ends at a 日 and holds no other, and what it holds before that
    日 is all _SHORT_FORM_CHARS or blanks: so the match ending at a 日, if any, starts in
    the run of such characters just before it, at its leftmost start there. Only those
    few starts are tried.
    """
    out = [(pattern, []) for pattern in _SHORT_FORMS]
    day = view.find("日")
    while day != -1:
        run = day
        while run and (view[run - 1] in _SHORT_FORM_CHARS or view[run - 1].isspace()):
            run -= 1
        for pattern, matches in out:
            for start in range(run, day):
                m = pattern.match(view, start)
                if m is not None:
                    matches.append(m)
                    break
        day = view.find("日", day + 1)
    return out


def _masked(s: str | None) -> bool:
    return bool(s) and ("×" in s or "某" in s)


def _month(s: str) -> int | None:
    return 1 if s == "元" else parse_int(s)


def _glued(digits: str) -> tuple[int, int] | None:
    """(month, day) of 310 / 1210 when exactly one way of cutting the digits is a date."""
    cuts = [(digits[:k], digits[k:]) for k in (1, 2) if 1 <= len(digits) - k <= 2]
    valid = {(int(mo), int(d)) for mo, d in cuts if 1 <= int(mo) <= 12 and 1 <= int(d) <= 31}
    return valid.pop() if len(valid) == 1 else None


def _candidate(m: re.Match) -> _Candidate | None:
    if m.re is _GLUED_RE:
        md = _glued(m.group("gmd"))
        if md is None:
            return None
        year = parse_year(m.group("gy")) if m.group("gy") else None
        return _Candidate(m.start(), m.end(), year, md[0], md[1], m.group("gy") is not None, True, False)
    if m.re is _BARE_DAY_RE or m.re is _INLINE_DAY_RE:
        day = parse_int(m.group("bd"))
        if day is None or not 1 <= day <= 31:
            return None
        return _Candidate(m.start("bd"), m.end(), None, None, day, False, True, False)
    if m.re is _NUMERIC_RE:
        y, mo, d = m.group("ny"), m.group("nm"), m.group("nd")
    elif m.group("my"):
        y, mo, d = m.group("my"), m.group("mm"), None
    elif m.group("bm"):
        y, mo, d = None, m.group("bm"), None
    else:
        y, mo, d = m.group("y"), m.group("m"), m.group("d")
    parts = [p for p in (y, mo, d) if p is not None]
    redacted = any(_masked(p) for p in parts)
    year = None if y is None or _masked(y) else parse_year(y)
    if y is not None and not _masked(y) and year is None:
        return None
    month = None if _masked(mo) else _month(mo)
    if not _masked(mo) and (month is None or not 1 <= month <= 12):
        return None
    day = None
    if d is not None and not _masked(d):
        day = parse_int(d)
        if day is None or not 1 <= day <= 31:
            return None
    return _Candidate(m.start(), m.end(), year, month, day, y is not None, d is not None, redacted)


def _inside(view: str, line_start: int, pos: int, open_: str, close: str) -> bool:
    return view.rfind(open_, line_start, pos) > view.rfind(close, line_start, pos)


def _is_document_date(view: str, c: _Candidate, tail_start: int, lines: _Lines | None = None,
                      ends_span: bool = False) -> bool:
    """The signing date, a cited notice's date, or a date that is not a day of events;
    ``ends_span``: the date is the last day of a span (``_ends_span``)."""
    cues = date_cues()
    lines = lines or _Lines(view)
    line_start, line_end = lines.line(c.start, c.end)
    near_start = max(line_start, c.start - _LINE_WINDOW)
    near_end = min(line_end, c.end + _LINE_WINDOW)
    for open_, close in (("《", "》"), ("〔", "〕"), ("【", "】"), ("﹝", "﹞"), ("[", "]")):
        if _inside(view, near_start, c.start, open_, close):
            return True
    before = view[near_start:c.start]
    if cues.timestamp_after.match(view, c.end, near_end):
        return True  # a page's time stamp, labelled 时间： or not
    if cues.label.search(before) or _line_label_before(cues, view, line_start, c.start):
        return False  # "会议时间：…" is the meeting's
    if _only_stripped(view, line_start, c.start) and not view[c.end:line_end].strip(_STRIPPED):
        return True  # a date alone on its line: the signing date (or an issue date)
    if c.start >= tail_start and not view[c.end:line_end].strip() \
            and not lines.has_clause_punct(line_start, line_end):
        return True  # "中共××支部委员会 2022年1月20日" closing the report
    if _AFTER_TITLE.search(before):
        return True  # 《…通知》（2021年12月20日）
    after = view[c.end:near_end]
    if cues.notice.search(after) or cues.period_after.search(after):
        return True
    if cues.period_before.search(before) and not _RANGE_RE.search(view, c.start, c.end):
        return True  # 自/从 a day: the start of a period, unless the days it spans are given (自3月5日至12日)
    return ends_span


def _ends_span(view: str, c: _Candidate, lines: _Lines) -> bool:
    """The last day of a span whose first day is written before it (12月1至12月8日)."""
    line_start, _ = lines.line(c.start, c.end)
    return date_cues().range_end_before.search(view, max(line_start, c.start - _SPAN_MARK), c.start) is not None


def _tail_start(view: str) -> int:
    """Where the last three non-blank lines begin (the signature block, if any)."""
    pos = len(view)
    count = 0
    while pos > 0 and count < 3:
        nl = view.rfind("\n", 0, pos - 1)
        line = view[nl + 1:pos]
        if line.strip():
            count += 1
        pos = nl + 1 if nl >= 0 else 0
        if nl < 0:
            break
    return pos


def _score(report: Report, c: _Candidate, next_start: int, first: bool,
           lines: _Lines | None = None, headings: list[str] | None = None) -> float:
    cues = date_cues()
    data = cues.data
    cfg, ctx = data["cues"], data["context"]
    view = report.view
    lines = lines or _Lines(view)
    s_start, s_end = lines.sentence(c.start, c.end)
    pre = view[max(s_start, c.start - int(ctx["before"])):c.start]
    post = view[c.end:min(s_end, c.end + int(ctx["after"]), next_start)]
    score = 0.0
    line_start, _ = lines.line(c.start, c.end)
    if cues.label.search(pre) or _line_label_before(cues, view, line_start, c.start):
        score += cfg["label_score"]
    if cues.held.search(post):
        score += cfg["held_score"]
    meet = cues.meeting.search(post)
    other = cues.other.search(post)
    if meet is not None and other is not None and other.start() < meet.start() \
            and not cues.joined.search(post, other.end(), meet.start()):
        meet = None  # 召开支部书记例会，部署组织生活会: the meeting named is the other's business
    if meet or cues.meeting.search(pre):
        score += cfg["meeting_score"]
    elif cues.meeting_weak.search(post):
        score += cfg["meeting_weak_score"]
    if other and (meet is None or other.start() < meet.start()):
        score += cfg["other_meeting_score"]
    clause = pre[max(pre.rfind(ch) for ch in _COMMA) + 1:]
    if cues.relay_before.search(clause) and cues.attributive_after.search(post):
        score += cfg["relay_score"]
    if cues.at.search(pre):
        score += cfg["at_score"]
    if cues.time_of_day.search(view[c.end:c.end + 8]):
        score += cfg["time_of_day_score"]
    if c.has_day:
        score += cfg["has_day_score"]
    if first:
        score += cfg["first_score"]
    if headings is None:
        headings = [sec.heading for sec in report.sections if sec.heading_end <= c.start < sec.end]
    if headings:
        joined = "".join(headings)
        if cues.section_meeting.search(joined):
            score += cfg["section_meeting_score"]
        elif cues.section_prep.search(joined):
            score += cfg["section_prep_score"]
    return score


def candidates(report: Report) -> list[_Candidate]:
    """Every date expression of the report that could be the meeting's, scored."""
    view = report.view
    found = []
    for m in _matches(view):
        c = _candidate(m)
        if c is not None:
            found.append(c)
    tail = _tail_start(view)
    lines = _Lines(view, report)
    ends = [_ends_span(view, c, lines) for c in found]
    kept = []
    for i, c in enumerate(found):
        if _is_document_date(view, c, tail, lines, ends[i]):
            continue
        following = i + 1
        while following < len(found) and ends[following]:
            following += 1  # the span's last day: what follows it is said of the span
        kept.append((c, found[following].start if following < len(found) else len(view)))
    headings = _enclosing_headings(report, [c.start for c, _ in kept])
    for i, (c, next_start) in enumerate(kept):
        c.score = _score(report, c, next_start, i == 0, lines, headings[i])
    return [c for c, _ in kept]


def _enclosing_headings(report: Report, positions: list[int]) -> list[list[str]]:
    """For each position (ascending), the headings of the sections whose body holds it, in
    section order: one sweep, not a pass over every section per position."""
    sections = sorted(enumerate(report.sections), key=lambda item: item[1].heading_end)
    active: list[tuple[int, object]] = []
    out, k = [], 0
    for pos in positions:
        while k < len(sections) and sections[k][1].heading_end <= pos:
            active.append(sections[k])
            k += 1
        active = [(n, sec) for n, sec in active if pos < sec.end]
        out.append([sec.heading for n, sec in sorted(active, key=lambda item: item[0])])
    return out


def _year_of(s: str) -> tuple[int | None, bool]:
    """(year, masked) of a year as written."""
    if _masked(s):
        return None, True
    return parse_year(s), False


def _names_the_meeting(view: str, m: re.Match) -> bool:
    """Is this "YYYY年度…生活会" the meeting's own name, not an earlier meeting's follow-up
    (通报了2022年度民主生活会整改落实情况) nor a 年度 of something else before it?"""
    if year_cues().annual_not_between.search(view, m.end("y"), m.end()):
        return False
    return not follows_up(view, m.start(), m.end())


def infer_year(report: Report, month: int) -> int | None:
    """The year of a date written without one, when the 年度 or the title makes it certain."""
    cues = date_cues()
    cfg = cues.data["year"]
    view = report.view
    title = view[report.title[0]:report.title[1]] if report.title else ""
    annual = None
    m = _ANNUAL_RE.search(title)
    if m:
        annual, masked = _year_of(m.group("y"))
        if masked:
            return None
    else:
        years = [_year_of(a.group("y")) for a in cues.annual_near.finditer(view) if _names_the_meeting(view, a)]
        if any(masked for _, masked in years):
            return None
        years = [y for y, _ in years if y]
        annual = max(years) if years else None
    if annual:
        if month >= cfg["late_from"]:
            return annual
        if month <= cfg["early_until"]:
            return annual + 1
        return None
    if title and cues.themed.search(title) and month > cfg["early_until"]:
        m = _TITLE_YEAR_RE.search(title)
        if m:
            year, _ = _year_of(m.group("y"))
            return year
    return None


def _year_from_other_dates(report: Report, best: _Candidate) -> int | None:
    """The year of a date written without one, from a full date in the same report.

    A cited notice (通知, 根据…) came before the meeting; any other full date (the
    signing date, a page's publication or a bulletin's issue date) came after it. Dates
    after the meeting's in the text are tried first: the signing date is the nearest.
    """
    cues = date_cues()
    view = report.view
    every = (_candidate(m) for m in _matches(view))  # signing dates too, which candidates() drops
    dated = [c for c in every if c is not None and c.start != best.start and c.year and c.month
             and not c.redacted]
    for c in sorted(dated, key=lambda c: (c.start < best.start, abs(c.start - best.start))):
        sentence_start = max(view.rfind(ch, 0, c.start) for ch in _SENTENCE_END) + 1
        if cues.cited_before.search(view, sentence_start, c.start) or cues.notice.match(view[c.end:c.end + 40]):
            return c.year if best.month >= c.month else c.year + 1
        return c.year if best.month <= c.month else c.year - 1
    return None


def extract(report: Report) -> dict:
    empty = {"text": None, "start": None, "end": None, "year": None, "month": None,
             "day": None, "redacted": False}
    found = candidates(report)
    min_score = date_cues().data["min_score"]
    ranked = sorted((c for c in found if c.score >= min_score),
                    key=lambda c: (-c.score, c.start))
    if not ranked:
        return {"meeting_date": empty}
    best = ranked[0]
    for other in ranked[1:]:
        if other.score < best.score:
            break
        if (other.year, other.month, other.day) != (best.year, best.month, best.day):
            report.warnings.append(
                f"meeting date: {report.text[best.start:best.end]!r} and "
                f"{report.text[other.start:other.end]!r} are equally likely; took the first")
            break
    year = best.year
    if year is None and not best.has_year and not best.redacted and best.month:
        year = infer_year(report, best.month) or _year_from_other_dates(report, best)
    span = report.span(best.start, best.end)
    return {"meeting_date": {**span, "year": year, "month": best.month, "day": best.day,
                             "redacted": best.redacted}}
