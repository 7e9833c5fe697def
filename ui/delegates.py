"""Cell editors per value kind; limits come from the column spec (``ColumnSpecRole``)."""
from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate

from ui.table_model import ColumnSpecRole

# Digits may be typed half- or full-width (an input method in Chinese mode gives ０-９).
_DIGIT = "[0-9０-９]"
_PATTERNS = {
    "count": f"{_DIGIT}{{0,9}}",
    "signed": f"[+\\-－＋]?{_DIGIT}{{0,9}}",
    "amount": f"{_DIGIT}{{0,9}}([.．]{_DIGIT}{{0,4}})?",
}
_HINTS = {
    "count": "不小于 0 的整数",
    "signed": "整数，可为负数（减少）",
    "amount": "金额（万元），最多 4 位小数",
}


class CellDelegate(QStyledItemDelegate):
    """A line editor that accepts only what the column's value kind allows."""

    def __init__(self, kind: str, parent=None) -> None:
        super().__init__(parent)
        self.kind = kind

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        spec = index.data(ColumnSpecRole)
        kind = spec.kind if spec is not None else self.kind
        validator = QRegularExpressionValidator(QRegularExpression(_PATTERNS[kind]), editor)
        editor.setValidator(validator)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setPlaceholderText(_HINTS[kind])
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor, index):
        editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.selectAll()

    def setModelData(self, editor, model, index):
        model.setData(index, editor.text())


def delegate_for(kind: str, parent) -> CellDelegate:
    return CellDelegate(kind, parent)
