"""The findings panel: counts by level and the list; double-click or Enter jumps to the place."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from app.checks import Finding
from app.report import Report
from app.reviews import tally, verdict_text
from ui import look
from ui.findings_model import FindingRole, FindingsModel


def verdict(findings: list[Finding], reviews=()) -> str:
    """The at-a-glance status: ✔ 通过, or the counts of errors and warnings (explained warnings apart)."""
    return verdict_text(tally(findings, list(reviews)))


class CheckPanel(QWidget):
    """Shows the findings of the latest check.

    Signals:
        finding_activated(object): the clerk double-clicked or pressed Enter on a finding.
        explain_requested(object): 「已核实，附说明…」 was chosen for a finding.
        unexplain_requested(object): 「撤销说明」 was chosen for an explained finding.
    """

    finding_activated = Signal(object)
    explain_requested = Signal(object)
    unexplain_requested = Signal(object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setObjectName("checkSummary")
        look.verdict_label(self.summary)
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
        look.table(self.view)
        self.view.activated.connect(self._activated)
        self._add_review_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 2)
        layout.setSpacing(2)
        layout.addWidget(self.summary)
        self.summary.hide()  # the dock's title and the status bar say it (room for one more finding)
        layout.addWidget(self.view)

    def _add_review_actions(self) -> None:
        """Right-click on a finding: explain it with a reason, or withdraw the explanation."""
        self.explain_action = QAction("已核实，附说明…", self.view)
        self.unexplain_action = QAction("撤销说明", self.view)
        self.explain_action.triggered.connect(self._explain_current)
        self.unexplain_action.triggered.connect(self._unexplain_current)
        self.view.addActions([self.explain_action, self.unexplain_action])
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.selectionModel().currentRowChanged.connect(self._update_review_actions)
        self.model.modelReset.connect(self._update_review_actions)
        self._update_review_actions()

    def _current_row(self) -> int | None:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else None

    def _update_review_actions(self, *_args) -> None:
        row = self._current_row()
        explained = row is not None and self.model.review(row) is not None
        self.explain_action.setEnabled(row is not None)
        self.explain_action.setText("修改说明…" if explained else "已核实，附说明…")
        self.unexplain_action.setEnabled(explained)

    def _explain_current(self) -> None:
        if (row := self._current_row()) is not None:
            self.explain_requested.emit(self.model.finding(row))

    def _unexplain_current(self) -> None:
        if (row := self._current_row()) is not None and self.model.review(row) is not None:
            self.unexplain_requested.emit(self.model.finding(row))

    def show_findings(self, report: Report, findings: list[Finding]) -> None:
        self.model.set_findings(report, findings)
        text = verdict(findings, report.reviews)
        explained = self.model.explained_count()
        if explained:
            text += f"；{explained} 个问题已说明（列在最后）"
        self.summary.setText(text if findings else "✔ 通过：没有发现问题")
        look.show_failing(self.summary, text.startswith("✘"))

    def _activated(self, index: QModelIndex) -> None:
        self.finding_activated.emit(index.data(FindingRole))
