"""Reading the text of one table cell as a value of its column's kind (the rule is ``app.cell_input``).

0 is a value; an empty cell, “/”, “-”, “无” are blank (None). Full-width digits, thousands
separators, U+00A0 and stray spaces are tolerated; amounts keep every digit as written.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache
from typing import Literal, NamedTuple

from app.cell_input import parse_cell_input
from app.editions import ColumnSpec
from app.errors import ValueRejected
from app.invisible_chars import strip_format_chars

Status = Literal["value", "empty", "marker", "invalid"]

BLANK_MARKERS = frozenset({"/", "-", "无", "—", "——", "\\", "－", "／", "－－", "--", "---", "–"})
_SPACES = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
_NUMBERISH = re.compile(r"^[+-]?[\d,]+(\.\d+)?$")
_MINUS = str.maketrans({"−": "-", "—": "-", "–": "-"})


class CellRead(NamedTuple):      # immutable; a NamedTuple is made at import faster than a frozen dataclass
    status: Status
    value: int | Decimal | None = None


def compact(raw: str) -> str:
    """Cell text without spaces of any width, full-width forms folded (１２ → 12)."""
    return unicodedata.normalize("NFKC", _SPACES.sub("", strip_format_chars(raw or "")))


@lru_cache(maxsize=8192)
def is_empty(raw: str) -> bool:
    return compact(raw) == ""


@lru_cache(maxsize=8192)
def looks_like_value(raw: str) -> bool:
    """True for text that fills a value cell: a number or a blank marker (not empty text)."""
    text = compact(raw)
    return bool(text) and (text in BLANK_MARKERS or bool(_NUMBERISH.match(text.translate(_MINUS))))


def read_cell(column: ColumnSpec, raw: str) -> CellRead:
    """The value of ``raw`` in ``column``; invalid text is reported, never guessed."""
    text = compact(raw)
    if text == "":
        return CellRead("empty")
    if text in BLANK_MARKERS:
        return CellRead("marker")
    try:
        return CellRead("value", parse_cell_input(column, raw))
    except ValueRejected:
        return CellRead("invalid")
