"""Facts read off a regular expression's parse, for shortcuts that skip hopeless text.

Read from the re module's own (private) parser: only ever a shortcut, so anything
unexpected there means no shortcut (``None`` / ``()``), never a different result.
"""
from __future__ import annotations

try:
    from re import _constants as sre, _parser as sre_parser
except ImportError:  # a Python without them: no shortcuts
    sre = sre_parser = None


def _parse(pattern: str):
    """The parsed pattern, or None when it cannot be read or ignores case."""
    if sre_parser is None:
        return None
    try:
        parsed = sre_parser.parse(pattern)
    except Exception:  # noqa: BLE001 - a changed private parser: no shortcut
        return None
    return None if parsed.state.flags & sre.SRE_FLAG_IGNORECASE else parsed


def _class_chars(items, widest: int) -> set | None:
    """The characters of a character class, or None when it is not a short list
    (a category, a negation, a range wider than ``widest``)."""
    chars = set()
    for kind, value in items:
        if kind is sre.LITERAL:
            chars.add(chr(value))
        elif kind is sre.RANGE and value[1] - value[0] < widest:
            chars.update(map(chr, range(value[0], value[1] + 1)))
        else:
            return None
    return chars


# -- characters every match holds ----------------------------------------------------

def needed_chars(pattern: str) -> tuple[frozenset, ...]:
    """Sets of characters such that every match of ``pattern`` holds one of each set.

    The literals and small character classes that any match must go through (inside
    groups, repeats of at least one, every branch of an alternation). A text without one
    of them cannot match, which is quicker to tell than to let the regex find out.
    Empty when nothing is certain.
    """
    parsed = _parse(pattern)
    return () if parsed is None else tuple(_needed_in(parsed))


def few_needed_chars(pattern: str, most: int = 4) -> tuple[frozenset, ...]:
    """The sets of ``needed_chars`` of at most ``most`` characters: few enough to look
    each up in a text (``holds_needed``) sooner than a regex with no fixed first
    character (an optional word first) would fail there."""
    return tuple(need for need in needed_chars(pattern) if len(need) <= most)


def holds_needed(text: str, needs: tuple[frozenset, ...]) -> bool:
    """Whether ``text`` holds a character of each of the sets ``needs``."""
    return all(any(ch in text for ch in need) for need in needs)


def _needed_in(items) -> list[frozenset]:
    return [need for op, av in items if (need := _needed_by(op, av))]


def _needed_by(op, av) -> frozenset | None:
    """The characters one of which an item of a parsed pattern always matches, if known."""
    if op is sre.LITERAL:
        return frozenset(chr(av))
    if op is sre.IN:
        chars = _class_chars(av, 512)
        return None if chars is None else frozenset(chars)
    if op is sre.SUBPATTERN:
        _, add_flags, _, items = av
        return None if add_flags & sre.SRE_FLAG_IGNORECASE else _fewest(_needed_in(items))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        least, _, items = av
        return _fewest(_needed_in(items)) if least >= 1 else None
    if op is sre.ATOMIC_GROUP:
        return _fewest(_needed_in(av))
    if op is sre.BRANCH:
        chars = set()
        for branch in av[1]:
            need = _fewest(_needed_in(branch))
            if need is None:
                return None
            chars |= need
        return frozenset(chars)
    return None  # lookarounds, anchors, back references: no character of their own


def _fewest(needs: list[frozenset]) -> frozenset | None:
    return min(needs, key=len) if needs else None


# -- characters a match starts with --------------------------------------------------

def first_chars(pattern: str) -> str | None:
    """The characters a match of the regex may start with; None when that is not a short
    list of characters (a match may be empty, start with any character, ignore case …)."""
    parsed = _parse(pattern)
    if parsed is None:
        return None
    try:
        first, may_be_empty = _sequence_first(parsed.data)
    except Exception:  # noqa: BLE001 - a changed private parser: no shortcut
        return None
    return None if first is None or may_be_empty else "".join(sorted(first))


def _sequence_first(items) -> tuple[set | None, bool]:
    """(first characters, whether the sequence may match the empty string) of a parsed
    sequence; None for the characters when they are not known."""
    chars: set = set()
    for op, arg in items:
        first, may_be_empty = _item_first(op, arg)
        if first is None:
            return None, True
        chars |= first
        if not may_be_empty:
            return chars, False
    return chars, True


def _item_first(op, arg) -> tuple[set | None, bool]:
    if op is sre.LITERAL:
        return {chr(arg)}, False
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):  # they take no character
        return set(), True
    if op is sre.SUBPATTERN:
        _, add_flags, del_flags, sub = arg
        return _sequence_first(sub.data) if not add_flags and not del_flags else (None, True)
    if op is sre.BRANCH:
        chars: set = set()
        any_empty = False
        for branch in arg[1]:
            first, may_be_empty = _sequence_first(branch.data)
            if first is None:
                return None, True
            chars |= first
            any_empty = any_empty or may_be_empty
        return chars, any_empty
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _, sub = arg
        first, may_be_empty = _sequence_first(sub.data)
        return first, may_be_empty or low == 0
    if op is sre.IN:
        chars = _class_chars(arg, 256)
        return (None, True) if chars is None else (chars, False)
    return None, True


# -- characters a match may hold ------------------------------------------------------

def possible_chars(pattern: str) -> frozenset | None:
    """Every character a match of ``pattern`` may take in (lookarounds take none); None
    when that is not a short list (any character, a category, a negation, a wide range)."""
    parsed = _parse(pattern)
    if parsed is None:
        return None
    try:
        chars = _taken_by(parsed.data)
    except Exception:  # noqa: BLE001 - a changed private parser: no shortcut
        return None
    return None if chars is None else frozenset(chars)


def _taken_by(items) -> set | None:
    chars: set = set()
    for op, arg in items:
        if op is sre.LITERAL:
            chars.add(chr(arg))
            continue
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op is sre.IN:
            sub = _class_chars(arg, 256)
        elif op is sre.SUBPATTERN:
            _, add_flags, del_flags, group = arg
            sub = _taken_by(group.data) if not add_flags and not del_flags else None
        elif op is sre.BRANCH:
            sub = set()
            for branch in arg[1]:
                taken = _taken_by(branch.data)
                if taken is None:
                    return None
                sub |= taken
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            sub = _taken_by(arg[2].data)
        elif op is sre.ATOMIC_GROUP:
            sub = _taken_by(arg.data)
        else:
            return None
        if sub is None:
            return None
        chars |= sub
    return chars


# -- widths and shapes -----------------------------------------------------------------

def max_width(pattern: str) -> int | None:
    """The most characters a match of ``pattern`` can span; None when unbounded or unknown."""
    parsed = _parse(pattern)
    if parsed is None:
        return None
    widest = parsed.getwidth()[1]
    return None if widest >= sre.MAXREPEAT else widest


def is_one_character(pattern: str) -> bool:
    """Whether ``pattern`` is a single character class or literal (no context around it)."""
    parsed = _parse(pattern)
    return parsed is not None and not parsed.state.flags & ~sre.SRE_FLAG_UNICODE \
        and len(parsed) == 1 and parsed[0][0] in (sre.IN, sre.LITERAL)


# -- characters no match holds ------------------------------------------------------

def never_taken(pattern: str, among: str) -> str:
    """Those of the characters ``among`` that no match of the regex holds, in their order:
    a match lies inside a run of text without them. Looks ahead or behind read past a
    match but hold nothing of it; a class with a category (``\\s``) is taken to hold them
    all. "" when not known (flags that fold case, a pattern ``re`` cannot read)."""
    parsed = _parse(pattern)
    if parsed is None:
        return ""
    held: set = set()
    _hold(parsed.data, set(among), held, bool(parsed.state.flags & sre.SRE_FLAG_DOTALL))
    return "".join(ch for ch in among if ch not in held)


def _hold(items, among: set, held: set, dotall: bool) -> None:
    """Add to ``held`` the characters of ``among`` the parsed items may match."""
    for op, av in items:
        if op is sre.LITERAL:
            held.add(chr(av))
        elif op is sre.NOT_LITERAL:
            held.update(among - {chr(av)})
        elif op is sre.ANY:
            held.update(among if dotall else among - {"\n"})
        elif op is sre.IN:
            held.update(ch for ch in among if _in_class(ord(ch), av))
        elif op is sre.BRANCH:
            for branch in av[1]:
                _hold(branch.data, among, held, dotall)
        elif op is sre.SUBPATTERN:
            _hold(av[3].data, among, held, dotall)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            _hold(av[2].data, among, held, dotall)
        elif op is sre.ATOMIC_GROUP:
            _hold(av.data, among, held, dotall)
        elif op is sre.GROUPREF_EXISTS:
            for branch in av[1:]:
                if branch is not None:
                    _hold(branch.data, among, held, dotall)
        elif op not in (sre.ASSERT, sre.ASSERT_NOT, sre.AT, sre.GROUPREF):
            held.update(among)  # (an item not read here: it may hold any of them)


def _in_class(code: int, items) -> bool:
    """Whether a character class may match the character (a category: yes)."""
    negate = items[0][0] is sre.NEGATE
    for op, av in items[negate:]:
        if op is sre.CATEGORY or op is sre.LITERAL and av == code \
                or op is sre.RANGE and av[0] <= code <= av[1]:
            return True if op is sre.CATEGORY else not negate
    return negate
