"""新建下一年度报告, 附加上年报告 and 与上年对比: collect a file, call ``app``, show the result.

The functions take the main window (anything with a ``session`` attribute holding a
``ui.session.Session``, and usable as a dialog parent). Which last-year file goes with which draft
is remembered by ``LastYearLinks``, so opening a saved draft attaches last year's report again.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.errors import AppError
from app.formats import Imported, import_report
from app.registry import import_suffixes
from app.new_year import next_year_draft
from app.report import Report
from app.report_notes import notes_from_import
from ui.last_year_links import LastYearLinks, links_for  # noqa: F401  (re-exported)
from ui.widgets.comparison_view import ComparisonView

log = logging.getLogger(__name__)


def _ask_last_year_file(window: QWidget) -> Path | None:
    patterns = " ".join(f"*{suffix}" for suffix in import_suffixes())
    name, _ = QFileDialog.getOpenFileName(window, "选择上一年度的报告", "", f"报告文件 ({patterns})")
    return Path(name) if name else None


def _warn(window: QWidget, title: str, text: str) -> QMessageBox:
    """A non-blocking warning box (window-modal), returned so callers and tests can see it."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, window)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def _read_last_year(window: QWidget, path: Path | None, title: str) -> tuple[Path, Imported] | None:
    """Last year's file (asked for when not given) and its import; None when cancelled or unreadable."""
    path = path or _ask_last_year_file(window)
    if path is None:
        return None
    try:
        return Path(path), import_report(path)
    except AppError as exc:
        log.warning("cannot read last year's report: %r", exc)
        _warn(window, title, str(exc))
        return None


def new_next_year(window, path: Path | None = None) -> Imported | None:
    """Build this year's draft from last year's file and load it, last year's report attached."""
    session = window.session
    if not _may_replace(window):
        return None
    chosen = _read_last_year(window, path, "无法新建下一年度报告")
    if chosen is None:
        return None
    path, imported = chosen
    try:
        draft = next_year_draft(imported.report)
    except AppError as exc:
        _warn(window, "无法新建下一年度报告", f"{path.name}：{exc}")
        return None
    links_for(session)
    draft.report.import_notes = notes_from_import([*imported.notes, *draft.notes])  # the notes panel, kept
    session.set_report(draft.report, path=None, modified=True)
    session.set_last_report(imported.report, path)
    if hasattr(window, "statusBar"):
        window.statusBar().showMessage(f"已生成 {draft.report.year} 年度报告草稿：请逐条核对“导入说明”", 8000)
    return draft


def _may_replace(window) -> bool:
    """Unsaved work: the window's own save prompt when it has one, else a plain question."""
    files = getattr(window, "files", None)
    if files is not None:
        return files.maybe_save()
    if not window.session.is_modified:
        return True
    answer = QMessageBox.question(window, "新建下一年度报告", "当前报告有未保存的修改，仍要新建下一年度报告吗？"
                                  "（未保存的修改将丢失）")
    return answer == QMessageBox.StandardButton.Yes


def attach_last_year(window, path: Path | None = None) -> Report | None:
    """Attach last year's report to the current one, so the cross-year checks run live."""
    session = window.session
    links_for(session)
    chosen = _read_last_year(window, path, "无法附加上年报告")
    if chosen is None:
        return None
    path, imported = chosen
    last, this = imported.report, session.report
    if last.year is not None and this.year is not None and last.year != this.year - 1:
        _warn(window, "附加上年报告", f"{path.name} 是 {last.year} 年度的报告，本报告为 {this.year} 年度，"
                                      f"跨年度检查将以它作为上年报告，请确认选择无误")
    session.set_last_report(last, path)
    return last


def show_comparison(window) -> ComparisonView | None:
    """Open 与上年对比 (asking for last year's file first when none is attached); stays live."""
    session = window.session
    if session.last is None and attach_last_year(window) is None:
        return None
    view = ComparisonView(session.last, session.report, window)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    updater = _ComparisonUpdater(session, view)
    session.findings_changed.connect(updater.refresh)
    session.last_changed.connect(updater.refresh)
    view.show()  # not modal: the clerk can keep editing and watch the figures change
    return view


class _ComparisonUpdater(QObject):
    """Refreshes an open comparison after each re-check (owned by the view, gone with it)."""

    def __init__(self, session, view: ComparisonView) -> None:
        super().__init__(view)
        self._session, self._view = session, view

    def refresh(self, *_args) -> None:
        if self._session.last is not None:
            self._view.set_reports(self._session.last, self._session.report)
