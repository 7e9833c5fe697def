"""Run a slow function (import, export) in the thread pool and report back in the GUI thread."""
from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtCore import QObject, QRunnable, Signal

log = logging.getLogger(__name__)


class TaskSignals(QObject):
    """Signals of a task (queued to the GUI thread).

    Signals:
        done(object): the function's result.
        failed(object): the exception it raised.
    """

    done = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    """``func(*args)`` on a worker thread; the result or exception arrives through ``signals``."""

    def __init__(self, func: Callable, *args) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.func, self.args = func, args
        self.signals = TaskSignals()

    def run(self) -> None:
        try:
            result = self.func(*self.args)
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which shows AppErrors
            log.debug("task failed: %r", exc)
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)
