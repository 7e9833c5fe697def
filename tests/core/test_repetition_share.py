"""Repeated narrative: flagged when more than half of the counted text is last year's, with the share
named; exactly half is not flagged; a text of 30 counted characters is long enough to judge."""
import pytest

from app.checks import run_checks
from tests.core.helpers import zero_report

# four sentences of eight characters each (32 counted characters)
OLD = ["公开内容不够全面", "信息更新不够及时", "培训次数明显不足", "宣传力度有待加强"]
NEW = ["今年新增解读形式", "网站栏目调整完毕", "依申请办理更规范", "政务新媒体更活跃"]


def _repetition(this_sentences, last_sentences):
    last = zero_report("2021", year=2024)
    last.sections["problems"] = "。".join(last_sentences) + "。"
    this = zero_report("2021", year=2025)
    this.sections["problems"] = "。".join(this_sentences) + "。"
    return [f for f in run_checks(this, last) if f.rule == "text.repetition"]


def test_three_quarters_repeated_is_flagged_with_the_share():
    [finding] = _repetition(OLD[:3] + NEW[:1], OLD)
    assert (finding.cell, finding.found) == ("sections.problems", 75)
    assert finding.to_json()["expected"] == 50
    assert finding.message == "五、存在的主要问题及改进情况：75% 的文字与上年报告相同，请按本年度情况改写"


def test_exactly_half_repeated_is_not_flagged():
    assert _repetition(OLD[:2] + NEW[:2], OLD) == []


@pytest.mark.parametrize("sentences, flagged", [
    (["一二三四五六七八九十", "甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉"], True),    # 30 counted characters
    (["一二三四五六七八九十", "甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申"], False),      # 29: too short to judge
])
def test_thirty_counted_characters_are_enough_to_judge(sentences, flagged):
    assert bool(_repetition(sentences, sentences)) is flagged
