"""Which last-year report goes with which draft: remembered per saved draft, re-attached on open.

Kept light (no importers at module level) so the main window can install it at start-up.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QSettings

from app.errors import AppError
from app.paths import user_config_dir

log = logging.getLogger(__name__)
_LINK_GROUP = "last_year"


class LastYearLinks(QObject):
    """Remembers the last-year file attached to each saved draft (its own small .ini in the user's
    settings folder, apart from ui/settings.py's window settings).

    Connects to the session: when the draft is saved its link is written; when a draft with a
    link is loaded and no last-year report is attached, that file is attached again.
    """

    def __init__(self, session, settings: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent or session)
        self._session = session
        self._report = session.report
        self._settings = settings or QSettings(str(user_config_dir() / "last-year-links.ini"),
                                               QSettings.Format.IniFormat)
        session.modified_changed.connect(self._saved)
        session.last_changed.connect(self._remember)
        session.report_replaced.connect(self._restore)

    @staticmethod
    def _key(draft: Path) -> str:
        return f"{_LINK_GROUP}/{str(Path(draft).resolve()).replace('/', '|').replace(chr(92), '|')}"

    def linked(self, draft: Path) -> Path | None:
        value = self._settings.value(self._key(draft), "")
        return Path(value) if isinstance(value, str) and value else None

    def _saved(self, modified: bool) -> None:
        """The draft was saved: link it to the attached last-year file (a file being loaded is not)."""
        session = self._session
        if session.report is not self._report:
            return  # set_report() announces the new file's clean state before report_replaced
        if not modified and session.path is not None and session.last_path is not None:
            self._settings.setValue(self._key(session.path), str(Path(session.last_path).resolve()))

    def _remember(self) -> None:
        """Last year's report attached or detached by the clerk."""
        session = self._session
        if session.path is None:
            return
        if session.last_path is None:
            self._settings.remove(self._key(session.path))
        else:
            self._settings.setValue(self._key(session.path), str(Path(session.last_path).resolve()))

    def _restore(self) -> None:
        session = self._session
        self._report = session.report
        last_path = self.linked(session.path) if session.path is not None else None
        if last_path is None or not last_path.is_file() or last_path == session.last_path:
            return
        try:
            from app.formats import import_report  # noqa: PLC0415 - importers load on demand
            session.set_last_report(import_report(last_path).report, last_path)
        except AppError as exc:
            log.warning("linked last-year report %s unreadable: %r", last_path, exc)


def links_for(session, settings: QSettings | None = None) -> LastYearLinks:
    """The session's LastYearLinks, created on first use."""
    links = session.findChild(LastYearLinks)
    return links if links is not None else LastYearLinks(session, settings)
