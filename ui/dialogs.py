"""Dialogs: 新建报告 (edition, year, organ)."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QSpinBox

from app.editions import edition_for_year, load_editions


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
