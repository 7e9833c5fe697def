"""The main window and ``run_app``, the entry point of the desktop application."""
from __future__ import annotations

import importlib.util
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, Qt, QTimer, QTranslator
from PySide6.QtGui import QAction, QFont, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QMenu, QMessageBox

from app.checks import Finding
from app.errors import AppError
from app.paths import RESOURCES
from app.report import Report
from ui.autosave import Autosave
from ui.file_actions import FileActions
from ui.last_year_links import links_for
from ui.report_view import ReportView
from ui.session import Session, release_undo_histories
from ui.settings import Settings
from ui.widgets.check_panel import CheckPanel, set_state, verdict

log = logging.getLogger(__name__)
APP_NAME = "政务公开年报助手"
ICON = RESOURCES / "icons" / "app.svg"
STYLE = RESOURCES / "qss" / "app.qss"
FONT_FAMILIES = ["Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC",
                 "Source Han Sans SC", "WenQuanYi Micro Hei", "Droid Sans Fallback", "SimSun", "sans-serif"]
_Btn = QMessageBox.StandardButton


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
    """One report in one window: outline and pages, check panel, menus, autosave."""

    def __init__(self, settings: Settings | None = None, autosave_folder: Path | None = None,
                 report: Report | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.session = Session(report, self)
        self.autosave = Autosave(self.session, autosave_folder, self)
        self.files = FileActions(self)
        self.view = ReportView(self.session, self)
        self.setCentralWidget(self.view)
        self.panel = CheckPanel(self)
        dock = QDockWidget("检查结果", self)
        dock.setObjectName("checkDock")
        dock.setWidget(self.panel)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        self.resizeDocks([dock], [200], Qt.Orientation.Vertical)
        self.verdict = QLabel(self)
        self.verdict.setObjectName("verdict")
        self.statusBar().addPermanentWidget(self.verdict)
        self.setAcceptDrops(True)
        self._build_menus()
        self.panel.finding_activated.connect(self.go_to)
        self.view.status_message.connect(self._status)
        self.session.findings_changed.connect(self._findings_changed)
        links_for(self.session, self.settings.qsettings)  # re-attach the last-year file remembered for each draft opened
        self.session.modified_changed.connect(self._update_title)
        self.session.report_replaced.connect(self._update_title)
        self.session.fields_changed.connect(self._update_title)
        self.files.recent_changed.connect(self._fill_recent)
        self.files.busy_changed.connect(self._busy)
        self._restore_geometry()
        self._findings_changed(self.session.findings)
        self.autosave.start()

    # --- menus ---------------------------------------------------------------------------------
    def _action(self, menu: QMenu, text: str, slot, shortcut=None) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def _build_menus(self) -> None:
        files, edit, tools = self.menuBar().addMenu("文件(&F)"), self.menuBar().addMenu("编辑(&E)"), None
        self._action(files, "新建…", self.files.new_report, QKeySequence.StandardKey.New)
        self.next_year_action = self._action(files, "新建下一年度报告…", self._new_next_year)
        self._action(files, "打开…", self.files.open_dialog, QKeySequence.StandardKey.Open)
        self.recent_menu = files.addMenu("最近打开")
        files.addSeparator()
        self._action(files, "保存", self.files.save, QKeySequence.StandardKey.Save)
        self._action(files, "另存为…", self.files.save_as, QKeySequence.StandardKey.SaveAs)
        files.addSeparator()
        self._action(files, "导入…", self.files.import_dialog, "Ctrl+I")
        self._action(files, "导出…", self.files.export_dialog, "Ctrl+E")
        files.addSeparator()
        self._action(files, "退出", self.close, QKeySequence.StandardKey.Quit)
        undo = self.session.undo_stack.createUndoAction(self, "撤销")
        undo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        redo = self.session.undo_stack.createRedoAction(self, "重做")
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit.addActions([undo, redo])
        edit.addSeparator()
        self._action(edit, "选区空白填 0", self._fill_zero_selection, "Ctrl+0")
        self._action(edit, "全部空白填 0", self.fill_all_blanks)
        self._action(edit, "合计：手工填写 / 自动计算", self._toggle_manual, "Ctrl+M")
        tools = self.menuBar().addMenu("工具(&T)")
        self._action(tools, "附加上年报告（跨年度检查）…", self._attach_last)
        self._action(tools, "取消附加上年报告", self.files.detach_last)
        self.compare_action = self._action(tools, "与上年对比…", self._show_comparison)
        for action in (self.next_year_action, self.compare_action):
            action.setEnabled(_has_new_year_actions())
        help_menu = self.menuBar().addMenu("帮助(&H)")
        self._action(help_menu, "关于", self._about)
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_files():
            action = self.recent_menu.addAction(str(path))
            action.setData(str(path))
            action.triggered.connect(self._open_recent)
        self.recent_menu.setEnabled(not self.recent_menu.isEmpty())

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

    def _about(self) -> None:
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
            cells = {(r, c): 0 for r, c in model.spec.cells()
                     if report.get(table_id, r, c) is None and not model.is_auto(r, c)}
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
        self.panel.show_findings(self.session.report, findings)
        text = verdict(findings)
        self.verdict.setText(text)
        set_state(self.verdict, "failing", text.startswith("✘"))
        self._update_title()

    def _update_title(self, *_args) -> None:
        report = self.session.report
        name = report.title or (self.session.path.name if self.session.path else "未命名报告")
        self.setWindowTitle(f"{name}[*] — {verdict(self.session.findings)} — {APP_NAME}")
        self.setWindowModified(self.session.is_modified)

    def _status(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def _busy(self, busy: bool) -> None:
        if busy:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
            self.statusBar().showMessage("正在处理文件，请稍候…")
        else:
            QApplication.restoreOverrideCursor()

    # --- window life -------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry, state = self.settings.geometry(), self.settings.window_state()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 820)
        if state is not None:
            self.restoreState(state)

    def offer_restore(self) -> bool:
        """After a crash the working copy is still there: offer to restore it."""
        if not self.autosave.has_working_copy():
            return False
        answer = QMessageBox.question(self, "恢复未保存的工作",
                                      "上次程序未正常关闭，发现自动保存的工作副本。是否恢复？\n（选择“否”将丢弃该副本）",
                                      _Btn.Yes | _Btn.No, _Btn.Yes)
        if answer != _Btn.Yes:
            self.autosave.discard()
            return False
        try:
            report, path = self.autosave.load_working_copy()
        except AppError as exc:
            QMessageBox.warning(self, "无法恢复", str(exc))
            return False
        self.session.set_report(report, path, modified=True)
        self._status("已恢复自动保存的工作副本，请记得保存。")
        return True

    def closeEvent(self, event) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.files.wait()
        self.settings.set_geometry(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.autosave.timer.stop()
        self.autosave.discard()
        event.accept()

    def dragEnterEvent(self, event) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        files = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if files and self.files.maybe_save():
            event.acceptProposedAction()
            self.files.load_file(files[0])


def _install_translations(app: QApplication) -> None:
    for folder in (RESOURCES / "translations", Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))):
        translator = QTranslator(app)
        if translator.load("qtbase_zh_CN", str(folder)):
            app.installTranslator(translator)
            return


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with Chinese standard buttons, CJK font stack, icon and style sheet."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("nianbao")
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName("nianbao")
    _install_translations(app)
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSize(10)
    app.setFont(font)
    if ICON.is_file():
        app.setWindowIcon(QIcon(str(ICON)))
    if STYLE.is_file():
        app.setStyleSheet(STYLE.read_text(encoding="utf-8"))
    return app


def run_app(path: Path | None = None) -> int:
    """Open the main window (on ``path`` if given) and run the event loop."""
    app = create_application()
    window = MainWindow()
    window.show()
    if not window.offer_restore() and path is not None:
        window.files.load_file(Path(path))
    QTimer.singleShot(0, window.raise_)
    code = app.exec()
    release_undo_histories()  # before Python tears the window down (see ui.session)
    return code
