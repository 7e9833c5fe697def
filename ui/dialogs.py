"""Dialogs: 新建报告 (edition, year, organ) and the notes an importer made."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QSpinBox, QVBoxLayout)

from app.editions import edition_for_year, load_editions

if TYPE_CHECKING:  # importing app.formats loads every format module (python-docx, openpyxl): not at start-up
    from app.registry import ImportNote

_NOTE_MARKS = {"info": "ℹ", "warning": "⚠", "error": "✘"}


class NewReportDialog(QDialog):
    """Choose the year, the organ and the edition (the edition follows the year unless changed)."""

    def __init__(self, organ: str = "", parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("新建报告")
        self.year = QSpinBox(self)
        self.year.setRange(2008, 2100)
        self.year.setSuffix(" 年")
        self.organ = QLineEdit(organ, self)
        self.organ.setPlaceholderText("例如：某某镇人民政府")
        self.edition = QComboBox(self)
        for edition in load_editions().values():
            self.edition.addItem(f"{edition.name}（{edition.id} 版）", edition.id)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("报告年度：", self.year)
        form.addRow("发布机关：", self.organ)
        form.addRow("格式版本：", self.edition)
        form.addRow(buttons)
        self.year.valueChanged.connect(self._year_changed)
        self.year.setValue(date.today().year - 1)
        self._year_changed(self.year.value())

    def _year_changed(self, year: int) -> None:
        self.edition.setCurrentIndex(self.edition.findData(edition_for_year(year).id))

    def values(self) -> tuple[str, int, str]:
        """(edition id, year, organ)."""
        return self.edition.currentData(), self.year.value(), self.organ.text().strip()


class ImportNotesDialog(QDialog):
    """What the importer had to interpret, so the clerk can check those places."""

    def __init__(self, file_name: str, notes: list[ImportNote], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导入说明")
        self.resize(640, 360)
        intro = QLabel(f"导入“{file_name}”时有 {len(notes)} 条说明，请核对相应内容：", self)
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        for note in notes:
            where = f"［{note.where}］" if note.where else ""
            QListWidgetItem(f"{_NOTE_MARKS.get(note.level, '•')} {where}{note.message}", self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
