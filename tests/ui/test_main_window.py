"""The main window: findings jump to cells, files round-trip, unsaved work is protected; both editions."""
import json

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from app.report_json import dumps_report, load_report_json, save_report_json
from gui_reports import EDITIONS, SAMPLES, zero_report

_Btn = QMessageBox.StandardButton


def _answer(monkeypatch, button):
    asked = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def _finding_row(window, cell):
    model = window.panel.model
    return next(r for r in range(model.rowCount()) if model.finding(r).cell == cell)


@pytest.mark.parametrize("edition", EDITIONS)
def test_double_click_on_a_finding_selects_its_cell(qtbot, make_window, edition):
    report = zero_report(edition)
    report.set_cell("requests", "carried_out", "natural", 3)
    window = make_window(report)
    view = window.panel.view
    index = window.panel.model.index(_finding_row(window, "requests.carried_out.natural"), 1)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = window.view.tables["requests"]
    assert window.view.current_table() is editor
    assert editor.model_.cell_at(editor.currentIndex()) == ("carried_out", "natural")
    assert editor.hasFocus() or not window.isActiveWindow()


@pytest.mark.parametrize("edition", EDITIONS)
def test_title_and_status_bar_say_whether_the_report_passes(qtbot, make_window, edition):
    window = make_window(zero_report(edition))
    assert "✔ 通过" in window.windowTitle() and window.verdict.text().startswith("✔")
    model = window.session.models["requests"]
    model.setData(model.index_of("carried_out", "natural"), "2")
    window.session.flush()
    errors = [f for f in window.session.findings if f.level.value == "error"]
    assert errors and any(f.rule == "requests.balance" for f in errors)
    assert f"✘ {len(errors)} 个错误" in window.windowTitle()
    assert window.verdict.text().startswith(f"✘ {len(errors)} 个错误")
    assert window.isWindowModified()


@pytest.mark.parametrize("edition", EDITIONS)
def test_save_then_open_gives_the_same_report(qtbot, make_window, tmp_path, edition):
    window = make_window(zero_report(edition))
    model = window.session.models["requests"]
    model.setData(model.index_of("new", "natural"), "7")
    window.session.edit_text("other", "本年度未收取信息处理费。另有说明。")
    target = tmp_path / "报告.nianbao.json"
    assert window.files.save_to(target)
    assert not window.session.is_modified
    saved = dumps_report(window.session.report)
    other = make_window()
    other.files.load_file(target)
    qtbot.wait_until(lambda: other.session.path == target, timeout=5000)
    assert dumps_report(other.session.report) == saved
    assert json.loads(saved)["tables"]["requests"]["new"]["total"] == 7
    assert other.session.report.get("requests", "new", "natural") == 7
    assert not other.session.is_modified
    assert target.resolve() in other.settings.recent_files()


def test_importing_a_text_report_is_not_marked_modified(qtbot, make_window):
    window = make_window()
    window.files.load_file(SAMPLES / "2020_geshan_town.txt")
    qtbot.wait_until(lambda: window.session.report.year == 2020, timeout=10000)
    assert window.session.path is None and not window.session.is_modified  # the .txt still holds it all
    assert not window.isWindowModified()
    assert window.session.report.organ


@pytest.mark.parametrize("answer, closes", [(_Btn.Cancel, False), (_Btn.Discard, True)])
def test_closing_with_unsaved_changes_asks_first(qtbot, make_window, monkeypatch, answer, closes):
    window = make_window(zero_report("2021"))
    window.session.edit_text("problems", "新的问题描述。")
    asked = _answer(monkeypatch, answer)
    assert window.close() is closes
    assert asked == ["当前报告有未保存的修改，是否先保存？"]
    assert window.isVisible() is not closes


def test_closing_without_changes_does_not_ask(qtbot, make_window, monkeypatch):
    window = make_window(zero_report("2021"))
    asked = _answer(monkeypatch, _Btn.Cancel)
    assert window.close()
    assert asked == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_autosave_is_restored_after_a_crash(qtbot, make_window, tmp_path, monkeypatch, edition):
    folder = tmp_path / "crash"
    window = make_window(zero_report(edition), autosave=folder)
    model = window.session.models["requests"]
    model.setData(model.index_of("granted", "research"), "4")
    window.session.edit_text("overview", "自动保存的正文。")
    window.session.flush()
    assert window.autosave.save_now()
    expected = dumps_report(window.session.report)
    # crash: the window is never closed, so the working copy stays on disk; its process (lock) is gone
    window.autosave.own.lock.unlock()
    asked = _answer(monkeypatch, _Btn.Yes)
    restarted = make_window(autosave=folder)
    assert restarted.offer_restore()
    assert len(asked) == 1
    assert dumps_report(restarted.session.report) == expected
    assert restarted.session.is_modified
    window.autosave.timer.stop()


def test_declining_the_restore_discards_the_working_copy(qtbot, make_window, tmp_path, monkeypatch):
    folder = tmp_path / "crash"
    window = make_window(zero_report("2021"), autosave=folder)
    window.session.edit_text("overview", "将被丢弃。")
    assert window.autosave.save_now()
    window.autosave.own.lock.unlock()   # crash
    _answer(monkeypatch, _Btn.No)
    restarted = make_window(autosave=folder)
    assert not restarted.offer_restore()
    assert not list(folder.glob("*.nianbao.json"))


def test_a_normal_close_removes_the_working_copy(qtbot, make_window, tmp_path):
    window = make_window(zero_report("2021"), autosave=tmp_path / "auto")
    window.session.edit_text("overview", "已保存。")
    assert window.autosave.save_now()
    window.files.save_to(tmp_path / "r.json")
    assert window.close()
    assert list((tmp_path / "auto").iterdir()) == []   # no working copy, no lock file left behind


def test_dropping_a_report_file_opens_it(qtbot, make_window, tmp_path):
    source = tmp_path / "dropped.json"
    save_report_json(zero_report("2019"), source)
    window = make_window(zero_report("2021"))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(source))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.wait_until(lambda: window.session.path == source, timeout=5000)
    assert window.session.report.edition == "2019"
    assert window.view.tables["active"].model_.spec.column("made").label == "本年新制作数量"


def test_fill_all_blanks_is_one_undo_step_and_leaves_totals_to_the_sums(qtbot, make_window):
    report = zero_report("2021")
    for col in ("natural", "commercial"):
        report.set_cell("requests", "new", col, None)
    window = make_window(report)
    assert [b for b in window.blank_cells()["requests"]] == [("new", "natural"), ("new", "commercial")]
    assert window.fill_all_blanks() == 2
    assert window.session.report.get("requests", "new", "natural") == 0
    assert window.session.undo_stack.count() == 1
    window.session.undo_stack.undo()
    window.session.flush()
    assert window.session.report.get("requests", "new", "natural") is None


def test_export_writes_the_file_in_the_background(qtbot, make_window, tmp_path):
    window = make_window(zero_report("2021"))
    target = tmp_path / "out.json"
    window.files.export_to(target)
    qtbot.wait_until(target.exists, timeout=5000)
    assert load_report_json(target).organ == "阁山镇人民政府"


def _click_in_message_box(monkeypatch, label):
    def exec_(box):
        cancel = box.button(QMessageBox.StandardButton.Cancel)
        (cancel if label is None else next(b for b in box.buttons() if b.text() == label)).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)


@pytest.mark.parametrize("label, proceeds, filled", [("填 0 后导出", True, True), ("保留空白导出", True, False),
                                                     (None, False, False)])
def test_export_with_blank_cells_offers_to_fill_them_with_0(qtbot, make_window, monkeypatch, label, proceeds, filled):
    report = zero_report("2021")
    report.set_cell("appeals", "review", "upheld", None)
    window = make_window(report)
    _click_in_message_box(monkeypatch, label)
    assert window.confirm_blanks_before_export() is proceeds
    assert (window.session.report.get("appeals", "review", "upheld") == 0) is filled


def test_findings_panel_model_passes_the_qt_model_tester(qtbot, make_window, qtmodeltester):
    report = zero_report("2019")
    report.set_cell("requests", "carried_out", "natural", 1)
    report.organ = ""
    window = make_window(report)
    assert window.panel.model.rowCount() >= 2
    qtmodeltester.check(window.panel.model)
    places = [window.panel.model.index(r, 1).data() for r in range(window.panel.model.rowCount())]
    assert "发布机关" in places and "三、四、结转下年度继续办理 · 自然人" in places


@pytest.mark.parametrize("edition", EDITIONS)
def test_ctrl_z_and_ctrl_y_undo_and_redo_cells_and_text(qtbot, make_window, edition):
    window = make_window(zero_report(edition))
    window.activateWindow()
    qtbot.wait_active(window)
    window.view.show_page("requests")
    editor = window.view.tables["requests"]
    editor.select_cell("new", "natural")
    qtbot.keyClicks(editor, "6")
    qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_Return)
    qtbot.wait_until(lambda: window.session.report.get("requests", "new", "natural") == 6, timeout=2000)
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.report.get("requests", "new", "natural") == 0
    qtbot.keyClick(editor, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.session.report.get("requests", "new", "natural") == 6
    window.view.show_page("problems")
    text = window.view.narratives["problems"].edit
    text.setFocus()
    text.moveCursor(text.textCursor().MoveOperation.End)
    qtbot.keyClicks(text, "abc")
    assert window.session.report.sections["problems"].endswith("abc")
    qtbot.keyClick(text, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not window.session.report.sections["problems"].endswith("abc")
    assert not text.toPlainText().endswith("abc")
