"""Narrative rules: copied years, figures contradicting the tables, empty sections, fee, repetition."""
import pytest

from app.checks import Level, auto_total, run_checks
from tests.core.helpers import zero_report


def only(findings, rule):
    return [f for f in findings if f.rule == rule]


def test_last_years_year_in_title_is_flagged():
    report = zero_report("2021", year=2025)
    report.title = "测试镇人民政府2024年政府信息公开工作年度报告"
    findings = only(run_checks(report), "text.year")
    assert [(f.field, f.expected, f.found) for f in findings] == [("title", 2025, 2024)]
    assert "2024年" in findings[0].message


@pytest.mark.parametrize("phrase", ["2024年以来，我镇", "2024年，我镇认真", "统计期限为2024年1月1日至2024年12月31日", "2024年度"])
def test_copied_report_year_in_narrative_is_flagged(phrase):
    report = zero_report("2021", year=2025)
    report.sections["overview"] = f"{phrase}坚持公开为常态。"
    findings = only(run_checks(report), "text.year")
    assert findings and all(f.cell == "sections.overview" and f.found == 2024 for f in findings)
    start, end = findings[0].span
    assert report.sections["overview"][start:end].startswith("2024")


@pytest.mark.parametrize("phrase", ["根据2019年印发的《实施意见》", "与2024年相比，申请量下降", "《条例》于2019年5月15日起施行",
                                    "2026年，我镇将继续加强公开工作"])
def test_cited_or_future_years_are_not_flagged(phrase):
    report = zero_report("2021", year=2025)
    report.sections["problems"] = f"{phrase}。下一步将加强培训。"
    assert only(run_checks(report), "text.year") == []


def test_figures_contradicting_the_tables_are_flagged():
    report = zero_report("2021", year=2025)
    report.tables["requests"]["new"]["natural"] = 3
    report.tables["requests"]["granted"]["natural"] = 3
    auto_total(report)
    report.sections["overview"] = "2025年，我镇共收到政府信息公开申请5件，予以公开3件。"
    findings = only(run_checks(report), "text.figures")
    assert [(f.cell, f.expected, f.found) for f in findings] == [("sections.overview", 3, 5)]
    assert "共收到政府信息公开申请5件" in findings[0].message
    report.sections["overview"] = "2025年，我镇共收到政府信息公开申请3件，予以公开3件。"
    assert only(run_checks(report), "text.figures") == []


def test_appeal_figures_sum_both_kinds_of_suit():
    report = zero_report("2019")
    report.tables["appeals"]["suit_direct"].update(upheld=1, total=1)
    report.tables["appeals"]["suit_after_review"].update(pending=1, total=1)
    report.sections["other"] = "本年度发生行政诉讼2起。"
    assert only(run_checks(report), "text.figures") == []
    report.sections["other"] = "本年度发生行政诉讼1起。"
    assert [f.expected for f in only(run_checks(report), "text.figures")] == [2]


@pytest.mark.parametrize("text", ["", "  ", "无", "无。"])
def test_empty_overview_or_problems_is_an_error(text):
    report = zero_report("2019")
    report.sections["problems"] = text
    findings = only(run_checks(report), "section.empty")
    assert [(f.cell, f.level) for f in findings] == [("sections.problems", Level.ERROR)]
    assert findings[0].message.startswith("五、存在的主要问题及改进情况：")


def test_other_may_be_none():
    report = zero_report("2019")
    report.sections["other"] = "无"
    assert only(run_checks(report), "section.empty") == []


def test_2021_other_must_state_the_fee():
    report = zero_report("2021")
    report.sections["other"] = "无"
    findings = only(run_checks(report), "text.fee")
    assert [(f.cell, f.level) for f in findings] == [("sections.other", Level.WARNING)]
    report.sections["other"] = "本机关未收取信息处理费。"
    assert only(run_checks(report), "text.fee") == []


def test_repetition_of_last_years_text():
    last = zero_report("2021", year=2024)
    last.sections["problems"] = "一是公开内容不够全面，部分信息更新滞后；二是队伍建设有待加强，培训次数不足；三是宣传力度不够。"
    this = zero_report("2021", year=2025)
    this.sections["problems"] = last.sections["problems"]
    findings = only(run_checks(this, last), "text.repetition")
    assert [(f.cell, f.found) for f in findings] == [("sections.problems", 100)]
    this.sections["problems"] = "一是公开内容不够全面，部分信息更新滞后；二是今年新增的政策解读形式较单一，群众反映看不懂；三是网站栏目调整后链接失效较多，需要逐项整改。"
    assert only(run_checks(this, last), "text.repetition") == []
    assert only(run_checks(this), "text.repetition") == []
