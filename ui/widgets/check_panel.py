"""The findings panel: counts by level and the list; double-click or Enter jumps to the place."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from app.checks import Finding, Level, count_levels
from app.report import Report
from ui.findings_model import FindingRole, FindingsModel


def verdict(findings: list[Finding]) -> str:
    """The at-a-glance status: ✔ 通过, or the counts of errors and warnings."""
    counts = count_levels(findings)
    errors, warnings = counts[Level.ERROR], counts[Level.WARNING]
    if errors:
        text = f"✘ {errors} 个错误"
        return text + (f"，{warnings} 个警告" if warnings else "")
    if warnings:
        return f"✔ 通过（{warnings} 个警告）"
    return "✔ 通过"


def set_state(widget: QWidget, name: str, value: bool) -> None:
    """Set a style-sheet property and re-polish only when it changed (re-polishing costs a relayout)."""
    if widget.property(name) != value:
        widget.setProperty(name, value)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class CheckPanel(QWidget):
    """Shows the findings of the latest check.

    Signals:
        finding_activated(object): the clerk double-clicked or pressed Enter on a finding.
    """

    finding_activated = Signal(object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setObjectName("checkSummary")
        self.model = FindingsModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 4)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)  # 位置: as wide as its longest text
        header.setStretchLastSection(True)
        self.view.activated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 2)
        layout.setSpacing(2)
        layout.addWidget(self.summary)
        self.summary.hide()  # the dock's title and the status bar say it (room for one more finding)
        layout.addWidget(self.view)

    def show_findings(self, report: Report, findings: list[Finding]) -> None:
        self.model.set_findings(report, findings)
        text = verdict(findings)
        self.summary.setText(text if findings else "✔ 通过：没有发现问题")
        set_state(self.summary, "failing", text.startswith("✘"))

    def _activated(self, index: QModelIndex) -> None:
        self.finding_activated.emit(index.data(FindingRole))
