"""A round trip never changes a value, and what is read can always be written back."""
from __future__ import annotations

import json
from decimal import Decimal

import openpyxl
import pytest

from app.errors import ReportFileError
from app.formats import export_report, import_report
from app.report_json import load_report_json, save_report_json
from tests.core.helpers import zero_report

MARK = 7777


def _amount_cell(report):
    return next((t.id, r, c) for t in report.spec.all_tables() for r, c in t.cells() if t.column(c).kind == "amount")


@pytest.mark.parametrize("count", [2 ** 53 + 1, 10 ** 15 + 3, 999_999_999_999_999_999])
def test_counts_excel_would_round_are_refused_at_input_with_a_message(tmp_path, count):
    """Excel and WPS keep 15 digits: a longer count is refused when read, never changed on a round trip."""
    path = tmp_path / "大数.json"
    save_report_json(zero_report("2021"), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["tables"]["requests"]["granted"]["research"] = count
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ReportFileError) as err:
        load_report_json(path)
    assert "位数过多" in str(err.value) and "requests.granted.research" in str(err.value)


def test_the_longest_count_comes_back_unchanged_from_xlsx(tmp_path):
    report = zero_report("2021")
    report.set_cell("requests", "granted", "research", 999_999_999_999_999)
    path = tmp_path / "大数.xlsx"
    export_report(report, path)
    assert import_report(path).report.tables == report.tables


@pytest.mark.parametrize("amount", ["1234567890123.4567", "0.123456789012345", "123456789012345.678901"])
def test_amounts_with_more_than_15_digits_come_back_unchanged_from_xlsx(tmp_path, amount):
    report = zero_report("2021")
    table, row, col = _amount_cell(report)
    report.set_cell(table, row, col, Decimal(amount))
    path = tmp_path / "金额.xlsx"
    export_report(report, path)
    assert import_report(path).report.get(table, row, col) == Decimal(amount)
    if len(Decimal(amount).as_tuple().digits) > 15:           # Excel/WPS would round it: kept as text
        sheet = openpyxl.load_workbook(path).worksheets
        cell = next(c for s in sheet for row in s.iter_rows() for c in row if c.value == amount)
        assert cell.data_type == "s" and "按文本保存" in cell.comment.text


def test_a_formula_with_5000_digits_is_refused_at_input_with_a_note(tmp_path):
    report = zero_report("2021")
    report.set_cell("requests", "granted", "research", MARK)
    path = tmp_path / "长公式.xlsx"
    export_report(report, path)
    book = openpyxl.load_workbook(path)
    cell = next(c for s in book.worksheets for row in s.iter_rows() for c in row if c.value == MARK)
    cell.value = "=" + "9" * 5000
    book.save(path)
    imported = import_report(path)
    assert imported.report.get("requests", "granted", "research") is None
    assert any("位数过多" in n.message for n in imported.notes)
    save_report_json(imported.report, tmp_path / "写回.json")      # what was read can be written back


def test_a_json_count_of_10_to_the_400_is_refused_with_a_message(tmp_path):
    path = tmp_path / "r.json"
    save_report_json(zero_report("2021"), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["tables"]["requests"]["granted"]["research"] = 10 ** 400
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ReportFileError) as err:
        load_report_json(path)
    assert "位数过多" in str(err.value) and "r.json" in str(err.value)
