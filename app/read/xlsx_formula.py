"""A tiny evaluator for the total formulas a report workbook holds: SUM of ranges, + and - of terms.

openpyxl keeps formulas as text and computes nothing, and a workbook written by openpyxl has no
cached values, so the reader evaluates ``=SUM(B5:G5)``, ``=SUM(B7:B27,B30)`` or ``=B5+C5-D5`` from
the cells they name (recursively; blanks and text count as 0, as in Excel's SUM). Anything else raises FormulaError.
Each formula cell is evaluated once per sheet (memoised in ``sheet.formula_values``), so cells that refer to the
same cells many times over (fan-out 10, depth 19) cost their number, not 10¹⁹ evaluations.
"""
from __future__ import annotations

import re
from decimal import Decimal

from openpyxl.utils.cell import range_boundaries

_TOKEN = re.compile(r"\s*(?:(?P<sum>SUM\()|(?P<ref>\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)"
                    r"|(?P<num>\d+(?:\.\d+)?)|(?P<op>[+\-,)]))", re.IGNORECASE)
MAX_DEPTH = 20
MAX_NESTING = 50           # parentheses inside one formula (=SUM(SUM(SUM(… ×5000 would exhaust the stack)
MAX_RANGE_CELLS = 10_000


class FormulaError(ValueError):
    """The formula is not one the reader can evaluate (the message is Chinese)."""


def evaluate(sheet, formula: str, depth: int = 0):
    """Value of ``formula`` (text starting with =) on ``sheet``: int when every term is whole."""
    if depth > MAX_DEPTH:
        raise FormulaError("公式引用层次过深或存在循环引用")
    tokens = _tokens(formula[1:])
    if sum(kind == "sum" for kind, _ in tokens) > MAX_NESTING:
        raise FormulaError(f"公式中的 SUM 超过 {MAX_NESTING} 个，无法计算")
    total, position = _expression(sheet, tokens, 0, depth, inside_sum=False)
    if position != len(tokens):
        raise FormulaError(f"无法计算公式 {formula}")
    return int(total) if total == total.to_integral_value() else total


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens, position = [], 0
    text = text.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            raise FormulaError(f"无法计算公式 ={text}")
        kind = match.lastgroup
        tokens.append((kind, match.group(kind).upper()))
        position = match.end()
    return tokens


def _expression(sheet, tokens, position: int, depth: int, inside_sum: bool) -> tuple[Decimal, int]:
    """terms joined by + and - (and by , inside SUM); stops before ) or at the end."""
    total, sign, start = Decimal(0), 1, position
    expect_term = True
    while position < len(tokens):
        kind, text = tokens[position]
        if kind == "op" and text == ")":
            break
        if kind == "op":
            if expect_term and text in "+-":
                sign = sign * (-1 if text == "-" else 1)
            elif not expect_term and (text in "+-" or (text == "," and inside_sum)):
                sign, expect_term = (-1 if text == "-" else 1), True
            else:
                raise FormulaError("公式格式无法识别")
            position += 1
            continue
        if not expect_term:
            raise FormulaError("公式格式无法识别")
        value, position = _term(sheet, tokens, position, depth)
        total += sign * value
        sign, expect_term = 1, False
    if expect_term and position > start:
        raise FormulaError("公式不完整")
    return total, position


def _term(sheet, tokens, position: int, depth: int) -> tuple[Decimal, int]:
    kind, text = tokens[position]
    if kind == "num":
        return Decimal(text), position + 1
    if kind == "ref":
        return _reference(sheet, text.replace("$", ""), depth), position + 1
    value, position = _expression(sheet, tokens, position + 1, depth, inside_sum=True)
    if position >= len(tokens) or tokens[position] != ("op", ")"):
        raise FormulaError("公式缺少右括号")
    return value, position + 1


def _reference(sheet, ref: str, depth: int) -> Decimal:
    min_col, min_row, max_col, max_row = range_boundaries(ref)
    if (max_col - min_col + 1) * (max_row - min_row + 1) > MAX_RANGE_CELLS:
        raise FormulaError(f"公式引用的区域 {ref} 过大")
    total = Decimal(0)
    for row in range(min_row, max_row + 1):
        for col in range(min_col, max_col + 1):
            total += _cell_number(sheet, (row, col), depth)
    return total


def _cell_number(sheet, where: tuple[int, int], depth: int) -> Decimal:
    cell = sheet.cell(*where)
    value = cell.value
    if value is None or isinstance(value, bool):
        return Decimal(0)
    if isinstance(value, str):
        if cell.data_type == "f" and value.startswith("="):
            memo = _memo(sheet)
            if where not in memo:
                memo[where] = Decimal(evaluate(sheet, value, depth + 1))
            return memo[where]
        return Decimal(0)          # like Excel's SUM, text (e.g. 约5件) counts as nothing
    if not isinstance(value, (int, float, Decimal)):
        return Decimal(0)          # a date or time is not a count; SUM over it is not a total we check
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _memo(sheet) -> dict:
    memo = getattr(sheet, "formula_values", None)
    if memo is None:
        memo = {}
        try:
            sheet.formula_values = memo
        except AttributeError:
            pass
    return memo
