"""The compliance audit: which required steps the report documents, with evidence.

Two kinds of data drive it:

- **elements** (``data/audit.toml``): for each step (study, solicit_opinions, …,
  report_upward) the cue phrases that show it took place, the wordings that do not count
  (``negative`` per clause, ``veto`` per sentence: "以普通党员身份参加" is not supervision),
  the parts of the report where cues do not count (the measures are future actions, the
  problems are shortcomings) and, for some, a record field that settles it (``problems``);
- **checklists** ("profiles", ``data/profiles/*.toml``): which elements a meeting type
  requires. The defaults follow RECORD.md; a unit's own checklist (a TOML file, see
  ``load_profile``) may add required steps, drop some, or define elements of its own with
  their own cue phrases.

Which checklist applies: the one passed to ``audit_report`` (the audit component's
``profile`` option, from ``Settings.profile``); else the built-in checklist of the
report's meeting type (the common one when the type is unknown).
"""
from __future__ import annotations

import os
import re
import tomllib
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from extractor.match import lists
from extractor.match.clauses import CLAUSE_CHARS, lexicon
from extractor.match.patterns import LiteralIndex, Patterns
from extractor.match.zones import Zones
from extractor.regex_store import compile_regex
from extractor.report import Report
from extractor.resources import DATA_DIR, DataFileError, load_toml, read_toml_file
from extractor.taxonomy import AUDIT_ELEMENTS

# the report facts read, filled by earlier components
READS = ("meeting_type", "problems", "measures", "agenda", "member_review")

_SKIP_KINDS = ("measures", "problems", "agenda")
_ID = compile_regex(r"^[A-Za-z_][A-Za-z0-9_]*$")


class ProfileError(ValueError):
    """A checklist file that cannot be used (with the reason)."""


_NO_PATTERNS = Patterns(None)


@dataclass(frozen=True)
class Element:
    id: str
    label: str
    cues: Patterns
    negative: Patterns
    veto: Patterns
    skip: frozenset = frozenset()
    field: str | None = None
    field_decides: bool = False   # a true/false field settles presence; cues only give evidence
    # a cue's clause naming a subject of its own: a veto in an earlier clause is someone
    # else's (任某以普通党员身份参加会议，纪委委员翟某到会指导)
    own_subject: Patterns = _NO_PATTERNS


@dataclass(frozen=True)
class Profile:
    """A checklist. ``required`` holds for every meeting type; ``by_type`` (from
    ``[meeting_types."组织生活会"] required = [...]``) replaces it for the types it names,
    or adds to it when ``extends`` (start from the built-in checklist of the report's
    meeting type); ``not_required`` drops elements; ``elements`` adds elements or cue
    phrases. Built-in checklists list the types they serve in ``meeting_types``."""

    name: str
    required: tuple[str, ...] = ()
    by_type: dict = field(default_factory=dict)
    not_required: tuple[str, ...] = ()
    meeting_types: tuple[str, ...] = ()
    extends: bool = False
    fallback: bool = False
    elements: dict = field(default_factory=dict)
    source: str | None = None
    # the words of the cues of the built-in elements and of ``elements`` (see cue_index)
    index: LiteralIndex | None = field(default=None, compare=False, repr=False)


def _element(eid: str, spec: dict, base: Element | None = None, where: str = "audit.toml") -> Element:
    skip = spec.get("skip")
    for kind in skip or []:
        if kind not in _SKIP_KINDS:
            raise ProfileError(f"{where}: element {eid!r}: unknown skip {kind!r} (use {', '.join(_SKIP_KINDS)})")
    try:
        if base is not None and not spec.get("replace", False):
            # a checklist naming a built-in element adds to its phrases
            def merged(key: str, patterns: Patterns) -> Patterns:
                return Patterns(patterns.source + list(spec.get(key) or []))

            return Element(eid, spec.get("label", base.label), merged("cues", base.cues),
                           merged("negative", base.negative), merged("veto", base.veto),
                           frozenset(skip) if skip is not None else base.skip, spec.get("field", base.field),
                           bool(spec.get("field_decides", base.field_decides)),
                           merged("own_subject", base.own_subject))
        for key in ("cues", "negative", "veto", "own_subject"):
            if not isinstance(spec.get(key) or [], list):
                raise ProfileError(f"{where}: element {eid!r}: {key} must be a list of patterns")
        return Element(eid, spec.get("label", eid), Patterns(spec.get("cues")), Patterns(spec.get("negative")),
                       Patterns(spec.get("veto")), frozenset(skip or ()), spec.get("field"),
                       bool(spec.get("field_decides", False)), Patterns(spec.get("own_subject")))
    except re.error as e:
        raise ProfileError(f"{where}: element {eid!r}: bad pattern: {e}") from None


@lru_cache(maxsize=1)
def builtin_elements() -> dict[str, Element]:
    data = load_toml("audit.toml")
    elements = {eid: _element(eid, spec) for eid, spec in data["elements"].items()}
    missing = [e for e in AUDIT_ELEMENTS if e not in elements]
    if missing:
        raise ProfileError(f"audit.toml: no definition for {', '.join(missing)}")
    return elements


def cue_index(elements) -> LiteralIndex:
    """One index of the plain words the cues of all these elements read: a report's cues
    are then found in one pass over it (``Patterns.spans_found``), not one per word."""
    return LiteralIndex(set().union(*(el.cues.words() for el in elements)))


@lru_cache(maxsize=1)
def builtin_cue_index() -> LiteralIndex:
    return cue_index(builtin_elements().values())


@lru_cache(maxsize=1)
def _clause_scan_finds_builtin_cues() -> bool:
    """Whether the clause reader's scan of a report finds every word the built-in cues
    read (clauses.py indexes them): the audit then reads them off it."""
    return builtin_cue_index().words <= lexicon().scanner.index.words


@lru_cache(maxsize=1)
def _settings() -> dict:
    return load_toml("audit.toml").get("settings", {})


def _profile_from_dict(data: dict, where: str, builtin: bool = False) -> Profile:
    name = data.get("name") or (Path(where).stem if where else "custom")
    known = set(builtin_elements())
    elements = {}
    extra_required = []
    for eid, spec in (data.get("elements") or {}).items():
        if not _ID.match(eid):
            raise ProfileError(f"{where}: element id {eid!r} must be a plain identifier (letters, digits, _)")
        if not isinstance(spec, dict):
            raise ProfileError(f"{where}: [elements.{eid}] must be a table")
        if eid not in known and not spec.get("cues") and not spec.get("field"):
            raise ProfileError(f"{where}: new element {eid!r} needs cues")
        elements[eid] = _element(eid, spec, builtin_elements().get(eid), where)
        try:  # a user's bad pattern is refused now (the built-in ones compile when used)
            el = elements[eid]
            for patterns in (el.cues, el.negative, el.veto, el.own_subject):
                patterns.regexes()
        except re.error as e:
            raise ProfileError(f"{where}: element {eid!r}: bad pattern: {e}") from None
        if spec.get("required") is True:
            extra_required.append(eid)
    defined = known | set(elements)

    def ids(value, what) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ProfileError(f"{where}: {what} must be a list of element ids")
        unknown = [v for v in value if v not in defined]
        if unknown:
            raise ProfileError(f"{where}: {what}: unknown element(s) {', '.join(unknown)} "
                               f"(known: {', '.join(sorted(defined))})")
        return tuple(value)

    by_type = {}
    meeting_types = data.get("meeting_types") or ()
    if isinstance(meeting_types, dict):  # [meeting_types."组织生活会"] required = [...]
        for mt, spec in meeting_types.items():
            by_type[mt] = ids(spec.get("required") if isinstance(spec, dict) else spec, f"meeting_types.{mt}")
        meeting_types = ()
    return Profile(
        name=str(name),
        required=ids(data.get("required"), "required") + tuple(extra_required),
        by_type=by_type,
        not_required=ids(data.get("not_required"), "not_required"),
        meeting_types=tuple(meeting_types),
        extends=bool(data.get("extends")) and not builtin,
        fallback=bool(data.get("fallback")),
        elements=elements,
        source=None if builtin else where,
        index=cue_index({**builtin_elements(), **elements}.values()) if elements else None,
    )


@lru_cache(maxsize=1)
def builtin_profiles() -> tuple[Profile, ...]:
    profiles = []
    for path in sorted((DATA_DIR / "profiles").glob("*.toml")):
        with open(path, "rb") as f:
            profiles.append(_profile_from_dict(tomllib.load(f), path.name, builtin=True))
    return tuple(profiles)


def builtin_profile(meeting_type: str | None) -> Profile:
    """The built-in checklist of a meeting type (the common one when unknown)."""
    fallback = None
    for p in builtin_profiles():
        if meeting_type and meeting_type in p.meeting_types:
            return p
        if p.fallback:
            fallback = p
    if fallback is None:
        raise ProfileError("no fallback checklist in data/profiles")
    return fallback


def load_profile(source: str | os.PathLike | dict | Profile) -> Profile:
    """A checklist from a TOML file (or an already parsed dict).

    Format::

        name = "xx县委组织部 2024 清单"
        extends = true                     # start from the built-in checklist of the type
        required = ["report_upward", "oath"]   # required for every meeting type
        not_required = ["solicit_opinions"]    # optional: drop from the required set
        [meeting_types."组织生活会"]          # optional: required for one type only
        required = ["member_review"]
        [elements.oath]                    # an element of the unit's own
        label = "重温入党誓词"
        cues = ["重温入党誓词"]
        negative = []
        skip = ["measures"]
    """
    if isinstance(source, Profile):
        return source
    if isinstance(source, dict):
        return _profile_from_dict(source, str(source.get("source") or "<profile>"))
    try:
        data = read_toml_file(source, "checklist")
    except DataFileError as e:
        raise ProfileError(str(e)) from None
    return _profile_from_dict(data, str(Path(source)))


def resolve(profile: Profile | None, meeting_type: str | None) -> tuple[str, list[str], dict[str, Element]]:
    """(profile name, required element ids, element definitions) for a meeting type."""
    base = builtin_profile(meeting_type)
    if profile is None:  # (the built-in definitions themselves: only read)
        return base.name, list(base.required), builtin_elements()
    elements = dict(builtin_elements())
    elements.update(profile.elements)
    if profile.extends:
        required = list(base.required)
        name = f"{profile.name}+{base.name}"
    else:
        required = []
        name = profile.name
    own = profile.by_type.get(meeting_type) if meeting_type in profile.by_type else None
    for eid in (own if own is not None and not profile.extends else profile.required):
        if eid not in required:
            required.append(eid)
    if profile.extends and own:
        required.extend(e for e in own if e not in required)
    required = [e for e in required if e not in profile.not_required]
    return name, required, elements


# --------------------------------------------------------------------------------------
# Detection


# Clauses end where the clause reader's do (match/clauses.CLAUSE_CHARS: ,;:。!? and line
# breaks), sentences at those of them that end a sentence.
_SENTENCE_CHARS = "。!?\n"
_REACH = 400  # how far a clause or sentence may stretch either side of a cue


class _Breaks:
    """Where the separators of one kind stand in a view (sorted offsets): the clause or
    sentence around a cue is then two bisects, not a ``find``/``rfind`` per separator."""

    def __init__(self, at: list[int], size: int):
        self.at = at
        self.size = size

    def around(self, s: int, e: int) -> tuple[int, int]:
        """From just after the last separator before s to the first one from e on, each
        within ``_REACH``."""
        at = self.at
        i = bisect_left(at, s)
        lo = at[i - 1] + 1 if i and at[i - 1] >= s - _REACH else max(s - _REACH, 0)
        j = bisect_left(at, e, i)
        return lo, (at[j] if j < len(at) and at[j] < e + _REACH else min(self.size, e + _REACH))


class _Context:
    """What the detection of every element in one report shares, each part built once
    per report and only when some element needs it."""

    def __init__(self, report: Report, index: LiteralIndex | None):
        self.report = report
        self.view = report.view
        self.index = index
        self._found: dict[str, list[int]] | None = None
        self._clauses: _Breaks | None = None
        self._sentences: _Breaks | None = None
        self._zones: dict[str, list] = {}
        self._skipped: dict[frozenset, Zones] = {}
        settings = _settings()
        self.limit = int(settings.get("snippet_chars", 80))
        self.keep = int(settings.get("max_evidence", 3))

    def cue_spans(self, el: Element) -> list[tuple[int, int]]:
        """``el.cues.spans(view)``, read from one pass of the index over the view when the
        index holds the element's words: the report's clause reader's scan when it was
        made (it finds the built-in cue words too), else the index's own."""
        if self.index is None:
            return el.cues.spans(self.view)
        if self._found is None:
            reader = self.report.clauses
            if reader is not None and self.index is builtin_cue_index() and _clause_scan_finds_builtin_cues():
                self._found = reader.words_found
            else:
                self._found = self.index.occurrences(self.view)
        return el.cues.spans_found(self.view, self._found)

    def clause_breaks(self) -> _Breaks:
        """Where the clause separators stand, on first use (a report without cues needs
        none): the report's list of them, which its clause reader shares."""
        if self._clauses is None:
            self._clauses = _Breaks(self.report.stops(CLAUSE_CHARS), len(self.view))
        return self._clauses

    def sentence_breaks(self) -> _Breaks:
        """Where the sentence separators stand."""
        if self._sentences is None:
            self._sentences = _Breaks(self.report.stops(_SENTENCE_CHARS), len(self.view))
        return self._sentences

    def skipped(self, kinds: frozenset) -> Zones:
        """The parts of the report where an element with these skip kinds ignores cues:
        one merged zone set (a cue in any of them is ignored)."""
        zones = self._skipped.get(kinds)
        if zones is None:
            spans = []
            for kind in sorted(kinds):
                spans += self._zone_spans(kind)
            zones = self._skipped[kinds] = Zones(spans)
        return zones

    def _zone_spans(self, kind: str) -> list:
        spans = self._zones.get(kind)
        if spans is None:
            report = self.report
            spans = [(x["start"], x["end"]) for x in report.fields.get(kind) or []]
            if kind == "measures":
                spans = lists.analysis_of(report).measure_zones + spans
            self._zones[kind] = spans
        return spans


def _field_evidence(report: Report, el: Element, limit: int, keep: int):
    """(present, decided, evidence) from the element's record field, if it has one."""
    value = report.fields.get(el.field)
    decided = None
    if el.field_decides and isinstance(value, bool):
        decided = value
        if not value:
            return False, False, []
    if isinstance(value, list) and value:
        return True, decided, [report.span(item["start"], min(item["end"], item["start"] + limit))
                               for item in value[:keep]]
    return value is True, decided, []


def _detect(ctx: _Context, el: Element) -> tuple[bool, list[dict]]:
    """(present, evidence) of one element: its record field first, then its cues."""
    report = ctx.report
    limit, keep = ctx.limit, ctx.keep
    present, decided, evidence = False, None, []
    if el.field:
        present, decided, evidence = _field_evidence(report, el, limit, keep)
        if decided is False:
            return False, []
    if el.cues and len(evidence) < keep:
        present = _cue_evidence(ctx, el, evidence) or present
    return (present if decided is None else decided), evidence


def _cue_evidence(ctx: _Context, el: Element, evidence: list[dict]) -> bool:
    """Appends the snippets around the element's cues to ``evidence`` (up to ``keep``, none
    overlapping another); True when some cue counts. Cues in the element's skipped zones,
    in a clause with a negative wording or in a sentence with a veto do not count."""
    view, report, limit, keep = ctx.view, ctx.report, ctx.limit, ctx.keep
    cues = ctx.cue_spans(el)
    if not cues:
        return False
    skipped = ctx.skipped(el.skip).holds if el.skip else None
    # (the regexes' own search: Patterns.search is a call more per cue)
    negative = el.negative.union.search if el.negative else None
    veto = el.veto.union.search if el.veto else None
    own_subject = el.own_subject.union.search if el.own_subject else None
    clause_around = ctx.clause_breaks().around
    sentence_around = ctx.sentence_breaks().around if veto is not None else None
    kept: list[tuple[int, int]] = []
    present = False
    previous = None
    for cue in cues:
        if cue == previous:
            continue  # the same stretch matched by another pattern: same outcome
        previous = cue
        s, e = cue
        if skipped is not None and skipped(s):
            continue
        lo, hi = clause_around(s, e)
        if negative is not None and negative(view, lo, hi):
            continue
        if veto is not None and _vetoed(view, veto, own_subject, sentence_around(s, e), lo, s):
            continue
        if hi - lo > limit:
            half = max(0, (limit - (e - s)) // 2)
            lo, hi = max(lo, s - half), min(hi, e + half)
        span = report.span(lo, hi)
        if not span["text"]:
            continue
        present = True
        start, end = span["start"], span["end"]
        if _overlaps(kept, start, end):
            continue  # overlaps evidence already kept
        kept.append((start, end))
        evidence.append(span)
        if len(evidence) >= keep:
            break
    return present


def _vetoed(view: str, veto, own_subject, sentence: tuple[int, int], lo: int, s: int) -> bool:
    """Whether a veto in the sentence holds for the cue at s, in the clause from lo: not
    when it stands in an earlier clause and the cue's clause names a subject of its own."""
    a, b = sentence
    m = veto(view, a, b)
    if m is None:
        return False
    if own_subject is None or m.end() > lo or own_subject(view, lo, s) is None:
        return True
    return veto(view, lo, b) is not None


def _overlaps(kept: list[tuple[int, int]], start: int, end: int) -> bool:
    for a, b in kept:
        if start < b and a < end:
            return True
    return False


def _order(elements: dict) -> tuple[str, ...]:
    """The record's order of the elements: the taxonomy's, then a checklist's own."""
    if elements is builtin_elements():
        return builtin_order()
    return AUDIT_ELEMENTS + tuple(e for e in elements if e not in AUDIT_ELEMENTS)


@lru_cache(maxsize=1)
def builtin_order() -> tuple[str, ...]:
    return AUDIT_ELEMENTS + tuple(e for e in builtin_elements() if e not in AUDIT_ELEMENTS)


def audit_report(report: Report, profile: Profile | None = None) -> dict:
    """The ``audit`` field of a report (RECORD.md)."""
    meeting_type = report.fields.get("meeting_type")
    name, required, elements = resolve(profile, meeting_type)
    # a checklist with elements of its own brings their index; the built-in one serves the rest
    index = builtin_cue_index() if profile is None or not profile.elements else profile.index
    ctx = _Context(report, index)
    out = {}
    for eid in _order(elements):
        present, evidence = _detect(ctx, elements[eid])
        out[eid] = {"present": present, "required": eid in required, "evidence": evidence}
    missing = [e for e in required if not out[e]["present"]]
    if meeting_type is None:
        report.warnings.append(f"audit: meeting type unknown, applied the {name} checklist")
    return {"audit": {"meeting_type": meeting_type, "profile": name, "elements": out,
                      "missing": missing, "complete": not missing}}


def extract(report: Report, profile: Profile | None = None) -> dict:
    return audit_report(report, profile)


# --------------------------------------------------------------------------------------
# Reporting (``mrx audit``)

def audit_row(record) -> dict:
    """One report's audit with where it came from (for ``mrx audit``)."""
    data = record.model_dump() if hasattr(record, "model_dump") else record
    a = data.get("audit") or {}
    return {
        "path": data["source"]["path"], "index": data["source"]["index"], "title": data.get("title"),
        "meeting_type": a.get("meeting_type"), "profile": a.get("profile"),
        "complete": bool(a.get("complete")), "missing": list(a.get("missing") or []),
        "elements": a.get("elements") or {},
    }


def summarize(rows: list[dict]) -> dict:
    counts: dict[str, int] = {}
    for row in rows:
        for eid in row["missing"]:
            counts[eid] = counts.get(eid, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    complete = sum(1 for r in rows if r["complete"])
    return {"reports": len(rows), "complete": complete, "incomplete": len(rows) - complete,
            "most_often_missing": [{"element": k, "reports": n} for k, n in ranked]}


def _width(s: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, width: int) -> str:
    return s + " " * max(0, width - _width(s))


def _label(eid: str, profile: Profile | None = None) -> str:
    el = builtin_elements().get(eid)
    if el is None and profile is not None:
        el = profile.elements.get(eid)
    return f"{eid} {el.label}" if el is not None and el.label != eid else eid


def format_table(rows: list[dict], summary: dict, snippet: int = 36, profile: Profile | None = None) -> str:
    """Plain-text tables, one per report, then the summary."""
    out = []
    for row in rows:
        title = row["title"] or "(no title)"
        out.append(f"{row['path']} #{row['index']}  {title}")
        status = "complete" if row["complete"] else "INCOMPLETE, missing: " + ", ".join(row["missing"])
        out.append(f"  meeting type: {row['meeting_type'] or 'unknown'} | checklist: {row['profile']} | {status}")
        labels = {eid: _label(eid, profile) for eid in row["elements"]}
        w = max([_width("element")] + [_width(v) for v in labels.values()]) + 2
        out.append("  " + _pad("element", w) + _pad("required", 10) + _pad("present", 9) + "evidence")
        for eid, el in row["elements"].items():
            ev = el.get("evidence") or []
            text = " ".join(ev[0]["text"].split()) if ev else "-"
            if _width(text) > snippet * 2:
                cut = ""
                for ch in text:
                    if _width(cut + ch) > snippet * 2 - 1:
                        break
                    cut += ch
                text = cut + "…"
            present = "yes" if el.get("present") else ("NO" if el.get("required") else "no")
            out.append("  " + _pad(labels[eid], w) + _pad("yes" if el.get("required") else "-", 10)
                       + _pad(present, 9) + text)
        out.append("")
    n, m = summary["reports"], summary["complete"]
    out.append(f"{n} report{'s' if n != 1 else ''}, {m} complete, {n - m} incomplete")
    if summary["most_often_missing"]:
        top = ", ".join(f"{x['element']} ({x['reports']})" for x in summary["most_often_missing"][:5])
        out.append(f"most often missing: {top}")
    return "\n".join(out) + "\n"
