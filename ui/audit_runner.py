"""Run an audit of a folder off the GUI thread: each file's entry arrives as a signal while the rest are read.

The audit itself (app.audit.audit_folder) reads the files in worker processes; this runnable only
waits for it on a pool thread, so the window never freezes, and cancelling stops it within moments.
"""
from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from app.audit import audit_folder

log = logging.getLogger(__name__)


class AuditSignals(QObject):
    """Signals of an audit run (queued to the GUI thread).

    Signals:
        total_known(int): how many report files will be read.
        entry_read(object): one file's ``AuditEntry``.
        finished(object): the whole ``Audit`` (``complete`` is False when cancelled).
        failed(object): the exception that stopped it (an AppError says why in Chinese).
    """

    total_known = Signal(int)
    entry_read = Signal(object)
    finished = Signal(object)
    failed = Signal(object)


class AuditRun(QRunnable):
    """``audit_folder(folder)`` on a pool thread, keeping each report (for 汇总为新报告)."""

    def __init__(self, folder: Path, last_folder: Path | None = None) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.folder, self.last_folder = Path(folder), last_folder
        self.signals = AuditSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            audit = audit_folder(self.folder, self.last_folder, keep_reports=True,
                                 on_total=self.signals.total_known.emit, on_entry=self.signals.entry_read.emit,
                                 cancelled=self._cancel.is_set)
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which shows AppErrors
            log.warning("audit of %s failed: %r", self.folder, exc)
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(audit)
