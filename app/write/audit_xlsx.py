"""The audit list as a workbook (``nianbao audit --xlsx``, 导出清单): what the county office filters and sends.

Sheet 报告清单: a row per file (file, organ, year, edition, errors, warnings, first error, the key
figures), unreadable files with their reason, a totals row of live ``=SUM`` formulas, filters on, the
error counts and first errors of failing reports in red. Sheet 全部问题: every finding of every report
(file, organ, level, rule, cell, message), the unreadable files and the audit's own findings, filtered
so each township's list can be sent to it.
"""
from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from app.atomic import atomic_write_bytes
from app.audit import KEY_FIGURES, Audit, AuditEntry
from app.checks.findings import LEVEL_LABELS
from app.editions import get_edition
from app.write.xlsx import put_text

LIST_SHEET, FINDINGS_SHEET = "报告清单", "全部问题"
LIST_HEADERS = ("文件", "发布机关", "年度", "格式版本", "错误", "警告", "首个错误", *(label for label, _ in KEY_FIGURES))
FINDING_HEADERS = ("文件", "发布机关", "级别", "规则", "单元格", "说明")
FIRST_FIGURE_COLUMN = 8               # column H: the key figures follow the text columns
ERRORS_COLUMN, FIRST_ERROR_COLUMN = 5, 7
TOTAL_LABEL = "合计"

_RED_FILL = PatternFill("solid", fgColor="FFC7CE")
_RED_FONT = Font(name="宋体", size=11, color="9C0006")
_FONT = Font(name="宋体", size=11)
_BOLD = Font(name="宋体", size=11, bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="F2F2F2")
_WRAP = Alignment(vertical="top", wrap_text=True)
_LIST_WIDTHS = (28, 24, 8, 9, 7, 7, 48, *(12 for _ in KEY_FIGURES))
_FINDING_WIDTHS = (28, 24, 7, 22, 26, 70)


def write_audit_xlsx(audit: Audit, path: Path) -> None:
    """Write the audit list atomically (the file is the old or the new workbook, never half of one)."""
    buffer = io.BytesIO()
    build_audit_workbook(audit).save(buffer)
    atomic_write_bytes(Path(path), buffer.getvalue())


def build_audit_workbook(audit: Audit) -> Workbook:
    workbook = Workbook()
    _list_sheet(workbook.active, audit)
    _findings_sheet(workbook.create_sheet(FINDINGS_SHEET), audit)
    return workbook


def _header(sheet, headers: tuple[str, ...], widths: tuple[int, ...]) -> None:
    for col, (text, width) in enumerate(zip(headers, widths), start=1):
        cell = sheet.cell(row=1, column=col, value=text)
        cell.font, cell.fill = _BOLD, _HEAD_FILL
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = "A2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0     # all columns on one page width
    sheet.print_title_rows = "1:1"


def _list_sheet(sheet, audit: Audit) -> None:
    sheet.title = LIST_SHEET
    _header(sheet, LIST_HEADERS, _LIST_WIDTHS)
    row = 1
    for entry in [*audit.reports, *audit.unreadable]:
        row += 1
        _list_row(sheet, row, entry)
    last = get_column_letter(len(LIST_HEADERS))
    sheet.auto_filter.ref = f"A1:{last}{max(row, 2)}"
    _totals_row(sheet, row)


def _list_row(sheet, row: int, entry: AuditEntry) -> None:
    if entry.error is not None:
        values = [entry.file, "", None, "", None, None, f"无法读取：{entry.error}"]
    else:
        values = [entry.file, entry.organ, entry.year, entry.edition, entry.errors, entry.warnings, entry.first_error]
        values += [_number(entry.figures.get(label)) for label, _ in KEY_FIGURES]
    for col, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=col)
        put_text(cell, value) if isinstance(value, str) else setattr(cell, "value", value)
        cell.font, cell.alignment = _FONT, _WRAP
    if entry.error is not None or entry.errors:
        for col in (ERRORS_COLUMN, FIRST_ERROR_COLUMN):
            sheet.cell(row=row, column=col).fill = _RED_FILL
            sheet.cell(row=row, column=col).font = _RED_FONT


def _number(value):
    return None if value is None else int(value)


def _totals_row(sheet, last_row: int) -> None:
    """Totals as live formulas, below the filtered range (SUBTOTAL: filtering shows the visible units' sum)."""
    row = last_row + 1
    sheet.cell(row=row, column=1, value=TOTAL_LABEL).font = _BOLD
    columns = [ERRORS_COLUMN, ERRORS_COLUMN + 1, *range(FIRST_FIGURE_COLUMN, len(LIST_HEADERS) + 1)]
    for col in columns:
        letter = get_column_letter(col)
        cell = sheet.cell(row=row, column=col, value=f"=SUBTOTAL(109,{letter}2:{letter}{max(last_row, 2)})")
        cell.font = _BOLD


def _findings_sheet(sheet, audit: Audit) -> None:
    _header(sheet, FINDING_HEADERS, _FINDING_WIDTHS)
    rows = []
    for entry in audit.reports:
        for finding in entry.findings:
            label = _cell_label(entry, finding.cell)
            rows.append((entry.file, entry.organ, LEVEL_LABELS[finding.level], finding.rule, label, finding.message))
    for entry in audit.unreadable:
        rows.append((entry.file, "", "错误", "file.unreadable", "", entry.error))
    for finding in audit.findings:
        for name in finding.files:
            rows.append((name, _organ_of(audit, name), "错误", finding.rule, "", finding.message))
    for index, values in enumerate(rows, start=2):
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row=index, column=col)
            put_text(cell, value or "")
            cell.font, cell.alignment = _FONT, _WRAP
            if values[2] == "错误" and col == 3:
                cell.font = _RED_FONT
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(FINDING_HEADERS))}{max(len(rows) + 1, 2)}"


def _cell_label(entry: AuditEntry, cell: str | None) -> str:
    """The cell as the clerk knows it (三、… · 自然人), from the report's edition."""
    if not cell or not entry.edition:
        return cell or ""
    spec = get_edition(entry.edition)
    parts = cell.split(".")
    if parts[0] == "sections":
        return spec.section(parts[1]).title or "前言"
    table = spec.table(parts[0])
    return table.cell_label(parts[1], parts[2]) if table.has_cell(parts[1], parts[2]) else cell


def _organ_of(audit: Audit, name: str) -> str:
    return next((e.organ for e in audit.reports if e.file == name), "")
