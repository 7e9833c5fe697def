"""Export a report as a working Excel workbook (openpyxl).

Sheets: 报告信息 (metadata and the narrative sections) and one sheet per statistics table in its
official layout (``table_layout``: merged headers, official labels, borders). Total cells are
live ``=SUM(...)`` formulas derived from the edition's row_sum / column_sum checks, written only
where the report's total equals the sum of its parts (otherwise the clerk's figure is kept, so
the workbook shows what the report says). Input cells carry data validation by column kind.

Amounts are numbers whose number format has exactly as many decimals as the clerk wrote
("19.8303" → 0.0000, "169100" → 0), so the reader recovers every digit; an amount a double cannot
hold exactly is written as text. Any text is written as a string cell (never a formula), with a
quote prefix when it begins with =, +, - or @.
"""
from __future__ import annotations

import io
import math
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from app.atomic import atomic_write_bytes
from app.editions import Edition, TableSpec
from app.registry import exporter
from app.write.table_layout import Layout, ValueCell, table_layout
from app.write.xlsx_reviews import add_reviews_sheet
from app.report import Report, standard_title
from app.report_json import FORMAT

META_SHEET = "报告信息"
SHEET_NAMES = {"active": "主动公开", "requests": "依申请公开", "appeals": "复议诉讼"}
META_LABELS = {"format": "文件格式", "edition": "格式版本", "organ": "机关名称", "year": "报告年度", "title": "标题"}
PREAMBLE_LABEL = "前言"
CONTINUED = "（续）"
MAX_TEXT = 32000                   # Excel holds at most 32767 characters in a cell
TITLE_ROWS = 1                     # the table title above each table's grid

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONT = Font(name="宋体", size=11)
_BOLD = Font(name="宋体", size=11, bold=True)
_TITLE = Font(name="黑体", size=14, bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="F2F2F2")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_TOP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
_RISKY_START = ("=", "+", "-", "@")


@exporter(".xlsx")
def write_xlsx(report: Report, path: Path) -> None:
    workbook = build_workbook(report)
    buffer = io.BytesIO()
    workbook.save(buffer)
    atomic_write_bytes(Path(path), buffer.getvalue())


def build_workbook(report: Report) -> Workbook:
    workbook = Workbook()
    workbook.calculation.fullCalcOnLoad = True
    workbook.properties.title = report.title or standard_title(report.organ, report.year)
    workbook.properties.creator = "政务公开年报助手"
    _meta_sheet(workbook.active, report)
    for table in report.spec.all_tables():
        _table_sheet(workbook.create_sheet(sheet_name(table)), report, table)
    add_reviews_sheet(workbook, report)
    return workbook


def sheet_name(table: TableSpec) -> str:
    name = SHEET_NAMES.get(table.id) or table.heading
    return "".join(ch for ch in name if ch not in "[]:*?/\\")[:31]


def put_text(cell, text: str) -> None:
    """A string cell, never a formula; =, +, -, @ at the start get Excel's quote prefix too."""
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", text)
    cell.data_type = "s"
    if text.startswith(_RISKY_START):
        cell.quotePrefix = True


def section_label(edition: Edition, section_id: str) -> str:
    section = edition.section(section_id)
    return section.title if section.number else PREAMBLE_LABEL


# ---------------------------------------------------------------- metadata sheet

def _meta_sheet(sheet, report: Report) -> None:
    sheet.title = META_SHEET
    rows: list[tuple[str, object]] = [
        (META_LABELS["format"], FORMAT), (META_LABELS["edition"], report.edition),
        (META_LABELS["organ"], report.organ), (META_LABELS["year"], report.year),
        (META_LABELS["title"], report.title)]
    for section in report.spec.text_sections:
        text = report.sections.get(section.id, "")
        label = section_label(report.spec, section.id)
        pieces = [text[i:i + MAX_TEXT] for i in range(0, len(text), MAX_TEXT)] or [""]
        rows += [(label if i == 0 else CONTINUED, piece) for i, piece in enumerate(pieces)]
    _row(sheet, 1, "项目", "内容", head=True)
    for index, (label, value) in enumerate(rows, start=2):
        _row(sheet, index, label, value)
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 100
    sheet.freeze_panes = "B2"
    _print_setup(sheet, landscape=False, title_rows="1:1")


def _row(sheet, index: int, label: str, value: object, head: bool = False) -> None:
    first, second = sheet.cell(index, 1), sheet.cell(index, 2)
    put_text(first, label)
    if isinstance(value, int):
        second.value = value
    elif value is not None:
        put_text(second, str(value))
    for cell in (first, second):
        cell.border, cell.font = _BORDER, _BOLD if head or cell is first else _FONT
        cell.alignment = _CENTER if head else _TOP_LEFT
    text = str(value or "")
    lines = sum(math.ceil(max(len(part), 1) * 2 / 98) for part in text.split("\n"))
    sheet.row_dimensions[index].height = min(409, max(20, 15 * lines))


# ---------------------------------------------------------------- table sheets

def _table_sheet(sheet, report: Report, table: TableSpec) -> None:
    layout = table_layout(table)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=layout.cols)
    put_text(sheet.cell(1, 1), table.title)
    sheet.cell(1, 1).font = _TITLE
    sheet.cell(1, 1).alignment = Alignment(horizontal="left", vertical="center")
    sheet.row_dimensions[1].height = 26
    widths = _column_widths(table, layout)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for box in layout.boxes:
        cell = _area(sheet, box.top, box.left, box.bottom, box.right)
        put_text(cell, box.text)
        cell.alignment = _LEFT if box.role == "label" else _CENTER
        if box.role in ("header", "block"):
            cell.font = _BOLD
        _fit_height(sheet, box, widths)
    formulas = total_formulas(report.spec, table, layout)
    validations = _validations()
    for value in layout.values:
        cell = _area(sheet, value.row, value.col, value.row, value.right)
        _put_value(cell, report, table, value, formulas, validations)
    for rule in validations.values():
        if rule.sqref:
            sheet.add_data_validation(rule)
    head_end = TITLE_ROWS + layout.header_rows
    sheet.freeze_panes = sheet.cell(head_end + 1, layout.label_cols + 1).coordinate
    _print_setup(sheet, landscape=layout.cols > 10, title_rows=f"1:{head_end}")


def _area(sheet, top: int, left: int, bottom: int, right: int):
    """Grid coordinates (0-based, below the title) to a bordered, possibly merged range."""
    r0, c0, r1, c1 = top + TITLE_ROWS + 1, left + 1, bottom + TITLE_ROWS + 1, right + 1
    if (r0, c0) != (r1, c1):
        sheet.merge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)
    for row in range(r0, r1 + 1):
        for col in range(c0, c1 + 1):
            sheet.cell(row, col).border = _BORDER
    cell = sheet.cell(r0, c0)
    cell.font = _FONT
    return cell


def coordinate(value: ValueCell) -> str:
    return f"{get_column_letter(value.col + 1)}{value.row + TITLE_ROWS + 1}"


def _put_value(cell, report: Report, table: TableSpec, value: ValueCell, formulas: dict, validations: dict) -> None:
    cell.alignment = _CENTER
    column = table.column(value.col_id)
    current = report.get(table.id, value.row_id, value.col_id)
    raw = report.invalid.get(f"{table.id}.{value.row_id}.{value.col_id}")
    formula = formulas.get((value.row_id, value.col_id))
    if raw is None and current is None and f"{table.id}.{value.row_id}.{value.col_id}" in _not_applicable(report):
        raw = "/"           # a cell that does not apply to this organ
    if raw is not None:
        put_text(cell, raw)
    elif isinstance(current, int) and not _exact_in_excel(current):
        _put_long_number(cell, format(current))
    elif formula is not None and current == _sum_of(report, table, formula[1]) \
            and all(_exact_in_excel(report.get(table.id, r, c) or 0) for r, c in formula[1]):
        cell.value = formula[0]
        cell.number_format = "0"
        cell.font = _BOLD
        return
    elif isinstance(current, Decimal):
        _put_amount(cell, current)
    else:
        cell.value = current
        cell.number_format = "0"
    if column.kind == "amount" and current is None and raw is None:
        cell.number_format = "0.0000"
    validations[column.kind].add(cell.coordinate)


def _not_applicable(report: Report) -> frozenset[str]:
    return report.spec.not_applicable_cells(report.organ)


def _put_amount(cell, amount: Decimal) -> None:
    number = float(amount)
    places = max(0, -amount.as_tuple().exponent)
    if Decimal(repr(number)) != amount or len(amount.as_tuple().digits) > EXCEL_DIGITS:
        _put_long_number(cell, format(amount, "f"))  # more digits than Excel keeps: keep them as text
        return
    cell.value = number
    cell.number_format = "0." + "0" * places if places else "0"


EXCEL_DIGITS = 15          # Excel and WPS keep 15 significant digits of a number, whatever the file holds
_EXCEL_INT_LIMIT = 10 ** EXCEL_DIGITS


def _exact_in_excel(value: int) -> bool:
    return abs(value) < _EXCEL_INT_LIMIT


def _put_long_number(cell, text: str) -> None:
    """A number Excel would round, written as text with a comment saying why (read back exactly)."""
    put_text(cell, text)
    cell.comment = Comment(f"此数有 {EXCEL_DIGITS} 位以上有效数字，Excel 无法精确保存，已按文本保存，数值未改动。", "年报助手")


def _sum_of(report: Report, table: TableSpec, parts: list[tuple[str, str]]) -> int:
    return sum(report.get(table.id, r, c) or 0 for r, c in parts)


def total_formulas(edition: Edition, table: TableSpec, layout: Layout) -> dict:
    """(row, column) of each total cell → (formula, parts), from the edition's sum checks."""
    where = {(v.row_id, v.col_id): v for v in layout.values}
    formulas: dict[tuple[str, str], tuple[str, list[tuple[str, str]]]] = {}
    for check in edition.checks:
        if check.table != table.id or check.kind not in ("row_sum", "column_sum"):
            continue
        if check.kind == "row_sum":
            targets = [((r.id, check.total), [(r.id, p) for p in check.parts]) for r in table.rows]
        else:
            targets = [((check.total, c.id), [(p, c.id) for p in check.parts]) for c in table.columns]
        for target, parts in targets:
            parts = [p for p in parts if p in where]
            if target in where and parts and target not in formulas:
                formulas[target] = (f"=SUM({_ranges([where[p] for p in parts])})", parts)
    return formulas


def _ranges(cells: list[ValueCell]) -> str:
    """Cell references with contiguous runs (same row or same column) joined as ranges."""
    runs: list[list[ValueCell]] = []
    for cell in cells:
        last = runs[-1][-1] if runs else None
        if last and ((cell.row == last.row and cell.col == last.right + 1)
                     or (cell.col == last.col and cell.row == last.row + 1)):
            runs[-1].append(cell)
        else:
            runs.append([cell])
    refs = [coordinate(run[0]) if len(run) == 1 else f"{coordinate(run[0])}:{coordinate(run[-1])}" for run in runs]
    return ",".join(refs)


def _validations() -> dict[str, DataValidation]:
    rules = {
        "count": DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                                error="请填写不小于 0 的整数（没有请填 0）。"),
        "signed": DataValidation(type="whole", operator="between", formula1="-999999999", formula2="999999999",
                                 error="请填写整数：增加填正数，减少填负数，没有变化填 0。"),
        "amount": DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                                 error="请填写不小于 0 的金额（单位：万元，保留 4 位小数）。"),
    }
    for rule in rules.values():
        rule.allow_blank = True
        rule.showErrorMessage = True
        rule.errorTitle = "数值无效"
    return rules


def _column_widths(table: TableSpec, layout: Layout) -> list[float]:
    """Excel widths (a CJK character is about 2 units) fitting labels; long labels wrap."""
    widths = [9.0] * layout.cols
    for box in layout.boxes:
        if box.left != box.right or box.role in ("note", "block"):
            continue
        need = _units(box.text) + 2
        cap = 30 if box.role == "label" else (12 if box.role == "group" else 10)
        widths[box.left] = max(widths[box.left], min(cap, need))
    return widths


def _units(text: str) -> float:
    return sum(2 if ord(ch) > 0x2E80 else 1.1 for ch in text)


def _fit_height(sheet, box, widths: list[float]) -> None:
    """Row height for single-row boxes whose text wraps (Excel does not size merged cells)."""
    if box.top != box.bottom:
        return
    width = sum(widths[box.left:box.right + 1])
    lines = math.ceil(_units(box.text) / max(width, 1))
    row = box.top + TITLE_ROWS + 1
    height = max(sheet.row_dimensions[row].height or 20, 15 * lines + 5)
    sheet.row_dimensions[row].height = min(height, 409)


def _print_setup(sheet, *, landscape: bool, title_rows: str) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_options.horizontalCentered = True
    sheet.print_title_rows = title_rows
