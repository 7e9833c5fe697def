"""Report metadata: 发布机关, 年度, 格式版本 (fixed when the report is created) and the title."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QWidget

from app.checks import Finding
from app.report import Report, standard_title
from ui import look

_NO_YEAR = 1999  # the spin box's minimum shows 未填写


class MetaForm(QWidget):
    """Edits organ, year and title; the title follows organ and year while it is the standard one.

    Signals:
        fields_edited(dict): new values of the fields the clerk changed.
    """

    fields_edited = Signal(dict)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._updating = False
        self._report: Report | None = None
        self.organ = QLineEdit(self)
        self.organ.setPlaceholderText("例如：某某镇人民政府")
        self.year = QSpinBox(self)
        self.year.setRange(_NO_YEAR, 2100)
        self.year.setSpecialValueText("未填写")
        self.year.setSuffix(" 年")
        self.edition = QLabel(self)
        self.title = QLineEdit(self)
        self.standard = QPushButton("按机关和年度生成", self)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.standard)
        layout = QFormLayout(self)
        layout.addRow("发布机关：", self.organ)
        layout.addRow("报告年度：", self.year)
        layout.addRow("格式版本：", self.edition)
        layout.addRow("报告标题：", title_row)
        self.organ.textEdited.connect(self._organ_edited)
        self.year.valueChanged.connect(self._year_edited)
        self.title.textEdited.connect(self._title_edited)
        self.standard.clicked.connect(self._use_standard_title)

    def show_report(self, report: Report) -> None:
        """Show the report's values (load, undo) without recording an edit."""
        self._report = report
        self._updating = True
        if self.organ.text() != report.organ:
            self.organ.setText(report.organ)
        self.year.setValue(report.year if report.year is not None else _NO_YEAR)
        if self.title.text() != report.title:
            self.title.setText(report.title)
        self.edition.setText(f"{report.spec.name}（{report.edition} 版）")
        self._updating = False

    def _follow_title(self, organ: str, year: int | None) -> dict:
        report = self._report
        if report is not None and report.title in ("", standard_title(report.organ, report.year)):
            return {"title": standard_title(organ, year)}
        return {}

    def _organ_edited(self, text: str) -> None:
        year = self._report.year if self._report else None
        self.fields_edited.emit({"organ": text, **self._follow_title(text, year)})

    def _year_edited(self, value: int) -> None:
        if self._updating:
            return
        year = None if value == _NO_YEAR else value
        organ = self._report.organ if self._report else ""
        self.fields_edited.emit({"year": year, **self._follow_title(organ, year)})

    def _title_edited(self, text: str) -> None:
        self.fields_edited.emit({"title": text})

    def _use_standard_title(self) -> None:
        if self._report is not None:
            self.fields_edited.emit({"title": standard_title(self._report.organ, self._report.year)})

    def set_findings(self, findings: list[Finding]) -> None:
        """Mark the fields findings are about (red frame, message as tooltip)."""
        widgets = {"organ": self.organ, "year": self.year, "title": self.title}
        for name, widget in widgets.items():
            messages = [f.message for f in findings if f.field == name]
            if widget.toolTip() != "\n".join(messages):
                widget.setToolTip("\n".join(messages))
            look.show_finding(widget, bool(messages))
