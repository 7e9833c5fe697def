"""Working copies: the report being edited, written every few seconds so a crash loses at most a few seconds.

Every window has its own working copy (``working-<id>.nianbao.json`` with its ``.meta.json``, which names
the file the report belongs to) and, while it runs, holds the lock file beside it (app/process_lock.py: a
lock whose process is gone counts as released). At start-up only copies that no running process holds
are offered; another window's live copy is never offered nor deleted. The folder is given by the caller.

``Autosaver`` is everything of the autosave but its timer: ui/autosave.py calls ``save_now`` on each tick.
The session it saves is anything with ``report``, ``path``, ``generation`` (bumped on every change) and
``is_modified``.
"""
from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from app.atomic import atomic_write_bytes
from app.emergency import emergency_bytes, write_emergency_copy
from app.process_lock import ProcessLock
from app.report import Report
from app.report_json import load_report_json, save_report_json

log = logging.getLogger(__name__)
PREFIX = "working"   # "working.nianbao.json" is the single copy of earlier versions, offered like any other
REPORT_SUFFIX, META_SUFFIX, LOCK_SUFFIX = ".nianbao.json", ".meta.json", ".lock"


class WorkingCopy:
    """The files of one working copy and the lock that says a running process owns them."""

    def __init__(self, folder: Path, stem: str) -> None:
        self.stem = stem
        self.report_file = folder / f"{stem}{REPORT_SUFFIX}"
        self.meta_file = folder / f"{stem}{META_SUFFIX}"
        self.lock = ProcessLock(folder / f"{stem}{LOCK_SUFFIX}")

    def claim(self) -> bool:
        """Hold the lock (now or already); False while another running process (or window) holds it."""
        return self.lock.try_lock()

    def write(self, report: Report, path: Path | None) -> None:
        """Write the report and the file it belongs to, each atomically.

        The file path first: a kill between the two writes then leaves the previous working copy with the
        right path (the path rarely changes), never a newer copy with a stale path or none."""
        meta = {"path": str(path) if path else None}
        atomic_write_bytes(self.meta_file, json.dumps(meta, ensure_ascii=True).encode("utf-8"))
        try:
            save_report_json(report, self.report_file)
        except (ValueError, UnicodeError) as exc:   # text or numbers UTF-8 JSON cannot hold: escape them
            log.warning("working copy written escaped: %r", exc)
            atomic_write_bytes(self.report_file, emergency_bytes(report))

    def read(self) -> tuple[Report, Path | None]:
        """The report and the file it belongs to (None: never saved, or the meta file is unreadable)."""
        report = load_report_json(self.report_file)
        try:
            meta = json.loads(self.meta_file.read_text(encoding="utf-8"))
            path = Path(meta["path"]) if meta.get("path") else None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            path = None
        return report, path

    def remove_files(self) -> None:
        for file in (self.report_file, self.meta_file):
            try:
                file.unlink(missing_ok=True)
            except OSError as exc:
                log.warning("could not remove %s: %r", file, exc)

    def mtime(self) -> float:
        try:
            return self.report_file.stat().st_mtime
        except OSError:
            return 0.0


class Autosaver:
    """Writes the session's report (atomically) to this window's working copy when it changed.

    The working copy is removed when the window closes normally; if it is still there at the next
    start and its process is gone, the program crashed or was killed and it is offered for restoring.
    """

    def __init__(self, session, folder: Path) -> None:
        self.session = session
        self.folder = Path(folder)
        # the random bytes of secrets.token_hex, without importing hashlib (~5 ms of start-up)
        self.own = WorkingCopy(self.folder, f"{PREFIX}-{os.urandom(6).hex()}")
        self._found: WorkingCopy | None = None
        self._saved_generation = session.generation

    @property
    def report_file(self) -> Path:
        return self.own.report_file

    @property
    def meta_file(self) -> Path:
        return self.own.meta_file

    def mark_current(self) -> None:
        """The session as it is now needs no working copy (it was just opened or saved)."""
        self._saved_generation = self.session.generation

    def save_now(self) -> bool:
        """Write the working copy if there are unsaved changes; returns whether it wrote. Never raises:
        a failure is logged and the next call tries again."""
        session = self.session
        if session.generation == self._saved_generation or not session.is_modified:
            return False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if not self.own.claim():
                raise OSError(f"lock {self.own.stem} held by another process")
            self.own.write(session.report, session.path)
        except Exception as exc:  # noqa: BLE001 - called by a timer: the next tick retries
            log.warning("autosave failed: %r", exc)
            return False
        self._saved_generation = session.generation
        return True

    def emergency_copy(self) -> Path | None:
        """Write the report somewhere, whatever it holds (a save failed); the file written, or None."""
        import tempfile  # noqa: PLC0415 - only when a save failed

        folders = [self.folder, Path.home(), Path(tempfile.gettempdir())]
        return write_emergency_copy(self.session.report, folders)

    # --- working copies left by a crash ------------------------------------------------------------
    def has_working_copy(self) -> bool:
        """Is there a working copy no running process holds (the newest is claimed for restoring)?"""
        if self._found is not None:
            return self._found.report_file.is_file()
        for copy in sorted(self._candidates(), key=WorkingCopy.mtime, reverse=True):
            if copy.claim() and copy.report_file.is_file():
                self._found = copy
                return True
            if copy is not self.own:
                copy.lock.unlock()
        return False

    def _candidates(self) -> list[WorkingCopy]:
        stems = (file.name[: -len(REPORT_SUFFIX)] for file in self.folder.glob(f"{PREFIX}*{REPORT_SUFFIX}"))
        return [self.own if stem == self.own.stem else WorkingCopy(self.folder, stem) for stem in stems]

    def load_working_copy(self) -> tuple[Report, Path | None]:
        """The working copy found by ``has_working_copy`` and the file it belongs to (None: never saved).

        The restored copy becomes this window's own: it stays on disk until the window saves or closes."""
        if self._found is None and not self.has_working_copy():
            raise FileNotFoundError("no working copy")
        found = self._found
        report, path = found.read()
        if found is not self.own:
            self.own.remove_files()
            self.own.lock.unlock()
            self.own, self._found = found, None
        return report, path

    def discard(self) -> None:
        """Remove this window's working copy (after a normal close or a save)."""
        self.own.remove_files()
        self._saved_generation = self.session.generation

    def release(self) -> None:
        """The window closes normally: give up the lock (its file goes with it) after ``discard``."""
        self.own.lock.unlock()
