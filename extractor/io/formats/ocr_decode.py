"""The recognisers' CTC decoding, which also settles a document number's brackets.

RapidOCR decodes each line by the most probable character at every step and keeps nothing
else. A 文号's brackets are where that loses: on a blurred page 〔 comes out as [ while the
model still gave 〔 a fair share. ``BracketDecoder`` decodes exactly as RapidOCR does and
then lets ``ocr_correct.settle_brackets`` see, for each bracket read, the probability the
model gave the standard family there.
"""
from __future__ import annotations

from rapidocr_onnxruntime.ch_ppocr_rec.utils import CTCLabelDecode

from extractor.io.formats.ocr_correct import has_document_number, settle_brackets, standard_brackets


class BracketDecoder(CTCLabelDecode):
    """RapidOCR's CTC decoder (same text, same confidence) whose 文号 brackets are settled
    by the model's probabilities (``ocr_correct.settle_brackets``)."""

    def __init__(self, character: list[str]):
        super().__init__(character=list(character))
        self.standard = [i for i, c in enumerate(self.character) if c in "".join(standard_brackets())]

    def __call__(self, preds, return_word_box: bool = False, **kwargs):
        results = super().__call__(preds, return_word_box, **kwargs)
        for b, result in enumerate(results):
            text = result[0]
            if not has_document_number(text):
                continue
            steps = self._steps(preds[b])
            if len(steps) != len(text):  # not the decoding above: leave it as read
                continue
            shares = preds[b][steps][:, self.standard].sum(axis=1)
            settled = settle_brackets(text, lambda i: float(shares[i]))
            if settled != text:
                results[b] = (settled, *result[1:])
        return results

    @staticmethod
    def _steps(pred):
        """The time step each decoded character was read at (as ``CTCLabelDecode.decode``
        selects them: a change of label that is not the blank)."""
        import numpy as np

        labels = pred.argmax(axis=1)
        keep = np.ones(len(labels), dtype=bool)
        keep[1:] = labels[1:] != labels[:-1]
        keep &= labels != 0
        return np.nonzero(keep)[0]
