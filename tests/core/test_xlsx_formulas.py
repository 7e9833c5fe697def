"""The formulas our workbooks hold give what Excel shows when it recomputes them: every total of every
table sheet, the balance check row, and the audit list's totals row.

Reports whose tables add up, with every cell non-zero and carry-overs (consistent_report): a formula that
drops, repeats or shifts a term gives another figure. The formulas are evaluated here, independently of
the program's own reader, from the workbook as saved.
"""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.audit import KEY_FIGURES, Audit, AuditEntry
from app.checks import run_checks
from app.formats import export_report
from app.write.audit_xlsx import build_audit_workbook
from app.write.table_layout import ValueCell, table_layout
from app.write.xlsx import build_workbook, sheet_name
from app.write.xlsx_totals import _ranges
from tests.core.report_strategies import consistent_report
from tests.core.xlsx_recompute import recompute

EDITIONS = ["2019", "2021"]
def _exported(report, tmp_path: Path):
    path = tmp_path / "年报.xlsx"
    export_report(report, path)
    return openpyxl.load_workbook(path)


def _grid_cell(sheet, value):
    """The sheet cell of a layout value cell: one title row above the grid, both 1-based."""
    return sheet.cell(value.row + 2, value.col + 1)


def _totals(report, table) -> set[tuple[str, str]]:
    """The cells the edition's row and column sums make totals."""
    found = set()
    for check in report.spec.checks:
        if check.table == table.id and check.kind == "row_sum":
            found |= {(row.id, check.total) for row in table.rows if table.has_cell(row.id, check.total)}
        if check.table == table.id and check.kind == "column_sum":
            found |= {(check.total, col.id) for col in table.columns if table.has_cell(check.total, col.id)}
    return found


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_total_is_a_formula_that_recomputes_to_the_reports_total(edition, tmp_path):
    report = consistent_report(edition)
    book = _exported(report, tmp_path)
    checked = 0
    for table in report.spec.all_tables():
        sheet = book[sheet_name(table)]
        totals = _totals(report, table)
        for value in table_layout(table).values:
            cell = _grid_cell(sheet, value)
            expected = report.get(table.id, value.row_id, value.col_id)
            is_total = (value.row_id, value.col_id) in totals
            assert (cell.data_type == "f") is is_total, (table.id, value.row_id, value.col_id, cell.value)
            if is_total:
                assert cell.comment is None, cell.comment.text     # it adds up: nothing to note
                checked += 1
            assert recompute(sheet, cell.value) == pytest.approx(float(expected)), (table.id, value.row_id, value.col_id)
    assert checked >= 30


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_figure_changed_in_excel_changes_exactly_the_totals_over_it(edition, tmp_path):
    """上年结转 of 自然人 edited in the workbook: its row total and the balance of its column and of the
    total column say 不一致, every other column still 通过."""
    report = consistent_report(edition)
    book = _exported(report, tmp_path)
    table = report.spec.table("requests")
    sheet = book[sheet_name(table)]
    where = {(v.row_id, v.col_id): v for v in table_layout(table).values}
    edited = _grid_cell(sheet, where[("carried_in", "natural")])
    edited.value += 5
    row_total = _grid_cell(sheet, where[("carried_in", "total")])
    assert recompute(sheet, row_total.value) == report.get("requests", "carried_in", "total") + 5
    check_row = next(row for row in sheet.iter_rows() if str(row[0].value).startswith("勾稽检查"))
    shown = {table.columns[i].id: recompute(sheet, c.value) for i, c in enumerate(
        c for c in check_row if c.column > 1 and c.value is not None)}
    assert shown == {col.id: "不一致" if col.id in ("natural", "total") else "通过" for col in table.columns}


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_balance_check_row_passes_for_a_report_that_adds_up_and_names_its_rows(edition, tmp_path):
    report = consistent_report(edition)
    book = _exported(report, tmp_path)
    table = report.spec.table("requests")
    sheet = book[sheet_name(table)]
    layout = table_layout(table)
    row = layout.rows + 3                          # one title row, the grid, one blank row
    label = sheet.cell(row, 1)
    assert label.value == "勾稽检查：一+二 = 三（七）+四"
    assert f"A{row}:{openpyxl.utils.get_column_letter(layout.label_cols)}{row}" in {
        str(r) for r in sheet.merged_cells.ranges}
    results = [sheet.cell(row, col).value for col in range(layout.label_cols + 1, layout.cols + 1)]
    assert [recompute(sheet, v) for v in results] == ["通过"] * len(table.columns)
    for other in report.spec.all_tables():
        if other.id != "requests":                 # no balance check: nothing below the table
            other_sheet = book[sheet_name(other)]
            assert other_sheet.max_row == table_layout(other).rows + 1


def test_the_audit_lists_totals_recompute_to_the_sum_of_its_rows_and_follow_the_filter(tmp_path):
    entries = [_entry("甲镇.json", seed=1, off_by=2), _entry("乙镇.json", seed=2), _entry("丙镇.json", seed=3, off_by=1)]
    sheet = build_audit_workbook(Audit(folder=tmp_path, reports=entries))["报告清单"]
    last = sheet.max_row
    assert sheet.cell(last, 1).value == "合计" and last == len(entries) + 2     # header, 3 reports, totals
    header = [c.value for c in sheet[1]]
    errors, warnings = sum(e.errors for e in entries), sum(e.warnings for e in entries)
    assert errors > 0 and warnings > 0
    for label, expected in [("错误", errors), ("警告", warnings)] + [
            (label, sum(e.figures[label] for e in entries)) for label, _ in KEY_FIGURES]:
        cell = sheet.cell(last, header.index(label) + 1)
        assert recompute(sheet, cell.value) == expected, label
    for col in (2, 3, 4, 7):                       # text columns have no total
        assert sheet.cell(last, col).value is None
    assert all(sheet.cell(last, col).font.b for col in (1, 5, 6, *range(8, sheet.max_column + 1)))   # bold


def test_an_unreadable_file_in_the_audit_list_adds_nothing_to_its_totals(tmp_path):
    unreadable = AuditEntry(file="损坏.docx", path=tmp_path / "损坏.docx", error="不是有效的 Word 文件")
    entry = _entry("甲镇.json", seed=4, off_by=3)
    sheet = build_audit_workbook(Audit(folder=tmp_path, reports=[entry], unreadable=[unreadable]))["报告清单"]
    assert [sheet.cell(row, 1).value for row in range(2, 5)] == ["甲镇.json", "损坏.docx", "合计"]
    shown = [recompute(sheet, sheet.cell(4, col).value) for col in (5, 6, *range(8, sheet.max_column + 1))]
    assert shown == [entry.errors, entry.warnings, *(entry.figures[label] for label, _ in KEY_FIGURES)]
    alone = build_audit_workbook(Audit(folder=tmp_path, unreadable=[unreadable]))["报告清单"]
    assert alone.cell(3, 1).value == "合计"
    assert [recompute(alone, alone.cell(3, col).value) for col in (5, 6, *range(8, alone.max_column + 1))] == \
        [0] * (alone.max_column - 5)


def _entry(name: str, seed: int, off_by: int = 0) -> AuditEntry:
    """An audited report: one that adds up, or (``off_by``) one whose 新收 row total is wrong."""
    report = consistent_report("2021", seed)
    report.tables["requests"]["new"]["natural"] += off_by
    figures = {label: sum(report.get(*ref.split(".")) for ref in refs) for label, refs in KEY_FIGURES}
    return AuditEntry(file=name, path=Path(name), organ=report.organ, year=report.year, edition="2021",
                      findings=run_checks(report), figures=figures)


def test_a_written_total_that_differs_is_noted_in_a_comment_box_that_shows_the_whole_note(tmp_path):
    report = consistent_report("2021")
    report.tables["requests"]["new"]["total"] += 3          # the clerk's total is 3 too many
    report.manual_totals.add("requests.new.total")
    book = build_workbook(report)
    table = report.spec.table("requests")
    where = {(v.row_id, v.col_id): v for v in table_layout(table).values}
    cell = _grid_cell(book[sheet_name(table)], where[("new", "total")])
    written = report.get("requests", "new", "total")
    assert cell.comment.text.splitlines()[0] == f"报告原填：{written}；导出时各项之和：{written - 3}"
    assert cell.comment.author == "政务公开年报助手"
    assert (cell.comment.width, cell.comment.height) == (260, 90)   # three lines of 11-pt text, unclipped


@pytest.mark.parametrize("edition", EDITIONS)
def test_each_total_sums_its_parts_as_one_range_and_row_totals_sum_their_own_row(edition, tmp_path):
    """What the clerk reads in the formula bar: =SUM(D7:I7) along the row, =SUM(D9:D29) down a column;
    the grand total of （七）总计 sums its own row like every other row total."""
    report = consistent_report(edition)
    book = build_workbook(report)
    for table in report.spec.all_tables():
        sheet = book[sheet_name(table)]
        where = {(v.row_id, v.col_id): v for v in table_layout(table).values}
        for check in (c for c in report.spec.checks if c.table == table.id and c.kind == "row_sum"):
            for row in table.rows:
                first, last = where[(row.id, check.parts[0])], where[(row.id, check.parts[-1])]
                cell = _grid_cell(sheet, where[(row.id, check.total)])
                assert cell.value == f"=SUM({_ref(first)}:{_ref(last)})"
        for check in (c for c in report.spec.checks if c.table == table.id and c.kind == "column_sum"):
            for col in table.columns[:-1]:
                first, last = where[(check.parts[0], col.id)], where[(check.parts[-1], col.id)]
                assert _grid_cell(sheet, where[(check.total, col.id)]).value == f"=SUM({_ref(first)}:{_ref(last)})"


def _ref(value) -> str:
    return f"{openpyxl.utils.get_column_letter(value.col + 1)}{value.row + 2}"


@pytest.mark.parametrize("written, why", [(None, "报告中此合计空白"), (7, "报告中此合计与各项之和不一致")])
def test_the_note_on_a_written_total_says_whether_it_was_blank_or_different(written, why):
    report = consistent_report("2021")
    report.tables["appeals"]["review"]["total"] = written
    sheet = build_workbook(report)["复议诉讼"]
    where = {(v.row_id, v.col_id): v for v in table_layout(report.spec.table("appeals")).values}
    note = _grid_cell(sheet, where[("review", "total")]).comment.text.splitlines()
    parts = sum(report.get("appeals", "review", c) for c in ("upheld", "corrected", "other", "pending"))
    assert note == [f"报告原填：{'空白' if written is None else written}；导出时各项之和：{parts}",
                    f"（{why}，表中按公式计算；请核对后修改）"]


@pytest.mark.parametrize("cells, refs", [
    ([(0, 3), (0, 4), (0, 5)], "D2:F2"),                  # along a row
    ([(4, 2), (5, 2), (6, 2), (9, 2)], "C6:C8,C11"),      # down a column, then a gap
    ([(0, 3), (0, 5)], "D2,F2"),                          # a gap in a row: the cell between is no part
    ([(0, 3), (1, 4)], "D2,E3"),                          # a diagonal neighbour is no run
    ([(0, 1, 2), (0, 3)], "B2:D2"),                       # a value cell merged over B:C, then D
    ([(3, 6)], "G5"),
])
def test_the_parts_of_a_total_are_referred_to_as_contiguous_ranges(cells, refs):
    values = [ValueCell(row=c[0], col=c[1], right=c[-1] if len(c) == 3 else c[1], row_id="r", col_id="c")
              for c in cells]
    assert _ranges(values) == refs


def test_the_balance_check_row_reads_like_the_table_above_it(tmp_path):
    """Its label wraps to two lines within the label columns and is left-aligned; each result is centred
    in a bordered cell in the sheet's 宋体, as the figures above it."""
    report = consistent_report("2021")
    book = _exported(report, tmp_path)
    table = report.spec.table("requests")
    sheet = book[sheet_name(table)]
    layout = table_layout(table)
    row = layout.rows + 3
    label = sheet.cell(row, 1)
    assert (label.font.name, label.font.sz) == ("宋体", 11)
    assert (label.alignment.horizontal, label.alignment.vertical, label.alignment.wrap_text) == ("left", "center", True)
    assert sheet.row_dimensions[row].height == 30           # two lines of 11-pt text
    for col in range(layout.label_cols + 1, layout.cols + 1):
        cell = sheet.cell(row, col)
        assert (cell.font.name, cell.font.sz) == ("宋体", 11)
        assert (cell.alignment.horizontal, cell.alignment.vertical) == ("center", "center")
        assert {side.style for side in (cell.border.left, cell.border.right, cell.border.top, cell.border.bottom)} == {"thin"}


def test_every_input_cell_refuses_what_the_report_file_refuses_and_says_why(tmp_path):
    """The validation formulas Excel runs as the clerk types: counts ≥ 0, changes within ±999999999,
    amounts ≥ 0 with at most six decimals; a blank is allowed and a refusal shows its Chinese message.
    The 2019 edition has all three kinds (本年增/减 is signed)."""
    report = consistent_report("2019")
    book = _exported(report, tmp_path)
    rules = [dv for name in ("主动公开", "依申请公开", "复议诉讼") for dv in book[name].data_validations.dataValidation]
    kinds = {(dv.type, dv.operator, dv.formula1, dv.formula2) for dv in rules if dv.type == "whole"}
    assert kinds == {("whole", "greaterThanOrEqual", "0", None), ("whole", "between", "-999999999", "999999999")}
    for dv in rules:
        assert dv.allow_blank and dv.showErrorMessage and dv.errorTitle == "数值无效"
    by_type = {dv.type: dv for dv in rules}
    assert by_type["custom"].error == "请填写不小于 0 的金额（单位：万元），最多 6 位小数（表样要求保留 4 位小数）。"
    assert {dv.error for dv in rules if dv.type == "whole"} == {
        "请填写不小于 0 的整数（没有请填 0）。", "请填写整数：增加填正数，减少填负数，没有变化填 0。"}
