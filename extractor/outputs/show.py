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
from typing import Callable, Iterable, Sequence

from extractor.fields import registry
from extractor.outputs import page_view
from extractor.taxonomy import element_label
from extractor.schema import Record


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



# -- HTML -------------------------------------------------------------------------------
# The page runs no script: the legend filters through CSS (a hidden checkbox per kind,
# toggled by clicking its legend key), fonts and page images may only come inline.
CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:"

# Kinds whose spans get no visible label: a title or a heading speaks for itself.
UNLABELLED = ("title", "section")


def _css() -> str:
    from extractor.outputs.webfont import font_stack

    rules = [
        f"body{{font-family:{font_stack()};margin:2em auto;max-width:62em;line-height:2.1;"
        "color:#222;padding:0 1em}",
        "h1{font-size:1.3em}h2{font-size:1.15em;border-bottom:1px solid #ccc}",
        ".text{white-space:pre-wrap;border:1px solid #ddd;padding:1em;border-radius:4px}",
        "input.toggle{display:none}",
        ".legend label.key{display:inline-block;margin:0 .8em .4em 0;padding:0 .4em;cursor:pointer;"
        "border-radius:3px;user-select:none}",
        ".legend .hint{color:#777;font-size:.85em}",
        "nav.contents ol,ol.items{line-height:1.6}",
        "ol.items{max-height:22em;overflow:auto;border:1px solid #eee;padding-top:.3em}",
        "ol.items li{margin-bottom:.2em}ol.items a{color:inherit;text-decoration:none}",
        "ol.items a:hover{text-decoration:underline}",
        ".items .tag{font-size:.8em;padding:0 .3em;margin-right:.4em;border-radius:3px}",
        "[data-label]::before{content:attr(data-label);font-size:.68em;font-weight:normal;"
        "color:#fff;background:#555;border-radius:3px;padding:0 .25em;margin-right:.15em;"
        "vertical-align:.15em;line-height:1.2}",
        ":target{box-shadow:0 0 0 3px #d62728}",
        "table.fields{border-collapse:collapse;margin-bottom:1em}",
        "table.fields td,table.fields th{border:1px solid #ddd;padding:.2em .6em;text-align:left;"
        "vertical-align:top}",
        ".warn{color:#a33}",
        page_view.CSS,
    ]
    for kind, k in kinds().items():
        colour, style = k["color"], k["style"]
        if style == "entity":
            rules.append(f".k-{kind}{{border-bottom:2px solid {colour};font-weight:bold}}")
        elif style == "frame":
            rules.append(f".k-{kind}{{outline:2px dashed {colour};outline-offset:1px}}")
        else:
            rules.append(f".k-{kind}{{background:{colour}}}")
        tag = label_colour(colour, style)
        rules.append(f".k-{kind}[data-label]::before{{background:{tag}}}")
        rules.append(f"label.k-{kind},.tag.k-{kind}{{outline:none;border-bottom:0;"
                     f"background:{colour if style == 'block' else tag};"
                     f"color:{'#222' if style == 'block' else '#fff'}}}")
        off = f"#show-{kind}:not(:checked)~main"
        rules.append(f"{off} .text .k-{kind}{{background:none;border-bottom:0;outline:none;font-weight:inherit}}"
                     f"{off} .text .k-{kind}[data-label]::before{{content:none}}"
                     f"{off} li.item-{kind}{{display:none}}"
                     f"{off} label.k-{kind}{{opacity:.35;text-decoration:line-through}}")
    return "\n".join(rules)


def label_colour(colour: str, style: str) -> str:
    """The colour of a span's small label: a block's pale fill darkened so that white
    text reads on it; a frame's or an entity's own (already strong) colour."""
    if style != "block" or not (colour.startswith("#") and len(colour) == 7):
        return colour
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#%02x%02x%02x" % tuple(int(c * 0.55) for c in (r, g, b))


def _sorted_marks(marks: Iterable[Mark]) -> list[Mark]:
    return sorted(set(marks), key=lambda m: (m.start, -m.end, m.kind))


def highlight_html(text: str, marks: Iterable[Mark], anchor: str | None = None) -> str:
    """``text`` escaped, each mark wrapped in ``<span class="k-KIND">`` (nested on overlap).

    The first piece of each mark carries a visible label (``data-label``, drawn by CSS so
    that it is never part of the text) and, with ``anchor``, the id ``{anchor}-{n}`` of
    the mark's place in ``_sorted_marks`` (the items list links there).
    """
    marks = _sorted_marks(marks)
    number = {m: n for n, m in enumerate(marks)}
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        active = [m for m in marks if m.start <= a and b <= m.end]
        opening = []
        for m in active:
            attrs = f'class="k-{m.kind}" data-kind="{m.kind}" title="{_title(m)}"'
            if m.start == a:
                if m.kind not in UNLABELLED:
                    attrs += f' data-label="{_label(m)}"'
                if anchor is not None:
                    attrs += f' id="{anchor}-{number[m]}"'
            opening.append(f"<span {attrs}>")
        out.append("".join(opening) + html.escape(text[a:b]) + "</span>" * len(active))
    return "".join(out)


def _kind_label(kind: str) -> str:
    return kinds().get(kind, {}).get("label", kind)


def _label(mark: Mark) -> str:
    """The visible label of a span: its kind, and for audit evidence the element."""
    label = _kind_label(mark.kind)
    if mark.kind == "audit" and mark.note:
        label = f"依据·{mark.note}"
    return html.escape(label, quote=True)


def _title(mark: Mark) -> str:
    label = _kind_label(mark.kind)
    return html.escape(f"{label}：{mark.note}" if mark.note else label, quote=True)


def _fields_rows(r: Record) -> list[tuple[str, str]]:
    """Where the report came from, then each field in one line, as the fields declare it."""
    return [("来源", f"{r.source.path} #{r.source.index}"),
            *((f.label, f.summary(r)) for f in registry.FIELDS if f.summary is not None)]



def legend_html(counts: dict[str, int]) -> str:
    """The legend: one key per kind with its count; clicking a key turns its marks off/on."""
    e = html.escape
    keys = "".join(f'<label class="key k-{kind}" for="show-{kind}">{e(k["label"])} {counts.get(kind, 0)}</label>'
                   for kind, k in kinds().items())
    return f'<div class="legend">{keys}<span class="hint">（点击图例可隐藏或显示该类标注）</span></div>'


def items_html(record: Record, marks: list[Mark], anchor: str) -> str:
    """The extracted items in text order, each a link to its span."""
    e = html.escape
    rows = []
    for n, m in enumerate(marks):
        if m.kind in UNLABELLED:
            continue
        excerpt = record.text[m.start:m.end]
        if len(excerpt) > 60:
            excerpt = excerpt[:58] + "…"
        note = f"（{m.note}）" if m.note else ""
        rows.append(f'<li class="item-{m.kind}"><a href="#{anchor}-{n}"><span class="tag k-{m.kind}">'
                    f"{e(_kind_label(m.kind))}</span>{e(excerpt)}{e(note)}</a></li>")
    if not rows:
        return ""
    return (f'<details class="items" open><summary>提取结果（{len(rows)} 项，点击跳到原文）</summary>'
            f'<ol class="items">{"".join(rows)}</ol></details>')


# A part of a report's section drawn after its text: (record, its anchor) -> HTML. Other
# modules add parts (e.g. page images of a scanned file) through ``page_html(extras=...)``.
ReportPart = Callable[[Record, str], str]


def report_html(record: Record, anchor: str | None = None, extras: Sequence[ReportPart] = ()) -> str:
    """One report's part of the page: heading, fields, legend, items, highlighted text."""
    r = record
    anchor = anchor or f"report-{r.source.index}"
    marks = _sorted_marks(record_marks(r))
    counts = {kind: 0 for kind in kinds()}
    for m in marks:
        counts[m.kind] = counts.get(m.kind, 0) + 1
    e = html.escape
    parts = [f'<section class="report" id="{anchor}">',
             f"<h2>{e(r.title or '（无标题）')}</h2>", '<table class="fields">']
    parts += [f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in _fields_rows(r)]
    parts.append("</table>")
    if r.warnings:
        parts.append('<ul class="warn">' + "".join(f"<li>{e(w)}</li>" for w in r.warnings) + "</ul>")
    parts.append(legend_html(counts))
    parts.append(items_html(r, marks, anchor))
    text_html = f'<div class="text">{highlight_html(r.text, marks, anchor)}</div>'
    if r.source.pages:  # a scan: its pages beside the text (outputs/page_view.py)
        text_html = page_view.beside_pages(r, marks, kinds(), _title, text_html)
    parts.append(text_html)
    parts += [extra(r, anchor) for extra in extras]
    parts.append("</section>")
    return "\n".join(parts)


def contents_html(records: list[Record], anchors: list[str]) -> str:
    """Links to every report of the page (only drawn when there are several)."""
    if len(records) < 2:
        return ""
    e = html.escape
    rows = "".join(
        f'<li><a href="#{a}">{e(r.title or "（无标题）")}</a> <small>{e(r.organization or "")} '
        f'{e(r.source.path)} #{r.source.index}</small></li>' for r, a in zip(records, anchors))
    return f'<nav class="contents"><h2>目录</h2><ol>{rows}</ol></nav>'


def page_html(records: list[Record], title: str | None = None, *, extras: Sequence[ReportPart] = (),
              embed_font: bool = True) -> str:
    """A self-contained HTML page (no external resource, no script) of the reports.

    ``embed_font`` inlines the Chinese font subset (webfont.py) so that the page reads
    the same on a machine without a CJK font.
    """
    from extractor.outputs.webfont import font_face_css

    paths = list(dict.fromkeys(r.source.path for r in records))
    heading = f"{'、'.join(paths) or 'mrx'}（{len(records)} 份报告）"
    title = title or (records[0].title if len(records) == 1 and records[0].title else None) or heading
    anchors = [f"report-{k}" for k in range(len(records))]
    toggles = "".join(f'<input type="checkbox" class="toggle" id="show-{kind}" checked>' for kind in kinds())
    body = "\n".join(report_html(r, a, extras) for r, a in zip(records, anchors))
    css = _css()
    page = (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n"
        f"<title>{html.escape(title)}</title>\n<style>\n/*FONT*/\n{css}\n</style>\n</head>\n<body>\n"
        f"{toggles}\n<main>\n<h1>{html.escape(heading)}</h1>\n{contents_html(records, anchors)}\n"
        f"{body}\n</main>\n</body>\n</html>\n")
    font = font_face_css(page) if embed_font else ""
    return page.replace("/*FONT*/", font, 1)


def write_html(records: list[Record], path: str | os.PathLike, **options) -> None:
    from pathlib import Path

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(page_html(records, **options), encoding="utf-8")


# -- terminal ---------------------------------------------------------------------------
# Characters a terminal acts on (C0 and C1 controls, DEL) but tab and newline: a report
# holding ESC sequences must not set the window title or colours of whoever views it.
_TERMINAL_CONTROLS = dict.fromkeys([*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)])
_TERMINAL_ESCAPES = {c: f"\\x{c:02x}" for c in _TERMINAL_CONTROLS}


def terminal_safe(text: str) -> str:
    """``text`` with every control character a terminal would act on written ``\\xNN``."""
    return text.translate(_TERMINAL_ESCAPES)


def safe_text(text: str, style: str = ""):
    """A rich Text of ``terminal_safe(text)``."""
    from rich.text import Text

    return Text(terminal_safe(text), style=style)


def section_tree(record: Record):
    """The heading tree as a rich Tree."""
    from rich.tree import Tree

    from extractor.outputs.tables import section_parents

    root = Tree(safe_text(record.title or "（无标题）", style="bold"))
    nodes = {}
    for n, (s, parent) in enumerate(zip(record.sections, section_parents(record))):
        label = safe_text(s.heading)
        label.append(f"  [{s.start}–{s.end}]", style="dim")
        nodes[n] = (nodes[parent] if parent is not None else root).add(label)
    if not record.sections:
        root.add(safe_text("（未识别到小标题）", style="dim"))
    return root


def render_terminal(record: Record, console=None) -> None:
    """Print one report: fields, section tree, problems, measures, agenda, audit."""
    from rich.console import Console, Group
    from rich.panel import Panel
    from rich.table import Table

    console = console or Console()
    r = record
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold cyan", no_wrap=True)
    fields.add_column()
    for k, v in _fields_rows(r):
        fields.add_row(k, safe_text(v))
    console.print(Panel(Group(fields), title=safe_text(r.title or "（无标题）"), subtitle=f"id {r.id}"))
    console.print(section_tree(r))

    def items(title: str, rows: list[tuple[str, ...]], headers: tuple[str, ...]):
        if not rows:
            return
        t = Table(title=title, show_lines=False, expand=False)
        for h in headers:
            t.add_column(h, overflow="fold")
        for row in rows:
            t.add_row(*[safe_text(x) for x in row])
        console.print(t)

    items("议程", [(str(i + 1), a.text) for i, a in enumerate(r.agenda)], ("#", "议程"))
    items("问题", [(str(i + 1), p.text, "、".join(p.categories)) for i, p in enumerate(r.problems)],
          ("#", "问题", "类别"))
    items("整改措施", [(str(i + 1), m.text) for i, m in enumerate(r.measures)], ("#", "措施"))
    items("程序要素", [(element_label(k), "是" if e.required else "", "✓" if e.present else "✗",
                     e.evidence[0].text if e.evidence else "")
                    for k, e in r.audit.elements.items()], ("要素", "必需", "具备", "依据"))
    for w in r.warnings:
        console.print(safe_text(f"⚠ {w}", style="yellow"))
