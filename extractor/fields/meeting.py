"""Meeting type, theme, member review.

All cue words and patterns live in ``data/meeting.toml``; this module decides which
mention of the meeting counts:

- **meeting_type**: 民主生活会 or 组织生活会 from the title when it names one, else from
  the mentions of the meeting in the body (a mention after 召开/举行 weighs more, one in a
  cited 《notice》 or about last year's meeting less). 专题 when the meeting's own name
  carries 专题 or a theme (党史学习教育专题组织生活会); a title that names the annual
  meeting (2022年度…) is not overridden by a stray 专题 in the body.
- **theme**: the theme the meeting is named after (data list), else, for a 专题 meeting,
  the listed theme the body keeps returning to.
- **member_review**: 民主评议党员 / 民主测评 of members carried out (not planned, not
  ruled out, not a notice's title, not a 测评 of the leading group only).

The year reviewed (``year.py``) and the unit that met (``organization.py``) read the
meeting's name from ``cues()`` too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.match.context import SENTENCE_END, ReportContext, context_of
from extractor.match.gates import first_char_led, matches_at_first_chars
from extractor.match.regex_facts import few_needed_chars, first_chars, holds_needed
from extractor.regex_store import compile_regex
from extractor.report import Report
from extractor.resources import load_toml

# the report facts read, filled by earlier components
READS = ("title",)


@dataclass(frozen=True)
class MeetingCues:
    # meeting type and theme
    kind: re.Pattern
    kind_first: str | None  # the characters a match of kind starts with, if few
    special_before: re.Pattern
    special_joined: re.Pattern
    also_this: re.Pattern
    this_meeting: re.Pattern
    held_before: re.Pattern
    held_after: re.Pattern
    around: re.Pattern
    previous_before: re.Pattern
    annual: re.Pattern
    themes: tuple[tuple[str, re.Pattern], ...]
    # per theme, the few characters a match needs one of each of (regex_facts): a theme
    # written with an optional word first (（深入贯彻）中央八项规定…) has no fixed first
    # character for its regex to skip ahead with, and a few substring tests rule it out
    # of most reports sooner than a search
    theme_needs: tuple[tuple[frozenset, ...], ...]
    themes_counted: frozenset
    theme_named: tuple[tuple[str, re.Pattern], ...]
    theme_named_end: re.Pattern
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


@lru_cache(maxsize=1)
def cues() -> MeetingCues:
    data = load_toml("meeting.toml")
    t, r = data["type"], data["member_review"]
    theme_sources = tuple((th["name"], th["pattern"]) for th in data["theme"])
    # (scanned over the whole view: led by their first characters where need be)
    themes = tuple((name, first_char_led(p)) for name, p in theme_sources)
    # THEME (quotes) (专题) (的) (领导班子) 民主/组织生活会: the meeting is named after it
    named_tail = (r"[”\"’」』]?\s*(专题)?[”\"’」』]?\s*(的)?\s*((党员)?领导干部|领导班子|班子|党员|支部)?"
                  r"(民主|组织)生活会")
    theme_named = tuple((name, compile_regex(f"(?:{p}){named_tail}")) for name, p in theme_sources)
    return MeetingCues(
        kind=compile_regex(t["kind"]),
        kind_first=first_chars(t["kind"]),
        special_before=compile_regex(t["special_before"]),
        special_joined=compile_regex(t["special_joined"]),
        also_this=compile_regex(t["also_this"]),
        this_meeting=compile_regex(t["this_meeting"]),
        held_before=compile_regex(t["held_before"]),
        held_after=compile_regex(t["held_after"]),
        around=compile_regex(t["around"]),
        previous_before=compile_regex(t["previous_before"]),
        annual=first_char_led(t["annual"]),
        themes=themes,
        theme_needs=tuple(few_needed_chars(p) for _, p in theme_sources),
        themes_counted=frozenset(th["name"] for th in data["theme"] if not th.get("named_only")),
        theme_named=theme_named,
        theme_named_end=compile_regex(
            "(?:" + "|".join(f"(?:{p})" for _, p in theme_sources) + f"){named_tail}$"),
        review=compile_regex(r["cue"]),
        review_plan_before=compile_regex(r["plan_before"]),
        review_plan_after=compile_regex(r["plan_after"]),
        review_plan_sentence=compile_regex(r["plan_sentence"]),
        review_notice_before=compile_regex(r["notice_before"]),
        review_notice_after=compile_regex(r["notice_after"]),
        review_leaders=compile_regex(r["leaders_only"]),
        review_members=compile_regex(r["members_named"]),
        review_object=compile_regex(r["object"]),
    )


# ---------------------------------------------------------------------- meeting type

@dataclass
class _Mention:
    start: int
    end: int
    kind: str          # 民主生活会 / 组织生活会
    special: bool | None  # named 专题 or after a theme; None until _is_special reads it
    title: bool
    book: bool
    previous: bool
    held: bool
    timing: bool       # names the meeting's time, not the meeting (生活会前, 生活会后)


def _mentions(ctx: ReportContext, c: MeetingCues) -> list[_Mention]:
    view = ctx.view
    out = []
    for m in matches_at_first_chars(view, c.kind, c.kind_first):
        s, e = m.span()
        clause = view[ctx.clause_start(s, SENTENCE_END + ",", 50):s]
        timing = bool(c.around.match(view, e))
        out.append(_Mention(
            start=s, end=e, kind=m.group("kind") + "生活会", special=None,
            title=ctx.in_title(s), book=ctx.in_book(s),
            previous=bool(c.previous_before.search(view[max(0, s - 16):s])),
            held=not timing and bool(
                c.held_before.search(clause) or c.held_after.match(view, e, ctx.sentence_end(e, 60))),
            timing=timing))
    return out


def _is_special(view: str, c: MeetingCues, m: _Mention) -> bool:
    """Whether the mention is named 专题 or after a theme. Read when asked, and kept: the
    meeting type asks about few mentions (often a title's only), and the theme search
    before each one is the dearest test of a mention."""
    if m.special is None:
        s = m.start
        m.special = bool(c.special_before.search(view[max(0, s - 12):s])) \
            or bool(c.theme_named_end.search(view, max(0, s - 40), m.end))
    return m.special


def _meeting_type(ctx: ReportContext, c: MeetingCues) -> tuple[str | None, bool, list[_Mention]]:
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
    view = ctx.view
    if any(_is_special(view, c, m) for m in title_own):
        return kind, True, own
    if title_own and c.annual.search(ctx.title_view()):
        return kind, False, own  # the title names the annual meeting: the body can't override
    body_own = [m for m in own if not m.title and not m.book and not m.previous]
    held = [m for m in body_own if m.held]
    annual_held = any(c.annual.search(view, max(0, m.start - 12), m.start) for m in held)
    if not annual_held and any(_is_special(view, c, m)
                               and c.this_meeting.search(view, max(0, m.start - 8), max(0, m.start - 2))
                               for m in body_own):
        special = True  # 这次专题民主生活会: the body names this meeting 专题
    elif any(_is_special(view, c, m) and c.also_this.search(view, max(0, m.start - 40), m.start)
             for m in body_own):
        special = True  # 既是年度民主生活会，又是……专题民主生活会
    elif held:
        special = _is_special(view, c, held[0]) or bool(c.special_joined.match(view, held[0].end))
    elif body_own:
        # none held: the mentions around the meeting's time (生活会前 / 后) are short names of
        # it, so they do not outvote the one that names it in full
        named = [m for m in body_own if not m.timing] or body_own
        special = 2 * sum(_is_special(view, c, m) for m in named) >= len(named)
    else:
        special = any(_is_special(view, c, m) for m in own)
    return kind, special, own


def _theme(ctx: ReportContext, c: MeetingCues, own: list[_Mention], special: bool) -> str | None:
    if not special:
        return None
    view = ctx.view

    def named_at(m: _Mention) -> str | None:
        reach = view[max(0, m.start - 40):m.end]
        # one search for all the themes first: a mention named after none is the common case
        if c.theme_named_end.search(reach) is None:
            return None
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
    for (name, p), needs in zip(c.themes, c.theme_needs):
        if not holds_needed(view, needs):
            continue  # no hit: nothing to count or to take
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


def _most_specific(view: str, c: MeetingCues, name: str) -> str:
    """A short theme (主题教育) written out in full elsewhere in the report (学习贯彻…主题教育)."""
    for (fuller, pattern), needs in zip(c.themes, c.theme_needs):
        if fuller != name and name in fuller and holds_needed(view, needs) and \
                any(name in hit.group() for hit in pattern.finditer(view)):
            return fuller
    return name


# --------------------------------------------------------------------- member review

def _member_review(ctx: ReportContext, c: MeetingCues) -> bool:
    view = ctx.view
    for m in c.review.finditer(view):
        s, e = m.span()
        if ctx.in_book(s):
            continue
        clause_lo = ctx.clause_start(s, SENTENCE_END + ",", 40)
        before = view[clause_lo:s]
        if c.review_plan_before.search(before) or c.review_plan_after.search(view[e:e + 12]):
            continue
        if c.review_plan_sentence.match(view, ctx.clause_start(s, SENTENCE_END, 80)):
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
    ctx = context_of(report)
    kind, special, own = _meeting_type(ctx, c)
    meeting_type = None
    if kind:
        meeting_type = ("专题" if special else "") + kind
    return {
        "meeting_type": meeting_type,
        "theme": _theme(ctx, c, own, special) if kind else None,
        "member_review": _member_review(ctx, c),
    }

