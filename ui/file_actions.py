"""File menu actions: new, open, save, save as, import, export, recent files, last year's report.

Import (other than our JSON) and export run in a worker thread so the window stays responsive.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QThreadPool, Signal

from app.errors import AppError
from app.report import new_report
from app.report_json import save_report_json
from ui.worker import Task

log = logging.getLogger(__name__)
_DESCRIPTIONS = {".json": "年报文件", ".docx": "Word 文档", ".docm": "Word 启用宏的文档", ".doc": "Word 97-2003 文档",
                 ".wps": "WPS 文字文档", ".xlsx": "Excel 工作簿", ".txt": "纯文本", ".pdf": "PDF 文件",
                 ".html": "网页，仅 HTML", ".htm": "网页，仅 HTML", ".mhtml": "网页，单个文件", ".mht": "网页，单个文件"}


def _message_box():
    """QMessageBox, and below QFileDialog: loaded when a dialog is first shown, as their classes and enums
    (~1.7 ms together) would otherwise be set up while the window opens its first report."""
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415
    return QMessageBox


def _file_dialog():
    from PySide6.QtWidgets import QFileDialog  # noqa: PLC0415 - see _message_box
    return QFileDialog


def __getattr__(name: str):
    """The dialogs, imported on first use (kept off start-up)."""
    if name == "NewReportDialog":
        from ui import dialogs  # noqa: PLC0415
        return getattr(dialogs, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def file_filter(suffixes: list[str]) -> str:
    parts = [f"{_DESCRIPTIONS.get(s, s.lstrip('.') + ' 文件')} (*{s})" for s in suffixes]
    everything = " ".join(f"*{s}" for s in suffixes)
    return ";;".join([f"所有支持的文件 ({everything})", *parts])


DEFAULT_EXPORT = ".docx"


def with_chosen_suffix(path: Path, chosen_filter: str) -> Path:
    """A name typed without an extension gets the one of the chosen filter (.docx for 所有支持的文件)."""
    if path.suffix:
        return path
    patterns = chosen_filter.rpartition("(")[2].rstrip(")").split()
    suffix = patterns[0].lstrip("*") if len(patterns) == 1 else DEFAULT_EXPORT
    return path.with_name(path.name + suffix)


def _import(path: Path):
    from app.formats import import_report  # noqa: PLC0415 - format modules load on first use
    return import_report(path)


def _import_clipboard(html: str, text: str):
    from app.read.clipboard import import_clipboard  # noqa: PLC0415 - the HTML reader loads on first use
    return import_clipboard(html, text)


def _export(report, path: Path, docx_options: dict | None = None) -> Path:
    from app.formats import export_report  # noqa: PLC0415
    if docx_options is not None and path.suffix.lower() == ".docx":
        from app.write.docx import export_docx  # noqa: PLC0415
        export_docx(report, path, **docx_options)
    else:
        export_report(report, path)
    return path


def _suffixes(kind: str) -> list[str]:
    from app import formats, registry  # noqa: F401, PLC0415 - app.formats declares the list (no format module loads)
    return registry.import_suffixes() if kind == "import" else registry.export_suffixes()


class FileActions(QObject):
    """What the File menu does, for a window with ``session``, ``settings`` and ``autosave``.

    Signals:
        busy_changed(bool): an import or export started or finished.
        recent_changed(): the recent-files list changed.
    """

    busy_changed = Signal(bool)
    recent_changed = Signal()

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.pool = QThreadPool(self)
        self._tasks: list[Task] = []

    @property
    def session(self):
        return self.window.session

    def _error(self, title: str, exc: Exception) -> None:
        text = str(exc) if isinstance(exc, AppError) else f"发生意外错误（{type(exc).__name__}），操作未完成。"
        log.warning("%s: %r", title, exc)
        _message_box().warning(self.window, title, text)

    # --- unsaved work ----------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Ask before unsaved work is closed or replaced; False means the clerk cancelled."""
        self.window.view.commit_typing()  # a value still being typed in a cell is unsaved work too
        if not self.session.is_modified:
            return True
        box = _message_box()
        button = box.StandardButton
        answer = box.question(self.window, "保存修改", "当前报告有未保存的修改，是否先保存？",
                              button.Save | button.Discard | button.Cancel, button.Save)
        if answer == button.Save:
            return self.save()
        return answer == button.Discard

    # --- new / open / save -----------------------------------------------------------------
    def new_report(self) -> None:
        if not self.maybe_save():
            return
        from ui.dialogs import NewReportDialog  # noqa: PLC0415 - kept off start-up
        dialog = NewReportDialog(self.window.settings.organ(), self.window)
        if dialog.exec() != dialog.DialogCode.Accepted:
            return
        edition, year, organ = dialog.values()
        self.window.settings.set_organ(organ)
        self.session.set_report(new_report(edition, organ, year))

    def open_dialog(self) -> None:
        self._choose_and_load("打开报告", "open")

    def _choose_and_load(self, title: str, kind: str) -> None:
        """Ask for a report file (after offering to save unsaved work) and load it."""
        if not self.maybe_save():
            return
        name, _ = _file_dialog().getOpenFileName(self.window, title, self.window.settings.last_folder(kind),
                                                 file_filter(_suffixes("import")))
        if name:
            self.window.settings.remember_folder(kind, Path(name))
            self.load_file(Path(name))

    def open_recent(self, path: Path) -> None:
        if not path.exists():
            self._recent_missing(path)
        elif self.maybe_save():
            self.load_file(path)

    def _recent_missing(self, path: Path) -> None:
        """A recent file is gone (moved, renamed, deleted, or on a USB drive not plugged in): say so, and take it
        off the list if the clerk agrees; the report being edited stays."""
        box = _message_box()
        button = box.StandardButton
        answer = box.question(self.window, "找不到文件",
                              f"找不到“{path.name}”，它可能已被移动、改名或删除，或所在的U盘未插入。\n\n位置：{path}\n\n"
                              "是否将它从“最近打开”列表中移除？", button.Yes | button.No, button.Yes)
        if answer == button.Yes:
            self.window.settings.remove_recent(path)
            self.recent_changed.emit()

    def load_file(self, path: Path, then: Callable[[], object] | None = None) -> None:
        """Open our JSON or import any other registered format (in a worker thread); ``then()`` runs
        afterwards in the GUI thread, whether it opened or failed."""
        self._run(Task(_import, Path(path)), self._loaded, "打开失败", Path(path), then=then)

    def _loaded(self, imported, path: Path) -> None:
        """Show the opened report; an import is not unsaved work yet (its source file holds it), and its
        notes go to the notes panel, kept with the report until each is ticked."""
        own = path.suffix.lower() == ".json"
        if imported.notes:
            from app.report_notes import notes_from_import  # noqa: PLC0415
            imported.report.import_notes += notes_from_import(imported.notes)
        self.session.set_report(imported.report, path if own else None)
        self.window.settings.add_recent(path)
        self.recent_changed.emit()
        notes = len(imported.report.import_notes)
        self.window.statusBar().showMessage(f"已{'打开' if own else '导入'}：{path.name}"
                                            + (f"（{notes} 条导入说明待核对）" if notes else ""), 8000)

    def save(self) -> bool:
        path = self.session.path
        return self.save_to(path) if path is not None else self.save_as()

    def save_as(self) -> bool:
        report = self.session.report
        suggested = Path(self.window.settings.last_folder("save")) / f"{report.title or '年度报告'}.nianbao.json"
        name, _ = _file_dialog().getSaveFileName(self.window, "另存为", str(suggested), "年报文件 (*.json)")
        if not name:
            return False
        path = Path(name) if name.lower().endswith(".json") else Path(name + ".json")
        self.window.settings.remember_folder("save", path)
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        self.window.view.commit_typing()
        self.session.flush()
        try:
            save_report_json(self.session.report, path)
        except Exception as exc:  # noqa: BLE001 - any failure: say so, keep the edits and an emergency copy
            self.save_failed(exc)
            return False
        self.session.mark_saved(path)
        self.window.autosave.discard()
        self.window.settings.add_recent(path)
        self.recent_changed.emit()
        self.window.statusBar().showMessage(f"已保存：{path}", 5000)
        return True

    def save_failed(self, exc: Exception) -> None:
        """A save failed: tell the clerk in Chinese, and write the emergency copy so the work survives."""
        log.warning("save failed: %r", exc)
        reason = str(exc) if isinstance(exc, AppError) else f"报告中有无法写入文件的内容（{type(exc).__name__}）"
        copy = self.window.autosave.emergency_copy()
        kept = f"已将报告另存为应急副本：\n{copy}" if copy else "应急副本也无法写入，请勿关闭窗口，先复制重要内容。"
        _message_box().warning(self.window, "保存失败",
                               f"保存失败：{reason}\n\n窗口不会关闭，您的修改仍然保留。{kept}")

    # --- import / export -------------------------------------------------------------------
    def import_dialog(self) -> None:
        self._choose_and_load("导入报告", "import")

    def import_clipboard(self) -> None:
        """文件 › 从剪贴板导入 (Ctrl+Shift+V): a report copied from a web page (its HTML) or as text."""
        if not self.maybe_save():
            return
        from PySide6.QtGui import QGuiApplication  # noqa: PLC0415
        mime = QGuiApplication.clipboard().mimeData()
        html = mime.html() if mime is not None and mime.hasHtml() else ""
        text = mime.text() if mime is not None and mime.hasText() else ""
        self._run(Task(_import_clipboard, html, text), self._pasted, "从剪贴板导入失败")

    def _pasted(self, imported) -> None:
        """Show the pasted report (unsaved work: no file holds it) with its notes in the notes panel."""
        if imported.notes:
            from app.report_notes import notes_from_import  # noqa: PLC0415
            imported.report.import_notes += notes_from_import(imported.notes)
        self.session.set_report(imported.report, None, modified=True)
        notes = len(imported.report.import_notes)
        self.window.statusBar().showMessage("已从剪贴板导入报告" + (f"（{notes} 条导入说明待核对）" if notes else ""), 8000)

    def export_dialog(self) -> None:
        self.window.view.commit_typing()  # the value being typed is exported (and not counted as blank)
        if not self.window.confirm_blanks_before_export():
            return
        report = self.session.report
        folder = Path(self.window.settings.last_folder("export"))
        filters = file_filter(_suffixes("export"))
        default = next((f for f in filters.split(";;") if f"(*{DEFAULT_EXPORT})" in f), "")
        proposed = folder / f"{report.title or '年度报告'}{DEFAULT_EXPORT}"
        name, chosen = _file_dialog().getSaveFileName(self.window, "导出报告", str(proposed), filters, default)
        if not name:
            return
        path = with_chosen_suffix(Path(name), chosen)
        self.window.settings.remember_folder("export", path)
        self.export_to(path)

    def export_to(self, path: Path) -> None:
        options = self._closing_options(Path(path))
        self.session.flush()
        self._run(Task(_export, self.session.report.copy_report(), Path(path), options), self._exported, "导出失败")

    def _closing_options(self, path: Path) -> dict:
        """For a .docx: the 落款 as the settings say (on unless turned off; the 成文日期 set in the
        文件 menu, else the day of export)."""
        if path.suffix.lower() != ".docx":
            return {}
        settings = self.window.settings
        return {"signature": settings.signature(), "date": settings.closing_date() or None}

    def ask_closing_date(self) -> None:
        """文件 › 落款日期…: the 成文日期 for the .docx 落款 (blank: the day of export)."""
        from PySide6.QtWidgets import QInputDialog  # noqa: PLC0415
        from app.write.docx import today_text  # noqa: PLC0415
        current = self.window.settings.closing_date() or today_text()
        date, ok = QInputDialog.getText(self.window, "落款日期", "Word 文档落款的成文日期（留空则用导出当天）：", text=current)
        if ok:
            self.window.settings.set_closing_date(date.strip())

    def _exported(self, path: Path) -> None:
        self.window.statusBar().showMessage(f"已导出：{path}", 8000)

    # --- last year's report ----------------------------------------------------------------
    def attach_last_dialog(self) -> None:
        name, _ = _file_dialog().getOpenFileName(self.window, "选择上一年度的报告",
                                                 self.window.settings.last_folder("open"), file_filter(_suffixes("import")))
        if name:
            self._run(Task(_import, Path(name)), self._last_loaded, "读取上年报告失败", Path(name))

    def _last_loaded(self, imported, path: Path) -> None:
        self.session.set_last_report(imported.report, path)
        self.window.statusBar().showMessage(f"已附加上年报告：{path.name}（跨年度检查已启用）", 8000)

    def detach_last(self) -> None:
        self.session.set_last_report(None, None)

    # --- worker ------------------------------------------------------------------------------
    def _run(self, task: Task, on_done, title: str, *extra, then=None) -> None:
        self._tasks.append(task)
        task.signals.done.connect(lambda result: self._finish(task, on_done, result, *extra, then=then))
        task.signals.failed.connect(lambda exc: self._finish(task, self._error, title, exc, then=then))
        if len(self._tasks) == 1:  # busy_changed only when the state changes (the cursor is a stack)
            self.busy_changed.emit(True)
        self.pool.start(task)

    def _finish(self, task: Task, handler, *args, then=None) -> None:
        """Clear the busy state first, so it ends on every path (done, failed, a handler that fails)."""
        self._tasks.remove(task)
        if not self._tasks:
            self.busy_changed.emit(False)
        try:
            handler(*args)
        finally:
            if then is not None:
                then()

    def wait(self) -> None:
        """Block until running tasks finish (tests, closing the window)."""
        self.pool.waitForDone()
