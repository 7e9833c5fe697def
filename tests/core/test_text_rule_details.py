"""Narrative findings in detail: level and highlighted span of a contradicting figure, absurd figures,
the fee message, the year window and which sentences count as repeated."""
from app.checks import Finding, Level, run_checks
from app.checks.text_rules import check_text_mentions
from tests.core.helpers import zero_report


def only(findings, rule):
    return [f for f in findings if f.rule == rule]


def test_a_contradicting_figure_is_a_warning_that_highlights_the_phrase():
    report = zero_report("2021", year=2025)
    report.sections["overview"] = "2025年，我镇共收到政府信息公开申请5件。"
    [finding] = only(run_checks(report), "text.figures")
    assert finding.level is Level.WARNING
    start, end = finding.span
    assert report.sections["overview"][start:end] == "共收到政府信息公开申请5件"


def test_check_json_shows_an_absurdly_long_figure_by_its_first_twelve_digits():
    report = zero_report("2021", year=2025)
    report.sections["overview"] = f"2025年，我镇共收到政府信息公开申请{'9' * 30}件，另收到依申请{'1234567890' * 3}1件。"
    found = [f.to_json()["found"] for f in only(run_checks(report), "text.figures")]
    assert found == [int("9" * 30), "123456789012…"]     # as `check --json` prints them


def test_the_fee_warning_uses_the_editions_own_message():
    report = zero_report("2021")
    report.sections["other"] = "无"
    [finding] = only(run_checks(report), "text.fee")
    assert finding.message == "六、其他需要报告的事项未说明是否收取信息处理费"


def test_an_edition_without_a_fee_message_names_the_section_and_the_words():
    report = zero_report("2021")
    report.sections["other"] = "无"
    [check] = [c for c in report.spec.checks if c.id == "text.fee"]
    [finding] = check_text_mentions(report, check._replace(message=None, words=["收费", "信息处理费"]), None)
    assert finding.message == "六、其他需要报告的事项：未提到收费、信息处理费"
    assert isinstance(finding, Finding) and finding.cell == "sections.other"


def test_the_words_after_a_year_are_read_within_sixteen_characters():
    report = zero_report("2021", year=2025)
    # "年度报告" ends exactly on the 16th character after "2024年": read as the report's own year
    report.sections["overview"] = "2024年    乡镇街道社区村组年度报告。"
    assert [f.found for f in only(run_checks(report), "text.year")] == [2024]
    # one character further it is out of reach
    report.sections["overview"] = "2024年     乡镇街道社区村组年度报告。"
    assert only(run_checks(report), "text.year") == []


def test_sentences_of_eight_characters_count_as_repeated_text():
    last = zero_report("2021", year=2024)
    last.sections["problems"] = "公开内容不够全面。信息更新不够及时。培训次数明显不足。宣传力度有待加强。"
    this = zero_report("2021", year=2025)
    this.sections["problems"] = last.sections["problems"]
    assert [f.found for f in only(run_checks(this, last), "text.repetition")] == [100]


def test_a_copied_year_is_quoted_with_the_six_characters_after_it():
    report = zero_report("2021", year=2025)
    report.sections["overview"] = "2024年以来，我镇认真贯彻落实条例。"
    [finding] = only(run_checks(report), "text.year")
    assert "写的是“2024年以来，我镇认…”" in finding.message


def test_a_copied_year_after_a_cited_year_is_still_found():
    report = zero_report("2021", year=2025)
    report.sections["overview"] = "根据2019年印发的《实施意见》，2024年以来我镇持续推进公开工作。"
    assert [f.found for f in only(run_checks(report), "text.year")] == [2024]


def test_a_wrong_figure_in_other_is_found_even_when_the_overview_is_empty():
    report = zero_report("2021", year=2025)
    report.sections["overview"] = ""
    report.sections["other"] = "本年度未收取信息处理费，发生行政复议2件。"
    [finding] = only(run_checks(report), "text.figures")
    assert finding.cell == "sections.other"
    assert finding.message == "六、其他需要报告的事项：文中写“行政复议2件”，但统计表中行政复议为 0"
