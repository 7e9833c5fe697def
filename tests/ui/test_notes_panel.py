"""Import and new-year notes are a panel kept with the report: wrapped, ticked off one by one, each
jumping to its place, saved in the report file."""
from PySide6.QtCore import Qt

from app.report_json import load_report_json
from app.report_notes import ReportNote
from gui_reports import SAMPLES, zero_report


def _report_with_notes():
    report = zero_report("2021")
    label = report.spec.table("requests").cell_label("results_total", "natural")
    report.import_notes = [ReportNote(level="warning", message=f"{label}：“l2”不是数字，已留空", where="第 40 行"),
                           ReportNote(level="warning", message="没有找到发布机关（如“XX镇人民政府”），请补填"),
                           ReportNote(level="info", message="文件编码识别为 GB18030")]
    return report


def _select(panel, row):
    panel.list.setCurrentRow(row)
    panel.list.setFocus()


def test_imported_notes_stay_in_a_panel_with_wrapped_lines(qtbot, make_window):
    window = make_window()
    window.files.load_file(SAMPLES / "2020_geshan_town.txt")
    qtbot.wait_until(lambda: window.session.report.year == 2020, timeout=10000)
    notes = window.session.report.import_notes
    assert notes and window.notes.list.count() == len(notes)
    assert window.notes_dock.isVisible() and f"{len(notes)} 条待核对" in window.notes_dock.windowTitle()
    assert window.notes.list.wordWrap()
    assert not window.notes.list.horizontalScrollBar().isVisible()


def test_enter_on_a_note_jumps_to_its_cell(qtbot, make_window):
    window = make_window(_report_with_notes())
    _select(window.notes, 0)
    qtbot.keyClick(window.notes.list, Qt.Key.Key_Return)
    editor = window.view.tables["requests"]
    assert window.view.current_table() is editor
    assert editor.model_.cell_at(editor.currentIndex()) == ("results_total", "natural")
    _select(window.notes, 1)
    qtbot.keyClick(window.notes.list, Qt.Key.Key_Return)
    assert window.view.stack.currentIndex() == 0  # 基本信息
    assert window.view.meta.organ.hasFocus() or not window.isActiveWindow()


def test_the_panel_stays_until_every_note_is_ticked_and_ticks_are_saved(qtbot, make_window, tmp_path):
    window = make_window(_report_with_notes())
    panel = window.notes
    for row in range(2):
        _select(panel, row)
        qtbot.keyClick(panel.list, Qt.Key.Key_Space)
    assert [n.checked for n in window.session.report.import_notes] == [True, True, False]
    assert window.notes_dock.isVisible() and "1 条待核对" in window.notes_dock.windowTitle()
    assert window.session.is_modified
    target = tmp_path / "checked.json"
    assert window.files.save_to(target)
    assert [n.checked for n in load_report_json(target).import_notes] == [True, True, False]
    _select(panel, 2)
    qtbot.keyClick(panel.list, Qt.Key.Key_Space)
    assert not window.notes_dock.isVisible()
    window.session.undo_stack.undo()
    assert window.notes_dock.isVisible() and not window.session.report.import_notes[2].checked


def test_reopening_the_saved_report_shows_the_open_notes(qtbot, make_window, tmp_path):
    window = make_window(_report_with_notes())
    target = tmp_path / "notes.json"
    assert window.files.save_to(target)
    reopened = make_window()
    reopened.files.load_file(target)
    qtbot.wait_until(lambda: reopened.session.path == target, timeout=5000)
    assert reopened.notes.list.count() == 3 and reopened.notes_dock.isVisible()
    assert not reopened.session.is_modified
