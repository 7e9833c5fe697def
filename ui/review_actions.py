"""Explaining findings and exporting the reviewer's list, for the main window, panel and table editors.

「已核实，附说明…」 asks for a reason (required) and records it as one undo step; 「撤销说明」 takes it
back. 文件 › 导出检查结果… writes the findings list (.docx or .xlsx) via app.write.findings_rows.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from app.errors import AppError
from app.reviews import review_for
from app.write.findings_rows import list_title, place, write_findings

log = logging.getLogger(__name__)
_LIST_FILTERS = {"Word 文档 (*.docx)": "docx", "Excel 工作簿（可筛选） (*.xlsx)": "xlsx"}


def ask_reason(parent, where: str, message: str, current: str = "") -> str | None:
    """The clerk's reason for keeping a finding; asks again while it is empty; None when cancelled."""
    prompt = f"{where}\n{message}\n\n请写明核实情况（必填）："
    while True:
        text, ok = QInputDialog.getMultiLineText(parent, "已核实，附说明", prompt, current)
        if not ok:
            return None
        if text.strip():
            return text.strip()
        prompt = f"{where}\n{message}\n\n说明不能为空，请写明核实情况："


def explain_finding(parent, session, finding) -> bool:
    """Ask for a reason and keep ``finding`` with it (one undo step); False when cancelled."""
    current = review_for(session.report.reviews, finding)
    where = place(session.report, finding)
    reason = ask_reason(parent, where, finding.message.removeprefix(f"{where}："), current.reason if current else "")
    if reason is None:
        return False
    session.explain(finding, reason)
    session.flush()
    return True


def unexplain_finding(session, finding) -> None:
    session.unexplain(finding)
    session.flush()


class ReviewActions(QObject):
    """Connects the check panel's requests to the session and exports the findings list."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        window.panel.explain_requested.connect(self.explain)
        window.panel.unexplain_requested.connect(self.unexplain)

    def explain(self, finding) -> None:
        if explain_finding(self.window, self.window.session, finding):
            self.window.statusBar().showMessage("已记录说明；可用“撤销”或右键“撤销说明”取消", 8000)

    def unexplain(self, finding) -> None:
        unexplain_finding(self.window.session, finding)

    def export_list(self) -> Path | None:
        """文件 › 导出检查结果…: choose .docx or .xlsx and write the list; returns the path written."""
        session, settings = self.window.session, self.window.settings
        session.flush()
        suggested = Path(settings.last_folder("export")) / list_title(session.report)
        name, chosen = QFileDialog.getSaveFileName(self.window, "导出检查结果", str(suggested),
                                                   ";;".join(_LIST_FILTERS))
        if not name:
            return None
        kind = _LIST_FILTERS.get(chosen) or ("xlsx" if name.lower().endswith(".xlsx") else "docx")
        path = Path(name) if Path(name).suffix.lower() == f".{kind}" else Path(f"{name}.{kind}")
        try:
            write_findings(session.report, session.findings, path, kind)
        except AppError as exc:
            log.warning("findings list: %r", exc)
            QMessageBox.warning(self.window, "导出检查结果失败", str(exc))
            return None
        settings.remember_folder("export", path)
        self.window.statusBar().showMessage(f"已导出检查结果：{path}", 8000)
        return path
