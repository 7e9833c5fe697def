"""The lines before a report's first section: a title sharing its line with the preamble (one-line web pages) is
split off exactly where the title pattern alone splits it, though the pattern is tried only on a line where
text follows a 报告 or 年报 (app/recognize/front.py)."""
import re
from pathlib import Path

from app.recognize import front

SAMPLES = Path(__file__).parents[1] / "data" / "samples"
TITLE = "桃源镇人民政府2020年政府信息公开工作年度报告"


def _as_the_pattern_alone_splits(lines: list[str]) -> list[str]:
    match = re.match(front._INLINE_TITLE._pattern, lines[0]) if lines else None
    if match is None or "本报告" in match.group(1):
        return lines
    return [match.group(1), match.group(2), *lines[1:]]


def _first_lines() -> list[str]:
    tails = ["", " ", "\u3000", " 本报告根据条例编制。", "本报告根据条例编制。", "根据条例编制。", " x", "依照条例", "\t按照",
             "。本报告", " 年报", "报告"]
    heads = [TITLE, "2020年度报告", "桃源镇2020年报", "桃源镇工作报告", "报告", "年报", "本报告说明", "桃源镇2020年度工作",
             "  " + TITLE, "桃源镇，2020年度报告", "x" * 70 + "年度报告"]
    lines = [head + tail for head in heads for tail in tails]
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        lines += text.splitlines()[:5] + [text[:200].replace("\n", " ")]
    return lines


def test_a_title_is_split_from_the_text_after_it_as_the_pattern_alone_splits_it():
    lines = _first_lines()
    for line in lines:
        assert front.split_inline_title([line, "下一行"]) == _as_the_pattern_alone_splits([line, "下一行"]), line
    split = [line for line in lines if len(front.split_inline_title([line])) == 2]
    assert TITLE + " 本报告根据条例编制。" in split and TITLE + "根据条例编制。" in split and len(split) > 20
    assert front.split_inline_title([TITLE + " 本报告根据条例编制。"]) == [TITLE, "本报告根据条例编制。"]
    assert front.split_inline_title([TITLE + "\u3000"]) == [TITLE + "\u3000"] and front.split_inline_title([]) == []
