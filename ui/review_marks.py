"""How an explained finding looks: a small mark in its cell, the reason in tooltips, greyed rows."""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPixmap, QPolygonF

REVIEWED_FG = QColor("#7a7a7a")
_MARK_COLOUR = QColor("#3b6ea5")


@lru_cache(maxsize=1)
def review_mark() -> QPixmap:
    """A small blue corner flag (8 px) shown in a cell whose finding the clerk explained."""
    pixmap = QPixmap(8, 8)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(_MARK_COLOUR))
    painter.drawPolygon(QPolygonF([QPointF(0, 0), QPointF(8, 0), QPointF(0, 8)]))
    painter.end()
    return pixmap


def reason_text(review) -> str:
    return f"已说明：{review.reason}（{review.date}）"


def review_lines(findings, reviewed: dict) -> list[str]:
    """Tooltip lines with the reasons of the explained findings among ``findings``."""
    return [reason_text(reviewed[f]) for f in findings if f in reviewed]
