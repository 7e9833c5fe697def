"""Cell colours as brushes, each made once on first use.

QBrush's class sets up QGradient's and QImage's enums (~2 ms) the first time Python touches it; the window's
first paint shows no table, so the colours are kept as #rrggbb names until a cell is painted with one.
"""
from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor

if TYPE_CHECKING:
    from PySide6.QtGui import QBrush


@cache
def brush(colour: str) -> QBrush:
    """A solid brush of ``colour`` (#rrggbb)."""
    from PySide6.QtGui import QBrush  # noqa: PLC0415 - see the module docstring

    return QBrush(QColor(colour))
