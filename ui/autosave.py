"""Working copy saved every few seconds, so a crash loses at most a few seconds of typing.

The Qt side only: a timer that calls ``save_now`` of the core's ``Autosaver`` (app/working_copy.py, which
decides what is written, in which order, and how a working copy left by a crash is found, locked,
restored and discarded). The folder is given by the caller (``default_folder()`` otherwise).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from app.paths import autosave_dir
from app.report import Report
from app.working_copy import Autosaver, WorkingCopy

INTERVAL_MS = 5000


def default_folder() -> Path:
    return autosave_dir()


class Autosave(QObject):
    """The window's autosave: ``Autosaver`` on a timer (``start`` starts it, ``timer.stop`` stops it)."""

    def __init__(self, session, folder: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.saver = Autosaver(session, Path(folder or default_folder()))
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.save_now)

    @property
    def session(self):
        return self.saver.session

    @property
    def folder(self) -> Path:
        return self.saver.folder

    @property
    def own(self) -> WorkingCopy:
        return self.saver.own

    @property
    def report_file(self) -> Path:
        return self.saver.report_file

    @property
    def meta_file(self) -> Path:
        return self.saver.meta_file

    def start(self) -> None:
        self.saver.mark_current()
        self.timer.start()

    def save_now(self) -> bool:
        """Write the working copy if there are unsaved changes; returns whether it wrote."""
        return self.saver.save_now()

    def emergency_copy(self) -> Path | None:
        return self.saver.emergency_copy()

    def has_working_copy(self) -> bool:
        return self.saver.has_working_copy()

    def load_working_copy(self) -> tuple[Report, Path | None]:
        return self.saver.load_working_copy()

    def discard(self) -> None:
        self.saver.discard()

    def release(self) -> None:
        self.saver.release()
