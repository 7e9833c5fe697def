"""The list of findings as a Qt model (level, where, message) for the check panel."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.checks import Finding, Level
from app.checks.findings import LEVEL_LABELS
from app.report import Report

FindingRole = Qt.ItemDataRole.UserRole + 10
FIELD_LABELS = {"organ": "发布机关", "year": "报告年度", "title": "标题"}
_HEADERS = ("级别", "位置", "说明")
_COLOURS = {Level.ERROR: QColor("#b3261e"), Level.WARNING: QColor("#8a5a00")}


def where(report: Report, finding: Finding) -> str:
    """Where a finding points, named as the clerk reads the report."""
    if finding.table:
        table_id, row, col = finding.cell.split(".")
        return report.spec.table(table_id).cell_label(row, col)
    if finding.cell and finding.cell.startswith("sections."):
        section = report.spec.section(finding.cell.split(".", 1)[1])
        return section.title or "开头部分"
    return FIELD_LABELS.get(finding.field or "", "报告")


class FindingsModel(QAbstractTableModel):
    """Rows are findings, errors first, in check order otherwise."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []
        self._places: list[str] = []

    def set_findings(self, report: Report, findings: list[Finding]) -> None:
        ordered = sorted(findings, key=lambda f: f.level is not Level.ERROR)
        if ordered == self._findings:
            return
        self.beginResetModel()
        self._findings = ordered
        self._places = [where(report, f) for f in ordered]
        self.endResetModel()

    def finding(self, row: int) -> Finding:
        return self._findings[row]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._findings)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_HEADERS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        finding = self._findings[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            place = self._places[index.row()]
            message = finding.message.removeprefix(f"{place}：")  # the 位置 column already names it
            return (LEVEL_LABELS[finding.level], place, message)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return finding.message
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            return QBrush(_COLOURS[finding.level])
        if role == FindingRole:
            return finding
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < 3:
            return _HEADERS[section]
        return None
