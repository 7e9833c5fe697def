"""How an explained finding looks: a corner mark in its cell, the reason in tooltips, greyed rows."""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor  # QBrush, QLinearGradient (QGradient's enums) when a cell is painted: ui/brushes.py

if TYPE_CHECKING:
    from PySide6.QtGui import QBrush

REVIEWED_FG = "#7a7a7a"
REVIEWED_BG = "#e6f2e6"      # a cell whose findings are all explained
_MARK_COLOUR = QColor("#3b6ea5")
_MARK_PX = 9.0      # legs of the corner triangle, in pixels


def marked(base: QBrush | None) -> QBrush:
    """``base`` (or white) with a small blue triangle in the top-left corner, as spreadsheets mark a
    cell with a comment. Item views paint a cell's background with the brush origin at the cell's
    corner, so a gradient in pixels draws the same mark in every cell and takes no room from the value."""
    return _marked(base.color().name() if base is not None else "#ffffff")


@lru_cache(maxsize=8)
def _marked(colour: str) -> QBrush:
    from PySide6.QtGui import QBrush, QLinearGradient  # noqa: PLC0415 - see the imports

    gradient = QLinearGradient(0.0, 0.0, _MARK_PX, _MARK_PX)   # x + y < legs: the mark
    gradient.setColorAt(0.0, _MARK_COLOUR)
    gradient.setColorAt(0.5, _MARK_COLOUR)
    gradient.setColorAt(0.5001, QColor(colour))
    gradient.setColorAt(1.0, QColor(colour))
    return QBrush(gradient)


def reason_text(review) -> str:
    return f"已说明：{review.reason}（{review.date}）"


def review_lines(findings, reviewed: dict) -> list[str]:
    """Tooltip lines with the reasons of the explained findings among ``findings``."""
    return [reason_text(reviewed[f]) for f in findings if f in reviewed]
