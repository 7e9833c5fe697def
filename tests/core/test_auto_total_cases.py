"""Automatic totals in the cases a clerk meets: blank rows, totals set by hand, and the status counts."""
from decimal import Decimal

from app.checks import Finding, Level, auto_total, count_levels, run_checks
from tests.core.helpers import zero_report


def test_a_total_whose_parts_are_all_blank_stays_blank():
    report = zero_report("2021")
    for col in ("natural", "commercial", "research", "nonprofit", "legal", "other_org"):
        report.tables["requests"]["new"][col] = None
    auto_total(report)
    assert report.tables["requests"]["new"]["total"] is None
    report.tables["requests"]["new"]["legal"] = 0           # one part filled in: the total counts it
    assert "requests.new.total" in auto_total(report)
    assert report.tables["requests"]["new"]["total"] == 0


def test_a_total_set_by_hand_is_kept_and_the_rows_after_it_are_still_summed():
    report = zero_report("2021")
    report.tables["requests"]["new"]["natural"] = 4
    report.tables["requests"]["new"]["total"] = 9
    report.manual_totals = {"requests.new.total"}
    report.tables["requests"]["carried_in"]["natural"] = 2     # a row after the manual one
    report.tables["requests"]["granted"]["commercial"] = 3
    changed = auto_total(report)
    assert report.tables["requests"]["new"]["total"] == 9
    assert report.tables["requests"]["carried_in"]["total"] == 2
    assert report.tables["requests"]["granted"]["total"] == 3
    assert "requests.new.total" not in changed and "requests.granted.total" in changed


def test_the_grand_total_follows_its_row_when_a_part_total_was_set_by_hand():
    """Row sums, then column sums, then the row sums of the total row: the grand total agrees with
    the applicant columns of 总计 even when a clerk typed a part's total by hand."""
    report = zero_report("2021")
    report.tables["requests"]["granted"]["natural"] = 7
    report.tables["requests"]["granted"]["total"] = 10
    report.manual_totals = {"requests.granted.total"}
    auto_total(report)
    results = report.tables["requests"]["results_total"]
    assert results["natural"] == 7
    assert results["total"] == 7


def test_status_counts_errors_and_warnings_apart():
    report = zero_report("2019", organ="阁山镇人民政府")
    report.tables["active"]["procurement"]["amount"] = Decimal("169100")   # a warning
    report.tables["requests"]["new"]["natural"] = 5                        # errors: row total, balance
    counts = count_levels(run_checks(report))
    assert counts == {Level.ERROR: 2, Level.WARNING: 1}
    assert count_levels([]) == {Level.ERROR: 0, Level.WARNING: 0}


def test_check_json_states_the_expected_and_found_values():
    report = zero_report("2021")
    report.tables["requests"]["new"]["natural"] = 5
    [row_total] = [f.to_json() for f in run_checks(report) if f.rule == "requests.row_total"]
    assert (row_total["expected"], row_total["found"]) == (5, 0)


def test_amounts_are_written_out_in_plain_digits_never_in_exponent_form():
    finding = Finding("value.magnitude", Level.WARNING, "active.procurement.amount",
                      Decimal("1E+4"), Decimal("1.691E+5"), "消息")
    assert (finding.to_json()["expected"], finding.to_json()["found"]) == ("10000", "169100")
    report = zero_report("2019", organ="阁山镇人民政府")
    report.tables["active"]["procurement"]["amount"] = Decimal("1.691E+5")
    [magnitude] = [f for f in run_checks(report) if f.rule == "value.magnitude"]
    assert "169100 万元明显过大" in magnitude.message
