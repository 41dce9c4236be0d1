"""Fast pattern lists: many regexes run as few passes over a text as possible.

``Patterns`` holds a list of regexes (cue phrases from the data files) and answers whether
and where any of them occurs. Plain words are found together with one trie regex pass
(``LiteralIndex``); a regex is only run where the words it needs occur (``Finder``), or
at the few places they stand. The clause reader (clauses.py) and the audit share it.
"""
from __future__ import annotations

import re
from functools import cached_property

from extractor.match.alternatives import top_alternatives, top_level
from extractor.regex_store import compile_regex


def word_trie(words) -> str:
    """A regex source matching any of ``words`` literally, the longest first, written as a
    trie (``(?:张(?:三丰|四)|李四)``): the same matches as the alternation of the words
    sorted longest first, tried in the same order (the longest word that stands at a place,
    then the shorter ones), but the engine reads a character once instead of trying every
    word in turn, and ``re`` compiles it faster (a run of characters without a branch is
    one plain string). ``""`` for no words."""
    branches = word_trie_branches(words)
    return "(?:" + "|".join(branches) + ")" if branches else ""


def word_trie_branches(words) -> list[str]:
    """The top-level branches of ``word_trie(words)``, one per first character (each
    starts with it), and an empty last branch when ``""`` is one of the words."""
    trie: dict = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _trie_branches(trie)


def lead_then_word(leads, words) -> str | None:
    """A regex source for ``(?:l1|l2|…)?`` + ``word_trie(words)``, written so that ``re``
    both compiles it fast and skips, when searching, every place where no lead nor word
    starts; None when ``leads`` are not such that it can (one is empty or the start of
    another, so that their order would count; or a word is empty).

    Spelled out (``l1(?:words)|l2(?:words)|…|w1|w2…``) the words would be copied once per
    lead. Here the first character is read by one class (what the search skips with), and
    a lookbehind then tells what it was: the lead tried first, as the ``?`` would (at most
    one lead can stand at a place), then the words longest first — by their second
    character, a literal the engine rejects at once, the first checked behind it."""
    leads, words = list(dict.fromkeys(leads)), set(words)
    if not leads or not words or "" in words or any(
            not a or (a != b and b.startswith(a)) for a in leads for b in leads):
        return None
    singles = [lead for lead in leads if len(lead) == 1]
    lead_ends = ([f"(?<={_char_class(singles)})"] if singles else []) + [
        re.escape(lead[1:]) + f"(?<={re.escape(lead)})" for lead in leads if len(lead) > 1]
    routes = ["(?:" + "|".join(lead_ends) + ")" + word_trie(words)]
    by_second: dict[str, dict[str, list[str]]] = {}
    for w in words:
        if len(w) > 1:
            by_second.setdefault(w[1], {}).setdefault(w[0], []).append(w[2:])
    for second, by_first in sorted(by_second.items()):
        tails = []
        for first, rests in sorted(by_first.items()):
            below = word_trie_branches(rests)
            tails.append(f"(?<={re.escape(first + second)})" + ("" if below == [""] else "(?:" + "|".join(below) + ")"))
        routes.append(re.escape(second) + (tails[0] if len(tails) == 1 else "(?:" + "|".join(tails) + ")"))
    one_character = [w for w in words if len(w) == 1]
    if one_character:
        routes.append(f"(?<={_char_class(one_character)})")  # a word that is its first character, last
    return _char_class([lead[0] for lead in leads] + [w[0] for w in words]) + "(?:" + "|".join(routes) + ")"


def _char_class(chars) -> str:
    chars = sorted(set(chars))
    return re.escape(chars[0]) if len(chars) == 1 else "[" + "".join(re.escape(c) for c in chars) + "]"


def _trie_branches(node: dict) -> list[str]:
    branches = []
    for ch, child in sorted(node.items()):
        if not ch:
            continue
        run = ch
        while len(child) == 1 and "" not in child:  # one way on: a plain string
            (ch, child), = child.items()
            run += ch
        below = _trie_branches(child)
        branches.append(re.escape(run) + ("" if below == [""] else "(?:" + "|".join(below) + ")"))
    if "" in node:
        branches.append("")  # the word that ends here, after the longer ones
    return branches


class LazyRegex:
    """A regex compiled the first time it is used: for the patterns only some reports need
    (compiling a class such as ``[\u4e00-\u9fff]`` costs a millisecond, which every
    process would pay for a path few reports take)."""

    __slots__ = ("pattern", "_compiled")

    def __init__(self, pattern: str):
        self.pattern = pattern
        self._compiled: re.Pattern | None = None

    @property
    def compiled(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = compile_regex(self.pattern)
        return self._compiled

    def match(self, text: str, *bounds: int):
        return self.compiled.match(text, *bounds)

    def search(self, text: str, *bounds: int):
        return self.compiled.search(text, *bounds)

    def finditer(self, text: str, *bounds: int):
        return self.compiled.finditer(text, *bounds)


_SPECIAL = set("()[]{}.*+?^$|\\")


def _required_literal(alt: str) -> str:
    """The longest run of plain characters every match of ``alt`` contains ('' if none)."""
    best, run, depth, cls, i = "", "", 0, False, 0
    while i < len(alt):
        c = alt[i]
        nxt = alt[i + 1] if i + 1 < len(alt) else ""
        if c == "\\":
            run, i = "", i + 2
            continue
        if cls:
            cls = c != "]"
        elif c == "[":
            cls, run = True, ""
        elif c == "{":  # a repetition count: skip it
            close = alt.find("}", i)
            run, i = "", (close if close != -1 else len(alt))
        elif c == "(":
            depth, run = depth + 1, ""
        elif c == ")":
            depth, run = depth - 1, ""
        elif depth == 0 and c not in _SPECIAL and not (nxt and nxt in "?*{"):
            run += c
            if len(run) > len(best):
                best = run
        else:
            run = ""
        i += 1
    return best


def needed_literal(source: str) -> str:
    """A plain string every match of the regex ``source`` contains ('' when none is seen):
    whoever finds it absent from a text can skip the search."""
    return _required_literal(source) if len(top_alternatives(source)) == 1 else ""


# A group of plain words or of plain characters: "(首先|其次)", "(?P<circled>[①②])"
_PLAIN_GROUP = compile_regex(r"\((?:\?:|\?P<\w+>)?(?:(?P<words>[^()\[\]{}.*+?^$|\\]+(?:\|[^()\[\]{}.*+?^$|\\]+)*)"
                             r"|\[(?P<chars>[^\]\\^-][^\]\\-]*)\])\)")


def needed_words(source: str) -> tuple[str, ...]:
    """Plain strings one of which every match of the regex ``source`` contains (() when
    none is seen): its ``needed_literal``, or the words or characters of a group of them
    that stands at its top level and is not optional. Where none of them occurs in a
    text, the regex need not be run over it."""
    literal = needed_literal(source)
    if literal:
        return (literal,)
    return _plain_group_words(source) if len(top_alternatives(source)) == 1 else ()


def _plain_group_words(alt: str) -> tuple[str, ...]:
    """The words or characters of the first group of plain words or plain characters
    that stands at the top level of ``alt`` (one alternative) and is not optional:
    "…(要求|强调)…", "(?P<circled>[①②])"; () when there is none."""
    for i, c in top_level(alt):
        if c == "(":
            group = _PLAIN_GROUP.match(alt, i)
            if group and alt[group.end():group.end() + 1] not in _QUANTIFIERS:
                return tuple(group["words"].split("|")) if group["words"] else tuple(group["chars"])
    return ()


def _leading_words(pattern: str, shortest: int = 2) -> tuple[str, ...]:
    """Plain words (``shortest`` characters or more) one of which every match of
    ``pattern`` starts with: a leading run of plain characters, or those of each
    alternative of a leading group ("(能否|如何|怎样)…", "(督导组|上级[^。]{0,6}领导)…");
    () when there are none."""
    words: list[str] = []
    for alt in top_alternatives(pattern):
        if alt.startswith("(") and not alt.startswith("(?"):
            close = next((i for i, c in top_level(alt) if c == ")"), None)
            if close is None or alt[close + 1:close + 2] in _QUANTIFIERS:
                return ()  # (not closed: a bad pattern, refused when compiled)
            lead = list(_leading_words(alt[1:close], shortest))
        else:
            run = 0
            while run < len(alt) and alt[run] not in _SPECIAL:
                run += 1
            if alt[run:run + 1] in _QUANTIFIERS:
                run -= 1  # the last character is optional or repeated
            lead = [alt[:run]] if run > 0 else []
        if not lead or any(len(w) < shortest for w in lead):
            return ()
        words += lead
    return tuple(sorted(set(words)))


def _required_words(alt: str) -> tuple[str, ...]:
    """Plain words one of which every match of ``alt`` (one alternative) contains: its
    leading words, a plain string it needs, or a plain group ("(要求|强调)") that is not
    optional; () when there are none."""
    return _leading_words(alt, 1) or ((lit,) if (lit := _required_literal(alt)) else ()) or _plain_group_words(alt)


_QUANTIFIERS = ("?", "*", "+", "{")


class Finder:
    """``finditer`` of one regex, made cheap with the words found in the text: skipped
    when a word every match contains is absent, and, when every match starts with one of
    a few words, tried only where they stand (a ``match`` at each of these places costs
    less than the regex's scan of the whole text, even where they are many)."""

    __slots__ = ("regex", "needs", "leads")

    def __init__(self, source: str):
        # compiled on first use: many cue regexes never run in a process (the words they
        # need are absent), and compiling them all was most of its start-up
        self.regex = LazyRegex(source)
        self.needs = needed_literal(source)
        self.leads = _leading_words(source)

    @property
    def pattern(self) -> re.Pattern:
        return self.regex.compiled

    def words(self) -> list[str]:
        return [w for w in (self.needs, *self.leads) if w]

    def finditer(self, text: str, found: dict[str, list[int]]):
        """``pattern.finditer(text)``; ``found``: where each of ``words()`` occurs."""
        if self.needs and self.needs not in found:
            return ()
        if self.leads:
            if len(self.leads) == 1:
                places = found.get(self.leads[0])
            else:
                places = [found[w] for w in self.leads if w in found]
                places = places[0] if len(places) == 1 else sorted(set().union(*places)) if places else None
            if not places:
                return ()
            return matches_at(self.regex.compiled, text, places)
        return self.regex.compiled.finditer(text)


def last_match(pattern: re.Pattern, text: str, lo: int, hi: int) -> re.Match | None:
    """The last of ``pattern.finditer(text, lo, hi)``, None when there is none."""
    m = None
    for m in pattern.finditer(text, lo, hi):
        pass
    return m


def matches_at(pattern: re.Pattern, text: str, places) -> list[re.Match]:
    """``pattern.finditer(text)`` for a pattern whose matches can start only at ``places``
    (ascending): what finditer does, the leftmost match, then the next one after it, but
    tried at those places only."""
    out, end, match = [], 0, pattern.match
    for at in places:
        if at >= end:
            m = match(text, at)
            if m:
                out.append(m)
                end = m.end()
    return out


def _trie_source(words) -> str:
    """A regex matching the longest of ``words`` that starts at a position (a trie, so
    the engine never tries the words one by one)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = None

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and len(alts[0]) == 1 else "(?:" + "|".join(alts) + ")"
        return body + ("?" if "" in node else "")

    return emit(trie)


_BAND = 64   # first characters per trie regex


def _prefix_words(words: list[str]) -> dict[str, tuple[str, ...]]:
    """word -> the words that start it, shortest first (itself last)."""
    known = set(words)
    return {w: tuple(w[:k] for k in range(1, len(w) + 1) if w[:k] in known) for w in words}


class LiteralIndex:
    """Where each of a fixed set of plain strings occurs in a text (overlaps included).

    A few trie regexes, each for the words starting with one band of characters, are run
    with ``search`` from every hit on: ``re`` skips in C to the next character that can
    start a word, and a band keeps the alternatives tried there few. Every word that is a
    prefix of the longest word found at a position occurs there too.
    """

    def __init__(self, words):
        words = sorted({w for w in words if w})
        self.words = frozenset(words)
        self.prefixes = _prefix_words(words)
        self.shorter = {w: p[:-1] for w, p in self.prefixes.items() if len(p) > 1}   # w -> the words starting it
        firsts = sorted({w[0] for w in words})
        self.searches = []
        for i in range(0, len(firsts), _BAND):
            band = set(firsts[i:i + _BAND])
            self.searches.append(compile_regex(_trie_source([w for w in words if w[0] in band])).search)

    def occurrences(self, text: str) -> dict[str, list[int]]:
        """word -> its start offsets in ``text``, ascending (only words that occur)."""
        found: dict[str, list[int]] = {}
        get = found.get
        for search in self.searches:
            m = search(text)
            while m:
                at = m.start()
                word = m.group()
                places = get(word)
                if places is None:
                    found[word] = [at]
                else:
                    places.append(at)
                m = search(text, at + 1)
        # the words that start a longer one found occur where it does: filed once per
        # word rather than once per place, the shorter words first (a word's places are
        # then still those where it was the longest)
        shorter = self.shorter
        for word in sorted((w for w in found if w in shorter), key=len):
            for prefix in shorter[word]:
                places = get(prefix)
                if places is None:
                    found[prefix] = found[word][:]
                else:
                    places += found[word]
                    places.sort()
        return found

    def ends_within(self, text: str, lo: int, hi: int) -> list[int]:
        """Where each occurrence of a word inside text[lo:hi] ends."""
        out: list[int] = []
        prefixes = self.prefixes
        for search in self.searches:
            m = search(text, lo, hi)
            while m:
                at = m.start()
                out += [at + len(w) for w in prefixes[m.group()]]
                m = search(text, at + 1, hi)
        return out


class Patterns:
    """A list of regular expressions matched as one, quickly over long texts.

    Python's ``re`` tries every alternative of a long union at every position. Here each
    alternative is skipped unless a plain string it must contain occurs in the text (a
    C-speed substring test); pure literals are found with ``str.find``. ``spans`` returns
    the matches of every alternative (they may overlap); ``search`` finds any match in a
    short stretch with the plain union. (The problem lexicon's lists are matched all
    together by a ``_CueScanner`` instead.) The regexes are compiled when first used
    (many lists never use their union; ``regexes`` compiles them all at once).
    """

    def __init__(self, patterns):
        self.source = [p for p in patterns or [] if p]
        self.literals: list[str] = []
        self.checked: list[Finder] = []
        for p in self.source:
            for alt in top_alternatives(p):
                if alt and not any(c in _SPECIAL for c in alt):
                    self.literals.append(alt)
                else:
                    self.checked.append(Finder(alt))

    @cached_property
    def union(self) -> re.Pattern | None:
        return compile_regex("|".join(f"(?:{p})" for p in self.source)) if self.source else None

    @cached_property
    def cue_chars(self) -> re.Pattern | None:
        """A character one of which any match holds (None if some alternative has none)."""
        required = [_required_words(alt) for p in self.source for alt in top_alternatives(p)]
        return (compile_regex("[" + "".join(sorted({re.escape(w[0]) for ws in required for w in ws})) + "]")
                if required and all(required) else None)

    def regexes(self) -> list[re.Pattern]:
        """Every regex of the list, compiled now (``re.error`` for a bad one): patterns
        from a user's file are refused when read rather than when first matched."""
        compiled = [finder.pattern for finder in self.checked] + [self.union, self.cue_chars]
        return [r for r in compiled if r is not None]

    def __bool__(self) -> bool:
        return bool(self.source)

    @cached_property
    def union_searches(self) -> tuple:
        """``search`` of two unions of the list: the regexes that open with a plain
        character, whose union ``re`` searches by skipping to where one of those
        characters stands, and the others. In one union, a single regex opening otherwise
        (``^…``) makes the search try the whole union at every place."""
        plain = [p for p in self.source if p[:1] not in _SPECIAL and p[1:2] not in ("?", "*", "{")]
        others = [p for p in self.source if p not in plain]
        return tuple(compile_regex("|".join(f"(?:{p})" for p in group)).search for group in (plain, others) if group)

    def found_in(self, text: str) -> bool:
        """Whether ``search(text)`` finds a match (first a look for a character every
        match holds one of)."""
        cue_chars = self.cue_chars
        if cue_chars is not None and not cue_chars.search(text):
            return False
        for search in self.union_searches:
            if search(text):
                return True
        return False

    def spans(self, text: str) -> list[tuple[int, int]]:
        out = []
        for lit in self.literals:
            if lit not in text:
                continue
            i = text.find(lit)
            while i != -1:
                out.append((i, i + len(lit)))
                i = text.find(lit, i + 1)
        for finder in self.checked:
            if finder.needs and finder.needs not in text:
                continue
            out.extend(m.span() for m in finder.pattern.finditer(text) if m.end() > m.start())
        out.sort()
        return out

    def words(self) -> set[str]:
        """The plain words ``spans_found`` reads: the literal alternatives and the words
        the other alternatives need or start with."""
        return set(self.literals).union(*(finder.words() for finder in self.checked))

    def spans_found(self, text: str, found: dict[str, list[int]]) -> list[tuple[int, int]]:
        """``spans(text)``, from ``found``: where each word of ``words()`` occurs in
        ``text`` (a ``LiteralIndex`` holding them, shared by several lists, finds them in
        one pass instead of a search per word)."""
        out = []
        for lit in self.literals:
            places = found.get(lit)
            if places:
                n = len(lit)
                out += [(p, p + n) for p in places]
        for finder in self.checked:
            if finder.needs and finder.needs not in found:
                continue  # what finditer tells first, without a call per absent word
            out.extend(m.span() for m in finder.finditer(text, found) if m.end() > m.start())
        out.sort()
        return out

    def search(self, text: str, lo: int = 0, hi: int | None = None):
        if self.union is None:
            return None
        return self.union.search(text, lo, len(text) if hi is None else hi)
