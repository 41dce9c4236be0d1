"""Who chaired the meeting (RECORD.md ``chair``), in phrasings of real reports (our words)."""
import pytest

from extractor import extract_text


def chair_of(text):
    r = extract_text(text)[0]
    if r.chair is not None:
        assert r.text[r.chair.start:r.chair.end] == r.chair.name
        assert r.chair.name in [p.name for p in r.people], "the chair is one of the people"
    return r.chair.name if r.chair else None


@pytest.mark.parametrize("text, name", [
    ("2024年1月9日，综合科党支部召开2023年度组织生活会，会议由支部书记周立新同志主持。", "周立新"),
    ("某局党组召开民主生活会，党组书记、局长韩晓东主持会议并作总结讲话。", "韩晓东"),
    ("第三党支部召开组织生活会。会议由孟庆林支部书记主持，全体党员参加。", "孟庆林"),
    ("某公司第二党支部召开组织生活会\n主持人：严冬梅\n参加人员：全体党员\n", "严冬梅"),
    # a rare surname at a strong cue
    ("集团党委召开民主生活会，集团党委书记、董事长于德广主持会议。", "于德广"),
    ("某区政府党组召开专题民主生活会，区长谷雨生主持会议，党组成员参加。", "谷雨生"),
    # traditional characters
    ("第一黨支部召開組織生活會，會議由支部書記鄭曉東同志主持。", "鄭曉東"),
    # 在……的主持下; a title such as 老师 between the name and 主持
    ("学生党支部召开组织生活会。会议在支部书记罗文海同志的主持下按议程进行。", "罗文海"),
    ("学生党支部召开组织生活会。本次会议由钱雨桐老师主持，全体党员参加。", "钱雨桐"),
])
def test_the_chair_is_found(text, name):
    assert chair_of(text) == name


@pytest.mark.parametrize("text", [
    # the role only, no name
    "中心党支部召开组织生活会，会议由支部书记主持，全体党员参加。",
    # redacted
    "XX支部召开组织生活会。会议由xx同志主持，党员们进行了批评与自我批评。",
    # a person reports, nobody is said to chair
    "党支部召开组织生活会，由支部书记赵明远代表支委会通报对照检查情况。",
    # not stated at all
    "党支部召开组织生活会，全体党员参加，开展了批评与自我批评。",
])
def test_no_chair_when_not_stated(text):
    assert chair_of(text) is None
