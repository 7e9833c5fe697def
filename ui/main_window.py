"""The main window and ``run_app``, the entry point of the desktop application.

Start-up is "frame first", then "form first" (``ui.start_up``): ``run_app`` shows the real window (title,
menus, status bar, a short "opening" note) before the core is imported; the session follows in the first
event-loop turn after the frame is painted, then the report is opened and the form (the visible page, the
findings dock still empty) shows it: ``usable``. The checks, findings, undo actions, shortcuts, review actions
and the autosave timer follow in the turn after the form is painted: ``ready``. Constructing ``MainWindow``
directly (tests, tools) builds everything at once.
"""
from __future__ import annotations

import importlib.util
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal  # not Qt: its first use sets up ~90 enums (~35 ms), after the frame
from PySide6.QtGui import QAction  # QKeySequence (~1 ms of enums) with the shortcuts, after the frame
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMenu  # QMessageBox (~1 ms) when used

from ui.application import APP_NAME, FirstPaint, create_application, set_window_icon  # noqa: F401 - re-exported
from ui.settings import Settings
from ui.window_layout import place_window, save_layout

if TYPE_CHECKING:
    from app.checks import Finding
    from app.report import Report

log = logging.getLogger(__name__)
BUSY_MESSAGE = "正在处理文件，请稍候…"
CHECKING = "正在检查…"  # the verdict while start-up shows the form before the first check
_BUILD_FALLBACK_MS = 300  # build the content even if the frame is never painted (e.g. started minimised)


class _StandardKey(str):
    """The name of a ``QKeySequence.StandardKey`` (the platform's key for 保存, 打开…), looked up when the
    shortcuts are set: the enum is not set up for the frame."""


def _new_year_actions():
    """The new-year feature (issue 8), imported on first use; None when it is not installed."""
    try:
        from ui import new_year_actions  # noqa: PLC0415 - heavy (importers), kept off start-up
    except ImportError:
        return None
    return new_year_actions


def _has_new_year_actions() -> bool:
    try:
        return importlib.util.find_spec("ui.new_year_actions") is not None
    except (ImportError, ValueError):
        return False


class MainWindow(QMainWindow):
    """One report in one window: outline and pages, check panel, menus, autosave.

    Signals:
        usable(): (``start`` only) the form shows the report opened at start-up and takes input.
        ready(): the content is built and the report to open at start-up is loaded and checked.
    """

    usable = Signal()
    ready = Signal()

    def __init__(self, settings: Settings | None = None, autosave_folder: Path | None = None,
                 report: Report | None = None, *, deferred: bool = False) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self._autosave_folder = autosave_folder
        self._session_actions: list[QAction] = []  # enabled once the session exists
        self._shortcuts: list[tuple[QAction, object]] = []
        self._printing = None                      # ui.print_actions.PrintActions, loaded on first use
        self.built = False
        self.form_shown = False  # False while a deferred start shows its note instead of the form
        self._build_frame()
        if not deferred:
            self._build_session(report)
            self._build_form()
            self._finish_content()

    @classmethod
    def start(cls, path: Path | None = None, settings: Settings | None = None,
              autosave_folder: Path | None = None) -> MainWindow:
        """Show the frame now; build the content after its first paint, then offer the autosave or open ``path``."""
        window = cls(settings, autosave_folder, deferred=True)
        window.showMaximized() if window.open_maximised else window.show()
        finish = lambda: window._finish_start(path)  # noqa: E731
        FirstPaint(window.centralWidget(), finish)
        QTimer.singleShot(_BUILD_FALLBACK_MS, window, finish)
        return window

    def _build_frame(self) -> None:
        """What the window shows before the core is loaded: menus, dock, status bar, an "opening" note."""
        placeholder = QLabel("正在打开报告…", self)
        placeholder.setProperty("alignment", 0x84)  # Qt.AlignCenter: Qt's enums load after the frame (see imports)
        self.setCentralWidget(placeholder)
        self.verdict = QLabel(self)
        self.verdict.setObjectName("verdict")
        self.statusBar().addPermanentWidget(self.verdict)
        self._build_menus()
        self.open_maximised = place_window(self, self.settings)
        self.setWindowTitle(APP_NAME)

    def _build_session(self, report: Report | None, hold_checks: bool = False) -> None:
        """The session (imports the core), its autosave and file actions; ``hold_checks``: no checks until
        ``_finish_content`` (start-up shows the form first)."""
        from ui.autosave import Autosave  # noqa: PLC0415 - the core loads after the frame is shown
        from ui.file_actions import FileActions  # noqa: PLC0415
        from ui.last_year_links import links_for  # noqa: PLC0415
        from ui.session import Session  # noqa: PLC0415

        self.session = Session(report, self, hold_checks=hold_checks)
        self.autosave = Autosave(self.session, self._autosave_folder, self)
        self.files = FileActions(self)
        links_for(self.session, self.settings.qsettings)  # re-attach the last-year file remembered for each draft opened

    def _build_form(self, hold: bool = False) -> None:
        """Everything that shows or edits the session: pages, findings and notes docks, undo, shortcuts; with
        ``hold`` the form stays hidden (the frame's note shows) until a report is opened (``_show_form``)."""
        from ui import look  # noqa: PLC0415
        from ui.report_view import ReportView  # noqa: PLC0415
        from ui.widgets.check_panel import CheckPanel  # noqa: PLC0415
        from ui.window_panels import WindowPanels  # noqa: PLC0415

        self.view = ReportView(self.session, self)
        self.panel = CheckPanel(self)
        look.verdict_label(self.verdict)  # after the frame: its bold font loads with the form's headings
        self.panels = WindowPanels(self)  # the findings and notes docks
        if hold:
            self.view.hide()
            self.dock.hide()
        else:
            self._show_form()
        self.setAcceptDrops(True)
        self.panel.finding_activated.connect(self.go_to)
        self.view.status_message.connect(self._status)
        self.session.findings_changed.connect(self._findings_changed)
        self.session.modified_changed.connect(self._update_title)
        self.session.report_replaced.connect(self._update_title)
        self.session.report_replaced.connect(self._show_form)
        self.session.fields_changed.connect(self._update_title)
        self.files.recent_changed.connect(self._fill_recent)
        self.files.busy_changed.connect(self._busy)
        self.built = True
        for action in self._session_actions:
            action.setEnabled(True)

    def _finish_content(self) -> None:
        """After the form: undo actions, shortcuts, review actions, recent files, the (held) checks and their
        findings, autosave."""
        from ui.review_actions import ReviewActions  # noqa: PLC0415

        self._add_undo_actions()
        self._set_shortcuts()
        self.reviews = ReviewActions(self)
        self.view.watch_text_drops()
        self._fill_recent()
        self.session.release_checks()
        self._findings_changed(self.session.findings)
        self.autosave.timer.setInterval(self.settings.autosave_interval_ms())
        self.autosave.start()
        set_window_icon()

    def _finish_start(self, path: Path | None) -> None:
        """The turn after the frame's first paint: restore a crashed session, open ``path`` or show a new
        report (``ui.start_up``)."""
        if not hasattr(self, "session"):
            from ui.start_up import StartUp  # noqa: PLC0415 - loaded with the content
            StartUp(self, path)

    def _show_form(self) -> None:
        if self.form_shown:
            return
        self.form_shown = True
        self.setCentralWidget(self.view)  # deletes the frame's note
        self.view.show()
        self.dock.show()
        self._findings_changed(self.session.findings)
        self.panels.notes_open_changed(self.notes.open_count())

    # --- menus ---------------------------------------------------------------------------------
    def _action(self, menu: QMenu, text: str, slot, shortcut=None) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        if shortcut is not None:  # set with the content: QKeySequence sets up Qt's enums (~35 ms)
            self.shortcut_later(action, shortcut)
        return action

    def shortcut_later(self, action: QAction, keys: str) -> None:
        """Give ``action`` the shortcut ``keys`` with the menus' shortcuts, once the form is usable."""
        self._shortcuts.append((action, keys))

    def _set_shortcuts(self) -> None:
        from PySide6.QtGui import QKeySequence  # noqa: PLC0415 - see the imports

        for action, shortcut in self._shortcuts:
            standard = isinstance(shortcut, _StandardKey)
            action.setShortcut(QKeySequence(getattr(QKeySequence.StandardKey, shortcut) if standard else shortcut))

    def _files_slot(self, name: str):
        return lambda: getattr(self.files, name)()

    def _print_slot(self, name: str):
        return lambda: getattr(self.printing(), name)()

    def printing(self):
        """The print/PDF/copy actions (QtPrintSupport loads on first use, not at start-up)."""
        if self._printing is None:
            from ui.print_actions import PrintActions  # noqa: PLC0415
            self._printing = PrintActions(self)
        return self._printing

    def _session_action(self, menu: QMenu, text: str, slot, shortcut=None) -> QAction:
        action = self._action(menu, text, slot, shortcut)
        action.setEnabled(self.built)
        self._session_actions.append(action)
        return action

    def _build_menus(self) -> None:
        files, edit = self.menuBar().addMenu("文件(&F)"), self.menuBar().addMenu("编辑(&E)")
        act, slot, new_year = self._session_action, self._files_slot, _has_new_year_actions()
        act(files, "新建(&N)…", slot("new_report"), _StandardKey("New"))
        self.next_year_action = (act if new_year else self._action)(files, "新建下一年度报告(&Y)…", self._new_next_year)
        act(files, "打开(&O)…", slot("open_dialog"), _StandardKey("Open"))
        self.recent_menu = files.addMenu("最近打开(&R)")
        self.recent_menu.setEnabled(False)
        files.addSeparator()
        act(files, "保存(&S)", slot("save"), _StandardKey("Save"))
        act(files, "另存为(&A)…", slot("save_as"), _StandardKey("SaveAs"))
        files.addSeparator()
        act(files, "导入(&I)…", slot("import_dialog"), "Ctrl+I")
        act(files, "从剪贴板导入(&V)", slot("import_clipboard"), "Ctrl+Shift+V")
        act(files, "导出(&E)…", slot("export_dialog"), "Ctrl+E")
        act(files, "导出检查结果(&J)…", self._export_findings)
        act(files, "导出 PDF(&F)…", self._print_slot("export_pdf_dialog"))
        act(files, "复制为网页表格(&W)", self._print_slot("copy_web_tables"), "Ctrl+Shift+C")
        act(files, "打印预览(&K)…", self._print_slot("print_preview"))
        act(files, "打印(&P)…", self._print_slot("print_report"), _StandardKey("Print"))
        self.signature_action = files.addAction("Word 文档末尾加落款（发布机关、成文日期）(&L)")
        self.signature_action.setCheckable(True)
        self.signature_action.setChecked(self.settings.signature())
        self.signature_action.toggled.connect(self.settings.set_signature)
        act(files, "落款日期(&D)…", slot("ask_closing_date"))
        files.addSeparator()
        self._action(files, "退出(&X)", self.close, _StandardKey("Quit"))
        self.edit_menu = edit
        act(edit, "选区空白填 0(&Z)", self._fill_zero_selection, "Ctrl+0")
        act(edit, "全部空白填 0(&B)", self.fill_all_blanks)
        act(edit, "合计：手工填写 / 自动计算(&M)", self._toggle_manual, "Ctrl+M")
        self.view_menu = self.menuBar().addMenu("视图(&V)")  # filled with the content (panels)
        tools = self.menuBar().addMenu("工具(&T)")
        act(tools, "附加上年报告（跨年度检查）(&L)…", self._attach_last)
        act(tools, "取消附加上年报告(&D)", slot("detach_last"))
        self.compare_action = (act if new_year else self._action)(tools, "与上年对比(&C)…", self._show_comparison)
        for action in (self.next_year_action, self.compare_action):
            action.setEnabled(new_year and self.built)
        tools.addSeparator()
        act(tools, "批量检查与汇总(&B)…", self._batch_audit)
        help_menu = self.menuBar().addMenu("帮助(&H)")
        self._action(help_menu, "关于(&A)", self._about)

    def _add_undo_actions(self) -> None:
        from PySide6.QtGui import QKeySequence  # noqa: PLC0415 - see the imports

        undo = self.session.undo_stack.createUndoAction(self, "撤销(&U)")
        undo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        redo = self.session.undo_stack.createRedoAction(self, "重做(&R)")
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        first = self.edit_menu.actions()[0]
        self.edit_menu.insertActions(first, [undo, redo])
        self.edit_menu.insertSeparator(first)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_files():
            action = self.recent_menu.addAction(str(path))
            action.setData(str(path))
            action.triggered.connect(self._open_recent)
        self.recent_menu.setEnabled(self.built and not self.recent_menu.isEmpty())

    def _open_recent(self) -> None:
        self.files.open_recent(Path(self.sender().data()))

    def _new_next_year(self) -> None:
        module = _new_year_actions()
        if module is not None:
            module.new_next_year(self)

    def _show_comparison(self) -> None:
        module = _new_year_actions()
        if module is not None:
            module.show_comparison(self)

    def _attach_last(self) -> None:
        module = _new_year_actions()
        if module is not None and hasattr(module, "attach_last_year"):
            module.attach_last_year(self)
        else:
            self.files.attach_last_dialog()

    def _export_findings(self) -> None:
        self.reviews.export_list()

    def _batch_audit(self) -> None:
        """工具 › 批量检查与汇总 (issue 17): one non-modal dialog, raised again when already open."""
        from ui.widgets.audit_dialog import AuditDialog  # noqa: PLC0415 - kept off start-up
        if getattr(self, "audit_dialog", None) is None:
            self.audit_dialog = AuditDialog(self)
        self.audit_dialog.show()
        self.audit_dialog.activateWindow()
        if self.audit_dialog.run is None:
            self.audit_dialog.choose_folder()

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 - off the frame's path
        QMessageBox.about(self, "关于", f"{APP_NAME}\n起草、检查并发布《政府信息公开工作年度报告》。")

    # --- edits ---------------------------------------------------------------------------------
    def _fill_zero_selection(self) -> None:
        editor = self.view.current_table()
        if editor is not None:
            editor.fill_zero()

    def _toggle_manual(self) -> None:
        editor = self.view.current_table()
        if editor is not None:
            editor.toggle_manual_at_current()

    def blank_cells(self) -> dict[str, dict[tuple[str, str], int]]:
        """Blank cells the clerk can fill, by table (auto totals are left to the sums)."""
        report, blanks = self.session.report, {}
        for table_id, model in self.session.models.items():
            skip = report.spec.not_applicable_cells(report.organ)    # 「/」 there: not for filling
            cells = {(r, c): 0 for r, c in model.spec.cells() if report.get(table_id, r, c) is None
                     and not model.is_auto(r, c) and model.ref(r, c) not in skip}
            if cells:
                blanks[table_id] = cells
        return blanks

    def fill_all_blanks(self) -> int:
        """Fill every blank cell with 0 as one undo step; returns how many."""
        blanks = self.blank_cells()
        stack = self.session.undo_stack
        stack.beginMacro("全部空白填 0")
        for table_id, cells in blanks.items():
            self.session.models[table_id].edit_cells(cells, "全部空白填 0")
        stack.endMacro()
        self.session.flush()
        count = sum(len(c) for c in blanks.values())
        self._status(f"已将 {count} 个空白单元格填为 0")
        return count

    def confirm_blanks_before_export(self) -> bool:
        """The format wants 0, not blank: offer to fill blanks before exporting."""
        count = sum(len(c) for c in self.blank_cells().values())
        if not count:
            return True
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 - off the frame's path
        box = QMessageBox(QMessageBox.Icon.Question, "有空白单元格",
                          f"表格中有 {count} 个空白单元格。按规定没有数据应填 0，而不是留空。", parent=self)
        fill = box.addButton("填 0 后导出", QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton("保留空白导出", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(fill)
        box.exec()
        if box.clickedButton() is fill:
            self.fill_all_blanks()
            return True
        return box.clickedButton() is keep

    # --- findings and title ----------------------------------------------------------------
    def go_to(self, finding: Finding) -> None:
        self.view.go_to(finding)

    def _findings_changed(self, findings: list) -> None:
        from ui import look  # noqa: PLC0415 - loaded with the content
        self.panel.show_findings(self.session.report, findings)
        text = self._verdict(findings) if self.form_shown else ""
        self.verdict.setText(text)
        self.dock.setWindowTitle(f"检查结果：{text}")
        look.show_failing(self.verdict, text.startswith("✘"))
        self._update_title()

    def _verdict(self, findings: list) -> str:
        """✔ 通过 or the counts; 正在检查… while start-up shows the form before the first check."""
        from ui.widgets.check_panel import verdict  # noqa: PLC0415 - loaded with the content
        return CHECKING if self.session.checks_held else verdict(findings, self.session.report.reviews)

    def _update_title(self, *_args) -> None:
        if not self.form_shown:
            return
        report = self.session.report
        name = report.title or (self.session.path.name if self.session.path else "未命名报告")
        self.setWindowTitle(f"{name}[*] — {self._verdict(self.session.findings)} — {APP_NAME}")
        self.setWindowModified(self.session.is_modified)

    def _status(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def _busy(self, busy: bool) -> None:
        from PySide6.QtCore import Qt  # noqa: PLC0415
        if busy:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
            self.statusBar().showMessage(BUSY_MESSAGE)
        else:
            QApplication.restoreOverrideCursor()
            if self.statusBar().currentMessage() == BUSY_MESSAGE:
                self.statusBar().clearMessage()

    # --- window life -------------------------------------------------------------------------
    def offer_restore(self) -> bool:
        """After a crash the working copy is still there: offer to restore it (says what it holds)."""
        from ui.start_up import offer_restore  # noqa: PLC0415 - loaded with the content
        return offer_restore(self)

    def closeEvent(self, event) -> None:
        if not self.built:  # closed while the content was still being built: nothing to save
            self.settings.set_geometry(self.saveGeometry(), self.settings.window_state() or self.saveState())
            event.accept()
            return
        try:
            closing = self.files.maybe_save()
        except Exception as exc:  # noqa: BLE001 - no failure may close the window over unsaved edits
            self.files.save_failed(exc)
            closing = False
        if not closing:
            event.ignore()
            return
        self._close_down(event)

    def _close_down(self, event) -> None:
        """The edits are saved or given up: remember the layout, remove the working copy, close."""
        self.files.wait()
        save_layout(self, self.dock, self.settings)
        self.settings.sync()
        self.autosave.timer.stop()
        self.autosave.discard()
        self.autosave.release()
        event.accept()

    def dragEnterEvent(self, event) -> None:
        if self.built and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        files = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if files and self.built and self.files.maybe_save():
            event.acceptProposedAction()
            self.files.load_file(files[0])


def run_app(path: Path | None = None) -> int:
    """Open the main window (on ``path`` if given) and run the event loop."""
    app = create_application()
    window = MainWindow.start(Path(path) if path is not None else None)
    QTimer.singleShot(0, window.raise_)
    code = app.exec()
    from ui.session import release_undo_histories  # noqa: PLC0415 - loaded with the content by now
    release_undo_histories()  # before Python tears the window down (see ui.session)
    return code
