"""Crash log: an unexpected error is written, with its traceback, to the user's log folder and the clerk
sees a Chinese message naming that file. Nothing is sent anywhere.

``install`` replaces ``sys.excepthook`` (PySide6 also hands exceptions raised in slots and overridden Qt
methods to it) and ``threading.excepthook``, and sends warnings of the program's loggers to ``nianbao.log``
in the same folder (the file is created only when something is logged). The user's log folder is looked up
(platformdirs, ~6 ms) with the first warning, not while the window's frame is being shown.
"""
from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QThread  # not Qt: its first use sets up ~90 enums (~35 ms), kept off the frame
from PySide6.QtWidgets import QApplication  # QMessageBox (~1 ms of enums) when there is an error to show

from app.paths import user_log_dir

log = logging.getLogger(__name__)
LOG_FILE_MAX_BYTES = 1_000_000  # beyond this, the log of warnings starts afresh (the old one kept as .1)
MAX_MESSAGES = 3  # an error that repeats on every repaint must not bury the window under message boxes
KEEP_LOGS = 20
LOG_FILE = "nianbao.log"
_state = {"shown": 0, "showing": False, "folder": None}


def install(folder: Path | None = None) -> None:
    """Write crash logs (and the program's warnings) to ``folder`` (default: the user's log folder)."""
    _state["folder"] = folder
    sys.excepthook = handle_exception
    threading.excepthook = _handle_thread_exception
    if folder is not None:
        _log_warnings_to_file(folder / LOG_FILE)
    elif not any(isinstance(h, _LogOnFirstWarning) for h in logging.getLogger().handlers):
        logging.getLogger().addHandler(_LogOnFirstWarning())


def log_folder() -> Path:
    return _state["folder"] or user_log_dir()


def handle_exception(exc_type, exc, tb) -> None:
    """``sys.excepthook``: write the crash log, then tell the clerk where it is (GUI thread only)."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    path = write_crash_log(exc_type, exc, tb)
    if sys.stderr is not None:  # a windowed build has no console
        traceback.print_exception(exc_type, exc, tb, file=sys.stderr)
    if _in_gui_thread():
        _show_message(path)


def _handle_thread_exception(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is not SystemExit:
        write_crash_log(args.exc_type, args.exc_value, args.exc_traceback)


def write_crash_log(exc_type, exc, tb) -> Path | None:
    """A new ``crash-<time>.log`` with the traceback and versions; None if it could not be written."""
    folder = log_folder()
    import datetime  # noqa: PLC0415 - ~5 ms, only when there is a crash to log

    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    text = "".join([f"nianbao crash {stamp}\n", _environment(), "\n",
                    *traceback.format_exception(exc_type, exc, tb)])
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{stamp}.log"
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        log.error("could not write the crash log in %s: %r", folder, error)
        return None
    _remove_old_logs(folder)
    return path


def _environment() -> str:
    from PySide6 import __version__ as pyside_version  # noqa: PLC0415

    frozen = "packaged" if getattr(sys, "frozen", False) else "source"
    return (f"python {sys.version.split()[0]} ({frozen}), PySide6 {pyside_version}, {sys.platform}, "
            f"executable {sys.executable}\n")


def _remove_old_logs(folder: Path) -> None:
    for old in sorted(folder.glob("crash-*.log"))[:-KEEP_LOGS]:
        try:
            old.unlink()
        except OSError:
            pass


def _in_gui_thread() -> bool:
    app = QApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


def _show_message(path: Path | None) -> None:
    if _state["showing"] or _state["shown"] >= MAX_MESSAGES:
        return
    _state["showing"], _state["shown"] = True, _state["shown"] + 1
    where = f"错误详情已记录在：\n{path}" if path else f"错误详情无法写入日志文件夹 {log_folder()}。"
    text = (f"程序出现意外错误。{where}\n\n"
            "自动保存的工作副本不受影响。建议先保存报告，再重新启动程序；"
            "如问题重复出现，请把上述日志文件交给技术支持人员。日志只保存在本机，不会自动发送。")
    from PySide6.QtCore import Qt  # noqa: PLC0415 - see the imports above
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

    try:
        box = QMessageBox(QMessageBox.Icon.Critical, "程序错误", text, QMessageBox.StandardButton.Ok,
                          QApplication.activeWindow())
        box.setTextInteractionFlags(box.textInteractionFlags() | Qt.TextInteractionFlag.TextSelectableByMouse)
        box.exec()
    finally:
        _state["showing"] = False


class _LogOnFirstWarning(logging.Handler):
    """The log of warnings in the user's log folder, which is looked up (and an oversized log set aside)
    when the first warning comes."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self._file: logging.Handler | None = None
        self._opened = False

    def emit(self, record: logging.LogRecord) -> None:
        if not self._opened:  # under the handler's lock (logging.Handler.handle)
            self._opened = True
            self._file = _log_file(log_folder() / LOG_FILE)
        if self._file is not None:
            self._file.handle(record)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def _log_warnings_to_file(path: Path) -> None:
    root = logging.getLogger()
    if any(getattr(h, "baseFilename", None) == os.path.abspath(path) for h in root.handlers):
        return
    handler = _log_file(path)
    if handler is not None:
        root.addHandler(handler)


def _log_file(path: Path) -> logging.Handler | None:
    """A handler writing warnings to ``path`` (an oversized one is kept as .1); None if its folder cannot be made."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_file() and path.stat().st_size > LOG_FILE_MAX_BYTES:
            os.replace(path, path.with_name(path.name + ".1"))
    except OSError as error:
        log.debug("no log file in %s: %r", path.parent, error)
        return None
    # logging.FileHandler rather than logging.handlers (~20 ms of start-up); the file appears on the first warning
    handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    return handler
