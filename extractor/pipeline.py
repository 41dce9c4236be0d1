"""The spaCy Language that turns one report's text into a Doc with every field on it."""
from __future__ import annotations

from extractor import components  # registers the factories PIPELINE names
from extractor.settings import Settings
from extractor.steps import STEPS, check_order

# The components in the order they run: the report's view, one per step of steps.py
# (title, sections, the field components in the registry's order), the entities. Each
# declares what it reads and fills, and ``check_order`` verifies that this order
# satisfies them.
PIPELINE = ("mrx_view", *(f"mrx_{name}" for name in STEPS), "mrx_ents")


class CharTokenizer:
    """One token per character, what spaCy's ``zh`` ``char`` segmenter yields, three times
    faster (spaCy realigns white space through a generic helper). Words are handed to the
    Doc as string-store ids, kept per character, so spaCy skips hashing every character
    again (the Doc is the same)."""

    segmenter = "char"

    def __init__(self, vocab):
        self.vocab = vocab
        self.ids: dict[str, int] = {}

    def __call__(self, text: str):
        from spacy.tokens import Doc

        return Doc(self.vocab, words=self.orths(text), spaces=[False] * len(text))

    def orths(self, text: str) -> list[int]:
        try:
            return list(map(self.ids.__getitem__, text))
        except KeyError:
            add = self.vocab.strings.add
            for c in set(text).difference(self.ids):
                self.ids[c] = add(c)
            return list(map(self.ids.__getitem__, text))


def make_nlp(settings: Settings = Settings()):
    """A ``zh`` Language with the mrx components configured by ``settings``.

    The character segmenter is the default: fast and offline. ``segmenter="pkuseg"``
    needs ``pkuseg_model``, a local model directory (spacy-pkuseg's pretrained models
    are downloaded from the internet, so they are never the default).
    """
    import spacy



    if settings.segmenter == "pkuseg":
        if not settings.pkuseg_model:
            raise ValueError("the pkuseg segmenter needs a local model directory (pkuseg_model)")
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
        nlp.tokenizer.initialize(pkuseg_model=settings.pkuseg_model)
    elif settings.segmenter == "char":
        nlp = spacy.blank("zh")
        nlp.tokenizer = CharTokenizer(nlp.vocab)
    else:
        raise ValueError(f"unknown segmenter {settings.segmenter!r}: use 'char' or 'pkuseg'")
    config = settings.component_config()
    for name in PIPELINE:
        nlp.add_pipe(name, config=config.get(name, {}))
    check_order(nlp.pipeline)
    return nlp


_LANGUAGES: dict[str, object] = {}


def get_nlp(settings: Settings = Settings()):
    """One Language per process and settings (building one loads every data file)."""
    key = settings.key()
    nlp = _LANGUAGES.get(key)
    if nlp is None:
        nlp = _LANGUAGES[key] = make_nlp(settings)
    return nlp


def process(nlp, text: str, view: str | None = None):
    """Run the pipeline on one report; ``view`` is its normalised view if already made."""
    # the length of a report is bounded by Settings.max_report_chars (checked by the caller),
    # not by spaCy's limit for parsers, which mrx does not run
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    doc = nlp.make_doc(text)
    components.start_report(doc, text, view)
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc

