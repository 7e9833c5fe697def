"""Reviews in our .xlsx: a hidden sheet 说明记录, one row per review, read back by app/read/xlsx_reviews.

``found`` is written as its JSON text (``169100`` or ``"169100"``) so a count and an amount written
as text stay apart; the other columns are plain text, never formulas.
"""
from __future__ import annotations

import json

from app.report import Report

REVIEWS_SHEET = "说明记录"
REVIEW_COLUMNS = ("rule", "cell", "found", "reason", "date")


def add_reviews_sheet(workbook, report: Report) -> None:
    """Append the hidden 说明记录 sheet when the report has reviews (nothing otherwise)."""
    if not report.reviews:
        return
    from app.write.xlsx import put_text  # noqa: PLC0415  (xlsx imports this module)

    sheet = workbook.create_sheet(REVIEWS_SHEET)
    sheet.sheet_state = "hidden"
    for column, name in enumerate(REVIEW_COLUMNS, 1):
        put_text(sheet.cell(1, column), name)
    for row, review in enumerate(report.reviews, 2):
        values = (review.rule, review.cell or "", json.dumps(review.found, ensure_ascii=False), review.reason,
                  review.date)
        for column, value in enumerate(values, 1):
            put_text(sheet.cell(row, column), value)
