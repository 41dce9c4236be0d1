"""The year a meeting reviews: ``year`` (年度).

The 年度 the meeting reviews (2022年度民主生活会), in the title, then in the body; else the
year in the title; else a 年度 in a cited notice about the meeting or a 20××年 meeting in the
body; else the meeting date's year when the date is written with it (a year inferred from a
page's publication date says nothing of the year reviewed); else the year of the work the
meeting reviewed. A monthly meeting named with its month (2023年1月组织生活会) has its month's
year. A redacted 年度 (20××) is null, never replaced by the date's year. Cues:
``data/year.toml`` (the year as written, follow-ups of an earlier meeting, work years) and
the meeting's own name from ``data/meeting.toml``.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from extractor.fields import meeting
from extractor.match.context import SENTENCE_END, ReportContext, context_of
from extractor.match.gates import first_char_led
from extractor.regex_store import compile_regex
from extractor.report import Report
from extractor.resources import load_toml
from extractor.text.normalize import MASK
from extractor.text.numerals import parse_year

# the report facts read, filled by earlier components
READS = ("title", "meeting_date", "meeting_type")


@dataclass(frozen=True)
class YearCues:
    meeting: meeting.MeetingCues
    year: re.Pattern
    annual_reach: int
    followup_after: re.Pattern
    followup_before: re.Pattern
    annual_not_between: re.Pattern
    monthly: re.Pattern
    review_year: re.Pattern
    work_year: re.Pattern
    glued_date_year: re.Pattern


@lru_cache(maxsize=1)
def year_cues() -> YearCues:
    y = load_toml("year.toml")["year"]
    return YearCues(
        meeting=meeting.cues(),
        year=compile_regex(y["year"]),
        annual_reach=int(y["annual_reach"]),
        followup_after=compile_regex(y["followup_after"]),
        followup_before=compile_regex(y["followup_before"]),
        annual_not_between=compile_regex(y["annual_not_between"]),
        monthly=first_char_led(y["monthly"]),
        review_year=compile_regex(y["review_year"]),
        work_year=compile_regex("|".join(f"(?:{p})" for p in y["work_year"]).replace("(?P<y>", "(?:")),
        glued_date_year=compile_regex(y["glued_date_year"]),
    )


def extract(report: Report) -> dict:
    annual = not (report.fields.get("meeting_type") or "").startswith("专题")
    return {"year": _year(context_of(report), year_cues(), report.fields.get("meeting_date"), annual)}


def _year_value(s: str) -> tuple[int | None, bool]:
    """(year, masked) for a year as written in the view."""
    if MASK in s:
        return None, True
    return parse_year(s), False


def _annual_years(ctx: ReportContext, c: YearCues, lo: int, hi: int) -> list[tuple[int | None, bool, bool, bool]]:
    """(year, masked, in_book, followup) for each 年度 naming the meeting in view[lo:hi]."""
    view = ctx.view
    out = []
    for m in c.meeting.annual.finditer(view, lo, hi):
        tail_end = min(len(view), m.end() + c.annual_reach + 5)
        tail = view[m.end():tail_end]
        k = c.meeting.kind.search(tail)
        if k is None or k.start() > c.annual_reach or any(ch in SENTENCE_END for ch in tail[:k.start()]) \
                or c.annual_not_between.search(tail, 0, k.start()):
            continue
        value, masked = _year_value(m.group(1))
        if value is None and not masked:
            continue
        followup = follows_up(view, m.start(), m.end() + k.end())
        out.append((value, masked, ctx.in_book(m.start()), followup))
    return out


def follows_up(view: str, start: int, meeting_end: int) -> bool:
    """Whether a 年度 at ``start`` naming a meeting that ends at ``meeting_end`` is about an
    earlier meeting's follow-up (通报了2022年度民主生活会整改落实情况), not this meeting."""
    c = year_cues()
    return bool(c.followup_after.search(view[meeting_end:meeting_end + 10])
                or c.followup_before.search(view[max(0, start - 16):start]))


def _monthly_year(ctx: ReportContext, c: YearCues, lo: int, hi: int) -> int | None:
    """The year of a monthly meeting named with its month (2023年1月组织生活会) in view[lo:hi],
    when it comes before any 年度 there: a month's meeting reviews no 年度."""
    m = c.monthly.search(ctx.view, lo, hi)
    if m is None or ctx.in_book(m.start()):
        return None
    annual = c.meeting.annual.search(ctx.view, lo, m.start())
    if annual is not None:
        return None
    return parse_year(m.group("y"))


def _title_year(ctx: ReportContext, c: YearCues) -> tuple[int | None, bool]:
    if not ctx.title:
        return None, False
    masked = False
    for m in c.year.finditer(ctx.view, *ctx.title):
        if not ctx.view.startswith("年", m.end()):
            continue
        value, is_masked = _year_value(m.group("y"))
        if value is not None:
            return value, False
        masked = masked or is_masked
    return None, masked


def _year(ctx: ReportContext, c: YearCues, date: dict | None, annual: bool = True) -> int | None:
    """``annual``: the meeting is no 专题 one, so the year of the work it reviewed names
    its 年度 before the day it was held does."""
    view = ctx.view
    masked_own = False
    # 1-2. the 年度 the meeting reviews: in the title, then in the body
    scopes = [ctx.title] if ctx.title else []
    scopes.append((ctx.body_start(), len(view)))
    for lo, hi in scopes:
        monthly = _monthly_year(ctx, c, lo, hi)
        if monthly is not None:
            return monthly
        found = [a for a in _annual_years(ctx, c, lo, hi) if not a[2] and not a[3]]
        values = [v for v, _, _, _ in found if v is not None]
        if values:
            return _most_common(values)
        masked_own = masked_own or any(mk for _, mk, _, _ in found)
    # 3. the year named in the title
    value, masked = _title_year(ctx, c)
    if value is not None:
        return value
    if masked_own or masked:
        return None  # the year is redacted where it is stated
    # 4. a 年度 in a cited notice about the meeting, or a 20××年 meeting in the body
    found = [a for a in _annual_years(ctx, c, 0, len(view)) if not a[3]]
    values = [v for v, _, _, _ in found if v is not None]
    if values:
        return _most_common(values)
    if any(mk for _, mk, _, _ in found):
        return None
    for m in c.year.finditer(view):
        if not view.startswith("年", m.end()) or view.startswith("年度", m.end()) or ctx.in_book(m.start()):
            continue
        tail = view[m.end() + 1:m.end() + 1 + c.annual_reach]
        k = c.meeting.kind.search(tail)
        if k is None or any(ch in SENTENCE_END + "月" for ch in tail[:k.start()]):
            continue
        if follows_up(view, m.start(), m.end() + 1 + k.end()):
            continue  # 通报了2022年民主生活会查摆问题整改落实情况: an earlier meeting's
        value, is_masked = _year_value(m.group("y"))
        if is_masked:
            return None
        if value is not None:
            return value
    # 5. the 年度 of the review of members held at the meeting; of the work an annual
    # meeting reviewed (a 专题 meeting's is read after the day it was held)
    work_first, work_last = ((c.work_year,), ()) if annual else ((), (c.work_year,))
    for pattern in (c.review_year, *work_first):
        m = pattern.search(view, ctx.body_start())
        if m and not ctx.in_book(m.start()):
            return _year_in(m)
    # 6. the meeting date's year, as written with the date: a year the date module inferred
    # from another date (a page's publication date) does not say which year was reviewed
    date = date or {}
    year = date.get("year") if isinstance(date, dict) else None
    if isinstance(year, int) and _states_year(ctx, date):
        return year
    # 7. the year of the work a 专题 meeting reviewed, of a date written without 年
    for pattern in (*work_last, c.glued_date_year):
        m = pattern.search(view, ctx.body_start())
        if m:
            value = _year_in(m)
            if value is not None:
                return value
    return None


_FOUR_DIGITS = compile_regex("[0-9]{4}")


def _year_in(m: re.Match) -> int | None:
    """The year of the four digits a year pattern (work_year, review_year, …) matched."""
    return parse_year(_FOUR_DIGITS.search(m.group()).group())


_WRITTEN_YEAR = compile_regex(r"[0-9〇零一二三四五六七八九O]{4}\s*(年|[./-])")


def _states_year(ctx: ReportContext, date: dict) -> bool:
    """Is the meeting date written with its year? (Read in the view: digits folded, 〇.)"""
    start, end = date.get("start"), date.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return False
    return _WRITTEN_YEAR.search(ctx.view, start, end) is not None


def _most_common(values: list[int]) -> int:
    """The most frequent value, the largest on ties (counted once, not once per value)."""
    counts = Counter(values)
    return max(counts, key=lambda v: (counts[v], v))
