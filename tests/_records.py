"""Records built by hand for the export, table, database, show and notebook tests.

Field extractors are still being written, so these tests do not rely on what they find:
they build complete, grounded records from a real phrasing instead.
"""
from __future__ import annotations

import hashlib

from extractor.record import record_id
from extractor.schema import Record

TEXT = """关于召开2022年度组织生活会情况的报告
一、会前准备情况
第一党支部于2023年1月12日召开组织生活会，应到党员9人，实到8人，1人因公请假。支部书记张三主持会议，镇党委委员李四到会指导。
会议按照平组通〔2022〕41号文件要求，会前开展了谈心谈话。
二、查摆问题
（一）理论学习不够深入，存在以干代学现象。
（二）批评与自我批评开展不够，怕得罪人。
三、整改措施
一是加强理论学习。二是严肃组织生活。
"""


def at(text: str, needle: str, nth: int = 0) -> dict:
    """The grounded span {text, start, end} of the nth occurrence of needle."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return {"text": needle, "start": start, "end": start + len(needle)}


def make_record(path: str = "archive/a.txt", index: int = 0, text: str = TEXT,
                organization: str = "第一党支部", sha256: str | None = None,
                expected: int = 9, present: int = 8) -> Record:
    """A complete record over ``text`` (which must contain the phrasings of TEXT)."""
    text = text.replace("应到党员9人，实到8人，1人", f"应到党员{expected}人，实到{present}人，{expected - present}人")
    sha256 = sha256 or hashlib.sha256(f"{path}:{text}".encode()).hexdigest()

    def section(heading: str, level: int, number: int, end_before: str | None) -> dict:
        s = at(text, heading)
        end = text.index(end_before) - 1 if end_before else len(text.rstrip("\n"))
        return {"heading": heading, "level": level, "number": number, "start": s["start"],
                "end": end, "heading_end": s["end"]}

    docno = at(text, "平组通〔2022〕41号")
    data = {
        "id": record_id(sha256, index),
        "source": {"path": path, "index": index, "start": 0, "end": len(text),
                   "encoding": "utf-8", "sha256": sha256},
        "text": text,
        "title": "关于召开2022年度组织生活会情况的报告",
        "meeting_type": "组织生活会",
        "year": 2022,
        "organization": organization,
        "meeting_date": {**at(text, "2023年1月12日"), "year": 2023, "month": 1, "day": 12},
        "document_numbers": [{**docno, "issuer": "平组通", "year": 2022, "number": 41}],
        "attendance": {"expected": expected, "present": present, "absent": expected - present,
                       "evidence": [at(text, f"应到党员{expected}人"), at(text, f"实到{present}人")]},
        "people": [{"name": "张三", **_pos(at(text, "张三")), "role": "支部书记"},
                   {"name": "李四", **_pos(at(text, "李四")), "role": "镇党委委员"}],
        "problems": [
            {**at(text, "理论学习不够深入，存在以干代学现象。"), "categories": ["理论学习"]},
            {**at(text, "批评与自我批评开展不够，怕得罪人。"), "categories": ["批评与自我批评", "组织生活"]},
        ],
        "measures": [at(text, "加强理论学习。"), at(text, "严肃组织生活。")],
        "member_review": False,
        "sections": [
            section("一、会前准备情况", 1, 1, "二、查摆问题"),
            section("二、查摆问题", 1, 2, "三、整改措施"),
            section("（一）理论学习不够深入，存在以干代学现象。", 2, 1, "（二）"),
            section("（二）批评与自我批评开展不够，怕得罪人。", 2, 2, "三、整改措施"),
            section("三、整改措施", 1, 3, None),
        ],
        "audit": {
            "meeting_type": "组织生活会", "profile": "组织生活会",
            "elements": {
                "heart_to_heart": {"present": True, "required": True, "evidence": [at(text, "谈心谈话")]},
                "supervision": {"present": True, "required": False, "evidence": [at(text, "到会指导")]},
                "study": {"present": False, "required": True, "evidence": []},
                "member_review": {"present": False, "required": True, "evidence": []},
            },
            "missing": ["study", "member_review"], "complete": False,
        },
        "warnings": ["heading level skipped"],
    }
    return Record.model_validate(data)


def _pos(span: dict) -> dict:
    return {"start": span["start"], "end": span["end"]}


def dated(rec, year: int, month: int, day: int, *, report_year: int | None = None):
    """The record with another meeting date (and 年度); offsets are irrelevant to the counts."""
    rec.meeting_date.year, rec.meeting_date.month, rec.meeting_date.day = year, month, day
    rec.year = report_year if report_year is not None else year - 1
    return rec


def complete(rec):
    for e in rec.audit.elements.values():
        e.present = True
    rec.audit.missing, rec.audit.complete = [], True
    return rec


def archive() -> list[Record]:
    """Five reports: two years of 第一党支部 (same problems), a late and complete 第二党支部,
    第三党支部 only in 2021, and one report with neither unit nor year."""
    first_2022 = dated(make_record(path="a/1.txt", organization="第一党支部"), 2023, 1, 12)
    first_2021 = dated(make_record(path="a/2.txt", organization="第一党支部", expected=10, present=10), 2022, 1, 20)
    second = complete(dated(make_record(path="a/3.txt", organization="第二党支部", expected=12, present=9), 2023, 3, 5))
    third = dated(make_record(path="a/4.txt", organization="第三党支部"), 2022, 2, 1)
    third.problems = third.problems[:1]
    loose = make_record(path="a/5.txt")
    loose.organization, loose.year = None, None
    loose.meeting_date.month = None  # a date without its month is no date
    loose.attendance.expected = None
    return [first_2022, first_2021, second, third, loose]
