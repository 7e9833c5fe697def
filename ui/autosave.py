"""Working copy saved every few seconds, so a crash loses at most a few seconds of typing."""
from __future__ import annotations

import json
import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from app.atomic import atomic_write_bytes
from app.errors import AppError
from app.paths import autosave_dir
from app.report import Report
from app.report_json import load_report_json, save_report_json

log = logging.getLogger(__name__)
INTERVAL_MS = 5000


def default_folder() -> Path:
    return autosave_dir()


class Autosave(QObject):
    """Writes the session's report (atomically) when it changed since the last write.

    The working copy is removed when the window closes normally; if it is still there at the
    next start, the program crashed or was killed and the window offers to restore it.
    """

    def __init__(self, session, folder: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.folder = folder or default_folder()
        self.report_file = self.folder / "working.nianbao.json"
        self.meta_file = self.folder / "working.meta.json"
        self._saved_generation = session.generation
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.save_now)

    def start(self) -> None:
        self._saved_generation = self.session.generation
        self.timer.start()

    def save_now(self) -> bool:
        """Write the working copy if there are unsaved changes; returns whether it wrote."""
        session = self.session
        if session.generation == self._saved_generation or not session.is_modified:
            return False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # The file path first: a kill between the two writes then leaves the previous working copy
            # with the right path (the path rarely changes), never a newer copy with a stale path.
            meta = {"path": str(session.path) if session.path else None}
            atomic_write_bytes(self.meta_file, json.dumps(meta, ensure_ascii=False).encode("utf-8"))
            save_report_json(session.report, self.report_file)
        except (OSError, AppError) as exc:
            log.warning("autosave failed: %r", exc)
            return False
        self._saved_generation = session.generation
        return True

    def has_working_copy(self) -> bool:
        return self.report_file.is_file()

    def load_working_copy(self) -> tuple[Report, Path | None]:
        """The saved working copy and the file it belongs to (None for a report never saved)."""
        report = load_report_json(self.report_file)
        try:
            meta = json.loads(self.meta_file.read_text(encoding="utf-8"))
            path = Path(meta["path"]) if meta.get("path") else None
        except (OSError, ValueError, KeyError, TypeError):
            path = None
        return report, path

    def discard(self) -> None:
        """Remove the working copy (after a normal close, a save, or a declined restore)."""
        for file in (self.report_file, self.meta_file):
            try:
                file.unlink(missing_ok=True)
            except OSError as exc:
                log.warning("could not remove %s: %r", file, exc)
        self._saved_generation = self.session.generation
