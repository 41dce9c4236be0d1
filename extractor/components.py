"""The spaCy pipeline components, declared in this one place.

Each component is a small class registered with ``Language.factory``; it calls a pure
function of its own module, puts spans on the Doc (``doc.spans[...]``, ``doc.ents``)
and the field values on ``doc._.fields``, from which ``record.build_record`` makes the
Record. The Doc's text is the report's text as decoded; matching runs over
``doc._.view``, the normalised view with the same offsets (normalize.py).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import layout, sections
from .normalize import blank_out, normalize

for _name in ("view", "fields", "warnings"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def spans_of(doc: Doc, items, label: str):
    """spaCy spans for extracted items with start/end (character offsets)."""
    out = []
    for item in items:
        span = doc.char_span(item["start"], item["end"], label=label, alignment_mode="expand")
        if span is not None:
            out.append(span)
    return out


@Language.factory("mrx_view")
class ViewComponent:
    """Normalised view of the report, web-page chrome blanked out."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if doc._.view is None:
            doc._.view = normalize(doc.text)
        doc._.view = blank_out(doc._.view, layout.chrome_spans(doc._.view))
        if doc._.fields is None:
            doc._.fields = {}
        if doc._.warnings is None:
            doc._.warnings = []
        return doc


@Language.factory("mrx_title")
class TitleComponent:
    """The report's own title line (``doc.spans["title"]``)."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        line = layout.find_title(doc._.view)
        title = None
        if line is not None:
            title = doc.text[line.start:line.end].strip()
            start = line.start + doc.text[line.start:line.end].index(title)
            doc.spans["title"] = spans_of(doc, [{"start": start, "end": start + len(title)}], "TITLE")
        doc._.fields["title"] = title
        return doc


@Language.factory("mrx_sections")
class SectionsComponent:
    """The heading tree (``doc.spans["sections"]``, one span per heading)."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        view = doc._.view
        title = doc.spans["title"][0] if doc.spans.get("title") else None
        if title is not None:  # the title line is never a section heading
            view = blank_out(view, [(title.start_char, title.end_char)])
        found, warnings = sections.segment(doc.text, view)
        doc._.fields["sections"] = [s.as_dict() for s in found]
        doc._.warnings.extend(warnings)
        doc.spans["sections"] = spans_of(
            doc, [{"start": s.start, "end": s.heading_end} for s in found], "SECTION")
        return doc
