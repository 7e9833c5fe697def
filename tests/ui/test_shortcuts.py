"""The File and Edit shortcuts pressed on the window do what their menu entries say (Ctrl+S/Shift+S/O/N/I/M/0).

Dialogs are answered by patching only their static call (``gui_input.Dialogs``); the new-report dialog
is a real dialog filled in with the keyboard and an input method. Ctrl+E: test_file_feedback and
test_file_dialogs.
"""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.report_json import load_report_json, save_report_json
from gui_input import CTRL, activate, compose, press, type_text, when_open
from gui_reports import SAMPLES, zero_report
from ui.dialogs import NewReportDialog

SHIFT = Qt.KeyboardModifier.ShiftModifier


def _type_in_cell(qtbot, window, table, row, col, text):
    window.view.show_page(table)
    editor = window.view.tables[table]
    editor.select_cell(row, col)
    type_text(window, text)
    press(window, Qt.Key.Key_Return)
    qtbot.wait_until(lambda: editor.state() != editor.State.EditingState, timeout=2000)
    window.session.flush()


def test_ctrl_s_writes_the_typed_value_to_the_open_file(qtbot, window, dialogs, tmp_path):
    path = tmp_path / "阁山镇.nianbao.json"
    save_report_json(window.session.report, path)
    window.session.mark_saved(path)
    _type_in_cell(qtbot, window, "requests", "new", "natural", "7")
    assert window.isWindowModified()
    press(window, Qt.Key.Key_S, CTRL)
    assert load_report_json(path).get("requests", "new", "natural") == 7
    assert not window.isWindowModified()
    assert dialogs.asked == []  # the file is known: no dialog


def test_ctrl_s_while_still_typing_in_a_cell_saves_the_typed_value(qtbot, window, dialogs, tmp_path):
    path = tmp_path / "typing.json"
    save_report_json(window.session.report, path)
    window.session.mark_saved(path)
    window.view.show_page("requests")
    editor = window.view.tables["requests"]
    editor.select_cell("new", "natural")
    type_text(window, "7")  # no Enter: the cell editor is still open
    assert editor.state() == editor.State.EditingState
    press(window, Qt.Key.Key_S, CTRL)
    saved = load_report_json(path)
    assert saved.get("requests", "new", "natural") == 7 and saved.get("requests", "new", "total") == 7
    assert not window.isWindowModified() and editor.state() != editor.State.EditingState


def test_ctrl_s_on_a_new_report_asks_for_a_name_and_adds_the_extension(qtbot, window, dialogs, tmp_path):
    _type_in_cell(qtbot, window, "requests", "new", "natural", "3")
    dialogs.save_names.append(str(tmp_path / "草稿"))
    press(window, Qt.Key.Key_S, CTRL)
    assert dialogs.kinds() == ["save"]
    saved = tmp_path / "草稿.json"
    assert load_report_json(saved).get("requests", "new", "natural") == 3
    assert window.session.path == saved and not window.isWindowModified()


def test_ctrl_shift_s_saves_under_a_new_name_and_keeps_the_old_file(qtbot, window, dialogs, tmp_path):
    old = tmp_path / "old.json"
    save_report_json(window.session.report, old)
    window.session.mark_saved(old)
    _type_in_cell(qtbot, window, "requests", "new", "natural", "5")
    dialogs.save_names.append(str(tmp_path / "new.json"))
    press(window, Qt.Key.Key_S, CTRL | SHIFT)
    assert load_report_json(tmp_path / "new.json").get("requests", "new", "natural") == 5
    assert load_report_json(old).get("requests", "new", "natural") == 0
    assert window.session.path == tmp_path / "new.json"


def test_ctrl_o_opens_the_chosen_file_and_shows_it(qtbot, window, dialogs):
    source = SAMPLES / "2020_huashan_town.json"
    dialogs.open_names.append(str(source))
    press(window, Qt.Key.Key_O, CTRL)
    qtbot.wait_until(lambda: window.session.path == source, timeout=5000)
    expected = load_report_json(source)
    assert window.session.report.organ == expected.organ
    assert window.windowTitle().startswith(expected.title)
    assert window.view.meta.organ.text() == expected.organ


def test_ctrl_o_cancelled_changes_nothing(qtbot, window, dialogs):
    before = window.windowTitle()
    press(window, Qt.Key.Key_O, CTRL)
    qtbot.wait(50)
    assert dialogs.kinds() == ["open"]
    assert window.session.path is None and window.windowTitle() == before


def test_ctrl_i_imports_a_text_report_into_the_tables(qtbot, window, dialogs):
    source = SAMPLES / "2020_geshan_town.txt"
    expected = load_report_json(SAMPLES / "2020_geshan_town.json")
    dialogs.open_names.append(str(source))
    press(window, Qt.Key.Key_I, CTRL)
    qtbot.wait_until(lambda: window.session.report.year == 2020, timeout=10000)
    assert dialogs.asked[0]["caption"] == "导入报告"
    assert window.session.report.organ == expected.organ
    assert window.session.report.tables["requests"] == expected.tables["requests"]
    assert "已导入：2020_geshan_town.txt" in window.statusBar().currentMessage()


def _fill_new_report_dialog(window, year: str, organ: str, seen: list):
    """When the 新建报告 dialog opens: type the year, the organ with an input method, press Enter."""

    def fill(dialog):
        seen.append(dialog.windowTitle())
        dialog.year.setFocus()
        dialog.year.selectAll()
        type_text(dialog, year)
        dialog.organ.setFocus()
        dialog.organ.selectAll()
        compose("chec", organ)
        press(dialog, Qt.Key.Key_Return)

    when_open(window, _new_report_dialog, fill)


def _new_report_dialog():
    dialog = QApplication.activeModalWidget()
    return dialog if isinstance(dialog, NewReportDialog) else None


def test_ctrl_n_creates_the_report_typed_in_the_new_report_dialog(qtbot, window, dialogs):
    seen = []
    _fill_new_report_dialog(window, "2023", "车村镇人民政府", seen)
    press(window, Qt.Key.Key_N, CTRL)
    assert seen == ["新建报告"]
    report = window.session.report
    assert (report.organ, report.year, report.edition) == ("车村镇人民政府", 2023, "2021")
    assert report.get("requests", "new", "natural") is None  # a new, empty report
    assert window.windowTitle().startswith("车村镇人民政府2023年政府信息公开工作年度报告")
    assert window.settings.organ() == "车村镇人民政府"  # proposed next time


def test_ctrl_n_then_esc_keeps_the_report(qtbot, window, dialogs):
    before = window.windowTitle()

    def escape(dialog):
        press(dialog, Qt.Key.Key_Escape)

    when_open(window, _new_report_dialog, escape)
    press(window, Qt.Key.Key_N, CTRL)
    report = window.session.report
    assert report.organ == "阁山镇人民政府" and report.get("requests", "new", "natural") == 0
    assert window.windowTitle() == before


def test_ctrl_m_makes_a_total_manual_and_back(qtbot, window):
    window.view.show_page("requests")
    editor = window.view.tables["requests"]
    editor.select_cell("new", "total")
    press(window, Qt.Key.Key_M, CTRL)
    _type_in_cell(qtbot, window, "requests", "new", "total", "9")
    assert window.session.report.get("requests", "new", "total") == 9  # kept as typed (published figure)
    assert any(f.cell == "requests.new.total" for f in window.session.findings)
    editor.select_cell("new", "total")
    press(window, Qt.Key.Key_M, CTRL)
    window.session.flush()
    assert window.session.report.get("requests", "new", "total") == 0  # the sum of its parts again
    assert not any(f.cell == "requests.new.total" for f in window.session.findings)


def test_ctrl_0_fills_only_the_blank_cells_of_the_selection(qtbot, make_window):
    report = zero_report("2021")
    report.set_cell("requests", "new", "natural", None)
    report.set_cell("requests", "new", "commercial", None)
    report.set_cell("requests", "new", "research", 4)
    window = make_window(report)
    activate(qtbot, window)
    window.view.show_page("requests")
    editor = window.view.tables["requests"]
    editor.select_cell("new", "natural")
    for _ in range(2):
        press(window, Qt.Key.Key_Right, SHIFT)
    press(window, Qt.Key.Key_0, CTRL)
    window.session.flush()
    values = [window.session.report.get("requests", "new", c) for c in ("natural", "commercial", "research")]
    assert values == [0, 0, 4]
    assert "已将 2 个空白单元格填为 0" in window.statusBar().currentMessage()
