"""The one rule for reading the number a person wrote in a table cell: typed, pasted or imported.

What was written is never altered: a text either reads as exactly one value of the column's kind or
is refused with a Chinese reason (``ValueRejected``). Tolerated, because they do not change the value:
spaces of any width, full-width digits and signs (１２, －５), thousands separators in their proper
places (1,234), the unit after an amount (19.83万元), and 。 or ． as the decimal point of an amount (an
input method in Chinese mode types them). Amounts keep every decimal written; the checks warn when
there are more than the format's places. “/”, “-”, “无” and the like mean a blank cell.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from app.editions import ColumnSpec
from app.errors import ValueRejected
from app.invisible_chars import strip_format_chars

BLANK_MARKERS = frozenset({"/", "-", "无", "—", "——", "\\", "－", "／", "－－", "--", "---", "–"})
MAX_DIGITS = 15                     # no cell of an annual report holds a larger number
_SPACES = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
_MINUS = str.maketrans({"−": "-", "—": "-", "–": "-"})
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?\d+(\.\d+)?$")
_KIND_TEXT = {"count": "不小于 0 的整数", "signed": "整数（减少时可为负数）", "amount": "不小于 0 的金额（万元）"}


def compact(raw: str) -> str:
    """Cell text without spaces of any width or invisible format marks (1\u200f04 → 104), full-width forms
    folded (１２ → 12, ． → .)."""
    return unicodedata.normalize("NFKC", _SPACES.sub("", strip_format_chars(raw or ""))).translate(_MINUS)


def parse_cell_input(column: ColumnSpec, raw: str) -> int | Decimal | None:
    """The value ``raw`` stands for in ``column``: None for blank, else an int or an exact Decimal.

    Raises ValueRejected (Chinese reason naming what was written) for anything else.
    """
    text = compact(raw)
    if text == "" or text in BLANK_MARKERS:
        return None
    if column.kind == "amount":
        text = text.replace("。", ".")
        if column.unit and text.endswith(column.unit):
            text = text[: -len(column.unit)]
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    shown = (raw or "").strip()
    if column.kind == "amount":
        return _amount(text, shown)
    return _integer(column, text, shown)


def _amount(text: str, shown: str) -> Decimal:
    if not _DECIMAL.match(text):
        raise ValueRejected(f"“{shown}”不是{_KIND_TEXT['amount']}")
    if text.startswith("-"):
        raise ValueRejected(f"“{shown}”是负数，金额不能小于 0")
    whole, _dot, places = text.lstrip("+").partition(".")
    if len(whole) > MAX_DIGITS or len(places) > MAX_DIGITS:
        raise ValueRejected(f"“{shown}”位数过多，不是金额")
    return Decimal(text.lstrip("+"))


def _integer(column: ColumnSpec, text: str, shown: str) -> int:
    if not _INTEGER.match(text):
        reason = "有小数" if _DECIMAL.match(text) else "不是数字"
        raise ValueRejected(f"“{shown}”{reason}，此处应填写{_KIND_TEXT[column.kind]}")
    if len(text.lstrip("+-")) > MAX_DIGITS:
        raise ValueRejected(f"“{shown}”位数过多，不是{_KIND_TEXT[column.kind]}")
    number = int(text)
    if number < 0 and column.kind != "signed":
        raise ValueRejected(f"“{shown}”是负数，此处只能填写不小于 0 的整数")
    return number


def decimal_places(value: int | Decimal) -> int:
    """How many decimals an amount was written with (19.830356 → 6)."""
    if not isinstance(value, Decimal):
        return 0
    return max(0, -value.as_tuple().exponent)
