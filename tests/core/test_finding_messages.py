"""What a clerk reads and what check --json says for blank, unreadable and missing values and for a
copied year: the exact message, the value asked for and the text highlighted."""
import pytest

from app.checks import Level, run_checks
from tests.core.helpers import zero_report


def only(findings, rule):
    return [f for f in findings if f.rule == rule]


def test_a_blank_cell_asks_for_zero():
    report = zero_report("2019")
    report.tables["requests"]["granted"]["research"] = None
    [blank] = only(run_checks(report), "value.blank")
    assert (blank.to_json()["expected"], blank.to_json()["found"]) == (0, None)
    assert blank.message.endswith("：空白，应填写数字（没有请填 0）")


@pytest.mark.parametrize("ref, raw, kind", [
    ("active.licensing.change", "增加两项", "整数"),          # a signed column (本年增/减)
    ("active.procurement.amount", "约五万", "金额"),
    ("active.rules.made", "若干", "不小于 0 的整数"),
])
def test_unreadable_text_is_named_with_the_kind_of_value_the_cell_takes(ref, raw, kind):
    report = zero_report("2019")
    table, row, col = ref.split(".")
    report.tables[table][row][col] = None
    report.invalid[ref] = raw
    [invalid] = only(run_checks(report), "value.invalid")
    assert (invalid.cell, invalid.found, invalid.level) == (ref, raw, Level.ERROR)
    assert invalid.message.endswith(f"：“{raw}”不是{kind}")


def test_missing_organ_and_year_are_told_in_plain_words():
    report = zero_report("2021")
    report.organ = "   "
    report.year = None
    assert [f.message for f in only(run_checks(report), "meta.missing")] == ["发布机关未填写", "报告年度未填写"]


def test_a_copied_year_in_the_title_is_highlighted():
    report = zero_report("2021", year=2025)
    report.title = "测试镇人民政府2024年政府信息公开工作年度报告"
    [finding] = only(run_checks(report), "text.year")
    start, end = finding.span
    assert report.title[start:end] == "2024年"


def test_a_copied_year_in_the_untitled_preamble_is_told_as_the_preface():
    report = zero_report("2021", year=2025)
    report.sections["preamble"] = "2024年，本镇政府信息公开工作年度报告依据条例编制。"
    [finding] = only(run_checks(report), "text.year")
    assert finding.cell == "sections.preamble"
    assert finding.message == "前言：写的是“2024年，本镇政府信…”，本报告年度为 2025 年（可能沿用了上年的文字）"


def test_a_copied_year_in_a_titled_section_names_the_section():
    report = zero_report("2021", year=2025)
    report.sections["overview"] = "2024年以来，我镇认真贯彻落实条例。"
    [finding] = only(run_checks(report), "text.year")
    assert finding.message.startswith("一、总体情况：写的是“2024年以来")
    assert (finding.level, finding.to_json()["expected"], finding.found) == (Level.WARNING, 2025, 2024)


@pytest.mark.parametrize("text, what", [("", "没有内容"), (" 无。 ", "只写了“无。”")])
def test_an_empty_required_section_says_what_was_written(text, what):
    report = zero_report("2021")
    report.sections["problems"] = text
    [finding] = only(run_checks(report), "section.empty")
    assert finding.message == f"五、存在的主要问题及改进情况：{what}，这一部分必须如实填写"
    assert finding.found == (text.strip() or None)
