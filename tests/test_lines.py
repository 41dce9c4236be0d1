"""per_line: a bounded memo of a function of one line that stays near its size."""
from extractor.text.lines import EVICTED, LINE_CACHE, per_line


def test_a_full_memo_drops_its_oldest_lines_not_all_of_them():
    computed = []

    @per_line
    def length(line):
        computed.append(line)
        return len(line)

    lines = [f"第{i}行" for i in range(LINE_CACHE + 1)]
    for line in lines:
        assert length(line) == len(line)
    assert LINE_CACHE - EVICTED < length.cache_len() <= LINE_CACHE
    computed.clear()
    assert length(lines[-1]) == len(lines[-1]) and length(lines[LINE_CACHE // 2]) == len(lines[LINE_CACHE // 2])
    assert computed == []  # the newer lines are still there
    length(lines[0])
    assert computed == [lines[0]]  # the oldest went
    for i in range(10 * LINE_CACHE):  # never above its size however many lines pass
        length(str(i))
        assert length.cache_len() <= LINE_CACHE
