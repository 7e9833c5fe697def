"""Explained findings: matching by rule, cell and found; expiry; verdict; JSON and .xlsx round trips."""
import json
from decimal import Decimal

import pytest

from app.checks import Level, run_checks
from app.errors import ReportFileError
from app.read.xlsx import read_xlsx
from app.report_json import dumps_report, load_report_json, report_from_dict, report_to_dict, save_report_json
from app.reviews import Review, explain, match_reviews, review_for, summary_line, tally, unexplain, verdict_text
from app.write.xlsx import build_workbook, write_xlsx
from tests.core.helpers import zero_report


def _magnitude_report():
    report = zero_report("2019", organ="阁山镇人民政府")
    report.tables["active"]["procurement"]["amount"] = Decimal("169100")
    return report


def _only(findings, rule):
    [finding] = [f for f in findings if f.rule == rule]
    return finding


def test_explained_finding_is_matched_by_rule_cell_and_found_value():
    report = _magnitude_report()
    finding = _only(run_checks(report), "value.magnitude")
    report.reviews = explain(report.reviews, finding, "  原报告确按元填写 ", date="2026-01-15")
    assert report.reviews == [Review(rule="value.magnitude", cell="active.procurement.amount", found="169100",
                                     reason="原报告确按元填写", date="2026-01-15")]
    assert review_for(report.reviews, _only(run_checks(report), "value.magnitude")).reason == "原报告确按元填写"


def test_review_expires_when_the_value_changes_and_the_finding_comes_back_as_new():
    report = _magnitude_report()
    report.reviews = explain([], _only(run_checks(report), "value.magnitude"), "原报告确按元填写")
    report.set_cell("active", "procurement", "amount", "250000")
    finding = _only(run_checks(report), "value.magnitude")
    assert review_for(report.reviews, finding) is None
    assert tally(run_checks(report), report.reviews).warnings == 1
    report.set_cell("active", "procurement", "amount", "169100")      # back to the explained value
    assert review_for(report.reviews, _only(run_checks(report), "value.magnitude")) is not None


def test_a_count_and_an_amount_text_with_the_same_digits_are_different_values():
    report = zero_report("2019")
    report.tables["requests"]["new"]["natural"] = 5
    finding = _only(run_checks(report), "requests.row_total")           # found 0 (an int)
    review = Review(rule=finding.rule, cell=finding.cell, found="0", reason="理由", date="2026-01-01")
    assert match_reviews([finding], [review]) == {}


def test_unexplain_removes_only_that_review():
    report = _magnitude_report()
    report.tables["requests"]["new"]["natural"] = 5
    findings = run_checks(report)
    error, warning = _only(findings, "requests.row_total"), _only(findings, "value.magnitude")
    reviews = explain(explain([], error, "甲"), warning, "乙")
    assert [r.reason for r in unexplain(reviews, error)] == ["乙"]


def test_explained_warnings_do_not_count_but_explained_errors_still_do():
    report = _magnitude_report()
    report.tables["requests"]["new"]["natural"] = 5
    report.tables["requests"]["new"]["commercial"] = 2
    findings = run_checks(report)
    errors = [f for f in findings if f.level is Level.ERROR]
    assert len(errors) == 3     # the row total of 一、 and the balance of two columns
    report.reviews = explain(explain([], errors[0], "已复核"), _only(findings, "value.magnitude"), "按元填写")
    counts = tally(findings, report.reviews)
    assert (counts.errors, counts.errors_explained, counts.warnings, counts.warnings_explained) == (3, 1, 0, 1)
    assert verdict_text(counts) == "✘ 3 个错误（其中 1 个已说明）"
    assert summary_line(counts) == "共 3 个错误（其中 1 个已说明）、0 个警告（另有 1 个已说明）：未通过"


def test_verdict_passes_when_every_warning_is_explained():
    report = _magnitude_report()
    findings = run_checks(report)
    assert verdict_text(tally(findings, [])) == "✔ 通过（1 个警告）"
    report.reviews = explain([], _only(findings, "value.magnitude"), "按元填写")
    assert verdict_text(tally(findings, report.reviews)) == "✔ 通过（1 个警告已说明）"


def test_json_round_trip_keeps_reviews_after_tables(tmp_path):
    report = _magnitude_report()
    report.reviews = explain([], _only(run_checks(report), "value.magnitude"), "原报告确按元填写", "2026-01-15")
    path = tmp_path / "r.json"
    save_report_json(report, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert list(document)[-2:] == ["tables", "reviews"]
    assert document["reviews"] == [{"rule": "value.magnitude", "cell": "active.procurement.amount",
                                    "found": "169100", "reason": "原报告确按元填写", "date": "2026-01-15"}]
    assert load_report_json(path).reviews == report.reviews


def test_a_file_without_reviews_is_valid_and_writers_omit_the_key():
    document = report_to_dict(zero_report("2021"))
    assert "reviews" not in document
    assert report_from_dict(json.loads(dumps_report(zero_report("2021")))).reviews == []


@pytest.mark.parametrize("reviews, problem", [
    ({"rule": "x"}, "reviews 应为列表"),
    ([{"rule": "value.blank", "cell": None, "found": None, "reason": "理由"}], "reviews 第 1 项"),
    ([{"rule": "value.blank", "cell": None, "found": None, "reason": "  ", "date": "2026-01-01"}], "reason"),
    ([{"rule": "value.blank", "cell": None, "found": [1], "reason": "理由", "date": "2026-01-01"}], "found"),
])
def test_malformed_reviews_are_refused_with_a_chinese_message(reviews, problem):
    document = {**report_to_dict(zero_report("2021")), "reviews": reviews}
    with pytest.raises(ReportFileError, match=problem):
        report_from_dict(document)


def test_xlsx_round_trip_keeps_reviews_in_a_hidden_sheet(tmp_path):
    report = _magnitude_report()
    report.tables["requests"]["new"]["natural"] = 5
    findings = run_checks(report)
    report.reviews = explain(explain([], _only(findings, "value.magnitude"), "=按元填写，已核实", "2026-01-15"),
                             _only(findings, "requests.row_total"), "待乡镇核实", "2026-01-16")
    workbook = build_workbook(report)
    assert workbook["说明记录"].sheet_state == "hidden"
    path = tmp_path / "r.xlsx"
    write_xlsx(report, path)
    imported = read_xlsx(path)
    assert imported.report.reviews == report.reviews
    assert imported.notes == []
    assert len(match_reviews(run_checks(imported.report), imported.report.reviews)) == 2


def test_xlsx_without_reviews_has_no_reviews_sheet(tmp_path):
    report = zero_report("2021")
    assert "说明记录" not in build_workbook(report).sheetnames


def test_an_unreadable_row_of_the_reviews_sheet_is_left_out_with_a_note(tmp_path):
    from openpyxl import load_workbook

    report = _magnitude_report()
    report.tables["requests"]["new"]["natural"] = 5
    findings = run_checks(report)
    report.reviews = explain(explain([], _only(findings, "value.magnitude"), "按元填写"),
                             _only(findings, "requests.row_total"), "待核实")
    path = tmp_path / "r.xlsx"
    write_xlsx(report, path)
    workbook = load_workbook(path)
    workbook["说明记录"]["C2"] = "{not json"
    workbook.save(path)
    imported = read_xlsx(path)
    assert [r.reason for r in imported.report.reviews] == ["待核实"]
    assert [n.message for n in imported.notes] == ["“说明记录”第 2 行的说明无法读取，已略过"]
