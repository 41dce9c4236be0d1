"""Plain-text reading: encodings (UTF-8 ± BOM, UTF-16, GB18030 / GBK / GB2312, Big5),
newline normalisation, damaged and mixed files, and the end-to-end path into records."""
from __future__ import annotations

import codecs

import pytest

from extractor.run.api import extract_file
from extractor.io.formats import read_file
from extractor.io.reader import InputError, decode, decode_bytes, plausibility

REPORT = """中共某某县市场监督管理局支部委员会
关于召开2022年度组织生活会情况的报告

县委组织部：
根据《关于认真开好2022年度基层党组织组织生活会和开展民主评议党员工作的通知》（县组通〔2023〕3号）要求，我支部于2023年1月12日在三楼会议室召开了2022年度组织生活会。支部应到党员21人，实到19人，2名同志因病请假。县委第三督导组张建国同志到会指导。现将有关情况报告如下：
一、会前准备情况
（一）认真开展学习研讨。支部组织党员集中学习党的二十大报告，开展研讨交流2次。
（二）广泛征求意见建议。通过发放征求意见表、召开座谈会等方式，共征求意见建议12条。
（三）深入开展谈心谈话。支部书记与每名党员开展谈心谈话，党员之间相互谈心谈话。
二、会议召开情况
会议由支部书记王立新主持。会上，支部书记通报了上年度组织生活会整改落实情况，代表支部班子作对照检查，党员逐一进行个人对照检查，开展批评和自我批评。会议开展了民主评议党员。
三、查摆的主要问题
一是理论学习不够深入，存在以干代学的现象；二是服务群众意识不强，回应群众诉求不够及时。
四、下一步整改措施
1.加强理论武装，坚持每月开展集中学习。
2.强化宗旨意识，切实为群众办实事。
中共某某县市场监督管理局支部委员会
2023年1月15日
"""

REPORT_TRADITIONAL = """關於召開二○二二年度組織生活會情況的報告
本支部於二○二三年一月十二日召開組織生活會，應到黨員十五人，實到十四人。會議由支部書記主持，全體黨員開展了批評和自我批評，查擺問題，制定整改措施。
一、會前準備情況
支部組織黨員認真學習，廣泛徵求意見建議，深入開展談心談話。
二、查擺的主要問題
理論學習不夠深入，服務群眾意識不強。
"""

SHORT = ["会议由支部书记主持。", "召开组织生活会", "党员大会", "查摆问题整改措施", "谈心谈话",
         "应到党员21人，实到19人。", "二○二三年一月十二日", "县委组织部："]
SHORT_TRADITIONAL = ["會議由支部書記主持。", "召開組織生活會", "黨員大會", "查擺問題", "談心談話"]


def test_utf8_without_bom():
    text, enc, warnings = decode_bytes(REPORT.encode("utf-8"))
    assert (text, enc, warnings) == (REPORT, "utf-8", [])


def test_utf8_with_bom_drops_the_bom():
    text, enc, _ = decode_bytes(codecs.BOM_UTF8 + REPORT.encode("utf-8"))
    assert text == REPORT and enc == "utf-8-sig"
    assert not text.startswith("\ufeff")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec):
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    text, enc, _ = decode_bytes(bom + REPORT.encode(codec))
    assert text == REPORT and enc == "utf-16"


def test_utf8_bom_in_front_of_gbk_text():
    text, enc, warnings = decode_bytes(codecs.BOM_UTF8 + REPORT.encode("gbk"))
    assert text == REPORT and enc == "gb18030"
    assert any("byte order mark" in w for w in warnings)


def test_utf16_without_bom_is_recognised_with_a_warning():
    text, enc, warnings = decode_bytes(REPORT.encode("utf-16-le"))
    assert text == REPORT and enc == "utf-16-le"
    assert any("byte order mark" in w for w in warnings)


def test_utf32_with_bom():
    text, enc, _ = decode_bytes(REPORT.encode("utf-32"))
    assert text == REPORT and enc == "utf-32"


@pytest.mark.parametrize("codec", ["gb18030", "gbk", "gb2312"])
def test_gb_family_long(codec):
    text, enc, warnings = decode_bytes(REPORT.encode(codec))
    assert text == REPORT and enc == "gb18030" and warnings == []


@pytest.mark.parametrize("phrase", SHORT)
@pytest.mark.parametrize("codec", ["gbk", "gb2312"])
def test_gb_family_short_is_not_mistaken_for_big5_or_cp932(phrase, codec):
    text, enc, _ = decode_bytes(phrase.encode(codec))
    assert text == phrase and enc == "gb18030"


def test_gb18030_only_characters():
    # 㑇 (CJK extension A) and 𠀀 (extension B) exist in GB18030 but not in GBK
    phrase = "支部书记㑇某主持会议𠀀。"
    text, enc, _ = decode_bytes(phrase.encode("gb18030"))
    assert text == phrase and enc == "gb18030"


def test_big5_traditional_long():
    text, enc, warnings = decode_bytes(REPORT_TRADITIONAL.encode("big5"))
    assert text == REPORT_TRADITIONAL and enc == "big5" and warnings == []


@pytest.mark.parametrize("phrase", SHORT_TRADITIONAL)
def test_big5_traditional_short(phrase):
    text, enc, _ = decode_bytes(phrase.encode("big5"))
    assert text == phrase and enc == "big5"


def test_traditional_in_utf8_and_gb18030_stays_traditional():
    for codec in ("utf-8", "gb18030"):
        text, _, _ = decode_bytes(REPORT_TRADITIONAL.encode(codec))
        assert text == REPORT_TRADITIONAL


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_newlines_normalised(newline):
    raw = REPORT.replace("\n", newline)
    for codec in ("utf-8", "gbk", "utf-16"):
        text, _, _ = decode_bytes(raw.encode(codec))
        assert text == REPORT


def test_mixed_utf8_and_gbk_lines_are_each_read_right():
    lines = REPORT.splitlines()
    data = b"\n".join(line.encode("gbk" if i % 3 == 0 else "utf-8") for i, line in enumerate(lines)) + b"\n"
    text, enc, warnings = decode_bytes(data)
    assert text == REPORT
    assert enc == "utf-8+gb18030"
    assert any("mixed encodings" in w for w in warnings)


def test_truncated_last_character_is_replaced_with_a_warning():
    for codec, name in (("utf-8", "UTF-8"), ("gbk", "GB18030")):
        data = REPORT.rstrip("\n").encode(codec)[:-1]
        text, _, warnings = decode_bytes(data)
        assert text.startswith(REPORT[:200])
        assert text.endswith("\ufffd")
        assert any("undecodable" in w and name in w for w in warnings)


def test_a_stray_byte_in_gbk_text():
    cut = len(REPORT[:150].encode("gbk"))  # a character boundary
    raw = REPORT.encode("gbk")
    data = raw[:cut] + b"\xff" + raw[cut:]
    text, enc, warnings = decode_bytes(data)
    assert enc == "gb18030" and "\ufffd" in text
    assert text.replace("\ufffd", "") == REPORT
    assert warnings


def test_wrong_encoding_gets_a_warning_not_silence():
    # Shift-JIS Japanese: not UTF-8, GB18030 or Big5 plausible Chinese
    phrase = "これは日本語の文章です。会議は東京で開催されました。参加者は二十名でした。" * 3
    text, enc, warnings = decode_bytes(phrase.encode("shift_jis"))
    assert text == phrase or any("uncertain" in w or "undecodable" in w for w in warnings)


def test_plausibility_separates_right_and_wrong_decodings():
    right = REPORT
    wrong = REPORT.encode("gbk").decode("big5", errors="replace")
    assert plausibility(right) > 0.8
    assert plausibility(wrong) < 0.5
    assert plausibility("no chinese here") == 0.0


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t  ", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n \n"])
def test_empty_and_blank_input_is_refused(data):
    with pytest.raises(InputError, match="empty|no text"):
        decode(data)


def test_decode_carries_the_hash_of_the_bytes():
    import hashlib

    data = REPORT.encode("gbk")
    d = decode(data)
    assert d.sha256 == hashlib.sha256(data).hexdigest()
    assert d.encoding == "gb18030" and d.format == "txt"


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "gbk", "gb18030"])
def test_files_in_every_encoding_give_the_same_records(tmp_path, codec):
    path = tmp_path / f"report-{codec}.txt"
    path.write_bytes(REPORT.encode(codec))
    decoded = read_file(path)
    assert decoded.text == REPORT
    records = extract_file(path)
    assert len(records) == 1
    rec = records[0]
    assert rec.source.encoding == decoded.encoding
    assert rec.source.path == str(path)
    assert rec.text == REPORT[rec.source.start:rec.source.end]
    assert "关于召开2022年度组织生活会情况的报告" in rec.text


def test_big5_file_to_record(tmp_path):
    path = tmp_path / "big5.txt"
    path.write_bytes(REPORT_TRADITIONAL.encode("big5"))
    (rec,) = extract_file(path)
    assert rec.source.encoding == "big5"
    assert rec.text.startswith("關於召開二○二二年度組織生活會情況的報告")


@pytest.mark.parametrize("phrase", ["十", "缺席", "某", "列席3人", "。", "（一）", "１２３"])
def test_tiny_gbk_texts_that_are_also_valid_utf8_or_punctuation_only(phrase):
    # 十 is CA AE in GBK, which is also UTF-8 for ʮ; 缺席 would read as ȱϯ
    text, enc, _ = decode_bytes(phrase.encode("gbk"))
    assert text == phrase and enc == "gb18030"


@pytest.mark.parametrize("phrase", ["Café au lait", "naïve résumé", "Ελληνικά", "Привет мир", "ÄÖÜ straße"])
def test_western_utf8_text_stays_utf8(phrase):
    assert decode_bytes(phrase.encode("utf-8"))[:2] == (phrase, "utf-8")


def test_long_korean_text_goes_to_the_detector():
    phrase = "회의는 지부 서기가 주재하였다. 당원 전원이 참석하여 비판과 자기비판을 진행하였다. " * 20
    text, enc, warnings = decode_bytes(phrase.encode("euc-kr"))
    assert text == phrase and enc == "cp949" and warnings  # Korean, flagged as a guess


def test_read_bytes_reads_what_stat_saw_and_what_was_added_since_up_to_the_limit(tmp_path, monkeypatch):
    import os

    from extractor.io import reader

    path = tmp_path / "growing.txt"
    path.write_bytes(b"x" * 100)
    assert reader.read_bytes(path, max_bytes=100) == b"x" * 100  # exactly at the limit
    real_stat = os.stat

    class Smaller:  # stat taken while the file was still being written: 10 bytes
        def __init__(self, st):
            self.st_mode, self.st_size = st.st_mode, 10

    monkeypatch.setattr(reader.os, "stat", lambda p: Smaller(real_stat(p)))
    assert reader.read_bytes(path, max_bytes=1000) == b"x" * 100  # the bytes added since are read
    with pytest.raises(InputError, match="above the limit of 50 bytes"):
        reader.read_bytes(path, max_bytes=50)
