"""Between the window's frame and its form: the crash-restore question, the report opened at start-up,
then the form first and the checks after it (``StartUp``).

The restore question is asked while the window still shows its "opening" note, and says what would
be restored (file, organ, year, time of the last autosave), so it never reads as lost work over an
empty form. When the file given at start-up cannot be opened, the window says so instead of showing
an empty form full of findings; the form appears with the next report (新建, 打开, 导入).

The form is built once, for the report it shows (never first for an empty one), and the checks are held
until it has been painted: the clerk sees the figures and can type (``usable``); the checks, findings and
review actions follow in the next turn (``ready``). What is typed meanwhile is checked then.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from app.errors import AppError
from app.report import Report
from ui.application import FirstPaint

_USABLE_FALLBACK_MS = 300  # finish even if the form is never painted (e.g. a minimised window)


class StartUp(QObject):
    """Restore a crashed session, open ``path`` or show a new report in a window showing its frame;
    emits the window's ``usable`` then ``ready`` (both also when the file could not be opened)."""

    def __init__(self, window, path: Path | None) -> None:
        super().__init__(window)
        self.window, self.path = window, Path(path) if path is not None else None
        self._finished = False
        window._build_session(None, hold_checks=True)
        self._blank = window.session.report
        if offer_restore(window) or self.path is None:
            self._show_form()
        else:
            window.centralWidget().setText(f"正在打开“{self.path.name}”…")
            window.files.load_file(self.path, then=self._opened)

    def _opened(self) -> None:
        if self.window.isHidden():  # closed while the file was loading: no form, no autosave for it
            return
        if self.window.session.report is not self._blank:
            self._show_form()
            return
        self.window._build_form(hold=True)  # not an empty form full of findings: the note says what failed
        self.window.centralWidget().setText(failed_open_note(self.path))
        self._finish()

    def _show_form(self) -> None:
        self.window._build_form()
        FirstPaint(self.window.view, self._finish)
        QTimer.singleShot(_USABLE_FALLBACK_MS, self, self._finish)

    def _finish(self) -> None:
        if self._finished:
            return
        self._finished = True
        self.window.usable.emit()
        self.window._finish_content()
        self.window.ready.emit()


def saved_at(file: Path) -> str:
    """When a file was last written, as the clerk reads a time (2026-01-15 16:42)."""
    from datetime import datetime  # noqa: PLC0415 - ~1-2 ms, only when a working copy is offered

    try:
        return datetime.fromtimestamp(file.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    except OSError:
        return "未知"


def restore_question(report: Report, path: Path | None, when: str) -> str:
    name = path.name if path is not None else "尚未保存的新报告"
    return ("上次程序未正常关闭，发现自动保存的工作副本：\n\n"
            f"文件：{name}\n发布机关：{report.organ or '（未填写）'}\n"
            f"年度：{report.year if report.year is not None else '（未填写）'}\n自动保存于：{when}\n\n"
            "是否恢复？（选择“否”将丢弃该副本）")


def offer_restore(window) -> bool:
    """Ask whether to restore the working copy left by a crash; restores it into the session if so."""
    autosave = window.autosave
    if not autosave.has_working_copy():
        return False
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 - ~1 ms of classes and enums, only when a copy is left
    button = QMessageBox.StandardButton
    try:
        report, path = autosave.load_working_copy()
    except AppError as exc:
        QMessageBox.warning(window, "无法恢复", f"自动保存的工作副本无法读取：{exc}")
        return False
    question = restore_question(report, path, saved_at(autosave.report_file))
    if QMessageBox.question(window, "恢复未保存的工作", question, button.Yes | button.No, button.Yes) != button.Yes:
        autosave.discard()
        return False
    window.session.set_report(report, path, modified=True)
    window.statusBar().showMessage("已恢复自动保存的工作副本，请记得保存。", 8000)
    return True


def failed_open_note(path: Path) -> str:
    return f"未能打开“{path.name}”。\n\n请用“文件 › 打开”选择其他文件，或用“文件 › 新建”开始一份新报告。"
