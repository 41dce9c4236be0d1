"""The unit that held the meeting: ``organization``.

From the lines above the title (the issuer), the title (its parenthesis first), the sentence
that says the meeting was held, the opening lines, the signature; the longest spelling of
the same name wins. Never the authority that issued the notice, approved the meeting or sent
the guiders, never a bare 领导班子 / 党支部 when the held sentence names the unit, never a name
whose start is a verb or a piece of a word. Branches reported together are one name
(机关一、二支部, 医院各党支部). A pronoun or a unit word alone (我院党委, 院党委, 我镇党政领导班子)
becomes the unit's own name when the text writes it (xx医院党委, in the signature too), else
the unit that is the subject of the held sentence (望京镇组织召开……), else it is kept. Cues:
``data/organization.toml`` and the meeting's own name from ``data/meeting.toml``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.fields import meeting
from extractor.match.context import SENTENCE_END, ReportContext, context_of
from extractor.match.gates import first_char_gated, matches_at_first_chars
from extractor.match.patterns import LazyRegex, last_match
from extractor.match.regex_facts import first_chars, is_one_character, max_width, possible_chars
from extractor.regex_store import compile_regex
from extractor.report import Report
from extractor.resources import load_toml

# the report facts read, filled by earlier components
READS = ("title",)

_TITLE_PAREN = compile_regex(r"\(([^()]{2,40})\)\s*$")


@dataclass(frozen=True)
class OrgCues:
    meeting: meeting.MeetingCues
    org: re.Pattern
    org_char: LazyRegex  # (a name's run is read with org_char_run when it can be)
    org_char_run: re.Pattern | None  # a run of org_char, when that is one character
    org_stop: re.Pattern
    org_max: int
    org_parent: re.Pattern
    org_parent_first: str | None  # the characters a match of org_parent starts with, if few
    org_group: re.Pattern
    org_injected_word: re.Pattern  # a gambling word: a hacked page put text into the name
    org_injected: re.Pattern  # that text's words and codes
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
    clause_subject: re.Pattern  # a unit opening a clause, its own verb further on
    clause_subject_reach: int | None  # how far after its blanks a clause subject's verb can be
    unit_suffix_chars: frozenset | None  # what a unit suffix may take in (None: not known, or it may be empty)
    unit_end: re.Pattern  # a unit word ending a name (书院, 公司, 武装部)
    group_before: re.Pattern
    group_chars: frozenset | None  # what a group word may take in (None: not known, or it may be empty)
    ordinal: re.Pattern  # matched where a name starts (二支部)
    ordinal_end: re.Pattern  # searched in a conjunct (机关一)
    conjunct_max: int
    pronoun_own: re.Pattern
    meeting_of_unit: re.Pattern
    title_unit: re.Pattern  # a unit opening the title, its meeting named after it
    unit_room: re.Pattern


# A unit subject (xx局) is at most _SUBJECT_MAX name characters and its suffix, and its
# 召开 / 举行 comes at most _SUBJECT_VERB_GAP characters after it (于/在 … 召开).
_SUBJECT_MAX = 20
_SUBJECT_VERB_GAP = 31
_SUBJECT_VERB = compile_regex("召开|举行")
_SUBJECT_DELIMITER = "[,。;:\\s]"  # what a unit subject follows, unless it opens the text
_SUBJECT_DELIMITERS = compile_regex(_SUBJECT_DELIMITER)
# what follows a unit that opens a clause of the held sentence (xx法院通过……)
_CLAUSE_SUBJECT_VERB = "通过|经过|经|按照|根据|结合|围绕|在|于"
# (no word starts inside another, so their matches are all the places where one stands)
_CLAUSE_SUBJECT_VERBS = compile_regex(_CLAUSE_SUBJECT_VERB)


def _subject_reach(char: str, unit_suffix: str, gap: int = _SUBJECT_VERB_GAP) -> int | None:
    """The furthest a unit subject's verb can start from the subject's start (``gap``
    characters at most between them); None when the patterns have no bound."""
    widths = [max_width(p) for p in (char, unit_suffix)]
    if None in widths:
        return None
    return _SUBJECT_MAX * widths[0] + widths[1] + gap


def _unit_subjects(view: str, c: OrgCues, lo: int, hi: int) -> list[re.Match]:
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
def org_cues() -> OrgCues:
    o = load_toml("organization.toml")["organization"]
    char = o["char"]
    return OrgCues(
        meeting=meeting.cues(),
        org=compile_regex(f"{o['suffix']}(?!{'|'.join(o['not_after'])})"),
        org_char=LazyRegex(char),
        org_char_run=compile_regex(f"(?:{char})*") if is_one_character(char) else None,
        org_stop=first_char_gated("|".join(o["stop"])),
        org_max=int(o["max_chars"]),
        org_parent=compile_regex(o["parent"]),
        org_parent_first=first_chars(o["parent"]),
        org_group=compile_regex(o["group_of_org"]),
        org_injected_word=compile_regex(o["injected_word"]),
        org_injected=compile_regex(f"{o['injected_code']}|{o['injected_word']}"),
        org_not_name=compile_regex(o["not_name"]),
        org_pronoun=compile_regex(o["pronoun"]),
        org_pronoun_start=compile_regex(o["pronoun_start"]),
        org_pronoun_prefix=compile_regex(o["pronoun_prefix"]),
        org_abbreviated=compile_regex(o["abbreviated"]),
        org_held_after=compile_regex(o["held_after"]),
        org_names_meeting=compile_regex(o["names_meeting"]),
        org_led_in=compile_regex(o["led_in"]),
        org_members_after=compile_regex(o["members_after"]),
        authority_after=compile_regex(o["authority_after"]),
        authority_before=compile_regex(o["authority_before"]),
        authority_clause_end=compile_regex(o["authority_clause_end"]),
        unit_subject=compile_regex(
            f"(?:^|(?<={_SUBJECT_DELIMITER}))((?:(?!于|在){char}){{2,{_SUBJECT_MAX}}}?{o['unit_suffix']})"
            f"(?=(于|在)[^。;]{{0,{_SUBJECT_VERB_GAP - 1}}}(召开|举行)|(召开|举行|组织召开))"),
        unit_subject_reach=_subject_reach(char, o["unit_suffix"]),
        clause_subject=compile_regex(
            f"\\s*((?:(?!于|在|经|通过|按照|根据){char}){{2,{_SUBJECT_MAX}}}?(?P<suffix>{o['unit_suffix']}))"
            f"(?={_CLAUSE_SUBJECT_VERB})"),
        clause_subject_reach=_subject_reach(char, o["unit_suffix"], gap=0),
        unit_suffix_chars=possible_chars(o["unit_suffix"]) if first_chars(o["unit_suffix"]) else None,
        unit_end=compile_regex(f"{o['unit_suffix']}$"),
        group_before=compile_regex(o["group_before"]),
        group_chars=possible_chars(o["group_before"]) if first_chars(o["group_before"]) else None,
        ordinal=compile_regex(o["ordinal"]),
        ordinal_end=compile_regex(f"{o['ordinal']}$"),
        conjunct_max=int(o["conjunct_max"]),
        pronoun_own=compile_regex(o["pronoun_own"]),
        title_unit=compile_regex(
            f"\\s*(?P<unit>(?:(?!于|在){char}){{2,{_SUBJECT_MAX}}}?{o['unit_suffix']})"
            f"{o['title_unit_between']}(民主|组织)生活会"),
        meeting_of_unit=compile_regex(
            f"{o['meeting_of_unit_before']}(?P<unit>(?:(?!于|在){char}){{2,{_SUBJECT_MAX}}}{o['unit_suffix']})"
            f"(?={o['meeting_of_unit_between']}(民主|组织)生活会)"),
        unit_room=compile_regex(
            f"生活会在(?P<unit>(?:(?!于|在){char}){{2,{_SUBJECT_MAX}}}{o['unit_suffix']})"
            f"[^,。;:在\\s]{{0,10}}?{o['room']}(召开|举行)"),
    )


def extract(report: Report) -> dict:
    org = _organization(report, context_of(report), org_cues())
    return {"organization": org["text"] if org else None}


@dataclass
class _Org:
    start: int
    end: int
    score: float
    bare: bool  # the suffix alone (党支部, 党组): no name of its own
    subject: bool = False  # a unit (xx医院, xx集团) that is the subject of the held sentence
    book: bool = False  # named inside 《》 only (the meeting's own plan: 《xx党支部专题组织生活会安排》)
    kind: tuple[int, int] | None = None  # bare but for a unit word (院党委, 我院党委): its span


_BRACKETED_MAX = 12  # name characters inside a bracketed other name, at most


def _name_run_start(view: str, c: OrgCues, lo: int, end: int) -> int:
    """Where the run of name characters ending at ``end`` starts, not before ``lo``."""
    if c.org_char_run is not None:
        # read backwards in one match
        return end - c.org_char_run.match(view[lo:end][::-1]).end()
    s = end
    while s > lo and c.org_char.match(view, s - 1):
        s -= 1
    return s


def _left_name_start(ctx: ReportContext, c: OrgCues, suffix_start: int) -> int:
    """Where the name ending with the suffix at ``suffix_start`` begins."""
    view = ctx.view
    lo = max(0, suffix_start - c.org_max)
    s = _name_run_start(view, c, lo, suffix_start)
    start = _after_stops(view, c, s, suffix_start)
    # a unit's other name in brackets inside the name: xx学院(管委会)党委
    if start == s and s - 4 > lo and view[s - 1] == ")":
        opening = view.rfind("(", max(lo, s - 2 - _BRACKETED_MAX), s - 3)
        if opening > lo and _name_run_start(view, c, opening + 1, s - 1) == opening + 1 \
                and _CJK.search(view, opening + 1, s - 1) and c.org_char.match(view, opening - 1):
            outer = _after_stops(view, c, _name_run_start(view, c, lo, opening), opening)
            if outer < opening:
                start = outer
    return start


_CJK = LazyRegex("[\u4e00-\u9fff]")


def _after_stops(view: str, c: OrgCues, s: int, end: int) -> int:
    """Where a name in view[s:end] starts: after the last stop word in it."""
    cut = 0
    for m in c.org_stop.finditer(view[s:end]):
        if m.end() > cut:
            cut = m.end()
    return s + cut


def _org_candidates(ctx: ReportContext, c: OrgCues) -> list[_Org]:
    view = ctx.view
    body0 = ctx.body_start()
    opening_end = min(len(view), body0 + 600)
    title_paren = _TITLE_PAREN.search(ctx.title_view())  # the parenthesis closing the title
    out: list[_Org] = []
    for m in c.org.finditer(view):
        ss, e = m.span()
        s = _left_name_start(ctx, c, ss)
        grouped = _grouped_start(ctx, c, s)
        if grouped is not None:
            s = grouped  # 医院各党支部: the unit and its branches
        elif c.org_not_name.match(view, s):
            continue
        s = _coordinated_start(ctx, c, s, ss)
        kind = None
        prefix = c.org_pronoun_prefix.match(view, s, ss)
        if prefix and c.pronoun_own.fullmatch(view, prefix.end(), ss):
            kind = prefix.span(2)  # 我院党委, 我镇党政领导班子: the pronoun's own unit
        elif prefix and ss - prefix.end() >= 2:
            s = prefix.end()  # 我院乳腺外科党支部: the branch's own name follows the pronoun
        elif c.org_pronoun_start.match(view, s) and not c.org_pronoun.fullmatch(view, s, ss) \
                and view[s] != "本":
            continue  # 这说明院党组: a clause that opens with a pronoun, not a name
        if c.org_abbreviated.fullmatch(view, s, ss):
            kind = (s, ss)
        bare = s == ss or kind is not None or bool(c.org_pronoun.fullmatch(view, s, ss))
        if ss - s == 1 and not bare and not c.ordinal.match(view, s, ss) \
                and view[s] not in _MASKS:
            continue  # 摆党支部 (查摆), 海党组 (a code): a piece of a word, not a name
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
        if _cited_authority(ctx, c, s, e, after, bare):
            continue
        if ctx.in_title(ss):
            paren = title_paren
            in_paren = paren is not None and ctx.title[0] + paren.start(1) <= s and \
                e <= ctx.title[0] + paren.end(1)
            score = 100 if in_paren else 80
        elif ctx.title and s < ctx.title[0]:
            # an issuer line above the title: the line is the name
            score = 95 if not view[line_start:s].strip() and not after.strip() else 60
        else:
            sent_end = ctx.sentence_end(e)
            following = view[e:sent_end]
            clause_before = view[ctx.clause_start(s, SENTENCE_END + ",", 24):s]
            held = bool(c.org_held_after.search(following) and c.meeting.kind.search(following)) \
                or bool(c.org_names_meeting.match(following))
            led_in = bool(c.org_led_in.search(clause_before)) and \
                bool(c.meeting.kind.search(following) or c.org_members_after.match(following))
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
        out.append(_Org(s, e, score, bare, kind=kind))
    # a unit without a party suffix opening the title, its meeting after it
    # (市政协办公室 2025 年度民主生活会召开情况)
    m = c.title_unit.match(view, *ctx.title) if ctx.title else None
    if m is not None:
        e = m.end("unit")
        s = _past_stops(view, c, m.start("unit"), e)
        if not _no_unit_name(view, c, s, e):
            out.append(_Org(s, e, 80, False))
    # a unit whose branches held the meeting (住房保障中心所属各支部)
    for m in matches_at_first_chars(view, c.org_parent, c.org_parent_first):
        s = _left_name_start(ctx, c, m.start())
        if m.start() - s >= 2:
            sent_end = ctx.sentence_end(m.end())
            following = view[m.end():sent_end]
            held = bool(c.meeting.kind.search(following))
            out.append(_Org(s, m.start(), 80 if held else 25, False))
    # the subject of the held sentence when it names no party organisation (xx局召开…)
    # (a news title's too: xx医院召开2023年度领导班子民主生活会)
    for m in _unit_subjects(view, c, ctx.title[0] if ctx.title else body0, opening_end):
        e = m.end(1)
        s = _past_stops(view, c, m.start(1), e)
        prefix = c.org_pronoun_prefix.match(view, s, e)
        if prefix and e - prefix.end() >= 3:
            s = prefix.end()  # 我校附属医院: the unit's own name
        if _no_unit_name(view, c, s, e):
            continue
        following = view[e:ctx.sentence_end(e)]
        verb = _SUBJECT_VERB.search(following)
        if verb and ctx.in_book(e + verb.start()):
            continue  # 组织部于……下发了《关于召开……的通知》: the notice's, not this meeting's
        if c.meeting.kind.search(following):
            # the held sentence's own subject outranks a party name merely mentioned nearby
            out.append(_Org(s, e, _HELD_SUBJECT, False, subject=True))
    # a unit opening a clause of the held sentence, its verb further on (xx法院通过……，
    # 经……同意，于1月19日召开……生活会)
    for m in _clause_subjects(view, c, body0, opening_end):
        s, e = m.span(1)
        if c.org.search(view, s, e) or c.org_not_name.match(view, s) or c.org_pronoun_start.match(view, s):
            continue
        following = view[e:ctx.sentence_end(e, 240)]
        held = c.org_held_after.search(following)
        if held and not ctx.in_book(e + held.start()) and c.meeting.kind.search(following, held.end()):
            out.append(_Org(s, e, 15, False, subject=True))
    # a unit named right before its meeting (召开的xx县检察院专题民主生活会) or whose room the
    # meeting was held in (生活会在县水务局三楼会议室举行)
    for pattern in (c.meeting_of_unit, c.unit_room):
        for m in pattern.finditer(view, body0, opening_end):
            e = m.end("unit")
            s = _past_stops(view, c, m.start("unit"), e)
            if _no_unit_name(view, c, s, e) or c.org_abbreviated.fullmatch(view, s, e):
                continue
            out.append(_Org(s, e, 20, False, subject=True))
    return out


def _past_stops(view: str, c: OrgCues, s: int, e: int) -> int:
    """Where a unit's name in view[s:e] starts: after the last stop word in it (召开了,
    时间 words, a room …)."""
    for stop in c.org_stop.finditer(view, s, e):
        s = max(s, stop.end())
    return s


def _no_unit_name(view: str, c: OrgCues, s: int, e: int) -> bool:
    """view[s:e] names no unit without a party suffix: too short, holds a party
    organisation's name (found on its own), or opens like no name (上级, 这说明 …)."""
    return e - s < 2 or bool(c.org.search(view, s, e) or c.org_not_name.match(view, s)
                             or c.org_pronoun_start.match(view, s))


_MASKS = "×xX某"
# a held sentence's subject (xx中心在…召开…生活会) ranks above a name in the opening that
# holds nothing (30 at most) and below a name that held the meeting or signs the report
_HELD_SUBJECT = 32


def _cited_authority(ctx: ReportContext, c: OrgCues, s: int, e: int, after: str, bare: bool) -> bool:
    """The name at view[s:e] is an authority the text cites (按照xx党委的要求, 经校党委审批同意),
    not the unit that met; ``after`` is the rest of its line."""
    view = ctx.view
    if c.authority_after.match(after) and (not bare or c.authority_before.search(view[max(0, s - 40):s])):
        return True
    stop = _CLAUSE_STOP.search(view, e, min(len(view), e + 40))
    return bool(stop and c.authority_before.search(view[max(0, s - 40):s])
                and c.authority_clause_end.search(view, e, stop.start()))


def _grouped_start(ctx: ReportContext, c: OrgCues, s: int) -> int | None:
    """Where a unit starts whose branches are named after a group word ending at ``s``
    (医院各党支部, 书院10个党支部); None when there is none."""
    # most names follow no group word: the character before them tells (a group word ends
    # there, or before a line break there, which the pattern's $ lets through)
    if s == 0 or c.group_chars is not None and ctx.view[s - 1] not in c.group_chars and ctx.view[s - 1] != "\n":
        return None
    group = c.group_before.search(ctx.view, max(0, s - 6), s)
    if group is None:
        return None
    u = _left_name_start(ctx, c, group.start())
    unit = ctx.view[u:group.start()]
    if len(unit) < 2 or not c.unit_end.search(unit) or c.org_not_name.match(unit) \
            or c.org_pronoun_start.match(unit):
        return None
    return u


def _coordinated_start(ctx: ReportContext, c: OrgCues, s: int, ss: int) -> int:
    """Where the first of several branches joined by 、 starts, when the name at ``s``
    is their last (机关一、二支部, 教务处、后勤处、科研中心党支部)."""
    view = ctx.view
    if s <= 1 or view[s - 1] != "、":
        return s  # no branch before it
    last = view[s:ss]
    ordinal = bool(c.ordinal.match(last))
    unit = bool(last) and bool(c.unit_end.search(last))
    if not (ordinal or unit):
        return s
    while s > 1 and view[s - 1] == "、":
        cs = _left_name_start(ctx, c, s - 1)
        conjunct = view[cs:s - 1]
        if not 1 <= len(conjunct) <= c.conjunct_max or c.org_not_name.match(conjunct):
            break
        if not ((ordinal and c.ordinal_end.search(conjunct)) or (unit and c.unit_end.search(conjunct))):
            break
        s = cs
    return s


_CLAUSE_STOP = compile_regex("[,;。\n]")  # ends a clause, and opens the next


def _clause_subjects(view: str, c: OrgCues, lo: int, hi: int) -> list[re.Match]:
    """Units (xx法院, xx医院) that open a clause in view[lo:hi], followed by a verb of
    their own (not 召开, which _unit_subjects takes)."""
    reach = c.clause_subject_reach
    if reach is not None:
        verbs = [m.start() for m in _CLAUSE_SUBJECT_VERBS.finditer(view, lo, hi)]
        if c.unit_suffix_chars is not None:  # the verb follows the suffix
            verbs = [v for v in verbs if v > lo and view[v - 1] in c.unit_suffix_chars]
        if not verbs:
            return []
    starts = [lo] + [m.end() for m in _CLAUSE_STOP.finditer(view, lo, hi)]
    if reach is not None:
        starts = _within_reach(view, starts, verbs, reach)
    return [m for m in (c.clause_subject.match(view, start, hi) for start in starts) if m]


def _within_reach(view: str, starts: list[int], verbs: list[int], reach: int) -> list[int]:
    """The clause starts (ascending) that have one of the verbs (ascending) at most
    ``reach`` characters after the blanks they open with: only there can a clause subject
    match (most clauses have none, and the regex is slow to fail)."""
    near = set()
    for verb in verbs:
        i = bisect.bisect_left(starts, verb - reach)
        near.update(starts[i:bisect.bisect_right(starts, verb)])
        # a start further back whose blanks run up to verb - reach
        while i > 0 and view[starts[i - 1]:verb - reach].isspace():
            i -= 1
            near.add(starts[i])
    return [start for start in starts if start in near]


def _organization(report: Report, ctx: ReportContext, c: OrgCues) -> dict | None:
    found = _org_candidates(ctx, c)
    # 县财政局机关党支部第三党小组: the name runs on past the first suffix
    ends = {}
    for o in found:
        if not o.book:
            ends[o.start] = max(ends.get(o.start, o.end), o.end)
    whole = [o for o in found if not o.book and o.end == ends[o.start]]
    cands = [o for o in whole if o.score > 0]
    best = max(cands, key=lambda o: (o.score, -o.start)) if cands else None
    if best is None or best.bare:
        # a pronoun or a unit word alone (我院党委, 院党委): the unit's own name when the text
        # writes it (xx医院党委), else the unit that is the subject of the held sentence
        kinds = [o for o in whole if o.kind is not None]
        short = max(kinds, key=lambda o: (o.score, -o.start)) if kinds else None
        named = _named_kind(ctx, c, short) if short is not None else None
        subjects = [o for o in cands if o.subject and o.score >= 15]
        if named is not None:
            best = named
        elif subjects:
            best = max(subjects, key=lambda o: (o.score, -o.start))
        elif best is None:
            best = short
    if best is None:
        return None
    name = ctx.view[best.start:best.end]
    # the fullest spelling of the same name (xx党组 for 党组, 中共xx县xx局党组 for xx局党组)
    longer = [o for o in found
              if o.end - o.start > len(name) and ctx.view[o.start:o.end].endswith(name)
              and o.end - o.start <= c.org_max and o.score >= 20 and (best.bare or not o.book)]
    if longer:
        best = max(longer, key=lambda o: (o.score, -(o.end - o.start), -o.start))
    start, end = best.start, best.end
    group = c.org_group.search(ctx.view, best.start, best.end)
    if group:
        end = group.start(2)
    return report.span(_past_injected(ctx.view, c, start, end), end)


def _past_injected(view: str, c: OrgCues, start: int, end: int) -> int:
    """Where the name at view[start:end] starts once text a hacked page put into it is
    left out (3044am永利集团3044noc教师一支部 → 教师一支部): when it holds a gambling word,
    after the last word or code of such text, when a party organisation's name is left."""
    if not c.org_injected_word.search(view, start, end):
        return start
    last = last_match(c.org_injected, view, start, end)
    if last is None or not c.org.search(view, last.end(), end) or end - last.end() < 3:
        return start
    return last.end()


_NAMED_KIND_LOOKS = 40  # occurrences of 院党委 looked at, at most
_AFTER_READ = 60  # what follows a name that says it is a cited authority lies within this


def _named_kind(ctx: ReportContext, c: OrgCues, short: _Org) -> _Org | None:
    """The same unit word and suffix with the unit's own name before it (我院党委 →
    福州第四医院党委, wherever the text writes it, its signature too); None when absent."""
    view = ctx.view
    kind_start, kind_end = short.kind
    key = view[kind_start:short.end]
    group = c.org_group.search(key)
    if group:
        key = key[:group.start(2)]  # 院党委领导班子: the 院党委 it belongs to
    best = None
    i = view.find(key)
    for _ in range(_NAMED_KIND_LOOKS):
        if i < 0:
            break
        s = _left_name_start(ctx, c, i + kind_end - kind_start)
        e = i + len(key)
        line_end = view.find("\n", e, e + _AFTER_READ)
        after = view[e:e + _AFTER_READ if line_end == -1 else line_end]
        if s < i and not c.org_not_name.match(view, s) and not c.org_pronoun_start.match(view, s) \
                and not ctx.in_book(i) and not _cited_authority(ctx, c, s, e, after, False) \
                and (best is None or e - s > best.end - best.start):
            best = _Org(s, e, 0, False)
        i = view.find(key, i + 1)
    return best
