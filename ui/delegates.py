"""Cell editors per value kind; the column spec comes through ``ColumnSpecRole``.

The editor takes every keystroke and input-method commit as typed (no validator silently dropping
characters); the text is read by the one rule of ``app.cell_input``. Text that is not a value of the
column's kind is refused visibly: Enter or Tab keeps the cell in edit with a red frame and a Chinese
tooltip; leaving the cell by clicking elsewhere keeps the text, shown in red and reported by
``value.invalid``, so nothing typed is lost or changed.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QToolTip

from app.errors import ValueRejected
from app.report import parse_cell_text
from ui.table_model import ColumnSpecRole

_HINTS = {
    "count": "不小于 0 的整数",
    "signed": "整数，可为负数（减少）",
    "amount": "金额（万元），一般保留 4 位小数",
}
_COMMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
_INVALID_STYLE = "QLineEdit { border: 2px solid #d93025; background: #fff4f4; }"


class CellEditor(QLineEdit):
    """The line editor of one cell: knows its column and shows whether the text reads as a value."""

    def __init__(self, column, parent=None) -> None:
        super().__init__(parent)
        self.column = column
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText(_HINTS[column.kind])
        self.setFrame(False)
        self.setProperty("invalid", False)
        self.textChanged.connect(self._mark)

    def problem(self) -> str | None:
        """The Chinese reason the text is refused, or None when it reads as a value (or blank)."""
        try:
            parse_cell_text(self.column, self.text())
        except ValueRejected as exc:
            return str(exc)
        return None

    def _mark(self) -> None:
        problem = self.problem()
        self.setProperty("invalid", problem is not None)
        self.setStyleSheet(_INVALID_STYLE if problem else "")
        self.setToolTip(f"{problem}\n（按 Esc 取消修改）" if problem else "")

    def refuse(self) -> None:
        """Show why the text cannot be stored, next to the cell."""
        self._mark()
        QToolTip.showText(self.mapToGlobal(self.rect().bottomLeft()), self.toolTip(), self)


class CellDelegate(QStyledItemDelegate):
    """Creates ``CellEditor``s and keeps a cell in edit while its text is refused."""

    def __init__(self, kind: str, parent=None) -> None:
        super().__init__(parent)
        self.kind = kind

    def createEditor(self, parent, option, index):
        return CellEditor(index.data(ColumnSpecRole), parent)

    def setEditorData(self, editor, index):
        editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.selectAll()

    def setModelData(self, editor, model, index):
        if editor.problem() is None:
            model.setData(index, editor.text())
        else:  # left by a click elsewhere: keep what was typed, flagged, rather than lose it
            model.keep_unreadable(index, editor.text())

    def eventFilter(self, editor, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in _COMMIT_KEYS and isinstance(editor, CellEditor):
            problem = editor.problem()
            if problem is not None:
                editor.refuse()
                view = self.parent()
                view.model().refuse_text(view.currentIndex(), problem)
                return True
        return super().eventFilter(editor, event)


def delegate_for(kind: str, parent) -> CellDelegate:
    return CellDelegate(kind, parent)
