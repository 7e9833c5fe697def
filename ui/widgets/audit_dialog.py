"""工具 › 批量检查与汇总: audit a folder of reports, open one, export the list, compile the totals.

The table fills in as the files are read (ui/audit_runner.py, worker processes behind a pool thread),
with a progress bar and a cancel button; the window never waits for the files. Double-clicking a row
opens that report in the main window, where its findings show as usual. 导出清单 writes the audit
list (app/write/audit_xlsx.py); 汇总为新报告 opens the cell-wise sum (app/county_sum.py) as a new,
unsaved draft.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QMessageBox, QProgressBar, QPushButton, QTableView, QVBoxLayout)

from app.audit import Audit
from app.errors import AppError
from ui import look
from ui.audit_model import AuditModel, EntryRole, SortRole
from ui.audit_runner import AuditRun
from ui.worker import Task

log = logging.getLogger(__name__)


def _write_list(audit: Audit, path: Path) -> Path:
    from app.write.audit_xlsx import write_audit_xlsx  # noqa: PLC0415 - openpyxl on first use
    write_audit_xlsx(audit, path)
    return path


class AuditDialog(QDialog):
    """Batch check and compile, for a main window with ``files``, ``session`` and ``settings``.

    Signals:
        audit_finished(object): the ``Audit`` of the folder (also when cancelled: ``complete`` is False).
        list_exported(object): the path the audit list was written to.
    """

    audit_finished = Signal(object)
    list_exported = Signal(object)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.main_window = window
        self.audit: Audit | None = None
        self.run: AuditRun | None = None
        self.pool = QThreadPool(self)
        self._tasks: list[Task] = []
        self.setWindowTitle("批量检查与汇总")
        self.resize(1100, 620)
        self._build()
        QApplication.instance().aboutToQuit.connect(self.cancel)   # quitting never waits for a whole audit

    def _build(self) -> None:
        self.folder_label = QLabel("请选择要检查的文件夹（含子文件夹中的全部报告）", self)
        self.choose_button = QPushButton("选择文件夹…", self)
        self.progress = QProgressBar(self)
        self.progress.setFormat("%v / %m")
        self.cancel_button = QPushButton("取消", self)
        self.cancel_button.setEnabled(False)
        self.model = AuditModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = self._table()
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.organ = QLineEdit(self.main_window.settings.organ(), self)
        self.organ.setPlaceholderText("汇总报告的发布机关，例如：某某县人民政府")
        self.export_button = QPushButton("导出清单…", self)
        self.sum_button = QPushButton("汇总为新报告", self)
        close_button = QPushButton("关闭", self)
        self._set_finished_buttons(False)
        self._lay_out(close_button)
        self.choose_button.clicked.connect(self.choose_folder)
        self.cancel_button.clicked.connect(self.cancel)
        self.table.doubleClicked.connect(self.open_report)
        self.export_button.clicked.connect(self.export_dialog)
        self.sum_button.clicked.connect(self.compile_draft)
        close_button.clicked.connect(self.close)

    def _table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)       # the order the files were read until a click
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        look.table(table)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((210, 170, 60, 70, 50, 50, 320)):
            table.setColumnWidth(column, width)
        return table

    def _lay_out(self, close_button: QPushButton) -> None:
        top = QHBoxLayout()
        top.addWidget(self.folder_label, 1)
        top.addWidget(self.choose_button)
        running = QHBoxLayout()
        running.addWidget(self.progress, 1)
        running.addWidget(self.cancel_button)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel("汇总报告的发布机关：", self))
        bottom.addWidget(self.organ, 1)
        bottom.addWidget(self.sum_button)
        bottom.addWidget(self.export_button)
        bottom.addWidget(close_button)
        layout = QVBoxLayout(self)
        for part in (top, running):
            layout.addLayout(part)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(bottom)

    # --- running ---------------------------------------------------------------------------------
    def choose_folder(self) -> None:
        start = self.main_window.settings.last_folder("audit")
        name = QFileDialog.getExistingDirectory(self, "选择要检查的文件夹", start)
        if name:
            self.main_window.settings.remember_folder("audit", Path(name) / "x")
            self.start(Path(name))

    def start(self, folder: Path) -> None:
        """Audit ``folder`` (a running audit is cancelled first); rows appear as files are read."""
        self.cancel()
        self.audit, self.run = None, AuditRun(folder)
        self.model.clear()
        self.folder_label.setText(f"文件夹：{folder}")
        self.summary.setText("正在读取…")
        self.progress.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self._set_finished_buttons(False)
        signals = self.run.signals
        signals.total_known.connect(self._total_known)
        signals.entry_read.connect(self._entry_read)
        signals.finished.connect(self._finished)
        signals.failed.connect(self._failed)
        self.pool.start(self.run)

    def _current(self) -> bool:
        """Whether the signal being handled comes from the run on show (not one cancelled earlier)."""
        return self.run is not None and self.sender() is self.run.signals

    def _total_known(self, total: int) -> None:
        if self._current():
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(0)

    def _entry_read(self, entry) -> None:
        if self._current():
            self.model.add_entry(entry)
            self.progress.setValue(self.progress.value() + 1)

    def _finished(self, audit: Audit) -> None:
        if not self._current():
            return
        self.audit = audit
        self.cancel_button.setEnabled(False)
        self._set_finished_buttons(bool(audit.reports))
        lines = [] if audit.complete else [f"已取消：只读取了 {self.model.rowCount()} 个文件。"]
        lines += [f"汇总检查：{f.message}" for f in audit.findings]
        if audit.skipped:
            lines.append(f"已跳过 {len(audit.skipped)} 个不是报告的文件：{'、'.join(audit.skipped)}")
        lines.append(audit.summary())
        self.summary.setText("\n".join(lines))
        if audit.complete:
            self.progress.setValue(self.progress.maximum())
        self.audit_finished.emit(audit)

    def _failed(self, exc: Exception) -> None:
        if not self._current():
            return
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 1)
        self.summary.setText("")
        self._warn("无法检查", exc)

    def cancel(self) -> None:
        if self.run is not None and self.audit is None and not self.run.cancelled:
            self.run.cancel()
            self.cancel_button.setEnabled(False)
            self.summary.setText("正在取消…")

    def _set_finished_buttons(self, enabled: bool) -> None:
        self.export_button.setEnabled(enabled)
        self.sum_button.setEnabled(enabled)

    def _warn(self, title: str, exc: Exception) -> None:
        text = str(exc) if isinstance(exc, AppError) else f"发生意外错误（{type(exc).__name__}），操作未完成。"
        QMessageBox.warning(self, title, text)

    # --- open, export, compile ----------------------------------------------------------------
    def open_report(self, index: QModelIndex) -> None:
        """Open the double-clicked report in the main window (after offering to save unsaved work)."""
        entry = self.proxy.data(index, EntryRole)
        if entry is None:
            return
        if entry.error is not None:
            QMessageBox.information(self, "无法打开", f"{entry.file}：{entry.error}")
            return
        files = self.main_window.files
        if files.maybe_save():
            files.load_file(entry.path)
            self.main_window.activateWindow()

    def export_dialog(self) -> None:
        suggested = Path(self.main_window.settings.last_folder("export")) / "检查清单.xlsx"
        name, _ = QFileDialog.getSaveFileName(self, "导出检查清单", str(suggested), "Excel 工作簿 (*.xlsx)")
        if name:
            path = Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        task = Task(_write_list, self.audit, Path(path))
        self._tasks.append(task)
        task.signals.done.connect(self._exported)
        task.signals.failed.connect(self._export_failed)
        self.pool.start(task)

    def _exported(self, path: Path) -> None:
        self._tasks = [t for t in self._tasks if t.signals is not self.sender()]
        self.summary.setText(f"{self.summary.text()}\n检查清单已导出：{path}")
        self.list_exported.emit(path)

    def _export_failed(self, exc: Exception) -> None:
        self._tasks = [t for t in self._tasks if t.signals is not self.sender()]
        self._warn("导出失败", exc)

    def compile_draft(self) -> None:
        """Open the cell-wise sum of the readable reports as a new, unsaved draft in the main window."""
        from app.county_sum import compile_entries  # noqa: PLC0415

        audit = self.audit
        try:
            compiled = compile_entries([*audit.reports, *audit.unreadable], self.organ.text().strip(),
                                       skipped=audit.skipped)
        except AppError as exc:
            self._warn("无法汇总", exc)
            return
        files = self.main_window.files
        if not files.maybe_save():
            return
        from app.report_notes import notes_from_import  # noqa: PLC0415
        compiled.report.import_notes = notes_from_import(compiled.notes)  # the window's 导入说明 panel shows them
        self.main_window.session.set_report(compiled.report, None, modified=True)

    # --- closing -------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:
        self.cancel()
        self.pool.waitForDone(5000)
        super().closeEvent(event)

    def reject(self) -> None:
        self.cancel()
        self.pool.waitForDone(5000)
        super().reject()
