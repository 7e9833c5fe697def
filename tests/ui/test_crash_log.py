"""A crash in the GUI leaves a log with the traceback in the user's log folder and tells the clerk where."""
from __future__ import annotations

import logging
import sys
import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from ui import crash_log


@pytest.fixture
def crash_folder(tmp_path, monkeypatch):
    """crash_log installed for one test, writing to tmp_path; every hook and handler restored afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(logging.getLogger(), "handlers", list(logging.getLogger().handlers))
    monkeypatch.setitem(crash_log._state, "shown", 0)
    monkeypatch.setitem(crash_log._state, "folder", None)
    folder = tmp_path / "logs"
    crash_log.install(folder)
    return folder


def _close_message_when_shown(seen: list[str], tries: int = 50) -> None:
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()
    elif tries:
        QTimer.singleShot(20, lambda: _close_message_when_shown(seen, tries - 1))


def _explode() -> None:
    raise RuntimeError("boom in a slot")


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_writes_a_crash_log_and_shows_its_path(qtbot, crash_folder):
    button = QPushButton("导出")
    qtbot.add_widget(button)
    button.clicked.connect(_explode)
    seen: list[str] = []
    QTimer.singleShot(20, lambda: _close_message_when_shown(seen))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    logs = list(crash_folder.glob("crash-*.log"))
    assert len(logs) == 1
    text = logs[0].read_text(encoding="utf-8")
    assert "RuntimeError: boom in a slot" in text and "_explode" in text  # the traceback
    assert len(seen) == 1
    assert "程序出现意外错误" in seen[0] and str(logs[0]) in seen[0] and "不会自动发送" in seen[0]


@pytest.mark.qt_no_exception_capture
def test_repeated_errors_are_all_logged_but_only_a_few_messages_shown(qtbot, crash_folder):
    seen: list[str] = []
    for _ in range(crash_log.MAX_MESSAGES + 2):
        QTimer.singleShot(20, lambda: _close_message_when_shown(seen))
        try:
            _explode()
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    assert len(list(crash_folder.glob("crash-*.log"))) == crash_log.MAX_MESSAGES + 2
    assert len(seen) == crash_log.MAX_MESSAGES
    qtbot.wait(100)  # let the timers armed for the boxes that were not shown run out


def test_exception_in_a_worker_thread_is_logged_without_a_message(qtbot, crash_folder):
    worker = threading.Thread(target=_explode)
    worker.start()
    worker.join()
    logs = list(crash_folder.glob("crash-*.log"))
    assert len(logs) == 1 and "boom in a slot" in logs[0].read_text(encoding="utf-8")
    assert QApplication.activeModalWidget() is None


def test_warnings_of_the_program_go_to_the_log_file(crash_folder):
    logging.getLogger("ui.autosave").warning("autosave failed: disk full")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "autosave failed: disk full" in (crash_folder / "nianbao.log").read_text(encoding="utf-8")


def test_an_oversized_log_of_warnings_starts_afresh(tmp_path, monkeypatch, crash_folder):
    folder = tmp_path / "big"
    folder.mkdir()
    (folder / "nianbao.log").write_bytes(b"x" * (crash_log.LOG_FILE_MAX_BYTES + 1))
    crash_log.install(folder)
    assert not (folder / "nianbao.log").exists()
    assert (folder / "nianbao.log.1").stat().st_size == crash_log.LOG_FILE_MAX_BYTES + 1


def test_the_user_log_folder_is_looked_up_with_the_first_warning_not_at_start_up(tmp_path, monkeypatch):
    """Installed without a folder (the application): no log folder is looked up (platformdirs) or made
    while the window starts; the first warning finds it, sets an oversized log aside and is written."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(logging.getLogger(), "handlers", list(logging.getLogger().handlers))
    monkeypatch.setitem(crash_log._state, "folder", None)
    folder, looked_up = tmp_path / "user-logs", []
    monkeypatch.setattr(crash_log, "user_log_dir", lambda: looked_up.append(1) or folder)
    crash_log.install()
    crash_log.install()  # a second install adds no second log
    assert looked_up == [] and not folder.exists()
    folder.mkdir()
    (folder / "nianbao.log").write_bytes(b"x" * (crash_log.LOG_FILE_MAX_BYTES + 1))

    logging.getLogger("ui.autosave").warning("autosave failed: disk full")
    logging.getLogger("ui.session").warning("second warning")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert looked_up == [1]
    text = (folder / "nianbao.log").read_text(encoding="utf-8")
    assert "autosave failed: disk full" in text and "second warning" in text
    assert (folder / "nianbao.log.1").stat().st_size == crash_log.LOG_FILE_MAX_BYTES + 1
    for handler in logging.getLogger().handlers:
        handler.close()
