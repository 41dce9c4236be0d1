"""Meeting type, theme, year reviewed, organisation, member review.

All cue words and patterns live in ``data/meeting.toml``; this module decides which
mention of the meeting counts:

- **meeting_type**: 民主生活会 or 组织生活会 from the title when it names one, else from
  the mentions of the meeting in the body (a mention after 召开/举行 weighs more, one in a
  cited 《notice》 or about last year's meeting less). 专题 when the meeting's own name
  carries 专题 or a theme (党史学习教育专题组织生活会); a title that names the annual
  meeting (2022年度…) is not overridden by a stray 专题 in the body.
- **theme**: the theme the meeting is named after (data list), else, for a 专题 meeting,
  the listed theme the body keeps returning to.
- **year**: the 年度 the meeting reviews; else the year in the title; else the meeting
  date's year. A redacted 年度 (20××) is null, never replaced by the date's year.
- **organization**: the unit that held the meeting, from the lines above the title, the
  title (its parenthesis first), the sentence that says the meeting was held, the
  opening lines, the signature; the longest spelling of the same name wins.
- **member_review**: 民主评议党员 / 民主测评 of members carried out (not planned, not
  ruled out, not a notice's title, not a 测评 of the leading group only).
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from extractor.match.regex_facts import is_one_character, max_width
from extractor.text.normalize import MASK
from extractor.text.numerals import parse_year
from extractor.report import Report
from extractor.resources import load_toml

_BOOK = re.compile(r"《[^《》\n]{0,200}》")
# A title's closing parenthesis: 召开2021年专题组织生活会情况报告（办公室党支部）
_TITLE_PAREN = re.compile(r"\(([^()]{2,40})\)\s*$")
_SENTENCE_END = "。!?;\n"
_CLAUSE_END = _SENTENCE_END + ",:、"


@dataclass(frozen=True)
class _Cues:
    # meeting type and theme
    kind: re.Pattern
    special_before: re.Pattern
    special_joined: re.Pattern
    this_meeting: re.Pattern
    held_before: re.Pattern
    previous_before: re.Pattern
    annual: re.Pattern
    themes: tuple[tuple[str, re.Pattern], ...]
    themes_counted: frozenset
    theme_named: tuple[tuple[str, re.Pattern], ...]
    theme_named_end: re.Pattern
    # year
    year: re.Pattern
    annual_reach: int
    followup_after: re.Pattern
    followup_before: re.Pattern
    work_year: re.Pattern
    glued_date_year: re.Pattern
    # organization
    org: re.Pattern
    org_char: re.Pattern
    org_char_run: re.Pattern | None  # a run of org_char, when that is one character
    org_stop: re.Pattern
    org_max: int
    org_parent: re.Pattern
    org_group: re.Pattern
    org_not_name: re.Pattern
    org_pronoun: re.Pattern
    org_pronoun_start: re.Pattern
    org_pronoun_prefix: re.Pattern
    org_abbreviated: re.Pattern
    org_held_after: re.Pattern
    org_names_meeting: re.Pattern
    org_led_in: re.Pattern
    org_members_after: re.Pattern
    authority_after: re.Pattern
    authority_before: re.Pattern
    authority_clause_end: re.Pattern
    unit_subject: re.Pattern
    unit_subject_reach: int | None  # how far after its start a unit subject's verb can be
    # member review
    review: re.Pattern
    review_plan_before: re.Pattern
    review_plan_after: re.Pattern
    review_plan_sentence: re.Pattern
    review_notice_before: re.Pattern
    review_notice_after: re.Pattern
    review_leaders: re.Pattern
    review_members: re.Pattern
    review_object: re.Pattern


# A unit subject (xx局) is at most _SUBJECT_MAX name characters and its suffix, and its
# 召开 / 举行 comes at most _SUBJECT_VERB_GAP characters after it (于/在 … 召开).
_SUBJECT_MAX = 20
_SUBJECT_VERB_GAP = 31
_SUBJECT_VERB = re.compile("召开|举行")
_SUBJECT_DELIMITER = "[,。;:\\s]"  # what a unit subject follows, unless it opens the text
_SUBJECT_DELIMITERS = re.compile(_SUBJECT_DELIMITER)


def _subject_reach(char: str, unit_suffix: str) -> int | None:
    """The furthest a unit subject's verb can start from the subject's start; None when
    the patterns have no bound."""
    widths = [max_width(p) for p in (char, unit_suffix)]
    if None in widths:
        return None
    return _SUBJECT_MAX * widths[0] + widths[1] + _SUBJECT_VERB_GAP


def _unit_subjects(view: str, c: _Cues, lo: int, hi: int) -> list[re.Match]:
    """``c.unit_subject.finditer(view, lo, hi)``, tried only where a match can start: at
    the start of the text or after a delimiter (the pattern's lookbehind), with a 召开 /
    举行 within reach (its lookahead needs one). The regex is slow to fail everywhere else.
    """
    reach = c.unit_subject_reach
    if reach is None:
        return list(c.unit_subject.finditer(view, lo, hi))
    found = []
    pos = lo  # where the next match may start
    for verb in _SUBJECT_VERB.finditer(view, lo, hi):
        v = verb.start()
        # a match starting at p needs a verb in (p, p + reach]: those before v - reach have none
        window = max(pos, v - reach)
        starts = [0] if window == 0 else []
        starts.extend(d.end() for d in _SUBJECT_DELIMITERS.finditer(view, max(window - 1, 0), v - 1))
        for start in starts:
            if start < pos:
                continue  # inside the match before
            m = c.unit_subject.match(view, start, hi)
            if m is not None:
                found.append(m)
                pos = m.end()
        pos = max(pos, v)
    return found


@lru_cache(maxsize=1)
def cues() -> _Cues:
    data = load_toml("meeting.toml")
    t, y, o, r = data["type"], data["year"], data["organization"], data["member_review"]
    themes = tuple((th["name"], re.compile(th["pattern"])) for th in data["theme"])
    # THEME (quotes) (专题) (的) (领导班子) 民主/组织生活会: the meeting is named after it
    named_tail = (r"[”\"’」』]?\s*(专题)?[”\"’」』]?\s*(的)?\s*((党员)?领导干部|领导班子|班子|党员|支部)?"
                  r"(民主|组织)生活会")
    theme_named = tuple((name, re.compile(f"(?:{p.pattern}){named_tail}")) for name, p in themes)
    char = o["char"]
    return _Cues(
        kind=re.compile(t["kind"]),
        special_before=re.compile(t["special_before"]),
        special_joined=re.compile(t["special_joined"]),
        this_meeting=re.compile(t["this_meeting"]),
        held_before=re.compile(t["held_before"]),
        previous_before=re.compile(t["previous_before"]),
        annual=re.compile(t["annual"]),
        themes=themes,
        themes_counted=frozenset(th["name"] for th in data["theme"] if not th.get("named_only")),
        theme_named=theme_named,
        theme_named_end=re.compile(
            "(?:" + "|".join(f"(?:{p.pattern})" for _, p in themes) + f"){named_tail}$"),
        year=re.compile(y["year"]),
        annual_reach=int(y["annual_reach"]),
        followup_after=re.compile(y["followup_after"]),
        followup_before=re.compile(y["followup_before"]),
        work_year=re.compile("|".join(f"(?:{p})" for p in y["work_year"]).replace("(?P<y>", "(?:")),
        glued_date_year=re.compile(y["glued_date_year"]),
        org=re.compile(f"{o['suffix']}(?!{'|'.join(o['not_after'])})"),
        org_char=re.compile(char),
        org_char_run=re.compile(f"(?:{char})*") if is_one_character(char) else None,
        org_stop=re.compile("|".join(o["stop"])),
        org_max=int(o["max_chars"]),
        org_parent=re.compile(o["parent"]),
        authority_after=re.compile(o["authority_after"]),
        authority_before=re.compile(o["authority_before"]),
        authority_clause_end=re.compile(o["authority_clause_end"]),
        unit_subject=re.compile(
            f"(?:^|(?<={_SUBJECT_DELIMITER}))((?:(?!于|在){char}){{2,{_SUBJECT_MAX}}}?{o['unit_suffix']})"
            f"(?=(于|在)[^。;]{{0,{_SUBJECT_VERB_GAP - 1}}}(召开|举行)|(召开|举行|组织召开))"),
        unit_subject_reach=_subject_reach(char, o["unit_suffix"]),
        review=re.compile(r["cue"]),
        review_plan_before=re.compile(r["plan_before"]),
        review_plan_after=re.compile(r["plan_after"]),
        review_plan_sentence=re.compile(r["plan_sentence"]),
        review_notice_before=re.compile(r["notice_before"]),
        review_notice_after=re.compile(r["notice_after"]),
        org_group=re.compile(o["group_of_org"]),
        review_leaders=re.compile(r["leaders_only"]),
        review_members=re.compile(r["members_named"]),
        review_object=re.compile(r["object"]),
        org_not_name=re.compile(o["not_name"]),
        org_pronoun=re.compile(o["pronoun"]),
        org_pronoun_start=re.compile(o["pronoun_start"]),
        org_pronoun_prefix=re.compile(o["pronoun_prefix"]),
        org_abbreviated=re.compile(o["abbreviated"]),
        org_held_after=re.compile(o["held_after"]),
        org_names_meeting=re.compile(o["names_meeting"]),
        org_led_in=re.compile(o["led_in"]),
        org_members_after=re.compile(o["members_after"]),
    )


# --------------------------------------------------------------------------- helpers

_SENTENCE_STOP = re.compile(f"[{re.escape(_SENTENCE_END)}]")


@lru_cache(maxsize=None)
def _through_last_stop(stops: str) -> re.Pattern:
    """Matches from where it starts up to and including the last of ``stops`` in reach."""
    return re.compile(f"[\\s\\S]*[{re.escape(stops)}]")


class _Context:
    """What the field finders share about one report."""

    def __init__(self, report: Report):
        self.report = report
        self.view = report.view
        self.title = report.title  # (start, end) or None
        self.books = [m.span() for m in _BOOK.finditer(self.view)]
        self._book_starts = [s for s, _ in self.books]

    def in_book(self, pos: int) -> bool:
        i = bisect.bisect_right(self._book_starts, pos) - 1
        return i >= 0 and self.books[i][0] < pos < self.books[i][1]

    def in_title(self, pos: int) -> bool:
        return self.title is not None and self.title[0] <= pos < self.title[1]

    def title_view(self) -> str:
        return self.view[self.title[0]:self.title[1]] if self.title else ""

    def clause_start(self, pos: int, stops: str = _CLAUSE_END, reach: int = 60) -> int:
        lo = max(0, pos - reach)
        last = _through_last_stop(stops).match(self.view, lo, pos)
        return last.end() if last else lo

    def sentence_end(self, pos: int, reach: int = 160) -> int:
        hi = min(len(self.view), pos + reach)
        stop = _SENTENCE_STOP.search(self.view, pos, hi)
        return stop.start() if stop else hi

    def body_start(self) -> int:
        return self.title[1] if self.title else 0


# ---------------------------------------------------------------------- meeting type

@dataclass
class _Mention:
    start: int
    end: int
    kind: str          # 民主生活会 / 组织生活会
    special: bool      # named 专题 or after a theme
    title: bool
    book: bool
    previous: bool
    held: bool


def _mentions(ctx: _Context, c: _Cues) -> list[_Mention]:
    view = ctx.view
    out = []
    for m in c.kind.finditer(view):
        s, e = m.span()
        before = view[max(0, s - 12):s]
        special = bool(c.special_before.search(before))
        if not special:
            special = bool(c.theme_named_end.search(view, max(0, s - 40), e))
        clause = view[ctx.clause_start(s, _SENTENCE_END + ",", 50):s]
        out.append(_Mention(
            start=s, end=e, kind=m.group("kind") + "生活会", special=special,
            title=ctx.in_title(s), book=ctx.in_book(s),
            previous=bool(c.previous_before.search(view[max(0, s - 16):s])),
            held=bool(c.held_before.search(clause))))
    return out


def _meeting_type(ctx: _Context, c: _Cues) -> tuple[str | None, bool, list[_Mention]]:
    """(base kind, special, mentions of that kind)."""
    mentions = _mentions(ctx, c)
    if not mentions:
        return None, False, []
    in_title = [m for m in mentions if m.title]
    body = [m for m in mentions if not m.title and not m.book and not m.previous]
    kinds_in_title = {m.kind for m in in_title}
    if len(kinds_in_title) == 1:
        kind = next(iter(kinds_in_title))
    else:
        pool = body or [m for m in mentions if not m.title] or mentions
        if kinds_in_title:
            pool = [m for m in pool if m.kind in kinds_in_title] or pool
        score: dict[str, float] = {}
        first: dict[str, int] = {}
        for m in pool:
            weight = (1.0 + 5.0 * m.held) * (0.5 if m.book or m.previous else 1.0)
            score[m.kind] = score.get(m.kind, 0.0) + weight
            first.setdefault(m.kind, m.start)
        kind = max(score, key=lambda k: (score[k], -first[k]))
    own = [m for m in mentions if m.kind == kind]
    title_own = [m for m in own if m.title]
    if any(m.special for m in title_own):
        return kind, True, own
    if title_own and c.annual.search(ctx.title_view()):
        return kind, False, own  # the title names the annual meeting: the body can't override
    body_own = [m for m in own if not m.title and not m.book and not m.previous]
    held = [m for m in body_own if m.held]
    view = ctx.view
    annual_held = any(c.annual.search(view, max(0, m.start - 12), m.start) for m in held)
    if not annual_held and any(m.special and c.this_meeting.search(view, max(0, m.start - 8), max(0, m.start - 2))
                               for m in body_own):
        special = True  # 这次专题民主生活会: the body names this meeting 专题
    elif held:
        special = held[0].special or bool(c.special_joined.match(view, held[0].end))
    elif body_own:
        special = 2 * sum(m.special for m in body_own) >= len(body_own)
    else:
        special = any(m.special for m in own)
    return kind, special, own


def _theme(ctx: _Context, c: _Cues, own: list[_Mention], special: bool) -> str | None:
    if not special:
        return None
    view = ctx.view

    def named_at(m: _Mention) -> str | None:
        reach = view[max(0, m.start - 40):m.end]
        best = None
        for name, p in c.theme_named:
            for hit in p.finditer(reach):
                if hit.end() == len(reach) and (best is None or hit.start() < best[0]):
                    best = (hit.start(), name)
        return best[1] if best else None

    ordered = ([m for m in own if m.title] + [m for m in own if m.held and not m.title and not m.book]
               + [m for m in own if not m.title and not m.book and not m.held]
               + [m for m in own if m.book])
    for m in ordered:
        name = named_at(m)
        if name:
            return _most_specific(view, c, name)
    # a 专题 meeting whose name carries no theme: the theme the body keeps returning to
    counts = []
    taken: list[tuple[int, int]] = []
    for name, p in c.themes:
        n = 0
        for hit in p.finditer(view):
            if any(s <= hit.start() < e for s, e in taken):
                continue
            taken.append(hit.span())
            n += 1
        if n and name in c.themes_counted:
            counts.append((n, name))
    counts.sort(key=lambda x: -x[0])
    if counts:
        return counts[0][1]
    return None


def _most_specific(view: str, c: _Cues, name: str) -> str:
    """A short theme (主题教育) written out in full elsewhere in the report (学习贯彻…主题教育)."""
    for fuller, pattern in c.themes:
        if fuller != name and name in fuller and \
                any(name in hit.group() for hit in pattern.finditer(view)):
            return fuller
    return name


# ----------------------------------------------------------------------------- year

def _year_value(s: str) -> tuple[int | None, bool]:
    """(year, masked) for a year as written in the view."""
    if MASK in s:
        return None, True
    return parse_year(s), False


def _annual_years(ctx: _Context, c: _Cues, lo: int, hi: int) -> list[tuple[int | None, bool, bool, bool]]:
    """(year, masked, in_book, followup) for each 年度 naming the meeting in view[lo:hi]."""
    view = ctx.view
    out = []
    for m in c.annual.finditer(view, lo, hi):
        tail_end = min(len(view), m.end() + c.annual_reach + 5)
        tail = view[m.end():tail_end]
        k = c.kind.search(tail)
        if k is None or k.start() > c.annual_reach or any(ch in _SENTENCE_END for ch in tail[:k.start()]):
            continue
        value, masked = _year_value(m.group(1))
        if value is None and not masked:
            continue
        after = view[m.end() + k.end():m.end() + k.end() + 10]
        before = view[max(0, m.start() - 16):m.start()]
        followup = bool(c.followup_after.search(after) or c.followup_before.search(before))
        out.append((value, masked, ctx.in_book(m.start()), followup))
    return out


def _title_year(ctx: _Context, c: _Cues) -> tuple[int | None, bool]:
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


def _year(ctx: _Context, c: _Cues) -> int | None:
    view = ctx.view
    masked_own = False
    # 1-2. the 年度 the meeting reviews: in the title, then in the body
    scopes = [ctx.title] if ctx.title else []
    scopes.append((ctx.body_start(), len(view)))
    for lo, hi in scopes:
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
        k = c.kind.search(tail)
        if k is None or any(ch in _SENTENCE_END + "月" for ch in tail[:k.start()]):
            continue
        value, is_masked = _year_value(m.group("y"))
        if is_masked:
            return None
        if value is not None:
            return value
    # 5. the meeting date's year
    date = ctx.report.fields.get("meeting_date") or {}
    year = date.get("year") if isinstance(date, dict) else None
    if isinstance(year, int):
        return year
    # 6. the year of the work the meeting reviewed, of a date written without 年
    for pattern in (c.work_year, c.glued_date_year):
        m = pattern.search(view, ctx.body_start())
        if m:
            value = parse_year(re.search("[0-9]{4}", m.group()).group())
            if value is not None:
                return value
    return None


# --------------------------------------------------------------------- organization

@dataclass
class _Org:
    start: int
    end: int
    score: float
    bare: bool  # the suffix alone (党支部, 党组): no name of its own
    subject: bool = False  # a unit (xx医院, xx集团) that is the subject of the held sentence
    book: bool = False  # named inside 《》 only (the meeting's own plan: 《xx党支部专题组织生活会安排》)


def _left_name_start(ctx: _Context, c: _Cues, suffix_start: int) -> int:
    """Where the name ending with the suffix at ``suffix_start`` begins."""
    view = ctx.view
    lo = max(0, suffix_start - c.org_max)
    if c.org_char_run is not None:
        # the run of name characters ending at the suffix, read backwards in one match
        s = suffix_start - c.org_char_run.match(view[lo:suffix_start][::-1]).end()
    else:
        s = suffix_start
        while s > lo and c.org_char.match(view, s - 1):
            s -= 1
    prefix = view[s:suffix_start]
    cut = 0
    for m in c.org_stop.finditer(prefix):
        if m.end() > cut:
            cut = m.end()
    return s + cut


def _org_candidates(ctx: _Context, c: _Cues) -> list[_Org]:
    view = ctx.view
    body0 = ctx.body_start()
    opening_end = min(len(view), body0 + 600)
    out: list[_Org] = []
    for m in c.org.finditer(view):
        ss, e = m.span()
        s = _left_name_start(ctx, c, ss)
        if c.org_not_name.match(view, s):
            continue
        bare = s == ss or bool(c.org_pronoun.fullmatch(view, s, ss)) \
            or bool(c.org_abbreviated.fullmatch(view, s, ss))
        if ctx.in_book(ss):
            if not bare and c.org_names_meeting.match(view, e):
                out.append(_Org(s, e, 20, False, book=True))
            continue
        line_start = view.rfind("\n", 0, s) + 1
        line_end = view.find("\n", e)
        line_end = len(view) if line_end == -1 else line_end
        after = view[e:line_end]
        # an addressee line (县委组织部：) or a cited authority (按照xx党委的要求)
        if after.lstrip().startswith(":") and not view[line_start:s].strip():
            continue
        if c.authority_after.match(after) and c.authority_before.search(view[max(0, s - 40):s]):
            continue
        if c.authority_after.match(after) and not bare:
            continue
        stop = _CLAUSE_STOP.search(view, e, min(len(view), e + 40))
        if stop and c.authority_before.search(view[max(0, s - 40):s]) \
                and c.authority_clause_end.search(view, e, stop.start()):
            continue
        if ctx.in_title(ss):
            tv = ctx.title_view()
            paren = _TITLE_PAREN.search(tv)
            in_paren = paren is not None and ctx.title[0] + paren.start(1) <= s and \
                e <= ctx.title[0] + paren.end(1)
            score = 100 if in_paren else 80
        elif ctx.title and s < ctx.title[0]:
            # an issuer line above the title: the line is the name
            score = 95 if not view[line_start:s].strip() and not after.strip() else 60
        else:
            sent_end = ctx.sentence_end(e)
            following = view[e:sent_end]
            clause_before = view[ctx.clause_start(s, _SENTENCE_END + ",", 24):s]
            held = bool(c.org_held_after.search(following) and c.kind.search(following)) \
                or bool(c.org_names_meeting.match(following))
            led_in = bool(c.org_led_in.search(clause_before)) and \
                bool(c.kind.search(following) or c.org_members_after.match(following))
            signature = not view[line_start:s].strip() and not after.strip() and s > len(view) * 0.6
            if held or led_in:
                score = 85 - (s - body0) / 1000
            elif signature:
                score = 70
            elif s < opening_end:
                score = 30 - (s - body0) / 100
            else:
                score = 5
        if bare:
            score -= 45
        out.append(_Org(s, e, score, bare))
    # a unit whose branches held the meeting (住房保障中心所属各支部)
    for m in c.org_parent.finditer(view):
        s = _left_name_start(ctx, c, m.start())
        if m.start() - s >= 2:
            sent_end = ctx.sentence_end(m.end())
            following = view[m.end():sent_end]
            held = bool(c.kind.search(following))
            out.append(_Org(s, m.start(), 80 if held else 25, False))
    # the subject of the held sentence when it names no party organisation (xx局召开…)
    for m in _unit_subjects(view, c, body0, opening_end):
        s, e = m.span(1)
        cut = 0
        for stop in c.org_stop.finditer(view, s, e):
            cut = max(cut, stop.end() - s)
        s += cut
        prefix = c.org_pronoun_prefix.match(view, s, e)
        if prefix and e - prefix.end() >= 3:
            s = prefix.end()  # 我校附属医院: the unit's own name
        if e - s < 2 or c.org.search(view, s, e) or c.org_not_name.match(view, s) \
                or c.org_pronoun_start.match(view, s):
            continue
        following = view[e:ctx.sentence_end(e)]
        verb = _SUBJECT_VERB.search(following)
        if verb and ctx.in_book(e + verb.start()):
            continue  # 组织部于……下发了《关于召开……的通知》: the notice's, not this meeting's
        if c.kind.search(following):
            out.append(_Org(s, e, 20, False, subject=True))
    # a unit opening a clause of the held sentence, its verb further on (xx法院通过……，
    # 经……同意，于1月19日召开……生活会)
    for m in _clause_subjects(view, c, body0, opening_end):
        s, e = m.span(1)
        if c.org.search(view, s, e) or c.org_not_name.match(view, s) or c.org_pronoun_start.match(view, s):
            continue
        following = view[e:ctx.sentence_end(e, 240)]
        held = c.org_held_after.search(following)
        if held and not ctx.in_book(e + held.start()) and c.kind.search(following, held.end()):
            out.append(_Org(s, e, 15, False, subject=True))
    return out


_CLAUSE_STOP = re.compile("[,;。\n]")


def _clause_subjects(view: str, c: _Cues, lo: int, hi: int) -> list[re.Match]:
    """Units (xx法院, xx医院) that open a clause in view[lo:hi], followed by a verb of
    their own (not 召开, which _unit_subjects takes)."""
    pattern = _clause_subject_pattern(c.org_char.pattern)
    unit = cues_unit_suffix()
    found = []
    for start in [lo] + [m.end() for m in re.finditer("[,。;\n]", view[lo:hi])]:
        start = start if start == lo else lo + start
        m = pattern.match(view, start, hi)
        if m and unit.fullmatch(m.group("suffix")):
            found.append(m)
    return found


@lru_cache(maxsize=4)
def _clause_subject_pattern(char: str) -> re.Pattern:
    suffix = load_toml("meeting.toml")["organization"]["unit_suffix"]
    return re.compile(f"\\s*((?:(?!于|在|经|通过|按照|根据){char}){{2,{_SUBJECT_MAX}}}?(?P<suffix>{suffix}))"
                      f"(?=通过|经过|经|按照|根据|结合|围绕|在|于)")


@lru_cache(maxsize=1)
def cues_unit_suffix() -> re.Pattern:
    return re.compile(load_toml("meeting.toml")["organization"]["unit_suffix"])


def _organization(ctx: _Context, c: _Cues) -> dict | None:
    found = _org_candidates(ctx, c)
    # 县财政局机关党支部第三党小组: the name runs on past the first suffix
    ends = {}
    for o in found:
        if not o.book:
            ends[o.start] = max(ends.get(o.start, o.end), o.end)
    cands = [o for o in found if o.score > 0 and not o.book and o.end == ends[o.start]]
    if not cands:
        return None
    best = max(cands, key=lambda o: (o.score, -o.start))
    if best.bare or best.book:
        # never a bare 领导班子 / 党支部 when the held sentence names the unit (xx集团召开……)
        subjects = [o for o in cands if o.subject and o.score >= 15]
        if subjects:
            best = max(subjects, key=lambda o: (o.score, -o.start))
    name = ctx.view[best.start:best.end]
    # the fullest spelling of the same name (xx党组 for 党组, 中共xx县xx局党组 for xx局党组)
    longer = [o for o in found
              if o.end - o.start > len(name) and ctx.view[o.start:o.end].endswith(name)
              and o.end - o.start <= c.org_max and o.score >= 20 and (best.bare or not o.book)]
    if longer:
        best = max(longer, key=lambda o: (o.score, -(o.end - o.start), -o.start))
    end = best.end
    group = c.org_group.search(ctx.view, best.start, best.end)
    if group:
        end = group.start(2)
    return ctx.report.span(best.start, end)


# --------------------------------------------------------------------- member review

def _member_review(ctx: _Context, c: _Cues) -> bool:
    view = ctx.view
    for m in c.review.finditer(view):
        s, e = m.span()
        if ctx.in_book(s):
            continue
        clause_lo = ctx.clause_start(s, _SENTENCE_END + ",", 40)
        before = view[clause_lo:s]
        if c.review_plan_before.search(before) or c.review_plan_after.search(view[e:e + 12]):
            continue
        if c.review_plan_sentence.match(view, ctx.clause_start(s, _SENTENCE_END, 80)):
            continue
        if c.review_notice_before.search(before) and c.review_notice_after.search(view[e:e + 24]):
            continue
        # 对领导班子和班子成员进行民主测评 / 全体党员对党支部班子进行了民主测评: not of the members
        obj = c.review_object.search(view, clause_lo, e)
        around = obj.group(1) if obj else view[clause_lo:ctx.sentence_end(e, 40)]
        if c.review_leaders.search(around) and not c.review_members.search(around):
            continue
        return True
    return False


# ------------------------------------------------------------------------ the field

def extract(report: Report) -> dict:
    c = cues()
    ctx = _Context(report)
    kind, special, own = _meeting_type(ctx, c)
    meeting_type = None
    if kind:
        meeting_type = ("专题" if special else "") + kind
    org = _organization(ctx, c)
    return {
        "meeting_type": meeting_type,
        "theme": _theme(ctx, c, own, special) if kind else None,
        "year": _year(ctx, c),
        "organization": org["text"] if org else None,
        "member_review": _member_review(ctx, c),
    }


def _most_common(values: list[int]) -> int:
    """The most frequent value, the largest on ties (counted once, not once per value)."""
    counts = Counter(values)
    return max(counts, key=lambda v: (counts[v], v))
