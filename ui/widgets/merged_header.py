"""A horizontal header that paints merged header cells (``app.editions.header_bands``)."""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QHeaderView

from app.editions import Band, TableSpec, header_bands

_PAD = 4


class MergedHeader(QHeaderView):
    """Paints the bands of a table's column header; a header line holds one or two text lines (``fit_lines``)."""

    def __init__(self, parent=None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._bands: list[Band] = []
        self._depth = 1
        self._lines = 2
        self.fitted_widths: list[int] = []  # the widths ``fit_sections`` chose
        self.setSectionsClickable(False)
        self.setHighlightSections(False)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)

    def set_spec(self, spec: TableSpec) -> None:
        self._bands = header_bands(spec)
        self._depth = max((b.level + b.depth for b in self._bands), default=1)
        self.updateGeometry()
        self.viewport().update()

    @property
    def bands(self) -> list[Band]:
        return list(self._bands)

    def line_height(self) -> int:
        return self.fontMetrics().height() * self._lines + 2 * _PAD

    def fit_lines(self) -> None:
        """One text line per header line when every label fits its band on one line, else two."""
        lines = 2
        if self._bands and self.count():
            metrics = self.fontMetrics()
            lines = 1 if all(metrics.horizontalAdvance(b.label) + 2 * _PAD <= self.band_rect(b).width()
                             for b in self._bands if b.start + b.span <= self.count()) else 2
        if lines != self._lines:
            self._lines = lines
            self.updateGeometry()
            self.viewport().update()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.line_height() * self._depth + 1)

    def band_rect(self, band: Band) -> QRect:
        left = self.sectionViewportPosition(band.start)
        last = band.start + band.span - 1
        right = self.sectionViewportPosition(last) + self.sectionSize(last)
        line = self.line_height()
        return QRect(left, band.level * line, right - left, band.depth * line)

    def paintEvent(self, event) -> None:
        if not self._bands:
            super().paintEvent(event)
            return
        painter = QPainter(self.viewport())
        palette = self.palette()
        painter.fillRect(self.viewport().rect(), palette.button())
        grid = QPen(palette.mid().color())
        for band in self._bands:
            rect = self.band_rect(band)
            if not rect.intersects(event.rect()):
                continue
            painter.setPen(grid)
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
            painter.setPen(palette.buttonText().color())
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(rect.adjusted(_PAD, _PAD // 2, -_PAD, -_PAD // 2), int(flags), band.label)
        painter.end()

    def fit_sections(self, maximum: int = 150) -> None:
        """Widths that show each leaf label on one line (up to 3 characters) or two balanced lines,
        and each group label across its span."""
        metrics = self.fontMetrics()
        char = metrics.horizontalAdvance("中")
        widths = [2 * char + 2 * _PAD + 6] * self.count()
        for band in self._bands:
            if band.start + band.span > len(widths):
                continue
            chars = -(-metrics.horizontalAdvance(band.label) // char)
            per_line = chars if band.span > 1 or chars <= 3 else -(-chars // 2)
            need = per_line * char + 2 * _PAD + 6
            each = min(maximum, -(-need // band.span))
            for col in range(band.start, band.start + band.span):
                widths[col] = max(widths[col], each)
        self.fitted_widths = widths
        for col, width in enumerate(widths):
            self.resizeSection(col, width)
