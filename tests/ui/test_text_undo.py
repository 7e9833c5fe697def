"""Undo in the narrative text goes back by word or input-method commit, and by pause, as in Word."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from gui_reports import zero_report
from ui import undo_commands


@pytest.fixture
def window(make_window):
    window = make_window(zero_report("2021"))
    window.view.show_page("overview")
    return window


def _editor(window):
    edit = window.view.narratives["overview"].edit
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    return edit


def _commit(edit, text):
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)


def _undo(qtbot, window, edit):
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    window.session.flush()


def _text(window):
    return window.session.report.sections["overview"]


def test_each_input_method_commit_is_one_undo_step(qtbot, window):
    edit = _editor(window)
    before = _text(window)
    for word in ("本镇", "认真", "贯彻落实"):
        _commit(edit, word)
    assert _text(window) == before + "本镇认真贯彻落实"
    _undo(qtbot, window, edit)
    assert _text(window) == before + "本镇认真"
    _undo(qtbot, window, edit)
    assert _text(window) == before + "本镇"


def test_latin_typing_is_undone_word_by_word(qtbot, window):
    edit = _editor(window)
    before = _text(window)
    qtbot.keyClicks(edit, "GB 9704 ok")
    _undo(qtbot, window, edit)
    assert _text(window) == before + "GB 9704 "
    _undo(qtbot, window, edit)
    assert _text(window) == before + "GB "
    _undo(qtbot, window, edit)
    assert _text(window) == before


def test_a_pause_ends_an_undo_step(qtbot, window, monkeypatch):
    monkeypatch.setattr(undo_commands, "MERGE_SECONDS", 0.2)
    edit = _editor(window)
    before = _text(window)
    qtbot.keyClicks(edit, "abc")
    qtbot.wait(300)
    qtbot.keyClicks(edit, "def")
    _undo(qtbot, window, edit)
    assert _text(window) == before + "abc"


def test_a_run_of_backspaces_is_one_step(qtbot, window):
    edit = _editor(window)
    before = _text(window)
    _commit(edit, "政府信息")
    for _ in range(3):
        qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert _text(window) == before + "政"
    _undo(qtbot, window, edit)
    assert _text(window) == before + "政府信息"


def test_the_change_of_a_long_text_is_found_exactly():
    old = "甲" * 50_000
    assert undo_commands.text_change(old, old[:100] + "乙" + old[100:]) == (100, "", "乙")
    assert undo_commands.text_change("abcabc", "abc") == (3, "abc", "")
