"""Document numbers (文号) cited in the report.

A 文号 is an issuer code, the year in brackets and a number: 平组通〔2022〕41号,
区直工[2021]12号, 市监党（2021）8号, 中办发〔2021〕10号, masked x湖管学组〔xxxx〕x号. The
brackets and the words that may precede an issuer are data (data/docnos.toml). A bracket
with a year but no issuer before it (〔2022〕41号, 第x号), （2021年） and （试行） are not 文号.
Masked parts (××××, ×) are null with ``redacted: true``; the issuer is kept as written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.regex_store import compile_regex
from extractor.text.normalize import MASK_CLASS
from extractor.text.numerals import parse_int, parse_year
from extractor.report import Report
from extractor.resources import load_toml

_HAN = "\u4e00-\u9fff\u3400-\u4dbf"


@dataclass(frozen=True)
class _Rules:
    pattern: re.Pattern
    lead: re.Pattern
    lead_single: frozenset
    org: re.Pattern
    min_issuer: int
    conjunctions: str
    after_closing: str
    not_in_issuer: str


@lru_cache(maxsize=1)
def docno_rules() -> _Rules:
    data = load_toml("docnos.toml")
    ob, cb = re.escape(data["open_brackets"]), re.escape(data["close_brackets"])
    mask = MASK_CLASS
    year = rf"[0-9]{{4}}|[〇零一二三四五六七八九]{{4}}|[0-9]{{2,3}}{mask}{{1,2}}|{mask}{{1,4}}"
    number = rf"[0-9]{{1,5}}|[0-9]*{mask}{{1,4}}[0-9]*|[〇零一二两三四五六七八九十百]{{1,6}}"
    pattern = compile_regex(
        rf"(?P<issuer>[{_HAN}×]{{1,{int(data['max_issuer_chars'])}}})\s*[{ob}]\s*(?P<year>{year})\s*[{cb}]"
        rf"\s*第?\s*(?P<number>{number})\s*号")
    words = data["lead_words"]
    multi = [w for w in words if len(w) > 1]
    alt = "|".join(re.escape(w) for w in sorted(multi, key=len, reverse=True))
    orgs = "|".join(re.escape(w) for w in sorted(data["org_suffixes"], key=len, reverse=True))
    return _Rules(pattern, compile_regex(alt), frozenset(w for w in words if len(w) == 1),
                  compile_regex(orgs), int(data["min_issuer_chars"]), data["conjunctions"],
                  data["after_closing"], data["not_in_issuer"])


def _issuer_start(issuer: str, before: str, rules: _Rules) -> int:
    """Offset in ``issuer`` where the issuer code really starts (lead words cut off).

    ``before`` is the view just before the run of characters (spaces stripped)."""
    cut = 0
    if before[-1:] and before[-1] in rules.after_closing and issuer[:1] in rules.conjunctions:
        cut = 1
    for m in rules.lead.finditer(issuer):
        cut = max(cut, m.end())
    for i in range(len(issuer) - rules.min_issuer - 1, cut - 1, -1):
        if issuer[i] in rules.lead_single:
            cut = i + 1
            break
    for m in rules.org.finditer(issuer, cut):
        if len(issuer) - m.end() >= rules.min_issuer:
            cut = max(cut, m.end())
    return cut


# A 文号 ends in 号 and fits in this many characters before it (issuer, bracket, year,
# number): the regex runs only there.
_SPAN_BEFORE_HAO = 40


def _matches(view: str, rules: _Rules) -> list[re.Match]:
    found = []
    last = 0
    i = view.find("号")
    while i != -1:
        if i >= last:
            m = rules.pattern.search(view, max(last, i - _SPAN_BEFORE_HAO), i + 1)
            if m is not None:
                found.append(m)
                last = m.end()
        i = view.find("号", i + 1)
    return found


def _masked(s: str) -> bool:
    return "×" in s or "某" in s


def find(report: Report) -> list[dict]:
    rules = docno_rules()
    view = report.view
    found: list[dict] = []
    seen: set[str] = set()
    for m in _matches(view, rules):
        issuer_view = m.group("issuer")
        before = view[max(0, m.start() - 8):m.start()].rstrip()
        start = m.start("issuer") + _issuer_start(issuer_view, before, rules)
        issuer_len = m.end("issuer") - start
        if issuer_len < rules.min_issuer:
            continue
        if any(c in rules.not_in_issuer for c in view[start:m.end("issuer")]):
            continue
        year_s, number_s = m.group("year"), m.group("number")
        year = None if _masked(year_s) else parse_year(year_s)
        number = None if _masked(number_s) else parse_int(number_s)
        if year is None and not _masked(year_s):
            continue  # （1234）… is no year
        span = report.span(start, m.end())
        issuer = report.text[start:m.end("issuer")]
        redacted = _masked(year_s) or _masked(number_s) or _masked(view[start:m.end("issuer")])
        key = re.sub(r"\s+", "", view[start:m.end()])
        if key in seen:
            continue
        seen.add(key)
        found.append({**span, "issuer": issuer, "year": year, "number": number,
                      "redacted": redacted})
    return found


def extract(report: Report) -> dict:
    return {"document_numbers": find(report)}
