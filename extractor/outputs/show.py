"""``mrx show``: one report in the terminal (rich), or as an HTML page with its spans marked.

Both views are drawn from the Record alone (its grounded spans), so they work on a
report file just extracted and on a line of ``mrx extract`` output alike. All report text
is escaped: in the terminal it is never read as rich markup, in HTML it goes through
``html.escape`` and the page forbids scripts (Content-Security-Policy).
"""
from __future__ import annotations

import html
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from extractor.fields import registry
from extractor.resources import load_toml
from extractor.schema import Record


@lru_cache(maxsize=1)
def labels() -> dict:
    """Display labels (``data/labels.toml``): element names, span kinds and colours."""
    return load_toml("labels.toml")


def element_label(element: str) -> str:
    return labels()["elements"].get(element, element)


def kinds() -> dict[str, dict]:
    """The kinds of marks, as the fields declare them (fields/registry.py)."""
    return {kind: {"label": m.label, "color": m.color, "style": m.style}
            for kind, m in registry.mark_styles().items()}


# -- loading ----------------------------------------------------------------------------
def load_records(path: str, *, max_bytes: int | None = None) -> list[Record]:
    """The records of a report file (extracted now) or of a .jsonl/.json output file."""
    if path.lower().endswith((".jsonl", ".json")):
        from extractor.outputs.export import iter_records

        return list(iter_records(path))
    from extractor.run.api import extract_file
    from extractor.io.reader import DEFAULT_MAX_BYTES

    return extract_file(path, max_bytes=max_bytes or DEFAULT_MAX_BYTES)


# -- spans ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Mark:
    kind: str
    start: int
    end: int
    note: str = ""


def record_marks(record: Record) -> list[Mark]:
    """Every extracted span of a record, by kind (as the fields declare them)."""
    n = len(record.text)
    return [Mark(kind, s, e, note) for kind, s, e, note in registry.marks(record) if 0 <= s < e <= n]


def _n(value) -> str:
    return "?" if value is None else str(value)


# -- HTML -------------------------------------------------------------------------------
def _css() -> str:
    rules = [
        "body{font-family:'Noto Sans SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',"
        "sans-serif;margin:2em auto;max-width:60em;line-height:1.9;color:#222;padding:0 1em}",
        "h1{font-size:1.3em}h2{font-size:1.15em;border-bottom:1px solid #ccc}",
        ".text{white-space:pre-wrap;border:1px solid #ddd;padding:1em;border-radius:4px}",
        ".legend span.key{display:inline-block;margin:0 .8em .4em 0;padding:0 .4em}",
        "table.fields{border-collapse:collapse;margin-bottom:1em}",
        "table.fields td,table.fields th{border:1px solid #ddd;padding:.2em .6em;text-align:left;"
        "vertical-align:top}",
        ".warn{color:#a33}",
    ]
    for kind, k in kinds().items():
        if k["style"] == "entity":
            rules.append(f".k-{kind}{{border-bottom:2px solid {k['color']};font-weight:bold}}")
        else:
            rules.append(f".k-{kind}{{background:{k['color']}}}")
    return "\n".join(rules)


def highlight_html(text: str, marks: Iterable[Mark]) -> str:
    """``text`` escaped, each mark wrapped in ``<span class="k-KIND">`` (nested on overlap)."""
    marks = sorted(set(marks), key=lambda m: (m.start, -m.end, m.kind))
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        active = [m for m in marks if m.start <= a and b <= m.end]
        opening = "".join(
            f'<span class="k-{m.kind}" data-kind="{m.kind}" title="{_title(m)}">' for m in active)
        out.append(opening + html.escape(text[a:b]) + "</span>" * len(active))
    return "".join(out)


def _title(mark: Mark) -> str:
    label = kinds().get(mark.kind, {}).get("label", mark.kind)
    return html.escape(f"{label}：{mark.note}" if mark.note else label, quote=True)


def _fields_rows(r: Record) -> list[tuple[str, str]]:
    a, d = r.attendance, r.meeting_date
    date = d.text or ""
    if d.redacted:
        date += "（已脱敏）"
    rows = [
        ("来源", f"{r.source.path} #{r.source.index}"),
        ("会议类型", r.meeting_type or ""), ("主题", r.theme or ""),
        ("年度", _blank(r.year)), ("组织", r.organization or ""), ("会议日期", date),
        ("出席", f"应到 {_n(a.expected)}，实到 {_n(a.present)}，缺席 {_n(a.absent)}"
                 + ("（已脱敏）" if a.redacted else "")),
        ("民主评议党员", "是" if r.member_review else "否"),
        ("文号", "；".join(x.text for x in r.document_numbers)),
        ("人员", "；".join(p.name + (f"（{p.role}）" if p.role else "") for p in r.people)),
        ("程序审核", ("完整" if r.audit.complete else "不完整")
         + (f"，缺：{'、'.join(element_label(m) for m in r.audit.missing)}" if r.audit.missing else "")),
    ]
    return rows


def _blank(value) -> str:
    return "" if value is None else str(value)


def report_html(record: Record) -> str:
    """One report's part of the page: heading, fields, legend, highlighted text."""
    r = record
    marks = record_marks(r)
    counts = {kind: 0 for kind in kinds()}
    for m in marks:
        counts[m.kind] = counts.get(m.kind, 0) + 1
    e = html.escape
    parts = [f'<section class="report" id="report-{r.source.index}">',
             f"<h2>{e(r.title or '（无标题）')}</h2>", '<table class="fields">']
    parts += [f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in _fields_rows(r)]
    parts.append("</table>")
    if r.warnings:
        parts.append('<ul class="warn">' + "".join(f"<li>{e(w)}</li>" for w in r.warnings) + "</ul>")
    parts.append('<div class="legend">' + "".join(
        f'<span class="key k-{kind}">{e(k["label"])} {counts.get(kind, 0)}</span>'
        for kind, k in kinds().items()) + "</div>")
    parts.append(f'<div class="text">{highlight_html(r.text, marks)}</div></section>')
    return "\n".join(parts)


def page_html(records: list[Record], title: str | None = None) -> str:
    """A self-contained HTML page (no external resource, no script) of the reports."""
    paths = list(dict.fromkeys(r.source.path for r in records))
    heading = f"{'、'.join(paths) or 'mrx'}（{len(records)} 份报告）"
    title = title or (records[0].title if len(records) == 1 and records[0].title else None) or heading
    body = "\n".join(report_html(r) for r in records)
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" "
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>{html.escape(title)}</title>\n<style>\n{_css()}\n</style>\n</head>\n<body>\n"
        f"<h1>{html.escape(heading)}</h1>\n{body}\n</body>\n</html>\n")


def write_html(records: list[Record], path: str | os.PathLike) -> None:
    from pathlib import Path

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(page_html(records), encoding="utf-8")


# -- terminal ---------------------------------------------------------------------------
def section_tree(record: Record):
    """The heading tree as a rich Tree."""
    from rich.text import Text
    from rich.tree import Tree

    from extractor.outputs.tables import section_parents

    root = Tree(Text(record.title or "（无标题）", style="bold"))
    nodes = {}
    for n, (s, parent) in enumerate(zip(record.sections, section_parents(record))):
        label = Text(s.heading)
        label.append(f"  [{s.start}–{s.end}]", style="dim")
        nodes[n] = (nodes[parent] if parent is not None else root).add(label)
    if not record.sections:
        root.add(Text("（未识别到小标题）", style="dim"))
    return root


def render_terminal(record: Record, console=None) -> None:
    """Print one report: fields, section tree, problems, measures, agenda, audit."""
    from rich.console import Console, Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    console = console or Console()
    r = record
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold cyan", no_wrap=True)
    fields.add_column()
    for k, v in _fields_rows(r):
        fields.add_row(k, Text(v))
    console.print(Panel(Group(fields), title=Text(r.title or "（无标题）"), subtitle=f"id {r.id}"))
    console.print(section_tree(r))

    def items(title: str, rows: list[tuple[str, ...]], headers: tuple[str, ...]):
        if not rows:
            return
        t = Table(title=title, show_lines=False, expand=False)
        for h in headers:
            t.add_column(h, overflow="fold")
        for row in rows:
            t.add_row(*[Text(x) for x in row])
        console.print(t)

    items("议程", [(str(i + 1), a.text) for i, a in enumerate(r.agenda)], ("#", "议程"))
    items("问题", [(str(i + 1), p.text, "、".join(p.categories)) for i, p in enumerate(r.problems)],
          ("#", "问题", "类别"))
    items("整改措施", [(str(i + 1), m.text) for i, m in enumerate(r.measures)], ("#", "措施"))
    items("程序要素", [(element_label(k), "是" if e.required else "", "✓" if e.present else "✗",
                     e.evidence[0].text if e.evidence else "")
                    for k, e in r.audit.elements.items()], ("要素", "必需", "具备", "依据"))
    for w in r.warnings:
        console.print(Text(f"⚠ {w}", style="yellow"))
