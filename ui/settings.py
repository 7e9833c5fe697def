"""User settings in QSettings: window geometry, last folders, recent files, organ name.

Every read is typed: a value of the wrong kind (a settings file edited by hand or by another program,
e.g. ``recent/files=@Rect(1 2 3 4)``) is ignored and removed, with a note in the log.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QByteArray, QSettings

from app.paths import settings_file

log = logging.getLogger(__name__)
MAX_RECENT = 8


def _is_text(value) -> bool:
    return isinstance(value, str) and "\0" not in value


def _is_size(value) -> bool:
    """A panel size in pixels (the ini file holds it as text)."""
    return (isinstance(value, int) or (_is_text(value) and value.strip().isdigit())) and 0 <= int(value) <= 100_000


def _is_text_list(value) -> bool:
    return _is_text(value) or (isinstance(value, list) and all(_is_text(item) for item in value))


def _is_interval(value) -> bool:
    """Milliseconds between autosaves: a whole number within ``Settings.AUTOSAVE_RANGE_MS``."""
    low, high = Settings.AUTOSAVE_RANGE_MS
    return (isinstance(value, int) or (_is_text(value) and value.strip().isdigit())) and low <= int(value) <= high


class Settings:
    """Typed access to the application's QSettings: an .ini in the user's settings folder (app.paths), or the one given (tests)."""

    def __init__(self, path: Path | None = None) -> None:
        self._qs = QSettings(str(path or settings_file()), QSettings.Format.IniFormat)

    @property
    def qsettings(self) -> QSettings:
        """The underlying store, for small companions that keep their own keys (last-year links)."""
        return self._qs

    def sync(self) -> None:
        self._qs.sync()

    def _read(self, key: str, valid: Callable[[object], bool], default):
        """The stored value of ``key`` if ``valid(value)``; otherwise ``default``, and the bad value is removed."""
        try:
            value = self._qs.value(key, default)
        except Exception as exc:  # noqa: BLE001 - a value Qt cannot even convert
            value = exc
        if value is default or value is None or valid(value):
            return default if value is None else value
        log.warning("setting %s ignored and reset: unusable value %r", key, value)
        self._qs.remove(key)
        return default

    def geometry(self) -> QByteArray | None:
        return self._read("window/geometry", lambda v: isinstance(v, QByteArray), None)

    def set_geometry(self, geometry: QByteArray, state: QByteArray) -> None:
        self._qs.setValue("window/geometry", geometry)
        self._qs.setValue("window/state", state)

    AUTOSAVE_DEFAULT_MS = 5000
    AUTOSAVE_RANGE_MS = (50, 600_000)  # a setting outside this range is ignored (the default applies)

    def autosave_interval_ms(self) -> int:
        """How often the working copy is written (``autosave/interval_ms``): 5 s unless set to a whole number of
        milliseconds within ``AUTOSAVE_RANGE_MS`` (any other value is ignored and reset, like every setting)."""
        return int(self._read("autosave/interval_ms", _is_interval, self.AUTOSAVE_DEFAULT_MS))

    def set_autosave_interval_ms(self, interval: int) -> None:
        self._qs.setValue("autosave/interval_ms", int(interval))

    def window_state(self) -> QByteArray | None:
        return self._read("window/state", lambda v: isinstance(v, QByteArray), None)

    def dock_height(self) -> int | None:
        """Height (or width at a side) of the findings panel when the window was last closed."""
        value = self._read("window/dock_height", _is_size, None)
        return None if value is None else int(value)

    def dock_area(self) -> str:
        return self._read("window/dock_area", _is_text, "bottom")

    def set_dock(self, area: str, size: int) -> None:
        """Where the findings panel is docked and its height (width when docked at a side)."""
        self._qs.setValue("window/dock_area", area)
        self._qs.setValue("window/dock_height", int(size))

    def last_folder(self, kind: str) -> str:
        """Folder last used for ``kind`` (open, save, import, export); the home folder at first."""
        folder = self._read(f"folders/{kind}", _is_text, "")
        return folder if folder and Path(folder).is_dir() else str(Path.home())

    def remember_folder(self, kind: str, file: Path) -> None:
        self._qs.setValue(f"folders/{kind}", str(Path(file).parent))

    def recent_files(self) -> list[Path]:
        value = self._read("recent/files", _is_text_list, [])
        items = [value] if isinstance(value, str) else value
        return [Path(p) for p in items if p][:MAX_RECENT]

    def add_recent(self, path: Path) -> None:
        path = Path(path).resolve()
        files = [p for p in self.recent_files() if p != path]
        self._qs.setValue("recent/files", [str(p) for p in [path, *files][:MAX_RECENT]])

    def remove_recent(self, path: Path) -> None:
        path = Path(path)
        self._qs.setValue("recent/files", [str(p) for p in self.recent_files() if p != path])

    def organ(self) -> str:
        return self._read("report/organ", _is_text, "")

    def set_organ(self, organ: str) -> None:
        if organ:
            self._qs.setValue("report/organ", organ)

    def signature(self) -> bool:
        """Whether a .docx export ends with the 落款 (organ and 成文日期); on unless turned off."""
        return str(self._qs.value("export/signature", "true")).lower() == "true"

    def set_signature(self, on: bool) -> None:
        self._qs.setValue("export/signature", "true" if on else "false")

    def closing_date(self) -> str:
        """The 成文日期 for the 落款 ('' = the day of export)."""
        value = self._qs.value("export/closing_date", "")
        return value if isinstance(value, str) else ""

    def set_closing_date(self, date: str) -> None:
        self._qs.setValue("export/closing_date", date)
