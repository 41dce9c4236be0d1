"""Repeated patterns that once made an extractor quadratic (issue 16): each is a short
stretch of report text that a field matches, repeated to any length. Shared by the suite
test (tests/test_adversarial.py) and the benchmark (bench/adversarial.py)."""

PATTERNS = {
    "attendance_count": "应到9",
    "attendance_members": "应到党员9",
    "people_lines": "参会人员：张三、李四、王五、赵六\n",
    "title_lines": "关于召开2021年度组织生活会情况的报告\n",
    "title_runs": "2021年度组织生活会情况报告",
    "document_numbers": "组发〔2021〕12号\n",
    "heading_lines": "一、存在问题\n",
    "nested_headings": "（一）理论学习\n1.学习不够\n（1）深入\n",
    "agenda_lines": "会议议程：一是学习；二是对照检查；三是批评。\n",
    "list_runs": "一是学习；二是对照检查；",
    "problem_lines": "（一）理论学习不够深入，形式主义。\n",
    "dates": "2022年1月15日召开组织生活会。",
    "roles": "党支部书记张三同志，",
}


def repeat(pattern: str, chars: int) -> str:
    return pattern * max(1, chars // len(pattern))
