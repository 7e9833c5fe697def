"""Each table rule fires on the right cell with the right values and message, and stays quiet otherwise."""
from decimal import Decimal

import pytest

from app.checks import Level, auto_total, run_checks
from tests.core.helpers import zero_report

EDITIONS = ["2019", "2021"]


def rules_of(findings):
    return [f.rule for f in findings]


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_report_of_zeros_passes(edition):
    assert run_checks(zero_report(edition)) == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_results_total_wrong_by_one_is_an_error_with_the_official_labels(edition):
    report = zero_report(edition)
    data = report.tables["requests"]
    for row, value in {"new": 12, "granted": 7, "partial": 5, "carried_out": 0}.items():
        data[row]["natural"] = value
    auto_total(report)
    data["results_total"]["natural"] = 11
    data["results_total"]["total"] = 11
    findings = [f for f in run_checks(report) if f.rule == "requests.results_total"]
    assert [f.cell for f in findings] == ["requests.results_total.natural", "requests.results_total.total"]
    finding = findings[0]
    assert finding.cell == "requests.results_total.natural"
    assert (finding.expected, finding.found, finding.level) == (12, 11, Level.ERROR)
    assert finding.message == "三、（七）总计 · 自然人：应为 12（各办理结果之和），实为 11"


@pytest.mark.parametrize("edition", EDITIONS)
def test_row_total_mismatch_names_the_row_and_total_column(edition):
    report = zero_report(edition)
    report.tables["requests"]["new"]["commercial"] = 2
    findings = run_checks(report)
    row_total = [f for f in findings if f.rule == "requests.row_total"]
    assert [(f.cell, f.expected, f.found) for f in row_total] == [("requests.new.total", 2, 0)]
    assert row_total[0].message.startswith("三、一、本年新收政府信息公开申请数量 · 总计：应为 2")


@pytest.mark.parametrize("edition", EDITIONS)
def test_blank_total_next_to_counts_is_an_error_and_a_blank(edition):
    report = zero_report(edition)
    report.tables["requests"]["new"]["natural"] = 3
    report.tables["requests"]["new"]["total"] = None
    findings = run_checks(report)
    errors = [f for f in findings if f.rule == "requests.row_total"]
    assert [(f.cell, f.expected, f.found) for f in errors] == [("requests.new.total", 3, None)]
    assert "实为 空白" in errors[0].message
    assert ("value.blank", "requests.new.total") in [(f.rule, f.cell) for f in findings]


@pytest.mark.parametrize("edition", EDITIONS)
def test_balance_reported_on_carried_out(edition):
    report = zero_report(edition)
    report.tables["requests"]["new"]["legal"] = 4
    report.tables["requests"]["granted"]["legal"] = 3
    auto_total(report)
    balance = [f for f in run_checks(report) if f.rule == "requests.balance"]
    cells = {(f.cell, f.expected, f.found) for f in balance}
    assert cells == {("requests.carried_out.legal", 4, 3), ("requests.carried_out.total", 4, 3)}


@pytest.mark.parametrize("edition", EDITIONS)
def test_balanced_requests_table_passes(edition):
    report = zero_report(edition)
    report.tables["requests"]["new"]["legal"] = 4
    report.tables["requests"]["granted"]["legal"] = 3
    report.tables["requests"]["carried_out"]["legal"] = 1
    auto_total(report)
    assert run_checks(report) == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_appeals_total_per_group(edition):
    report = zero_report(edition)
    report.tables["appeals"]["suit_direct"]["upheld"] = 2
    findings = [f for f in run_checks(report) if f.rule == "appeals.total"]
    assert [(f.cell, f.expected, f.found) for f in findings] == [("appeals.suit_direct.total", 2, 0)]
    assert findings[0].message.startswith("四、行政诉讼 未经复议直接起诉 · 总计：应为 2") or \
        findings[0].message.startswith("四、未经复议直接起诉 · 总计：应为 2")


def test_other_1_to_3_count_in_2021_results_total():
    report = zero_report("2021")
    report.tables["requests"]["new"]["natural"] = 1
    report.tables["requests"]["other_2"]["natural"] = 1
    auto_total(report)
    assert report.get("requests", "results_total", "natural") == 1
    assert run_checks(report) == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_blank_cell_is_a_warning_not_zero(edition):
    report = zero_report(edition)
    report.tables["requests"]["granted"]["research"] = None
    findings = run_checks(report)
    assert [(f.rule, f.cell, f.level) for f in findings] == [
        ("value.blank", "requests.granted.research", Level.WARNING)]


def test_invalid_text_from_an_import_is_reported():
    report = zero_report("2019")
    report.tables["active"]["rules"]["made"] = None
    report.invalid["active.rules.made"] = "若干"
    findings = run_checks(report)
    assert [(f.rule, f.cell, f.found) for f in findings] == [("value.invalid", "active.rules.made", "若干")]
    assert findings[0].message == "二、规章 · 本年新制作数量：“若干”不是不小于 0 的整数"


@pytest.mark.parametrize("organ,amount,fires", [
    ("测试镇人民政府", "169100", True),
    ("测试镇人民政府", "9999.9999", False),
    ("某某县人民政府", "169100", False),
    ("某某县人民政府", "1000000", True),
    ("某某街道办事处", "10000", True),
])
def test_magnitude_of_amounts_depends_on_the_organ(organ, amount, fires):
    report = zero_report("2019", organ=organ)
    report.tables["active"]["procurement"]["amount"] = Decimal(amount)
    findings = [f for f in run_checks(report) if f.rule == "value.magnitude"]
    assert bool(findings) is fires
    if fires:
        assert findings[0].cell == "active.procurement.amount"


def test_magnitude_applies_to_2021_fees():
    report = zero_report("2021")
    report.tables["active"]["fees"]["amount"] = Decimal("52000")
    findings = [f for f in run_checks(report) if f.rule == "value.magnitude"]
    assert [f.cell for f in findings] == ["active.fees.amount"]


@pytest.mark.parametrize("edition", EDITIONS)
def test_missing_organ_and_year(edition):
    report = zero_report(edition)
    report.organ = ""
    report.year = None
    findings = [f for f in run_checks(report) if f.rule == "meta.missing"]
    assert [(f.field, f.cell, f.level) for f in findings] == [("organ", None, Level.ERROR), ("year", None, Level.ERROR)]


@pytest.mark.parametrize("edition", EDITIONS)
def test_carry_over_from_last_year(edition):
    last = zero_report(edition)
    last.year -= 1
    last.tables["requests"]["carried_out"]["natural"] = 2
    this = zero_report(edition)
    findings = [f for f in run_checks(this, last) if f.rule == "carry.requests"]
    assert [(f.cell, f.expected, f.found, f.level) for f in findings] == [
        ("requests.carried_in.natural", 2, 0, Level.ERROR)]
    assert run_checks(this) == []  # without last year's report the rule is silent
    this.tables["requests"]["carried_in"]["natural"] = 2
    assert not [f for f in run_checks(this, last) if f.rule == "carry.requests"]


def test_carry_over_across_editions():
    last = zero_report("2019", year=2020)
    last.tables["requests"]["carried_out"]["total"] = 1
    this = zero_report("2021", year=2021)
    findings = [f.cell for f in run_checks(this, last) if f.rule == "carry.requests"]
    assert findings == ["requests.carried_in.total"]


def test_active_items_2019():
    last = zero_report("2019", year=2019)
    last.tables["active"]["licensing"]["prev_items"] = 10
    last.tables["active"]["licensing"]["change"] = -3
    this = zero_report("2019", year=2020)
    this.tables["active"]["licensing"]["prev_items"] = 8
    findings = [f for f in run_checks(this, last) if f.rule == "active.items"]
    assert [(f.cell, f.expected, f.found, f.level) for f in findings] == [
        ("active.licensing.prev_items", 7, 8, Level.WARNING)]
    this.tables["active"]["licensing"]["prev_items"] = 7
    assert not [f for f in run_checks(this, last) if f.rule == "active.items"]


def test_active_in_force_2021():
    last = zero_report("2021", year=2024)
    last.tables["active"]["normative_docs"]["in_force"] = 20
    this = zero_report("2021", year=2025)
    this.tables["active"]["normative_docs"].update(issued=3, repealed=1, in_force=21)
    findings = [f for f in run_checks(this, last) if f.rule == "active.in_force"]
    assert [(f.cell, f.expected, f.found) for f in findings] == [("active.normative_docs.in_force", 22, 21)]
    this.tables["active"]["normative_docs"]["in_force"] = 22
    assert not [f for f in run_checks(this, last) if f.rule == "active.in_force"]


def test_edition_rules_never_mix():
    assert not any(c.id == "active.in_force" for c in zero_report("2019").spec.checks)
    assert not any(c.id in ("active.items",) for c in zero_report("2021").spec.checks)
    assert not any(c.id == "text.fee" for c in zero_report("2019").spec.checks)
    assert "procurement" not in zero_report("2021").tables["active"]
    assert "other_1" not in zero_report("2019").tables["requests"]


@pytest.mark.parametrize("edition", EDITIONS)
def test_auto_total_fills_totals_and_leaves_manual_ones(edition):
    report = zero_report(edition)
    report.tables["requests"]["new"]["natural"] = 5
    report.tables["requests"]["granted"]["natural"] = 5
    report.manual_totals.add("requests.granted.total")
    changed = auto_total(report)
    assert report.get("requests", "new", "total") == 5
    assert report.get("requests", "results_total", "natural") == 5
    assert report.get("requests", "granted", "total") == 0
    assert "requests.new.total" in changed and "requests.granted.total" not in changed


def test_balance_message_names_both_sides():
    report = zero_report("2021")
    report.tables["requests"]["new"]["natural"] = 2
    auto_total(report)
    finding = next(f for f in run_checks(report) if f.cell == "requests.carried_out.natural")
    assert finding.message == ("三、四、结转下年度继续办理 · 自然人：（七）总计与四、结转下年度继续办理之和应为 2"
                               "（一、新收与二、上年结转之和），实为 0")
