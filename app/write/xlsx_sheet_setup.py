"""Print set-up, protection and data validation of the exported workbook's sheets.

Every sheet prints on A4, one page wide, with its title rows repeated, a print area, the report's
title in the header and ``第 N 页 共 M 页`` in the footer. Table sheets are protected without a
password (审阅 › 撤销工作表保护 lifts it) so that a formula cannot be overwritten by accident; the
input cells are unlocked, and columns and rows may still be resized. Validation follows what
the report file accepts: counts ≥ 0, signed integers, amounts ≥ 0 with at most six decimals
(the form asks for four; real reports also write six, and every digit is kept).
"""
from __future__ import annotations

from openpyxl.styles import Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

AMOUNT_DECIMALS = 6
UNLOCKED = Protection(locked=False)


def validations() -> dict[str, DataValidation]:
    """One rule per integer kind; amounts get one rule per cell (see ``amount_validation``)."""
    rules = {
        "count": DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                                error="请填写不小于 0 的整数（没有请填 0）。"),
        "signed": DataValidation(type="whole", operator="between", formula1="-999999999", formula2="999999999",
                                 error="请填写整数：增加填正数，减少填负数，没有变化填 0。"),
    }
    for rule in rules.values():
        _explain(rule)
    return rules


def amount_validation(coordinate: str) -> DataValidation:
    """Non-negative with at most AMOUNT_DECIMALS decimals (a custom rule, relative to its own cell)."""
    c = coordinate
    rule = DataValidation(type="custom", formula1=f"AND(ISNUMBER({c}),{c}>=0,ROUND({c},{AMOUNT_DECIMALS})={c})",
                          error=f"请填写不小于 0 的金额（单位：万元），最多 {AMOUNT_DECIMALS} 位小数"
                                f"（表样要求保留 4 位小数）。")
    _explain(rule)
    rule.add(coordinate)
    return rule


def _explain(rule: DataValidation) -> None:
    rule.allow_blank = True
    rule.showErrorMessage = True
    rule.errorTitle = "数值无效"


def print_setup(sheet, *, landscape: bool, title_rows: str, header: str, area: tuple[int, int] | None = None) -> None:
    """A4, one page wide, title rows repeated, ``area`` (last row, last column) as the print area."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_options.horizontalCentered = True
    sheet.print_title_rows = title_rows
    last_row, last_col = area or (sheet.max_row, sheet.max_column)
    sheet.print_area = f"A1:{get_column_letter(last_col)}{last_row}"
    sheet.oddHeader.center.text = header.replace("&", "&&")[:200]
    sheet.oddHeader.center.size = 10
    sheet.oddFooter.center.text = "第 &P 页 共 &N 页"
    sheet.oddFooter.center.size = 10


def protect(sheet) -> None:
    """Protected without a password; columns and rows can still be resized."""
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = False
    protection.formatRows = False
