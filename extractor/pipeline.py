"""The spaCy Language that turns one report's text into a Doc with every field on it."""
from __future__ import annotations

from functools import lru_cache

# The components in the order they run; later steps read what earlier ones found.
PIPELINE = (
    "mrx_view", "mrx_title", "mrx_sections",
    "mrx_dates", "mrx_docnos", "mrx_attendance", "mrx_meeting", "mrx_people",
    "mrx_problems", "mrx_measures", "mrx_agenda", "mrx_audit",
    "mrx_ents",
)


def make_nlp(segmenter: str = "char", pkuseg_model: str | None = None):
    """A ``zh`` Language with the mrx components.

    The character segmenter is the default: fast and offline. ``segmenter="pkuseg"``
    needs ``pkuseg_model``, a local model directory (spacy-pkuseg's pretrained models
    are downloaded from the internet, so they are never the default).
    """
    import spacy

    from extractor import components  # noqa: F401  (registers the factories)

    if segmenter == "pkuseg":
        if not pkuseg_model:
            raise ValueError("the pkuseg segmenter needs a local model directory (pkuseg_model)")
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
        nlp.tokenizer.initialize(pkuseg_model=pkuseg_model)
    elif segmenter == "char":
        nlp = spacy.blank("zh")
    else:
        raise ValueError(f"unknown segmenter {segmenter!r}: use 'char' or 'pkuseg'")
    for name in PIPELINE:
        nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=None)
def get_nlp(segmenter: str = "char", pkuseg_model: str | None = None):
    """One Language per process and configuration."""
    return make_nlp(segmenter, pkuseg_model)


def make_doc(nlp, text: str):
    """The Doc of one report: one token per character with the character segmenter.

    Built straight from the characters, which is what spaCy's ``char`` segmenter yields
    but three times faster (it realigns white space through a generic helper). The
    words are handed over as string-store ids: spaCy then skips hashing every
    character again (the Doc is the same).
    """
    from spacy.tokens import Doc

    if getattr(nlp.tokenizer, "segmenter", None) == "char":
        return Doc(nlp.vocab, words=_char_orths(nlp.vocab, text), spaces=[False] * len(text))
    return nlp.make_doc(text)


class _CharOrths:
    """The string-store id of each character of a text, for one vocab; characters met for
    the first time are added to the string store."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.ids: dict[str, int] = {}

    def __call__(self, text: str) -> list[int]:
        try:
            return list(map(self.ids.__getitem__, text))
        except KeyError:
            add = self.vocab.strings.add
            for c in set(text).difference(self.ids):
                self.ids[c] = add(c)
            return list(map(self.ids.__getitem__, text))


_char_orths_of: _CharOrths | None = None  # of the last vocab seen: one per process in practice


def _char_orths(vocab, text: str) -> list[int]:
    global _char_orths_of
    if _char_orths_of is None or _char_orths_of.vocab is not vocab:
        _char_orths_of = _CharOrths(vocab)
    return _char_orths_of(text)


def process(nlp, text: str, view: str | None = None):
    """Run the pipeline on one report; ``view`` is its normalised view if already made."""
    doc = make_doc(nlp, text)
    # Doc.text is rebuilt from the tokens on every access: hand the components the string.
    doc.user_data["mrx_text"] = text
    if view is not None:
        doc.user_data["mrx_view"] = view
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc
