"""Export with the proposed name works, and the busy state ends on every path (done or failed)."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from gui_reports import zero_report


def _accept_proposed_name(monkeypatch, chosen=None):
    """What Ctrl+E, Enter does: the dialog returns the proposed name with the filter shown."""
    asked = {}

    def save_dialog(parent, caption, proposed, filters, selected="", *args, **kwargs):
        asked.update(proposed=proposed, filters=filters, selected=selected)
        return proposed.removesuffix(".docx") if chosen else proposed, chosen or selected

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    return asked


def _no_message_boxes(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a, **k: shown.append(text)))
    return shown


def _export_with_ctrl_e(qtbot, window):
    window.settings.remember_folder("export", window._export_folder / "x")
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    window.files.wait()
    qtbot.wait_until(lambda: not window.files._tasks, timeout=5000)


@pytest.fixture
def window(make_window, tmp_path):
    window = make_window(zero_report("2021"))
    window._export_folder = tmp_path
    return window


def test_ctrl_e_enter_exports_a_word_file_with_the_proposed_name(qtbot, window, monkeypatch, tmp_path):
    asked = _accept_proposed_name(monkeypatch)
    errors = _no_message_boxes(monkeypatch)
    _export_with_ctrl_e(qtbot, window)
    assert asked["proposed"].endswith(".docx") and "(*.docx)" in asked["selected"]
    assert not errors
    assert (tmp_path / f"{window.session.report.title}.docx").is_file()


@pytest.mark.parametrize("chosen, suffix", [("所有支持的文件 (*.json *.docx *.xlsx)", ".docx"),
                                            ("Excel 工作簿 (*.xlsx)", ".xlsx")])
def test_a_name_without_extension_gets_the_chosen_filters_one(qtbot, window, monkeypatch, tmp_path, chosen, suffix):
    _accept_proposed_name(monkeypatch, chosen)
    errors = _no_message_boxes(monkeypatch)
    _export_with_ctrl_e(qtbot, window)
    assert not errors
    assert (tmp_path / f"{window.session.report.title}{suffix}").is_file()


def test_a_failed_export_clears_the_busy_state(qtbot, window, monkeypatch, tmp_path):
    errors = _no_message_boxes(monkeypatch)
    window.files.export_to(tmp_path / "missing-folder" / "report.docx")
    qtbot.wait_until(lambda: bool(errors), timeout=5000)
    assert "正在处理" not in window.statusBar().currentMessage()
    assert QApplication.overrideCursor() is None


def test_a_failed_open_clears_the_busy_state(qtbot, window, monkeypatch, tmp_path):
    errors = _no_message_boxes(monkeypatch)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    window.files.load_file(broken)
    qtbot.wait_until(lambda: bool(errors), timeout=5000)
    assert "正在处理" not in window.statusBar().currentMessage()
    assert QApplication.overrideCursor() is None


def test_two_files_at_once_leave_no_busy_cursor(qtbot, window, monkeypatch, tmp_path):
    _no_message_boxes(monkeypatch)
    window.files.export_to(tmp_path / "a.json")
    window.files.export_to(tmp_path / "b.json")
    qtbot.wait_until(lambda: not window.files._tasks, timeout=5000)
    assert QApplication.overrideCursor() is None
