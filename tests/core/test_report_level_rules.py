"""Report-level checks: a plausible year, last year's report of the right year, counts no organ reaches."""
import datetime
from decimal import Decimal

import pytest

from app.checks import Level, run_checks
from tests.core.helpers import zero_report

NEXT_YEAR = datetime.date.today().year + 1


def only(findings, rule):
    return [f for f in findings if f.rule == rule]


@pytest.mark.parametrize("year, flagged", [(2007, True), (2008, False), (NEXT_YEAR, False), (NEXT_YEAR + 1, True)])
def test_a_year_outside_2008_to_next_year_is_an_error(year, flagged):
    findings = only(run_checks(zero_report("2019", year=year)), "meta.year")
    assert bool(findings) is flagged
    if flagged:
        [finding] = findings
        assert (finding.level, finding.field, finding.expected, finding.found) == (Level.ERROR, "year", 2008, year)
        assert finding.message == f"报告年度“{year}”不是合理的年度（应在 2008 年至 {NEXT_YEAR} 年之间）"


def test_last_years_report_of_the_same_year_is_an_error_saying_which_to_attach():
    this, last = zero_report("2021", year=2025), zero_report("2021", year=2025)
    [finding] = only(run_checks(this, last), "meta.last_year")
    assert (finding.level, finding.field, finding.expected, finding.found) == (Level.ERROR, "year", 2024, 2025)
    assert finding.message == "附加的上年报告也是 2025 年度的报告，应附加 2024 年度的报告，跨年度检查无意义"


def test_last_years_report_of_another_year_names_both_years():
    this, last = zero_report("2021", year=2025), zero_report("2021", year=2022)
    [finding] = only(run_checks(this, last), "meta.last_year")
    assert (finding.expected, finding.found) == (2024, 2022)
    assert finding.message == "附加的上年报告是 2022 年度的报告，不是 2024 年度的报告"


@pytest.mark.parametrize("this_year, last_year", [(2025, 2024), (None, 2024), (2025, None)])
def test_the_right_or_an_unknown_year_of_last_years_report_is_not_flagged(this_year, last_year):
    this, last = zero_report("2021", year=2025), zero_report("2021", year=2024)
    this.year, last.year = this_year, last_year
    assert only(run_checks(this, last), "meta.last_year") == []


@pytest.mark.parametrize("value, flagged", [(100000000, True), (99999999, False), (-100000000, True)])
def test_a_count_of_a_hundred_million_or_more_either_way_is_an_error(value, flagged):
    report = zero_report("2019")
    report.tables["active"]["licensing"]["change"] = value       # a signed column (本年增/减)
    findings = only(run_checks(report), "value.count_limit")
    assert [f.cell for f in findings] == (["active.licensing.change"] if flagged else [])
    if flagged:
        assert (findings[0].level, findings[0].expected, findings[0].found) == (Level.ERROR, 100000000, value)
        assert findings[0].message.endswith(f"：{value} 明显不合理（应小于 100000000），请核对")


def test_a_large_amount_is_not_a_count():
    report = zero_report("2019", organ="某某县人民政府")
    report.tables["active"]["procurement"]["amount"] = Decimal("200000000")
    assert only(run_checks(report), "value.count_limit") == []


def test_an_amount_with_too_many_decimals_is_named_with_its_digits():
    report = zero_report("2021")
    report.tables["active"]["fees"]["amount"] = Decimal("1.23456")
    [finding] = only(run_checks(report), "value.decimals")
    assert (finding.level, finding.expected, finding.found) == (Level.WARNING, 4, Decimal("1.23456"))
    assert finding.message.endswith("：1.23456 有 5 位小数，格式要求最多 4 位；数字已按填写保留，请核对")


def test_a_report_without_any_table_value_names_every_table():
    report = zero_report("2021")
    for rows in report.tables.values():
        for cells in rows.values():
            cells.update(dict.fromkeys(cells))
    [finding] = only(run_checks(report), "tables.empty")
    names = "、".join(t.title for t in report.spec.all_tables())
    assert "、" in names and finding.message.startswith(f"统计数据缺失：{names}均没有任何数值")


@pytest.mark.parametrize("year, flagged", [(1, False), (0, True)])
def test_an_edition_without_year_min_accepts_any_year_from_1(year, flagged):
    """Editions are data: one that declares no year_min still refuses year 0 and accepts year 1."""
    from app.checks.meta_rules import check_year_plausible

    report = zero_report("2021", year=year)
    [check] = [c for c in report.spec.checks if c.kind == "year_plausible"]
    findings = check_year_plausible(report, check._replace(year_min=None), None)
    assert [f.message for f in findings] == (
        [f"报告年度“0”不是合理的年度（应在 1 年至 {NEXT_YEAR} 年之间）"] if flagged else [])


def test_an_edition_whose_count_limit_names_no_limit_checks_nothing_and_does_not_fail():
    from app.checks.meta_rules import check_count_limit

    report = zero_report("2019")
    report.tables["active"]["licensing"]["change"] = 10 ** 12
    [check] = [c for c in report.spec.checks if c.kind == "count_limit"]
    assert check_count_limit(report, check._replace(limits=[]), None) == []
