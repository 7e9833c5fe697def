"""Fixtures for the desktop application tests (pytest-qt, offscreen)."""
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from app.report import Report  # noqa: E402
from app.report_json import load_report_json  # noqa: E402
from gui_reports import SAMPLES  # noqa: E402

@pytest.fixture
def sample_report() -> Report:
    return load_report_json(SAMPLES / "2020_huashan_town.json")


@pytest.fixture
def make_window(qtbot, tmp_path):
    """Build a MainWindow with its own settings file and autosave folder (closing never prompts)."""
    from ui.main_window import MainWindow
    from ui.settings import Settings

    def build(report: Report | None = None, autosave: Path | None = None) -> MainWindow:
        window = MainWindow(Settings(tmp_path / "settings.ini"), autosave or tmp_path / "autosave", report)
        qtbot.add_widget(window, before_close_func=_forget_changes)
        window.resize(1200, 800)
        window.show()
        return window

    return build


@pytest.fixture
def dialogs(monkeypatch):
    """Dialogs answered by patching only their static calls (gui_input.Dialogs)."""
    from gui_input import Dialogs

    return Dialogs(monkeypatch)


@pytest.fixture
def window(make_window, qtbot):
    """A shown, active window on a complete 2021 report (a module may define its own ``window``)."""
    from gui_input import activate
    from gui_reports import zero_report

    window = make_window(zero_report("2021"))
    activate(qtbot, window)
    return window


def _forget_changes(window) -> None:
    window.view.commit_typing()  # a cell left in edit would be unsaved work when the window closes
    window.session.mark_saved(window.session.path)



def pytest_collection_modifyitems(items):
    # The offscreen platform warns whenever a shown window's size limits change, and when a popup (a
    # refused cell's tooltip, a menu) asks to be raised or to grab the keyboard; not defects.
    for item in items:
        item.add_marker(pytest.mark.qt_log_ignore("propagateSizeHints", r"does not support raise\(\)",
                                                  "does not support grabbing the keyboard"))


@pytest.fixture(autouse=True)
def _no_window_outlives_its_test(qapp):
    """Dialogs a test left open (non-modal views, notes) are deleted before the next test, so no
    widget is torn down by Python's shutdown after QApplication (which may crash the process)."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from ui.session import release_undo_histories

    release_undo_histories()

    for widget in QApplication.topLevelWidgets():
        widget.hide()  # not close(): a window with unsaved work would ask, and nobody answers here
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
