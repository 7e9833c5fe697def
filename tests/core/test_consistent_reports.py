"""Reports whose tables add up, carry-overs included: the arithmetic code paths that the samples
(almost all zeros) and random reports (totals never add up) leave unexercised."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings

from app.checks import run_checks
from app.formats import export_report, import_report
from tests.core.report_strategies import consistent_reports

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ARITHMETIC = ("row_sum", "column_sum", "balance")


def _arithmetic_rules(report) -> set[str]:
    return {c.id for c in report.spec.checks if c.kind in ARITHMETIC}


@FAST
@given(consistent_reports())
def test_a_report_that_adds_up_with_carry_overs_has_no_arithmetic_finding(report):
    assert any(v for v in report.tables["requests"]["carried_in"].values())
    rules = _arithmetic_rules(report)
    assert [f.message for f in run_checks(report) if f.rule in rules] == []


@FAST
@given(consistent_reports())
def test_last_years_carry_over_is_part_of_the_balance(report):
    """上年结转 belongs on the left of 新收 + 上年结转 = 办理结果 + 结转下年: move one request from
    上年结转 into nowhere and the balance must fail on exactly the columns that changed."""
    data = report.tables["requests"]
    data["carried_in"]["natural"] += 1
    data["carried_in"]["total"] += 1
    balance = {f.cell for f in run_checks(report) if f.rule == "requests.balance"}
    assert balance == {"requests.carried_out.natural", "requests.carried_out.total"}


@settings(FAST, max_examples=4, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(consistent_reports())
def test_xlsx_total_formulas_give_the_reports_totals(report):
    """Every total goes out as a formula when the report adds up; reading the workbook back
    evaluates them, so a formula that drops a term changes a total."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "报告.xlsx"
        export_report(report, path)
        again = import_report(path).report
    assert again.tables == report.tables
