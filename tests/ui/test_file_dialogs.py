"""The file dialogs as the clerk meets them, reached through the menus and shortcuts: opening, unsaved work
before New, Open or closing (also while a cell is still being typed in), the message for a damaged file, the
recent-files menu, last year's report, next year's draft, the findings list and a cancelled export.

Only the dialogs' static calls are patched (``gui_input.Dialogs``); menus are opened with Alt and an
access letter, entries chosen with their letter, as on a desktop.
"""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.report_json import load_report_json, save_report_json
from gui_input import CTRL, activate, choose_by_letter, compose, press, when_open
from gui_reports import SAMPLES, zero_report
from ui.dialogs import NewReportDialog

_Btn = QMessageBox.StandardButton
UNSAVED = "当前报告有未保存的修改，是否先保存？"


def _edit_the_overview(window, text="本年度新增的正文。") -> None:
    window.view.show_page("overview")
    editor = window.view.narratives["overview"].edit
    editor.setFocus()
    compose("xin", text)
    assert window.isWindowModified()


def test_file_open_from_the_menu_opens_the_chosen_report(qtbot, window, dialogs):
    source = SAMPLES / "2020_checun_town.json"
    dialogs.open_names.append(str(source))
    choose_by_letter(qtbot, window, Qt.Key.Key_F, Qt.Key.Key_O)
    qtbot.wait_until(lambda: window.session.path == source, timeout=5000)
    assert dialogs.asked[0]["caption"] == "打开报告" and "*.json" in dialogs.asked[0]["filters"]
    assert window.windowTitle().startswith(load_report_json(source).title)
    assert "已打开：2020_checun_town.json" in window.statusBar().currentMessage()


@pytest.mark.parametrize("content, problem", [(b'{"format": "nianbao-report/1", "edition": ', "JSON"),
                                              (b"\x00\x01\x02garbage", "")])
def test_a_damaged_file_is_named_in_a_message_and_the_report_stays(qtbot, window, dialogs, tmp_path,
                                                                   content, problem):
    broken = tmp_path / "损坏的报告.json"
    broken.write_bytes(content)
    before = window.windowTitle()
    dialogs.open_names.append(str(broken))
    press(window, Qt.Key.Key_O, CTRL)
    qtbot.wait_until(lambda: bool(dialogs.warnings), timeout=5000)
    [message] = dialogs.warnings
    assert message.startswith("打开失败：") and "损坏的报告.json" in message and problem in message
    assert "Traceback" not in message and "Error" not in message
    assert window.session.report.organ == "阁山镇人民政府" and window.windowTitle() == before
    assert window.session.path is None


def test_a_word_97_file_gets_told_how_to_save_it_as_docx(qtbot, window, dialogs, tmp_path):
    old = tmp_path / "2019年报.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    dialogs.open_names.append(str(old))
    press(window, Qt.Key.Key_I, CTRL)
    qtbot.wait_until(lambda: bool(dialogs.warnings), timeout=5000)
    assert "2019年报.doc" in dialogs.warnings[0] and ".docx" in dialogs.warnings[0]


def _new_report_dialog_answer(window, seen: list):
    """Accept the 新建报告 dialog when it opens (records its values)."""

    def answer(dialog):
        seen.append(dialog.values())
        dialog.accept()

    when_open(window, _new_report_dialog, answer)


def _new_report_dialog():
    dialog = QApplication.activeModalWidget()
    return dialog if isinstance(dialog, NewReportDialog) else None


def test_new_with_unsaved_changes_cancelled_keeps_the_edits(qtbot, window, dialogs):
    _edit_the_overview(window)
    dialogs.answers.append(_Btn.Cancel)
    seen = []
    _new_report_dialog_answer(window, seen)
    press(window, Qt.Key.Key_N, CTRL)
    qtbot.wait(50)
    assert [a["text"] for a in dialogs.asked] == [UNSAVED]
    assert seen == []  # no new-report dialog
    assert "本年度新增的正文。" in window.session.report.sections["overview"]
    assert window.isWindowModified()


def test_new_with_unsaved_changes_discarded_starts_a_new_report(qtbot, window, dialogs):
    _edit_the_overview(window)
    dialogs.answers.append(_Btn.Discard)
    seen = []
    _new_report_dialog_answer(window, seen)
    press(window, Qt.Key.Key_N, CTRL)
    assert len(seen) == 1
    assert window.session.report.sections["overview"] == "" and not window.isWindowModified()


def test_new_with_unsaved_changes_saved_writes_them_first(qtbot, window, dialogs, tmp_path):
    _edit_the_overview(window)
    dialogs.answers.append(_Btn.Save)
    dialogs.save_names.append(str(tmp_path / "保存的.json"))
    seen = []
    _new_report_dialog_answer(window, seen)
    press(window, Qt.Key.Key_N, CTRL)
    assert dialogs.kinds() == ["question", "save"] and len(seen) == 1
    assert "本年度新增的正文。" in load_report_json(tmp_path / "保存的.json").sections["overview"]


def test_open_with_unsaved_changes_saved_writes_them_then_opens(qtbot, window, dialogs, tmp_path):
    path = tmp_path / "mine.json"
    save_report_json(window.session.report, path)
    window.session.mark_saved(path)
    _edit_the_overview(window)
    dialogs.answers.append(_Btn.Save)
    source = SAMPLES / "2020_huashan_town.json"
    dialogs.open_names.append(str(source))
    press(window, Qt.Key.Key_O, CTRL)
    qtbot.wait_until(lambda: window.session.path == source, timeout=5000)
    assert "本年度新增的正文。" in load_report_json(path).sections["overview"]


def _save_then_open_a_sample(qtbot, window, dialogs, saved):
    """Save the report as ``saved`` (Ctrl+S), then open a sample (Ctrl+O): two recent files, the sample first."""
    dialogs.save_names.append(str(saved))
    press(window, Qt.Key.Key_S, CTRL)
    source = SAMPLES / "2020_huashan_town.json"
    dialogs.open_names.append(str(source))
    press(window, Qt.Key.Key_O, CTRL)
    qtbot.wait_until(lambda: window.session.path == source, timeout=5000)
    return source


def _open_recent_menu(qtbot, window):
    choose_by_letter(qtbot, window, Qt.Key.Key_F, Qt.Key.Key_R)
    qtbot.wait_until(lambda: window.recent_menu.isVisible(), timeout=2000)


def test_the_recent_files_menu_lists_saved_and_opened_files_and_reopens_them(qtbot, window, dialogs, tmp_path):
    mine = tmp_path / "mine.json"
    source = _save_then_open_a_sample(qtbot, window, dialogs, mine)
    _open_recent_menu(qtbot, window)
    entries = [a.text() for a in window.recent_menu.actions()]
    assert entries == [str(source.resolve()), str(mine.resolve())]  # most recent first
    assert window.recent_menu.activeAction() is window.recent_menu.actions()[0]  # opened by keyboard
    qtbot.keyClick(window.recent_menu, Qt.Key.Key_Down)
    qtbot.keyClick(window.recent_menu, Qt.Key.Key_Return)
    qtbot.wait_until(lambda: window.session.path == mine.resolve(), timeout=5000)
    assert window.session.report.organ == "阁山镇人民政府"


@pytest.mark.parametrize("answer, kept", [(_Btn.Yes, False), (_Btn.No, True)])
def test_a_recent_file_that_is_gone_is_named_and_taken_off_the_list_if_the_clerk_agrees(qtbot, window, dialogs,
                                                                                        tmp_path, answer, kept):
    gone = tmp_path / "已删除.json"
    source = _save_then_open_a_sample(qtbot, window, dialogs, gone)
    gone.unlink()
    dialogs.answers.append(answer)
    _open_recent_menu(qtbot, window)
    qtbot.keyClick(window.recent_menu, Qt.Key.Key_Down)
    qtbot.keyClick(window.recent_menu, Qt.Key.Key_Return)
    qtbot.wait_until(lambda: dialogs.kinds()[-1:] == ["question"], timeout=2000)
    assert dialogs.asked[-1]["title"] == "找不到文件" and "“已删除.json”" in dialogs.asked[-1]["text"]
    assert window.session.path == source and not dialogs.warnings       # the open report stays, no error
    entries = [a.text() for a in window.recent_menu.actions()]
    assert entries == ([str(source.resolve()), str(gone.resolve())] if kept else [str(source.resolve())])


def test_the_recent_files_are_there_in_the_next_window(qtbot, make_window, window, dialogs, tmp_path):
    dialogs.save_names.append(str(tmp_path / "kept.json"))
    press(window, Qt.Key.Key_S, CTRL)
    window.settings.sync()
    other = make_window()
    assert [a.text() for a in other.recent_menu.actions()] == [str((tmp_path / "kept.json").resolve())]
    assert other.recent_menu.isEnabled()


def test_attaching_last_years_report_from_the_tools_menu_runs_the_cross_year_check(qtbot, window, dialogs,
                                                                                     tmp_path):
    last = zero_report("2021", year=window.session.report.year - 1)
    last.set_cell("requests", "carried_out", "natural", 2)  # this year's report carries in 0
    source = tmp_path / "上年.json"
    save_report_json(last, source)
    dialogs.open_names.append(str(source))
    choose_by_letter(qtbot, window, Qt.Key.Key_T, Qt.Key.Key_L)
    qtbot.wait_until(lambda: any(f.rule == "carry.requests" for f in window.session.findings), timeout=5000)
    assert window.verdict.text().startswith("✘")
    activate(qtbot, window)
    choose_by_letter(qtbot, window, Qt.Key.Key_T, Qt.Key.Key_D)  # 取消附加上年报告
    window.session.flush()
    assert not any(f.rule == "carry.requests" for f in window.session.findings)


def test_next_years_draft_from_the_file_menu(qtbot, window, dialogs):
    source = SAMPLES / "2020_huashan_town.json"
    dialogs.open_names.append(str(source))
    choose_by_letter(qtbot, window, Qt.Key.Key_F, Qt.Key.Key_Y)
    qtbot.wait_until(lambda: window.session.report.year == 2021, timeout=5000)
    assert dialogs.asked[0]["caption"] == "选择上一年度的报告"
    assert window.session.report.organ == load_report_json(source).organ
    assert window.session.path is None and window.isWindowModified()  # a draft: unsaved work


def test_export_findings_from_the_file_menu_writes_the_word_list(qtbot, window, dialogs, tmp_path):
    dialogs.save_names.append(str(tmp_path / "检查结果.docx"))
    choose_by_letter(qtbot, window, Qt.Key.Key_F, Qt.Key.Key_J)
    qtbot.wait_until((tmp_path / "检查结果.docx").is_file, timeout=5000)
    assert dialogs.asked[0]["caption"] == "导出检查结果"


def test_a_cancelled_export_writes_nothing(qtbot, window, dialogs, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    window.settings.remember_folder("export", folder / "x")
    press(window, Qt.Key.Key_E, CTRL)
    window.files.wait()
    qtbot.wait(50)
    assert dialogs.kinds() == ["save"] and dialogs.asked[0]["proposed"].startswith(str(folder))
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("how", ["title bar", "menu"])
def test_closing_while_still_typing_in_a_cell_asks_to_save_the_typed_value(qtbot, window, dialogs, tmp_path, how):
    window.view.show_page("requests")
    editor = window.view.tables["requests"]
    editor.select_cell("new", "natural")
    press(window, Qt.Key.Key_4)  # no Enter: the cell editor is still open
    dialogs.answers.append(_Btn.Save)
    dialogs.save_names.append(str(tmp_path / "closing.json"))
    if how == "menu":
        choose_by_letter(qtbot, window, Qt.Key.Key_F, Qt.Key.Key_X)  # 文件 › 退出
    else:
        window.windowHandle().close()  # the window manager's close button: the focus stays in the cell
    qtbot.wait_until(lambda: not window.isVisible(), timeout=2000)
    assert [a["text"] for a in dialogs.asked if a["dialog"] == "question"] == [UNSAVED]
    assert load_report_json(tmp_path / "closing.json").get("requests", "new", "natural") == 4


def test_ctrl_e_while_still_typing_in_a_cell_exports_the_typed_value(qtbot, make_window, dialogs, tmp_path,
                                                                     monkeypatch):
    report = zero_report("2021")
    report.set_cell("requests", "new", "natural", None)  # the only blank cell, being filled in
    window = make_window(report)
    activate(qtbot, window)
    boxes = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or 0)
    window.view.show_page("requests")
    window.view.tables["requests"].select_cell("new", "natural")
    press(window, Qt.Key.Key_6)
    dialogs.save_names.append(str(tmp_path / "typed.json"))
    press(window, Qt.Key.Key_E, CTRL)
    window.files.wait()
    qtbot.wait_until((tmp_path / "typed.json").is_file, timeout=5000)
    assert load_report_json(tmp_path / "typed.json").get("requests", "new", "natural") == 6
    assert boxes == []  # no "blank cells" question for the cell just typed
