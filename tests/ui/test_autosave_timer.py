"""The autosave timer itself (not ``save_now``): after the clerk types, the working copy on disk holds the
typed value within the interval set in the settings (``autosave/interval_ms``, 5 s by default)."""
import pytest
from PySide6.QtCore import Qt

from app.report_json import load_report_json
from gui_input import CTRL, activate, press, type_text
from gui_reports import zero_report
from ui.settings import Settings

INTERVAL_MS = 100
DEFAULT = Settings.AUTOSAVE_DEFAULT_MS


def _working_copies(folder):
    """The reports in the autosave folder (whatever the working copies are named)."""
    return [load_report_json(f) for f in sorted(folder.glob("*.nianbao.json"))] if folder.is_dir() else []


@pytest.fixture
def window(make_window, qtbot, tmp_path):
    settings = Settings(tmp_path / "settings.ini")
    settings.set_autosave_interval_ms(INTERVAL_MS)
    settings.sync()
    window = make_window(zero_report("2021"))
    activate(qtbot, window)
    return window


def _type_in_cell(qtbot, window, row, col, text):
    window.view.show_page("requests")
    editor = window.view.tables["requests"]
    editor.select_cell(row, col)
    type_text(window, text)
    press(window, Qt.Key.Key_Return)
    qtbot.wait_until(lambda: window.session.report.get("requests", row, col) == int(text), timeout=2000)


def test_the_timer_writes_what_was_typed_to_the_working_copy(qtbot, window, tmp_path):
    folder = tmp_path / "autosave"
    _type_in_cell(qtbot, window, "new", "natural", "8")
    qtbot.wait_until(lambda: any(r.get("requests", "new", "natural") == 8 for r in _working_copies(folder)),
                     timeout=20 * INTERVAL_MS)
    _type_in_cell(qtbot, window, "new", "natural", "9")  # and again after the next edit
    qtbot.wait_until(lambda: any(r.get("requests", "new", "natural") == 9 for r in _working_copies(folder)),
                     timeout=20 * INTERVAL_MS)


def test_without_edits_the_timer_writes_nothing(qtbot, window, tmp_path):
    qtbot.wait(5 * INTERVAL_MS)
    assert _working_copies(tmp_path / "autosave") == []


def test_after_ctrl_s_the_timer_leaves_no_working_copy(qtbot, window, tmp_path):
    folder = tmp_path / "autosave"
    window.session.mark_saved(tmp_path / "saved.json")
    _type_in_cell(qtbot, window, "new", "natural", "4")
    qtbot.wait_until(lambda: bool(_working_copies(folder)), timeout=20 * INTERVAL_MS)
    press(window, Qt.Key.Key_S, CTRL)
    assert load_report_json(tmp_path / "saved.json").get("requests", "new", "natural") == 4
    qtbot.wait(5 * INTERVAL_MS)
    assert _working_copies(folder) == []


def test_without_a_setting_the_working_copy_is_written_every_5_seconds(make_window):
    window = make_window(zero_report("2021"))
    assert window.autosave.timer.isActive() and window.autosave.timer.interval() == DEFAULT == 5000


@pytest.mark.parametrize("stored, interval", [("250", 250), (250, 250), ("abc", DEFAULT), ("0", DEFAULT),
                                              ("-100", DEFAULT), ("1e3", DEFAULT), ("99999999", DEFAULT),
                                              (["1", "2"], DEFAULT), (None, DEFAULT)])
def test_the_interval_setting_is_a_whole_number_of_milliseconds_or_the_default(tmp_path, stored, interval):
    settings = Settings(tmp_path / "settings.ini")
    if stored is not None:
        settings.qsettings.setValue("autosave/interval_ms", stored)
    settings.sync()
    reread = Settings(tmp_path / "settings.ini")
    assert reread.autosave_interval_ms() == interval
    assert reread.qsettings.contains("autosave/interval_ms") is (interval != DEFAULT)  # a bad value is reset
