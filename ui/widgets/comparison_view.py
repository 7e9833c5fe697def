"""与上年对比: every statistic of last year against this year, large jumps highlighted, and a small
bar chart of the main figures (drawn with QPainter: PySide6-Essentials has no QtCharts)."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QDialog, QDialogButtonBox, QHeaderView, QLabel,
                               QTableView, QVBoxLayout, QWidget)

from app.compare import ComparisonRow, MainFigure, compare, main_figures
from app.report import Report, format_cell
from ui import look

HEADERS = ("表格", "项目", "栏目", "上年", "本年", "增减")
JUMP_BRUSH = QBrush(QColor("#ffe0b2"))
JUMP_TIP = "与上年相比变化较大，审核时常被问到，请核实或在报告中说明原因"
_JUMP_ROLES = (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole)
LAST_COLOUR, THIS_COLOUR = QColor("#9e9e9e"), QColor("#1e6bb8")


def change_text(value) -> str:
    """A change as shown: +3, −2, 0; empty when either year is blank."""
    if value is None:
        return ""
    text = format_cell(abs(value))
    return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else "0")


def year_label(report: Report, fallback: str) -> str:
    return f"{report.year}年" if report.year is not None else fallback


class FiguresChart(QWidget):
    """Grouped bars (last year grey, this year blue) for the main figures, values above the bars."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figures: list[MainFigure] = []
        self.legend = ("上年", "本年")
        self.setMinimumSize(QSize(360, 200))

    def set_figures(self, figures: list[MainFigure], legend: tuple[str, str]) -> None:
        self.figures, self.legend = list(figures), legend
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(520, 220)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        metrics = painter.fontMetrics()
        line = metrics.height()
        self._paint_legend(painter, line)
        plot = QRectF(8, 2 * line + 8, self.width() - 16, self.height() - 4 * line - 12)
        if not self.figures or plot.height() <= 0:
            painter.end()
            return
        top = max([f.last or 0 for f in self.figures] + [f.this or 0 for f in self.figures] + [1])
        group = plot.width() / len(self.figures)
        bar = min(group / 3, 48.0)
        for i, figure in enumerate(self.figures):
            left = plot.left() + i * group + (group - 2 * bar) / 2
            self._paint_bar(painter, QRectF(left, plot.top(), bar, plot.height()), figure.last, top, LAST_COLOUR)
            self._paint_bar(painter, QRectF(left + bar, plot.top(), bar, plot.height()), figure.this, top, THIS_COLOUR)
            label = QRectF(plot.left() + i * group, plot.bottom() + 4, group, 2 * line)
            painter.setPen(self.palette().text().color())
            font = QFont(painter.font())
            font.setBold(figure.jump)
            painter.setFont(font)
            painter.drawText(label, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, figure.label)
            painter.setFont(self.font())
        painter.setPen(self.palette().mid().color())
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.end()

    def _paint_legend(self, painter: QPainter, line: int) -> None:
        x = 8.0
        for colour, text in zip((LAST_COLOUR, THIS_COLOUR), self.legend):
            painter.fillRect(QRectF(x, 6, line * 0.8, line * 0.8), colour)
            painter.setPen(self.palette().text().color())
            width = painter.fontMetrics().horizontalAdvance(text)
            painter.drawText(QRectF(x + line, 2, width + 4, line + 4), Qt.AlignmentFlag.AlignVCenter, text)
            x += line + width + 16

    def _paint_bar(self, painter: QPainter, slot: QRectF, value: int | None, top: int, colour: QColor) -> None:
        line = painter.fontMetrics().height()
        height = (slot.height() - line) * (value or 0) / top
        bar = QRectF(slot.left() + 2, slot.bottom() - height, slot.width() - 4, height)
        painter.fillRect(bar, colour)
        text = "空白" if value is None else str(value)
        painter.setPen(self.palette().text().color())
        painter.drawText(QRectF(slot.left() - 8, bar.top() - line, slot.width() + 16, line),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text)


class ComparisonModel(QAbstractTableModel):
    """Read-only rows of ComparisonRow: labels, last, this, change; jumps highlighted."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[ComparisonRow] = []

    def set_rows(self, rows: list[ComparisonRow]) -> None:
        """New rows; when the same items are compared only the values change (no reset)."""
        if [r.ref for r in rows] == [r.ref for r in self.rows] and rows:
            self.rows = list(rows)
            self.dataChanged.emit(self.index(0, 3), self.index(len(rows) - 1, len(HEADERS) - 1))
            return
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in _JUMP_ROLES or not row.jump:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return JUMP_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole:
            return JUMP_TIP
        if index.column() == 5:
            font = QFont()
            font.setBold(True)
            return font
        return None

    @staticmethod
    def text(row: ComparisonRow, column: int) -> str:
        return (row.table_label, row.row_label, row.column_label,
                format_cell(row.last), format_cell(row.this), change_text(row.change))[column]


class ComparisonView(QDialog):
    """Last year's report against this year's; ``set_reports`` refreshes it (e.g. after edits)."""

    def __init__(self, last: Report, this: Report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("与上年对比")
        self.resize(820, 640)
        self.rows: list[ComparisonRow] = []
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.chart = FiguresChart(self)
        self.only_changed = QCheckBox("只显示有变化的项目", self)
        self.model = ComparisonModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        look.table(self.table)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.chart, self.only_changed, self.table, buttons):
            layout.addWidget(widget)
        layout.setStretch(3, 1)
        self.only_changed.toggled.connect(self._apply_filter)
        self.set_reports(last, this)

    def set_reports(self, last: Report, this: Report) -> None:
        """Show these two reports (the table is not reset when the same items are compared)."""
        old, self.rows = self.rows, compare(last, this)
        figures = main_figures(last, this)
        legend = (year_label(last, "上年"), year_label(this, "本年"))
        self.chart.set_figures(figures, legend)
        jumps = sum(1 for r in self.rows if r.jump)
        self.heading.setText(
            f"{legend[0]}（{last.spec.name}）与 {legend[1]}（{this.spec.name}）共有 {len(self.rows)} 项可比数据，"
            + (f"其中 {jumps} 项变化较大（已标出），审核时常被问到，请核实。" if jumps else "没有变化较大的项目。"))
        self.model.set_rows(self.rows)
        if len(old) != len(self.rows) or not old:
            self.table.resizeColumnsToContents()
            for column in range(3, len(HEADERS)):
                self.table.setColumnWidth(column, max(self.table.columnWidth(column), 64))
        self._apply_filter(self.only_changed.isChecked())

    def _apply_filter(self, only_changed: bool) -> None:
        for number, row in enumerate(self.rows):
            hide = only_changed and row.last == row.this
            if self.table.isRowHidden(number) != hide:
                self.table.setRowHidden(number, hide)
