"""Read the hidden 说明记录 sheet our .xlsx export writes (app/write/xlsx_reviews) back into reviews.

A row that cannot be read is left out with an import note; it never stops the import.
"""
from __future__ import annotations

import json

from app.registry import ImportNote
from app.report import Review
from app.write.xlsx_reviews import REVIEW_COLUMNS, REVIEWS_SHEET


def read_reviews_sheet(sheets, notes: list[ImportNote]) -> list[Review]:
    sheet = next((s for s in sheets if s.title == REVIEWS_SHEET), None)
    if sheet is None or tuple(_text(sheet.cell(1, c).value) for c in range(1, 6)) != REVIEW_COLUMNS:
        return []
    reviews = []
    for row in range(2, sheet.max_row + 1):
        values = [_text(sheet.cell(row, c).value) for c in range(1, 6)]
        if not any(values):
            continue
        rule, cell, found, reason, date = values
        try:
            reviews.append(Review(rule=rule, cell=cell or None, found=json.loads(found), reason=reason, date=date))
        except ValueError:                  # not JSON, or not a review (InvalidReview)
            notes.append(ImportNote("warning", f"“{REVIEWS_SHEET}”第 {row} 行的说明无法读取，已略过", REVIEWS_SHEET))
    return reviews


def _text(value) -> str:
    return "" if value is None else str(value)
