"""Document numbers (docnos.py): every 文号 cited, parsed, with its span."""
import pytest

from extractor import extract_text
from extractor.fields.docnos import extract
from extractor.text.normalize import normalize
from extractor.report import Report

from conftest import assert_grounded


def numbers(text: str) -> list[dict]:
    found = extract(Report(text, normalize(text)))["document_numbers"]
    for d in found:
        assert text[d["start"]:d["end"]] == d["text"]
    return found


def parsed(text: str) -> list[tuple]:
    return [(d["text"], d["issuer"], d["year"], d["number"], d["redacted"]) for d in numbers(text)]


@pytest.mark.parametrize("text, want", [
    ("根据《关于召开2021年度组织生活会的通知》（平组通〔2022〕41号）要求，支部认真准备。",
     ("平组通〔2022〕41号", "平组通", 2022, 41, False)),
    ("按照区直工[2021]12号文件要求，召开民主生活会。",
     ("区直工[2021]12号", "区直工", 2021, 12, False)),
    ("按照《通知》（市监党（2021）8号）精神，局党组召开民主生活会。",
     ("市监党（2021）8号", "市监党", 2021, 8, False)),
    ("认真贯彻中办发［2021］10号精神。", ("中办发［2021］10号", "中办发", 2021, 10, False)),
    ("根据县委办发【2021】3号通知要求。", ("县委办发【2021】3号", "县委办发", 2021, 3, False)),
    ("依据党建办发﹝2022﹞第5号要求。", ("党建办发﹝2022﹞第5号", "党建办发", 2022, 5, False)),
    ("根据组通字(2021)19号文件。", ("组通字(2021)19号", "组通字", 2021, 19, False)),
    # full-width digits and brackets, spaces inside
    ("按照市监党（２０２１）８号要求。", ("市监党（２０２１）８号", "市监党", 2021, 8, False)),
    ("根据平组通 〔2022〕 41 号文件。", ("平组通 〔2022〕 41 号", "平组通", 2022, 41, False)),
    # Chinese numerals
    ("根据县委办发〔二〇二一〕十二号文件。", ("县委办发〔二〇二一〕十二号", "县委办发", 2021, 12, False)),
    # traditional characters: kept as written
    ("根據平組通〔2022〕41號文件要求。", ("平組通〔2022〕41號", "平組通", 2022, 41, False)),
])
def test_document_number_forms(text, want):
    assert parsed(text) == [want]


@pytest.mark.parametrize("text, want", [
    ("根据《关于召开党史学习教育专题组织生活会的通知》（x湖管学组〔xxxx〕x号）要求。",
     ("x湖管学组〔xxxx〕x号", "x湖管学组", None, None, True)),
    ("根据《关于召开党史学习教育专题组织生活会的通知》（xx学办发〔xxxx〕x号）文件要求。",
     ("xx学办发〔xxxx〕x号", "xx学办发", None, None, True)),
    ("根据《通知》（x龙组通字[xxxx]x号）（下文简称《通知》）文件要求。",
     ("x龙组通字[xxxx]x号", "x龙组通字", None, None, True)),
    ("根据《通知》（X湖管学组〔XXXX〕X号）要求。",
     ("X湖管学组〔XXXX〕X号", "X湖管学组", None, None, True)),
    ("按照xx组通字〔2021〕xx号要求。", ("xx组通字〔2021〕xx号", "xx组通字", 2021, None, True)),
    ("按照××办发〔20××〕×号要求。", ("××办发〔20××〕×号", "××办发", None, None, True)),
])
def test_masked_document_numbers(text, want):
    assert parsed(text) == [want]


def test_several_numbers_in_one_report_in_order():
    text = ("根据xx学办发〔xxxx〕x号文件精神，结合中办发［2021］10号、市监党（2021）8号、"
            "区直工[2021]12号和县委办发〔2021〕3号要求，认真开好组织生活会。")
    assert [d["text"] for d in numbers(text)] == [
        "xx学办发〔xxxx〕x号", "中办发［2021］10号", "市监党（2021）8号", "区直工[2021]12号",
        "县委办发〔2021〕3号"]


def test_conjunction_after_a_number_is_not_part_of_the_next_issuer():
    text = "按照《通知》（区直工[2021]12号）和市监党（2021）8号精神。"
    assert [d["issuer"] for d in numbers(text)] == ["区直工", "市监党"]


def test_place_name_starting_with_a_conjunction_character_is_kept():
    assert [d["issuer"] for d in numbers("根据《通知》（和龙组通字[2021]3号）要求。")] == ["和龙组通字"]


def test_lead_words_and_organisation_names_are_not_issuers():
    text = "依据县委组织部组通字〔2021〕5号文件和根据平组通〔2022〕41号文件。"
    assert [d["issuer"] for d in numbers(text)] == ["组通字", "平组通"]


def test_repeated_number_reported_once():
    text = "根据平组通〔2022〕41号要求……按照平组通〔2022〕41号文件规定，认真整改。"
    found = numbers(text)
    assert len(found) == 1 and found[0]["start"] == text.index("平组通")


@pytest.mark.parametrize("text", [
    "学习《中国共产党支部工作条例（试行）》，开展专题学习。",
    "制定《xx县党建工作要点（2021年）》，扎实推进。",
    "编制《“十四五”规划（2021—2025年）》。",
    "会议纪要第x号，印发第5号简报。",
    "根据〔2022〕41号文件要求。",
    "按照《通知》〔2022〕41号要求。",
    "第x号〔2022〕5号",
    "住在3号楼（2021）年。",
])
def test_not_document_numbers(text):
    assert numbers(text) == []


def test_end_to_end_spans_are_grounded():
    text = ("关于召开2021年度组织生活会的情况报告\n"
            "根据县委组织部《关于认真开好2021年度组织生活会的通知》（平組通〔2021〕41號）要求，"
            "二〇二二年一月十二日，第一党支部召开组织生活会。\n")
    records = extract_text(text)
    assert_grounded(records[0])
    assert [d.text for d in records[0].document_numbers] == ["平組通〔2021〕41號"]
    assert records[0].document_numbers[0].year == 2021
