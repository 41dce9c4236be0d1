"""Named people who took part or are named in the meeting account, with roles.

Rules for precision (a trained NER may add recall later): a name is a surname
(``data/surnames.txt``) and one or two given-name characters, and it is only taken next
to a cue (``data/people.toml``):

- strong cues: ``NAME同志``; an office right before it (``支部书记王定武``); a label
  (``主持人：张三``, ``参会人员：张三、李四``, ``文/张三``); ``NAME（支部书记）``;
- weak cues: a verb of the meeting account after it (``，王定武强调``, ``由张三主持``), with
  punctuation or a lead word (由, 请, 是 …) before it and given-name characters only;
- names listed with one found that way (``张三、李四等同志``, ``、党委办公室李四、``) come along;
- a minority or foreign name, its parts joined by a middle dot (``书记艾尔肯·吐尼亚孜``), is
  taken with an office before it, a cue word after it or 、 beside it.

Never people: masked names (``xx同志``, ``张××``, ``王某某``), names inside 《》, the
leaders and heroes of the exclude list (``习近平新时代…``), words such as 同志们, 全体同志,
党员同志, 支部书记同志. One entry per person (traditional and simplified spellings are
the same person); ``role`` is the office written before the name (``局党组副书记、副局长``),
else the one in parentheses after it, else a cue such as 到会指导, else null.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.match.context import context_of
from extractor.match.gates import positions_of_any
from extractor.match.intervals import TakenSpans
from extractor.match.patterns import LazyRegex, lead_then_word, matches_at, word_trie
from extractor.match.regex_facts import first_chars, possible_chars
from extractor.regex_store import compile_regex
from extractor.report import Report
from extractor.text.normalize import to_simplified
from extractor.resources import load_toml, read_words

# the report facts read, filled by earlier components
READS = ("title",)

_PAREN = compile_regex(r"\(([^()\n]{2,30})\)")
# What may stand right after a listed name.
_DELIMS = set(",。;:、!?()“”\"'》〉」』 \n等")
_SEPARATORS = "、和及与"
_QUOTES = "“‘「『\"'"
_MAX_LIST = 12
_UNIT_MAX = 12  # the longest unit's name after_unit looks through
_TOKEN = compile_regex(r"[^、,;。\s/]+")
_TOKEN_SEP = compile_regex(r"[、,\s/]+")
_NAME_CHARS = compile_regex(r"[\u4e00-\u9fff]{2,4}")
_PADDED = LazyRegex(r"[\u4e00-\u9fff] {1,3}[\u4e00-\u9fff](?=[、,;。\s/(]|$)")  # 王  伟: rare


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _plain_words(pattern: str) -> list[str] | None:
    """The words of a regex that is only an alternation of literal words, such as
    ``(则|也|还)``, in their order; None for any other regex."""
    if pattern.startswith("(") and pattern.endswith(")"):
        pattern = pattern[1:-1]
    words = pattern.split("|")
    return words if all(w and re.escape(w) == w for w in words) else None


def _verb_language(lead: str, verbs: list[str]) -> list[str] | None:
    """Every string the verbs pattern ``(?:lead)?(?:verbs)`` can match, when the lead is a
    list of words; None otherwise."""
    lead_words = _plain_words(lead)
    if lead_words is None or "" in verbs:
        return None
    return [head + verb for head in ["", *lead_words] for verb in verbs]


@dataclass(frozen=True)
class _ScanAfter:
    """How to find the matches of ``scan.finditer(view)`` that start right after one of
    some characters without that scan, which enters the pattern wherever a word may start
    (a fifth of all characters for the verbs): ``after`` is one of the characters with a
    match of scan right after it; ``inner_pairs`` the pairs of characters that stand side
    by side inside one match, as only where such a pair stands can a match start inside
    another one, which the scan would have skipped."""
    scan: re.Pattern
    after: re.Pattern
    inner_pairs: frozenset


def _scan_after(chars, scan: re.Pattern, language: list[str] | None) -> _ScanAfter | None:
    """The shortcut for the matches of ``scan`` after one of ``chars``, when ``language``
    lists every string the scan can match; None when it does not."""
    if language is None:
        return None
    return _ScanAfter(scan, compile_regex(f"{_ranges(chars)}(?={scan.pattern})"),
                      frozenset(w[i - 1:i + 1] for w in language for i in range(1, len(w))))


_CJK_CHARS = frozenset(map(chr, range(0x4E00, 0xA000)))  # what _is_cjk admits


def _ranges(chars) -> str:
    """A character class of the characters, runs of consecutive ones written as ranges."""
    codes = sorted(map(ord, chars))
    out = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        out.append(re.escape(chr(codes[i])) + ("" if i == j else "-" + re.escape(chr(codes[j]))))
        i = j + 1
    return "[" + "".join(out) + "]"


def _verb_pattern(lead: str, verbs: list[str]) -> re.Pattern:
    """``(?:lead)?(?:verbs)``. When the lead is a list of words it is written so that the
    engine skips positions where no lead nor verb starts without entering the pattern
    (``patterns.lead_then_word``: the same matches, tried in the same order)."""
    lead_words = _plain_words(lead)
    fast = lead_then_word(lead_words, verbs) if lead_words is not None else None
    return compile_regex(fast if fast is not None else f"(?:{lead})?{word_trie(verbs)}")


@dataclass(frozen=True)
class _Cues:
    surnames: frozenset
    compound: frozenset
    weak_surnames: frozenset
    comrade: re.Pattern
    comrade_first: str | None  # the characters a comrade cue may start with
    # a name's last character (ending_at's first test, with a strong cue), then a comrade
    # cue: read at the cue's first character, the cue tried there in the same scan (its
    # lookahead sits in a one-character lookbehind, so the scan still steps one character
    # at a time); None without comrade_first
    name_then_comrade: re.Pattern | None
    comrade_chars: frozenset | None  # what a comrade cue may take in; None when not a short list
    verbs: re.Pattern
    right_words: re.Pattern  # other words that follow a name
    verbs_after_given: _ScanAfter | None  # the verbs after a given-name character
    office_after: re.Pattern
    line_name: re.Pattern  # at the start of the view
    line_name_next: re.Pattern  # the same after a line break, which it takes in
    lead_ends: dict | None  # a name starts after a lead word or office: them by last character
    role_any: re.Pattern
    role_endings: dict  # the offices by their last two characters (one, for a one-character office)
    role_then_surname: re.Pattern | None  # the last character of an office, then a surname's first
    collective: frozenset
    role_end: re.Pattern
    role_stop: re.Pattern
    labels: re.Pattern
    label_run_reversed: re.Pattern | None
    # where a spaced label starts, every such place (overlaps too); None for none: one
    # scan led by the labels' first characters, not a str.find pass per label
    spaced_label_starts: re.Pattern | None
    role_cues: re.Pattern
    exclude: frozenset
    heroes: frozenset  # excluded unless two cues attest the person (see _name_shape_ok)
    org_ends: dict | None  # where an organisation's name ends, by last character
    final_chars: frozenset  # stop characters that may end a three-character name
    middle_chars: frozenset  # stop characters that may stand inside a name set off on both sides
    hard_stop: frozenset  # stop characters even a name set off by an office and a delimiter lacks
    bylines: frozenset  # labels and roles of bylines and credits (not participants)
    studied_after: re.Pattern  # after a name: a speech the meeting studied
    office_then_verb: re.Pattern  # after an office after a name: what only a person does
    not_names: frozenset
    not_name_sizes: tuple  # their lengths
    stop: frozenset
    given: frozenset
    given_last: frozenset  # given-name characters that may end a name found by a weak cue
    name_last: frozenset  # the characters that may end a name found by a strong cue
    place_ends: frozenset  # what ends a place's name (田黄镇): no name runs into one
    dots: str  # the middle dots that join the parts of a minority or foreign name
    dotted_part_max: int
    dotted_parts: int


_LEAD_MAX = 10  # the longest lead word or office that left_kind looks for
_LABEL_LEFT = ",。;:()"
_LABEL_COLONS = ":/"
_ROLE_PREFIX_MAX = 10


def _label_patterns(cue: dict, roles: str) -> dict:
    """The label pattern, and two patterns that find where it may match (see
    _Finder.label_matches); those two are None when a label character could also stand
    to the left of a label, which their shortcut does not allow for."""
    labels = compile_regex(
        # 主持人：张三 / 支部书记：张三 / 文/张三 / （通讯员 张三）, after a line start or punctuation
        f"(?:^|(?<=[\\s{_LABEL_LEFT}]))"
        f"(?:(?P<label>{word_trie(cue['labels'])}"
        f"|[\\u4e00-\\u9fff×]{{0,{_ROLE_PREFIX_MAX}}}?{roles})\\s*[{_LABEL_COLONS}]"
        f"|(?P<label2>{word_trie(cue['spaced_labels'])})\\s)\\s*")
    words = cue["labels"] + cue["roles"] + cue["spaced_labels"]
    others = {ch for w in words for ch in w if not _is_cjk(ch)} | {"×"}
    if "" in words or any(re.match(f"[\\s{_LABEL_LEFT}{_LABEL_COLONS}]", ch) for ch in others):
        return {"labels": labels, "label_run_reversed": None, "spaced_label_starts": None}
    longest = max(max(map(len, cue["labels"]), default=0),
                  _ROLE_PREFIX_MAX + max(map(len, cue["roles"]), default=0))
    run = f"[\\u4e00-\\u9fff{re.escape(''.join(sorted(others)))}]{{1,{longest}}}"
    return {"labels": labels,
            # a colon, blanks, the label characters before them: in the reversed view
            "label_run_reversed": compile_regex(f"[{_LABEL_COLONS}]\\s*{run}"),
            "spaced_label_starts": _starts_of(cue["spaced_labels"])}


def _starts_of(words: list[str]) -> re.Pattern | None:
    """A pattern whose matches (one character each) start where one of the words (not
    empty) does; None without words. It reads each place that holds a word's first
    character (the word's lookahead sits in a one-character lookbehind)."""
    if not words:
        return None
    return compile_regex(f"{_ranges(w[0] for w in words)}(?<=(?={word_trie(words)}).)")


def _line_name_patterns(roles: str) -> dict:
    """A line that starts with a name: 甄立伟：我在学习上…  /  苑成林  党组书记、主任.
    Such a match never takes in a line break, so the matches after one are those of a
    pattern that starts with it, which the engine looks for fast (a literal)."""
    line = (f"[ ]*(?P<name>[\\u4e00-\\u9fff]{{2,4}})"
            f"(?:[ ]*:(?=[ ]*\\S)|[ ]{{2,}}(?=[^\\n]{{0,16}}{roles}))")
    return {"line_name": compile_regex(line), "line_name_next": compile_regex("\\n" + line)}


@lru_cache(maxsize=1)
def cues() -> _Cues:
    data = load_toml("people.toml")
    cue, names = data["cues"], data["names"]
    left_out = set(names["rules_leave_out"]) | set(names["rules_leave_out_compound"])
    surnames = [w for w in read_words("surnames.txt") if w not in left_out]
    roles = word_trie(cue["roles"])
    given_chars = names["given_chars"]
    given_last = frozenset(ch for ch in given_chars if _is_cjk(ch) and ch not in names["stop_chars"])
    verbs = _verb_pattern(cue["verb_lead"], cue["verbs"] + cue["roles"])
    comrade_first = first_chars(cue["comrade"])
    # what a name found with a strong cue may end with (ending_at's first test)
    name_last = _CJK_CHARS - frozenset(names["stop_chars"])
    return _Cues(
        surnames=frozenset(w for w in surnames if len(w) == 1),
        compound=frozenset(w for w in surnames if len(w) == 2),
        weak_surnames=frozenset(names["weak_surnames"]),
        comrade=compile_regex(cue["comrade"]),
        comrade_first=comrade_first,
        name_then_comrade=None if comrade_first is None else compile_regex(
            f"[{re.escape(comrade_first)}](?<={_ranges(name_last)}.)(?<=(?={cue['comrade']}).)"),
        comrade_chars=possible_chars(cue["comrade"]),
        verbs=verbs,
        right_words=compile_regex(word_trie(cue["right_words"])),
        verbs_after_given=_scan_after(given_last, verbs,
                                      _verb_language(cue["verb_lead"], cue["verbs"] + cue["roles"])),
        **_line_name_patterns(roles),
        office_after=compile_regex(f"(?:{word_trie(cue['office_after'])})"),
        lead_ends=_by_last_char(cue["lead"] + cue["roles"]),
        role_any=compile_regex(f"(?:{roles})"),
        role_endings=_by_ending(cue["roles"]),
        role_then_surname=None if "" in cue["roles"] else compile_regex(
            _ranges(w[-1] for w in cue["roles"]) + "(?=" + _ranges(w[0] for w in surnames) + ")"),
        collective=frozenset(cue["collective_roles"]),
        role_end=compile_regex(f"(?:{roles})$"),
        role_stop=compile_regex(cue["role_stop"]),
        **_label_patterns(cue, roles),
        role_cues=compile_regex(word_trie(cue["role_cues"])),
        exclude=frozenset(names["exclude"]),
        heroes=frozenset(names["heroes"]),
        org_ends=_by_last_char(cue["org_ends"]),
        final_chars=frozenset(cue["name_final_chars"]),
        middle_chars=frozenset(cue["name_middle_chars"]),
        hard_stop=frozenset(cue["hard_stop_chars"]),
        bylines=frozenset(cue["bylines"]),
        studied_after=compile_regex(cue["studied_after"]),
        office_then_verb=compile_regex(cue["office_then_verb"]),
        not_names=frozenset(names["not_names"]),
        not_name_sizes=tuple(sorted({len(w) for w in names["not_names"]})),
        stop=frozenset(names["stop_chars"]),
        given=frozenset(given_chars),
        given_last=given_last,
        name_last=name_last,
        place_ends=frozenset(names["place_ends"]),
        dots=names["dots"],
        dotted_part_max=names["dotted_part_max"],
        dotted_parts=names["dotted_parts"],
    )


def _by_last_char(words) -> dict | None:
    """{last character: the words that end with it}; None when a word is empty."""
    if "" in words:
        return None
    out: dict = {}
    for word in sorted(set(words)):
        out.setdefault(word[-1], []).append(word)
    return {ch: tuple(ws) for ch, ws in out.items()}


def _by_ending(words) -> dict:
    """{the last two characters (the word, for a one-character one): the words that end
    with them}."""
    out: dict = {}
    for word in sorted(set(words)):
        out.setdefault(word[-2:], []).append(word)
    return {end: tuple(ws) for end, ws in out.items()}


def _contains_word(text: str, words: frozenset, sizes: tuple) -> bool:
    """Whether one of the words (of these lengths) stands anywhere in the short text."""
    for size in sizes:
        for i in range(len(text) - size + 1):
            if text[i:i + size] in words:
                return True
    return False


# How well a place attests a name: a weak cue (a verb after it), a strong one (an office
# before it, 同志 after it), or two strong-enough ones at once (an office before it and 同志
# or a verb of the account after it: 董事长盛更红主持).
WEAK, STRONG, DOUBLE = 0, 1, 2
# An office right after the name and a unit or lead word right before it (纪检组高峰组长):
# even a name that is also a word (高峰) is one.
ENCLOSED = 3


@lru_cache(maxsize=1 << 14)
def _name_shape_ok(name: str, strong: int, final_ok: bool = False, set_off: bool = False) -> bool:
    """Whether the characters make a name: a surname and a given name of one or two
    characters that may be in one, nothing excluded. ``strong`` is WEAK, STRONG or DOUBLE
    (False / True count as WEAK / STRONG): with DOUBLE a surname that is often a word
    needs no given-name check and a hero's name is a person; ``final_ok`` lets a
    three-character name end with one of the final_chars; ``set_off`` (an office before
    the name, a delimiter right after it) checks the hard stop characters only. Cached: it
    depends on them only, and the same ones are tried again and again."""
    c = cues()
    if not 2 <= len(name) <= 4 or not _NAME_CHARS.fullmatch(name):
        return False
    if len(name) >= 3 and name[:2] in c.compound:
        surname, given = name[:2], name[2:]
    elif name[0] in c.surnames and len(name) <= 3:
        surname, given = name[0], name[1:]
    else:
        return False
    # (a two-character name may end so only when set off: 副局长赵全，)
    inner = given[:-1] if final_ok and (len(name) == 3 or set_off) and given[-1] in c.final_chars else given
    if (set_off or strong >= DOUBLE) and len(given) == 2 and given[0] in c.middle_chars:
        inner = inner[1:]  # 县委副书记张时民出席: set off on both sides, 时 may stand inside
    if not (c.hard_stop if set_off or strong >= DOUBLE else c.stop).isdisjoint(inner):
        return False
    if name in c.exclude or (strong < ENCLOSED and _contains_word(name, c.not_names, c.not_name_sizes)):
        return False
    if name in c.heroes and strong < DOUBLE:
        return False
    return strong >= DOUBLE or (strong and surname not in c.weak_surnames) \
        or c.given.issuperset(inner)


class _Finder:
    """The person mentions of one report."""

    def __init__(self, report: Report):
        self.report = report
        self.view = report.view
        self.c = cues()
        self.context = context_of(report)
        self.found: dict[tuple[int, int], str | None] = {}  # (start, end) -> cue role
        self.credits: set[tuple[int, int]] = set()  # bare credits in parentheses: （高宇）

    # ------------------------------------------------------------------ name shape

    def in_book(self, pos: int) -> bool:
        return self.context.in_book(pos, opening=True)

    def name_ok(self, s: int, e: int, strong: int, final_ok: bool = False,
                set_off: bool = False) -> bool:
        """A plausible full name (surname + given name) at view[s:e]."""
        if s < 0 or e > len(self.view):
            return False
        return _name_shape_ok(self.view[s:e], strong, final_ok, set_off) and not self.in_book(s)

    def name_ok_padded(self, s: int, e: int) -> bool:
        """A two-character name padded with spaces in a list (王  伟)."""
        chars = self.view[s:e].replace(" ", "")
        if len(chars) != 2 or chars[0] not in self.c.surnames or not _is_cjk(chars[1]):
            return False
        return chars[1] not in self.c.stop and chars not in self.c.exclude \
            and not _contains_word(chars, self.c.not_names, self.c.not_name_sizes)

    def left_kind(self, s: int, org_left: bool = False) -> str | None:
        """How a name may start at s: after punctuation, or after a lead word or office
        (or, with org_left, after the end of an organisation's name)."""
        if s == 0:
            return "punct"
        prev = self.view[s - 1]
        if not _is_cjk(prev):
            return None if prev in "×某" else "punct"
        for ends, wanted in ((self.c.lead_ends, True), (self.c.org_ends, org_left)):
            if not wanted:
                continue
            if ends is None:  # an empty word stands everywhere
                return "cue"
            words = ends.get(prev)
            if words and self.view.endswith(words, max(0, s - _LEAD_MAX), s):
                return "cue"
        return None

    def right_rank(self, e: int) -> int:
        """How well a name may end at e: 3 a delimiter or list separator, 2 a cue word
        (同志, 主持, 关于 …), 1 a character never in a given name (书记时伟以双重身份参加),
        0 not at all (inside a word, before the end of a place's name)."""
        view = self.view
        if 0 < e < len(view) and view[e - 1:e + 1] in self.c.not_names:
            return 0  # the name would end inside a word: 向全|体党员
        if e >= len(view) or view[e] in _DELIMS or (
                view[e] in _SEPARATORS and not view.startswith(("和谐", "及时", "与会"), e)):
            return 3
        if self.c.comrade.match(view, e) or self.c.verbs.match(view, e) or self.c.right_words.match(view, e):
            return 2
        if view[e] in self.c.place_ends and not self.c.role_any.match(view, e):
            return 0  # the name of a place, not a person: 和田黄|镇教办 (but 王明镇长)
        return 1 if view[e] in self.c.stop else 0

    def right_ok(self, e: int) -> bool:
        return self.right_rank(e) > 0

    def starting_at(self, q: int, strong: int = STRONG, collective: bool = False,
                    set_off_ok: bool = False) -> tuple[int, int] | None:
        """The name that starts at q, when the cue is before it: the best-delimited one.
        A cue word of the account after it (同志, 主持 …) makes it DOUBLE-attested; after a
        collective role (党员, 委员 …) a name needs a delimiter or such a word after it to
        count as strongly attested."""
        view, c = self.view, self.c
        # a surname starts it: a cheap test that rules out most places before name_ok
        if q < 0 or q + 2 > len(view) or (view[q] not in c.surnames and view[q:q + 2] not in c.compound):
            return None
        best = None
        for length in (3, 2, 4):
            e = q + length
            # the most lenient shape test first (cached, cheap): most places fail it
            if e > len(view) or not self.name_ok(q, e, DOUBLE, final_ok=True, set_off=True):
                continue
            rank = self.right_rank(e)
            if not rank:
                continue
            if collective and rank == 1:
                continue  # 代表高新|区法院: after 代表 / 党员 a name needs a clear end
            level = strong
            if strong and rank >= 2:
                level = STRONG if collective else DOUBLE
            elif collective:
                level = STRONG if rank == 3 else WEAK
            set_off = set_off_ok and rank == 3 and bool(strong) and self.view.startswith((",", "、", ";", "。"), e)
            if self.name_ok(q, e, level, final_ok=rank >= 2, set_off=set_off) \
                    and (best is None or rank > best[0]):
                best = (rank, length)
        return (q, q + best[1]) if best else None

    def ending_at(self, p: int, strong: int, bounded_only: bool = False,
                  org_left: bool = False, set_off_ok: bool = False) -> tuple[int, int] | None:
        """The name that ends at p, when the cue is after it."""
        view, c = self.view, self.c
        # cheap tests that rule out most places before name_ok: the name ends with a
        # given-name character and starts with a surname
        if p < 2 or p > len(view):
            return None
        last = view[p - 1]
        if not (_is_cjk(last) and last not in c.stop if strong else last in c.given_last):
            return None
        valid = {}
        for length in (2, 3, 4):
            s = p - length
            if s >= 0 and (view[s] in c.surnames or view[s:s + 2] in c.compound):
                kind = self.left_kind(s, org_left)
                # set off by punctuation before and the cue after: 、孙众星同志
                if self.name_ok(s, p, strong, set_off=set_off_ok and kind == "punct"):
                    valid[length] = kind
        if not valid:
            return None
        bounded = {n: k for n, k in valid.items() if k}
        if bounded:
            # 主任陈成同志: 陈成 starts after an office, so 任陈成 is not the name
            if bounded.get(2) == "cue" and 3 in valid:
                return p - 2, p
            length = 3 if 3 in bounded else max(bounded)
            return p - length, p
        if strong and not bounded_only and len(valid) == 1:
            (length,) = valid
            return p - length, p
        return None

    def mentions(self) -> list[tuple[int, int, str | None]]:
        """The found mentions, overlaps resolved: of two that overlap (王明 / 王明华), the
        one better delimited on the right, then the longer."""
        ordered = sorted(self.found.items(), key=lambda kv: (-self.right_rank(kv[0][1]),
                                                             kv[0][0] - kv[0][1], kv[0][0]))
        taken = TakenSpans(len(self.view))
        out = []
        for (s, e), cue_role in ordered:
            if taken.overlaps(s, e):
                continue
            taken.take(s, e)
            out.append((s, e, cue_role))
        return sorted(out)

    def add(self, s: int, e: int, cue_role: str | None = None) -> None:
        if (s, e) not in self.found or (cue_role and not self.found[(s, e)]):
            self.found[(s, e)] = cue_role

    # ---------------------------------------------------------------------- finders

    def by_comrade(self) -> None:
        for p in self.comrades_after_name():
            got = self.ending_at(p, strong=True, set_off_ok=True)
            if got:
                self.add(*got)

    def comrades_after_name(self):
        """The starts p >= 2 of the comrade cues that c.comrade.finditer(view) finds where a
        name may end before them (ending_at's first test), in order: read only where such a
        character stands before a cue's first one. Such a cue is one of the scan's unless a
        cue of the scan started before it and runs over it, which needs the character
        before it to be one a cue may take in: only then is the scan asked."""
        c, view = self.c, self.view
        if c.name_then_comrade is None:
            return (m.start() for m in c.comrade.finditer(view) if m.start() >= 2)
        found = []
        for pair in c.name_then_comrade.finditer(view, 2):
            p = pair.start()
            may_be_inside = c.comrade_chars is None or view[p - 1] in c.comrade_chars
            if not may_be_inside or self.comrade_scan_starts_at(p):
                found.append(p)
        return found

    def comrade_scan_starts_at(self, p: int) -> bool:
        """Whether c.comrade.finditer(view) has a match starting at p. No match runs over
        a place after a character that no cue takes in, so the scan from the nearest such
        place before p finds the same matches there as the scan of the whole view."""
        view, c = self.view, self.c
        r = p - 1 if c.comrade_chars is not None else 0
        while r > 0 and view[r - 1] in c.comrade_chars:
            r -= 1
        for m in c.comrade.finditer(view, r):
            if m.start() >= p:
                return m.start() == p
        return False

    def by_office(self) -> None:
        # an office with no name after it may overlap the one that has (党总支|委员 after 支委,
        # 纪检组|长 after 纪检组): then the search goes on inside it, not after it
        view, c = self.view, self.c
        pos = 0
        for start, end in self.offices_before_surnames():
            if start < pos:
                continue  # inside the office before, which has a name after it
            got = self.starting_at(end, collective=view[start:end] in c.collective, set_off_ok=True)
            if got and not self.hero_mention(*got):
                self.add(*got)
            if got:
                pos = end

    def offices_before_surnames(self) -> list[tuple[int, int]]:
        """The (start, end) of the office that role_any matches at each place where one
        does and a surname may follow it, in order. starting_at finds no name after the
        others, and an office without a name after it does not stop the search, so only
        these count; they are found from the few places where an office's last character
        stands before a surname's first, not by matching at every office (every office
        when the offices are not such that this can be done)."""
        view, c = self.view, self.c
        if c.role_then_surname is None:
            found, pos = [], 0
            while (m := c.role_any.search(view, pos)) is not None:
                found.append(m.span())
                pos = m.start() + 1
            return found
        found = []
        endings = c.role_endings
        for pair in c.role_then_surname.finditer(view):
            end = pair.end()
            for word in endings.get(view[end - 2:end] if end >= 2 else "", ()) + endings.get(view[end - 1], ()):
                start = end - len(word)
                # the office matched at start must be this one, not a longer one
                if start >= 0 and view.startswith(word, start) and c.role_any.match(view, start).end() == end:
                    found.append((start, end))
        found.sort()
        return found

    def hero_mention(self, s: int, e: int) -> bool:
        """A hero's name named as an example (县委书记焦裕禄同志的事迹), not a person at the
        meeting: 的 after it or after its 同志."""
        if self.view[s:e] not in self.c.heroes:
            return False
        after = e + 2 if self.view.startswith("同志", e) else e
        return self.view.startswith("的", after)

    def by_office_after(self) -> None:
        """党委吴松书记, 林幸福副书记: an office right after the name; after the end of an
        organisation's name too (卫健委徐明副主任): the office makes the name strong."""
        c = self.c
        # (ending_at finds no name before the others; the offices' own scan is quick, as
        # few characters start one)
        for p in self.starts_after(c.office_after, None, c.name_last):
            got = self.ending_at(p, strong=WEAK, bounded_only=True)
            if not got:
                # after a unit's name or a lead word, not after punctuation: 、武装部长 is
                # an office, not a name
                got = self.ending_at(p, strong=ENCLOSED, bounded_only=True, org_left=True)
                if got and self.left_kind(got[0]) == "punct" and \
                        not c.office_then_verb.match(self.view, c.office_after.match(self.view, p).end()):
                    got = None  # (。钟明副调研员在点评中指出: a verb after the office settles it)
            if got:
                self.add(*got)

    def by_line_start(self) -> None:
        """A name that opens a line: a speaker (甄立伟：…) or a row of a table of members
        (苑成林  党组书记、主任)."""
        view = self.view
        first = self.c.line_name.match(view)
        for m in itertools.chain([first] if first else [], self.c.line_name_next.finditer(view)):
            s, e = m.span("name")
            if self.name_ok(s, e, strong=False):
                self.add(s, e)

    def by_verb(self) -> None:
        # ending_at's first test, before any call: most verbs follow no given name
        recurring: dict[str, list[tuple[int, int]]] = {}
        for p in self.starts_after(self.c.verbs, self.c.verbs_after_given, self.c.given_last):
            got = self.ending_at(p, strong=False)
            if got:
                self.add(*got)
            elif (got := self.uncommon_name_ending_at(p)) is not None:
                recurring.setdefault(self.view[got[0]:got[1]], []).append(got)
        # a name of uncommon given-name characters, found so at two places at least
        # (肖拥军首先…… 接着肖拥军带头……): the same person named again, not a word
        for places in recurring.values():
            if len(places) >= 2:
                for s, e in places:
                    self.add(s, e)

    def uncommon_name_ending_at(self, p: int) -> tuple[int, int] | None:
        """A three-character name ending at p, after punctuation or a lead word, whose given
        name is not made of given_chars (which a weak cue alone needs): its shape is that
        of a strongly attested name."""
        s = p - 3
        if s < 0 or self.view[s] not in self.c.surnames or not self.left_kind(s):
            return None
        return (s, p) if self.name_ok(s, p, STRONG) else None

    def starts_after(self, scan: re.Pattern, shortcut: _ScanAfter | None, chars) -> list[int]:
        """The starts p >= 2 of the matches of scan.finditer(view) right after one of the
        characters, in order. With the shortcut they are found by one scan for such a
        character with a match after it; that match is one of the full scan's unless a
        match of the full scan started before it and runs over it, which needs the two
        characters to be a pair inside a match: only then is the full scan asked, from
        nearby."""
        view = self.view
        if shortcut is None:
            return [m.start() for m in scan.finditer(view) if m.start() >= 2 and view[m.start() - 1] in chars]
        found = []
        for pair in shortcut.after.finditer(view, 1):
            p = pair.end()
            if view[p - 1:p + 1] not in shortcut.inner_pairs or self.scan_starts_at(shortcut, p):
                found.append(p)
        return found

    def scan_starts_at(self, shortcut: _ScanAfter, p: int) -> bool:
        """Whether shortcut.scan.finditer(view) has a match starting at p (首先|通报: no, the
        verb's match starts at the lead). No match runs over a place whose two characters
        are not a pair inside a match, so the scan from the nearest such place before p
        finds the same matches there as the scan of the whole view."""
        view, pairs = self.view, shortcut.inner_pairs
        r = p - 1
        while r > 0 and view[r - 1:r + 1] in pairs:
            r -= 1
        for m in shortcut.scan.finditer(view, r):
            if m.start() >= p:
                return m.start() == p
        return False

    def label_matches(self):
        """c.labels.finditer(view), without trying the pattern everywhere: it only matches
        at the start of a run of label characters right before a colon (blanks between), or
        at a spaced label followed by a blank, so it is tried there, in order, skipping those
        inside a match already made, as finditer would."""
        c, view = self.c, self.view
        if c.label_run_reversed is None:
            return c.labels.finditer(view)
        starts = set() if c.spaced_label_starts is None else {
            m.start() for m in c.spaced_label_starts.finditer(view)}
        colons = positions_of_any(view, _LABEL_COLONS)
        if colons:
            size, backwards = len(view), view[::-1]
            for colon in colons:
                run = c.label_run_reversed.match(backwards, size - 1 - colon)
                if run:
                    starts.add(size - run.end())
        return matches_at(c.labels, view, sorted(starts))

    def by_label(self) -> None:
        view = self.view
        for m in self.label_matches():
            label = "label" if m.group("label") else "label2"
            pos = m.end()
            line_end = view.find("\n", pos)
            line_end = len(view) if line_end == -1 else line_end
            for _ in range(_MAX_LIST):
                tok = _TOKEN.match(view, pos, line_end)
                if tok is None:
                    break
                s, e = tok.span()
                # a two-character name padded to the width of three: 王  伟
                if e - s == 1:
                    pad = _PADDED.match(view, s, line_end)
                    if pad:
                        e = pad.end()
                # 张三（支部书记） / 张三同志 / 张三等
                core_end = e
                paren = view.find("(", s, e)
                if paren != -1:
                    core_end = paren
                core = view[s:core_end]
                for tail in ("同志", "等"):
                    if core.endswith(tail):
                        core_end -= len(tail)
                        core = core[:-len(tail)]
                if " " in core:
                    if not self.name_ok_padded(s, core_end):
                        break
                elif not self.name_ok(s, core_end, strong=True):
                    break
                self.add(s, core_end, self.report.text[m.start(label):m.end(label)])
                pos = e
                sep = _TOKEN_SEP.match(view, pos, line_end)
                if sep is None:
                    break
                pos = sep.end()

    def by_paren_role(self) -> None:
        view = self.view
        for m in _PAREN.finditer(view):
            # a credit: (高宇)
            s, e = m.span(1)
            if self.name_ok(s, e, strong=False):
                self.add(s, e)
                self.credits.add((s, e))
                continue
            if not self.c.role_any.search(m.group(1)):
                continue
            p = m.start()
            got = self.ending_at(p, strong=True)
            if got:
                self.add(*got)

    def by_dotted(self) -> None:
        """A minority or foreign name, its parts joined by a middle dot (书记艾尔肯·吐尼亚孜,
        东·华尔丹同志): no surname starts it, so the cue decides where it starts. The
        shortest first part after an office or punctuation, the shortest last part before
        a delimiter or a cue word; an office before it, a cue word after it, or 、 beside
        it attests it."""
        view, c = self.view, self.c
        taken_until = 0  # the later dots of a name are inside it
        for d in positions_of_any(view, c.dots):
            if d < taken_until or not (0 < d < len(view) - 1 and _is_cjk(view[d - 1]) and _is_cjk(view[d + 1])):
                continue
            s, left = next(((x, kind) for x in range(d - 1, max(-1, d - 1 - c.dotted_part_max), -1)
                            if _is_cjk(view[x]) and (kind := self.left_kind(x))), (None, None))
            end = self.dotted_end(d)
            if s is None or end is None or self.in_book(s) or (s > 0 and view[s - 1] in _QUOTES):
                continue  # (a slogan in quotes: “学党史·悟思想”)
            e, rank = end
            listed = (s > 0 and view[s - 1] == "、") or (e < len(view) and view[e] == "、")
            if left == "cue" or rank == 2 or listed:
                self.add(s, e)
                taken_until = e

    def dotted_end(self, d: int) -> tuple[int, int] | None:
        """Where a dotted name whose first dot is at d ends, and how well (right_rank)."""
        view, c = self.view, self.c
        for _ in range(c.dotted_parts - 1):
            e = d + 1
            while e < len(view) and e - d <= c.dotted_part_max and _is_cjk(view[e]):
                e += 1
                rank = self.right_rank(e)
                if rank >= 2:
                    return e, rank
            if not (e < len(view) - 1 and view[e] in c.dots and _is_cjk(view[e + 1])):
                return None
            d = e
        return None

    def expand_lists(self) -> None:
        """Names listed with a found one: 张三、李四、王五等同志."""
        view = self.view
        queue = list(self.found)
        seen = set(queue)
        while queue:
            s, e = queue.pop()
            # rightwards: 、李四
            if e < len(view) and view[e] in _SEPARATORS:
                got = self.starting_at(e + 1, set_off_ok=True)
                # 、武装部长常达林: an office, not a name, follows the separator
                if got and self.c.role_any.match(view, got[1]):
                    got = None
                if got is None:
                    got = self.after_unit(e + 1)  # 、党委办公室申英、
                if got and got not in seen:
                    seen.add(got)
                    self.add(*got)
                    queue.append(got)
            # leftwards: 张三、[李四]
            if s > 0 and view[s - 1] in _SEPARATORS:
                # after a lead word, an office or a unit's name: 镇教办[孙广立]、于勇
                got = self.ending_at(s - 1, strong=True, bounded_only=True, org_left=True)
                if got and got not in seen:
                    seen.add(got)
                    self.add(*got)
                    queue.append(got)

    def after_unit(self, q: int) -> tuple[int, int] | None:
        """A listed name written after its unit (、党委办公室申英、): the shortest run of
        characters from q that ends a unit's name, then a name set off by a delimiter."""
        view, c = self.view, self.c
        for k in range(q + 2, min(len(view), q + _UNIT_MAX)):
            if not _is_cjk(view[k - 1]):
                return None
            if self.left_kind(k, org_left=True) != "cue":
                continue
            got = self.starting_at(k, set_off_ok=True)
            if got and self.right_rank(got[1]) == 3:
                return got
        return None

    # ------------------------------------------------------------------------ roles

    def role_before(self, s: int) -> tuple[int, int] | None:
        """The office written right before a name: 局党组副书记、副局长."""
        view = self.view
        c = self.c
        end, start = s, None
        while True:
            m = c.role_end.search(view, max(0, end - 12), end)
            if m is None:
                break
            k = m.start()
            lo = max(0, k - 16)
            while k > lo and (_is_cjk(view[k - 1]) or view[k - 1] == "×"):
                k -= 1
            prefix = view[k:m.start()]
            cut = 0
            for stop in c.role_stop.finditer(prefix):
                cut = max(cut, stop.end())
            seg = k + cut
            # a name right before the office is another person's (张三、副局长李四 ok)
            start = seg
            if start > 0 and view[start - 1] in "、兼":
                end = start - 1
                continue
            break
        if start is None or start >= s:
            return None
        return start, s

    def is_byline(self, s: int, e: int, cue_role: str | None, role: str | None) -> bool:
        """A mention in a byline or credit (文/张三, （记者王五）, （高宇）)."""
        if (s, e) in self.credits:
            return True
        for label in (cue_role, role):
            if label:
                word = to_simplified(label).strip().rstrip(":/")
                if word in self.c.bylines:
                    return True
        return False

    def role_of(self, s: int, e: int, cue_role: str | None) -> tuple[str | None, int]:
        """(role, strength): an office before or after the name (2), a label or a cue
        word of the account such as 到会指导 (1), none (0)."""
        text, view = self.report.text, self.view
        before = self.role_before(s)
        if before:
            return text[before[0]:before[1]], 2
        after = e
        if view.startswith("同志", after):
            after += 2
        if view.startswith("(", after):
            close = view.find(")", after, after + 32)
            if close != -1 and self.c.role_any.search(view, after, close):
                return text[after + 1:close], 2
        office = self.c.office_after.match(view, e)
        if office:
            return text[office.start():office.end()], 2
        if cue_role:
            return cue_role, 1
        clause_end = after
        while clause_end < min(len(view), after + 16) and view[clause_end] not in ",。;:!?\n":
            clause_end += 1
        m = self.c.role_cues.search(view, after, clause_end)
        if m:
            return text[m.start():m.end()], 1
        return None, 0


def extract(report: Report) -> dict:
    finder = _Finder(report)
    finder.by_label()
    finder.by_comrade()
    finder.by_office()
    finder.by_paren_role()
    finder.by_office_after()
    finder.by_line_start()
    finder.by_verb()
    finder.by_dotted()
    finder.expand_lists()
    people: dict[str, dict] = {}
    rank: dict[str, int] = {}
    bylined: set[str] = set()
    named: set[str] = set()  # named in the account itself, not only in a byline
    for s, e, cue_role in finder.mentions():
        key = report.view[s:e].replace(" ", "")
        role, strength = finder.role_of(s, e, cue_role)
        if finder.is_byline(s, e, cue_role, role) or finder.c.studied_after.match(report.view, e):
            bylined.add(key)
            continue
        named.add(key)
        span = report.span(s, e)
        entry = {"name": span["text"], "start": span["start"], "end": span["end"], "role": role}
        # one entry per person: the first mention with the best-attested role
        if key not in people or strength > rank[key]:
            people[key] = entry
            rank[key] = strength
    ordered = sorted(people.values(), key=lambda p: p["start"])
    return {"people": ordered}
