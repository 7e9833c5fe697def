"""The list of findings as a Qt model (level, where, message) for the check panel.

Open findings come first (errors, then warnings); findings the clerk explained follow as the
「已说明」 group: greyed, with the reason after the message.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from app.checks import Finding, Level
from app.checks.findings import LEVEL_LABELS
from app.report import Report
from app.reviews import match_reviews
from ui.brushes import brush
from ui.review_marks import REVIEWED_FG, reason_text

FindingRole = Qt.ItemDataRole.UserRole + 10
ReviewRole = Qt.ItemDataRole.UserRole + 11
EXPLAINED_LABEL = "已说明"
_HEADERS = ("级别", "位置", "说明")
_COLOURS = {Level.ERROR: "#b3261e", Level.WARNING: "#8a5a00"}


class FindingsModel(QAbstractTableModel):
    """Rows are findings: open errors, open warnings, then the explained ones (check order within)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []
        self._places: list[str] = []
        self._reviews: list = []           # the review of each row, or None

    def set_findings(self, report: Report, findings: list[Finding]) -> None:
        matched = match_reviews(findings, report.reviews)
        ordered = sorted(findings, key=lambda f: (f in matched, f.level is not Level.ERROR))
        reviews = [matched.get(f) for f in ordered]
        if ordered == self._findings and reviews == self._reviews:
            return
        from app.write.findings_rows import place  # noqa: PLC0415 - ~1 ms, loaded with the first findings (start-up)

        self.beginResetModel()
        self._findings, self._reviews = ordered, reviews
        self._places = [place(report, f) for f in ordered]
        self.endResetModel()

    def finding(self, row: int) -> Finding:
        return self._findings[row]

    def review(self, row: int):
        return self._reviews[row]

    def explained_count(self) -> int:
        return sum(1 for r in self._reviews if r is not None)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._findings)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_HEADERS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        finding, review = self._findings[index.row()], self._reviews[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(index, finding, review)
        if role == Qt.ItemDataRole.ToolTipRole:
            return finding.message + (f"\n{LEVEL_LABELS[finding.level]}，{reason_text(review)}" if review else "")
        if role == Qt.ItemDataRole.ForegroundRole and review is not None:
            return brush(REVIEWED_FG)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            return brush(_COLOURS[finding.level])
        if role == FindingRole:
            return finding
        if role == ReviewRole:
            return review
        return None

    def _display(self, index: QModelIndex, finding: Finding, review) -> str:
        place = self._places[index.row()]
        if index.column() == 0:
            return EXPLAINED_LABEL if review else LEVEL_LABELS[finding.level]
        if index.column() == 1:
            return place
        message = finding.message.removeprefix(f"{place}：")  # the 位置 column already names it
        return f"{message}　——　说明：{review.reason}" if review else message

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < 3:
            return _HEADERS[section]
        return None
