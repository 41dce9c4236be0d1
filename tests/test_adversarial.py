"""Linear time on adversarial repetition (issue 16): 200 K characters of any repeated
pattern finish in under 2 s on the machine the limit was set on. CPU time of this process
is measured, so that other work on the machine does not make the test flaky; a quadratic
spot takes tens of seconds there. On a slower machine the time may pass 2 s: then the text
must take at most GROWTH times as long as a quarter of it (a linear pass about 4 times, a
quadratic one 16), and never more than HARD_LIMIT_S."""
import time

import pytest

from adversarial_patterns import PATTERNS, repeat
from extractor.run.api import extract_text

CHARS = 200_000
LIMIT_S = 2.0
GROWTH = 7.0
HARD_LIMIT_S = 10.0


def cpu_seconds(text: str) -> float:
    start = time.process_time()
    records = extract_text(text)
    assert records
    return time.process_time() - start


@pytest.fixture(scope="module")
def warm():
    # patterns compile on first use: not part of the time of one text
    extract_text("关于召开2021年度组织生活会情况的报告\n会议议程：一是学习；二是批评。应到9人，实到8人。\n"
                 "一、存在问题\n（一）理论学习不够深入。2022年1月15日召开。参会人员：张三、李四\n")


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_repeated_pattern_is_linear(warm, name):
    spent = cpu_seconds(repeat(PATTERNS[name], CHARS))
    if spent < LIMIT_S:
        return
    quarter = cpu_seconds(repeat(PATTERNS[name], CHARS // 4))
    assert spent < min(HARD_LIMIT_S, GROWTH * quarter + 0.5), \
        f"{name}: {spent:.1f} s of CPU for {CHARS} characters, {quarter:.1f} s for a quarter of them"
