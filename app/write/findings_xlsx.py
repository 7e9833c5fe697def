"""The reviewer's list as an Excel sheet: the facts on top, then one row per finding with filters.

The header row carries an auto-filter (筛选 by 级别, 位置 …) and stays frozen; 说明/处理意见 is left
blank for open findings so the township can answer in it; text is never written as a formula.
"""
from __future__ import annotations

import datetime
import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from app.atomic import atomic_write_bytes
from app.checks.findings import Finding
from app.report import Report
from app.write.findings_rows import HEADERS, finding_rows, list_facts, list_title
from app.write.xlsx import put_text

SHEET = "检查结果"
WIDTHS = (6, 8, 36, 56, 10, 10, 36)
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONT, _BOLD = Font(name="宋体", size=11), Font(name="宋体", size=11, bold=True)
_TITLE = Font(name="黑体", size=14, bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="F2F2F2")
_EXPLAINED = Font(name="宋体", size=11, color="666666")
_WRAP = Alignment(vertical="top", wrap_text=True)


def write_list(report: Report, findings: list[Finding], path: Path,
               today: datetime.date | None = None) -> None:
    workbook = build_list(report, findings, today)
    buffer = io.BytesIO()
    workbook.save(buffer)
    atomic_write_bytes(Path(path), buffer.getvalue())


def build_list(report: Report, findings: list[Finding], today: datetime.date | None = None) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    workbook.properties.title, workbook.properties.creator = list_title(report), "政务公开年报助手"
    put_text(sheet.cell(1, 1), list_title(report))
    sheet.cell(1, 1).font = _TITLE
    facts = list_facts(report, findings, today)
    for offset, (label, value) in enumerate(facts, 2):
        put_text(sheet.cell(offset, 1), f"{label}：{value}")
        sheet.cell(offset, 1).font = _FONT
    head = len(facts) + 3
    _rows(sheet, head, report, findings)
    for column, width in enumerate(WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(head + 1, 1)
    sheet.print_title_rows = f"{head}:{head}"
    sheet.page_setup.paperSize, sheet.page_setup.orientation = sheet.PAPERSIZE_A4, "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return workbook


def _rows(sheet, head: int, report: Report, findings: list[Finding]) -> None:
    rows = finding_rows(report, findings)
    for column, text in enumerate(HEADERS, 1):
        cell = sheet.cell(head, column, text)
        cell.font, cell.fill, cell.border = _BOLD, _HEAD_FILL, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for offset, row in enumerate(rows, 1):
        values = (row.number, row.level, row.place, row.problem, row.expected, row.found, row.reason)
        for column, value in enumerate(values, 1):
            cell = sheet.cell(head + offset, column)
            if isinstance(value, int):
                cell.value = value
            else:
                put_text(cell, value)
            cell.font = _EXPLAINED if row.explained else _FONT
            cell.border, cell.alignment = _BORDER, _WRAP
    last = get_column_letter(len(HEADERS))
    sheet.auto_filter.ref = f"A{head}:{last}{head + max(len(rows), 1)}"
