"""The recognisers' CTC decoding, which also settles what a line's context decides.

RapidOCR decodes each line by the most probable character at every step and keeps nothing
else. Where the context says what a character must be — a 文号's brackets — that loses: on
a blurred page 〔 comes out as [ while the model still gave it a fair share.
``ContextDecoder`` decodes exactly as RapidOCR does and then lets
``ocr_correct.settle_brackets`` see the probability the model gave any character where it read
each one.
"""
from __future__ import annotations

from rapidocr_onnxruntime.ch_ppocr_rec.utils import CTCLabelDecode

from extractor.io.formats.ocr_correct import settle_brackets


class ContextDecoder(CTCLabelDecode):
    """RapidOCR's CTC decoder (same text, same confidence) whose readings the context
    decides are settled by the model's probabilities (``ocr_correct.settle_brackets``)."""

    def __init__(self, character: list[str]):
        super().__init__(character=list(character))

    def __call__(self, preds, return_word_box: bool = False, **kwargs):
        results = super().__call__(preds, return_word_box, **kwargs)
        for b, result in enumerate(results):
            text = result[0]
            settled = settle_brackets(text, _LineProbabilities(self.dict, preds[b], len(text)))
            if settled != text:
                results[b] = (settled, *result[1:])
        return results


class _LineProbabilities:
    """``probability(i, chars)`` for one decoded line: what the model gave any of ``chars``
    at the step where it read the line's character ``i`` (the steps found on first use)."""

    def __init__(self, index: dict[str, int], pred, length: int):
        self.index, self.pred, self.length = index, pred, length
        self.steps = None

    def __call__(self, i: int, chars: str) -> float:
        if self.steps is None:
            self.steps = _steps(self.pred)
        if len(self.steps) != self.length:  # not the decoding above: trust the reading
            return 0.0
        row = self.pred[self.steps[i]]
        return float(sum(row[self.index[c]] for c in chars if c in self.index))


def _steps(pred):
    """The time step each decoded character was read at (as ``CTCLabelDecode.decode``
    selects them: a change of label that is not the blank)."""
    import numpy as np

    labels = pred.argmax(axis=1)
    keep = np.ones(len(labels), dtype=bool)
    keep[1:] = labels[1:] != labels[:-1]
    keep &= labels != 0
    return np.nonzero(keep)[0]
