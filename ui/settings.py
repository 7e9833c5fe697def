"""User settings in QSettings: window geometry, last folders, recent files, organ name."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


class Settings:
    """Typed access to the application's QSettings (an .ini file may be given, e.g. in tests)."""

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            self._qs = QSettings("nianbao", "nianbao")
        else:
            self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def qsettings(self) -> QSettings:
        """The underlying store, for small companions that keep their own keys (last-year links)."""
        return self._qs

    def sync(self) -> None:
        self._qs.sync()

    def geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, geometry: QByteArray, state: QByteArray) -> None:
        self._qs.setValue("window/geometry", geometry)
        self._qs.setValue("window/state", state)

    def window_state(self) -> QByteArray | None:
        value = self._qs.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def dock_height(self) -> int | None:
        """Height (or width at a side) of the findings panel when the window was last closed."""
        try:
            return int(self._qs.value("window/dock_height"))
        except (TypeError, ValueError):
            return None

    def dock_area(self) -> str:
        value = self._qs.value("window/dock_area", "bottom")
        return value if isinstance(value, str) else "bottom"

    def set_dock(self, area: str, size: int) -> None:
        """Where the findings panel is docked and its height (width when docked at a side)."""
        self._qs.setValue("window/dock_area", area)
        self._qs.setValue("window/dock_height", int(size))

    def last_folder(self, kind: str) -> str:
        """Folder last used for ``kind`` (open, save, import, export); the home folder at first."""
        folder = self._qs.value(f"folders/{kind}", "")
        return folder if isinstance(folder, str) and folder and Path(folder).is_dir() else str(Path.home())

    def remember_folder(self, kind: str, file: Path) -> None:
        self._qs.setValue(f"folders/{kind}", str(Path(file).parent))

    def recent_files(self) -> list[Path]:
        value = self._qs.value("recent/files", [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [Path(p) for p in items if p]

    def add_recent(self, path: Path) -> None:
        path = Path(path).resolve()
        files = [p for p in self.recent_files() if p != path]
        self._qs.setValue("recent/files", [str(p) for p in [path, *files][:MAX_RECENT]])

    def organ(self) -> str:
        value = self._qs.value("report/organ", "")
        return value if isinstance(value, str) else ""

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
