"""An evaluator of the formulas our workbooks hold, independent of the program's own reader: what Excel
shows in a cell once it recomputes the saved workbook."""
from __future__ import annotations

import re

from openpyxl.utils.cell import range_boundaries

_SUM = re.compile(r"SUM\(([^()]*)\)")
_IF = re.compile(r'=IF\((SUM\([^()]*\))=(SUM\([^()]*\)),"通过","不一致"\)')
_SUBTOTAL = re.compile(r"=SUBTOTAL\(109,([A-Z]+\d+:[A-Z]+\d+)\)")


def recompute(sheet, value):
    """What Excel shows in a cell: SUM over references and ranges (blank and text count 0), the balance
    check's IF, SUBTOTAL(109, …) over unfiltered rows; any other value as it is."""
    if not (isinstance(value, str) and value.startswith("=")):
        return value if isinstance(value, (int, float)) else 0
    if match := _IF.fullmatch(value):
        left, right = (recompute(sheet, f"={side}") for side in match.groups())
        return "通过" if left == right else "不一致"
    if match := _SUBTOTAL.fullmatch(value):
        return _sum_refs(sheet, match.group(1))
    return _sum_refs(sheet, re.fullmatch(r"=SUM\(([^()]*)\)", value).group(1))


def _sum_refs(sheet, refs: str):
    total = 0
    for ref in refs.split(","):
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        for row in range(min_row, max_row + 1):
            for col in range(min_col, max_col + 1):
                total += recompute(sheet, sheet.cell(row, col).value)
    return total
