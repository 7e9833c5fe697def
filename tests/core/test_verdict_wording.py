"""The verdict and the last line of ``nianbao check`` name exactly the counts that apply, and an
explained finding keeps the value ``check --json`` shows for it, whatever its type."""
import json
from decimal import Decimal

import pytest

from app.checks import Finding, Level, run_checks
from app.report_json import load_report_json, save_report_json
from app.reviews import Tally, explain, found_value, review_for, summary_line, verdict_text
from tests.core.helpers import zero_report


def test_errors_with_warnings_name_both_counts():
    assert verdict_text(Tally(errors=1, warnings=2)) == "✘ 1 个错误，2 个警告"
    assert verdict_text(Tally(errors=2)) == "✘ 2 个错误"


def test_a_clean_report_passes_without_brackets():
    assert verdict_text(Tally()) == "✔ 通过"
    assert summary_line(Tally()) == "共 0 个错误、0 个警告：通过"


def test_open_and_explained_warnings_are_listed_apart_in_the_verdict():
    assert verdict_text(Tally(warnings=1, warnings_explained=2)) == "✔ 通过（1 个警告，2 个警告已说明）"


def test_summary_line_mentions_explained_warnings_only_when_there_are_some():
    assert summary_line(Tally(warnings=3)) == "共 0 个错误、3 个警告：通过"
    assert summary_line(Tally(errors=1, warnings=1, warnings_explained=1)) == "共 1 个错误、1 个警告（另有 1 个已说明）：未通过"


def _finding(found):
    return Finding("value.magnitude", Level.WARNING, "active.procurement.amount", 100000, found, "消息")


@pytest.mark.parametrize("found", [Decimal("169100"), Decimal("1E+5"), Decimal("0.0000001"), 7, "约5件", None])
def test_review_keeps_the_found_value_as_check_json_shows_it(found):
    finding = _finding(found)
    assert found_value(finding) == finding.to_json()["found"]
    [review] = explain([], finding, "已核实", date="2026-01-15")
    assert review_for([review], finding) is review


def test_a_blank_cell_warning_explained_is_saved_with_a_null_value(tmp_path):
    report = zero_report("2019")
    report.tables["requests"]["new"]["natural"] = None
    [blank] = [f for f in run_checks(report) if f.rule == "value.blank"]
    report.reviews = explain([], blank, "该项确无数据", date="2026-01-15")
    path = tmp_path / "r.json"
    save_report_json(report, path)
    assert json.loads(path.read_text(encoding="utf-8"))["reviews"][0]["found"] is None
    reopened = load_report_json(path)
    [blank_again] = [f for f in run_checks(reopened) if f.rule == "value.blank"]
    assert review_for(reopened.reviews, blank_again).reason == "该项确无数据"


@pytest.mark.parametrize("found, kept", [(1.5, "1.5"), (True, "True")])
def test_a_value_of_another_type_is_kept_as_text_so_the_report_stays_saveable(found, kept, tmp_path):
    report = zero_report("2019")
    report.reviews = explain([], _finding(found), "已核实", date="2026-01-15")
    assert report.reviews[0].found == kept
    save_report_json(report, tmp_path / "r.json")
    assert load_report_json(tmp_path / "r.json").reviews == report.reviews
