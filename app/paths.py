"""Locations: the files shipped with the program and the user's own folders.

Shipped files (editions, templates, resources, sample) are read-only: beside the code in a checkout, inside
the bundle's folder in a packaged build (PyInstaller's ``sys._MEIPASS``). What the program writes (settings,
autosave, logs) goes to the user's folders from platformdirs, never beside the executable, so an install
under /opt or ``Program Files`` may be read-only.
"""
from __future__ import annotations

import sys
from pathlib import Path

APP_DIR_NAME = "nianbao"


def _shipped_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)  # set by a PyInstaller build: the folder holding the data files
    return Path(bundle) if bundle else Path(__file__).resolve().parent.parent


ROOT = _shipped_root()
TEMPLATES = ROOT / "templates"
EDITIONS_DIR = TEMPLATES / "editions"
EXPORT_TEMPLATES = TEMPLATES / "export"
RESOURCES = ROOT / "resources"
SAMPLE_REPORT = RESOURCES / "samples" / "2020_huashan_town.txt"
SAMPLE_REPORT_JSON = RESOURCES / "samples" / "2020_huashan_town.json"


def user_config_dir() -> Path:
    """Settings (Linux ~/.config/nianbao, Windows %LOCALAPPDATA%\\nianbao)."""
    import platformdirs  # noqa: PLC0415 - only the GUI needs it, off the CLI's start-up

    return platformdirs.user_config_path(APP_DIR_NAME, appauthor=False)


def user_data_dir() -> Path:
    """Program data of this user (Linux ~/.local/share/nianbao, Windows %LOCALAPPDATA%\\nianbao)."""
    import platformdirs  # noqa: PLC0415

    return platformdirs.user_data_path(APP_DIR_NAME, appauthor=False)


def user_log_dir() -> Path:
    """Logs and crash logs (Linux ~/.local/state/nianbao/log, Windows %LOCALAPPDATA%\\nianbao\\Logs)."""
    import platformdirs  # noqa: PLC0415

    return platformdirs.user_log_path(APP_DIR_NAME, appauthor=False)


def settings_file() -> Path:
    """The window settings (.ini): geometry, last folders, recent files."""
    return user_config_dir() / "settings.ini"


def autosave_dir() -> Path:
    """Where the working copy is saved every few seconds."""
    return user_data_dir() / "autosave"
