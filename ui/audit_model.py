"""The audited files as a Qt table (批量检查与汇总): a row per file, filled in as the files are read.

Sorting goes through a ``QSortFilterProxyModel`` on ``SortRole`` (numbers sort as numbers, blanks last).
Error counts above 0 and the reason a file could not be read are painted red.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.audit import KEY_FIGURES, AuditEntry
from app.report import format_cell

EntryRole = Qt.ItemDataRole.UserRole + 20
SortRole = Qt.ItemDataRole.UserRole + 21
HEADERS = ("文件", "发布机关", "年度", "格式版本", "错误", "警告", "首个错误", *(label for label, _ in KEY_FIGURES))
ERRORS_COLUMN, MESSAGE_COLUMN, FIRST_FIGURE_COLUMN = 4, 6, 7
_NUMBER_COLUMNS = (2, 4, 5)
_RED_BACKGROUND = QColor("#f9d6d5")
_RED_TEXT = QColor("#b3261e")


class AuditModel(QAbstractTableModel):
    """Rows are ``AuditEntry`` objects in the order they were read."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._entries: list[AuditEntry] = []

    def clear(self) -> None:
        self.beginResetModel()
        self._entries = []
        self.endResetModel()

    def add_entry(self, entry: AuditEntry) -> None:
        row = len(self._entries)
        self.beginInsertRows(QModelIndex(), row, row)
        self._entries.append(entry)
        self.endInsertRows()

    def entries(self) -> list[AuditEntry]:
        return list(self._entries)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry, column = self._entries[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _shown(entry, column)
        if role == SortRole:
            return _sort_value(entry, column)
        if role == EntryRole:
            return entry
        if _is_red(entry, column):
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(_RED_BACKGROUND)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(_RED_TEXT)
        if role == Qt.ItemDataRole.TextAlignmentRole and (column in _NUMBER_COLUMNS or column >= FIRST_FIGURE_COLUMN):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None


def _values(entry: AuditEntry) -> list:
    if entry.error is not None:
        return [entry.file, "", None, "", None, None, f"无法读取：{entry.error}", *(None for _ in KEY_FIGURES)]
    return [entry.file, entry.organ, entry.year, entry.edition, entry.errors, entry.warnings, entry.first_error,
            *(entry.figures.get(label) for label, _ in KEY_FIGURES)]


def _shown(entry: AuditEntry, column: int) -> str:
    value = _values(entry)[column]
    return value if isinstance(value, str) else format_cell(value)


def _sort_value(entry: AuditEntry, column: int):
    """Numbers as numbers (blank sorts below every number), texts as texts; unreadable files count as errors."""
    value = _values(entry)[column]
    if column == ERRORS_COLUMN and entry.error is not None:
        return 10**9
    if isinstance(value, str):
        return value
    return -1 if value is None else float(value)


def _is_red(entry: AuditEntry, column: int) -> bool:
    failing = entry.error is not None or entry.errors > 0
    return failing and column in (ERRORS_COLUMN, MESSAGE_COLUMN)
