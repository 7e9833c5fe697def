"""Keyboard polish: Tab skips auto totals, typing on one says how to type it, menus have access letters."""
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from gui_reports import EDITIONS, zero_report
from ui.session import Session
from ui.widgets.table_editor import TableEditor


@pytest.fixture(params=EDITIONS)
def editor(request, qtbot):
    widget = TableEditor(Session(zero_report(request.param)), "requests")
    qtbot.add_widget(widget)
    widget.resize(1000, 600)
    widget.show()
    qtbot.wait_exposed(widget)
    return widget


def _current(editor):
    return editor.model_.cell_at(editor.currentIndex())


def test_tab_skips_the_auto_total_to_the_next_row(qtbot, editor):
    editor.select_cell("new", "other_org")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert _current(editor) == ("carried_in", "natural")
    qtbot.keyClick(editor, Qt.Key.Key_Backtab)
    assert _current(editor) == ("new", "other_org")


def test_tab_after_typing_skips_the_auto_total_too(qtbot, editor):
    editor.select_cell("new", "other_org")
    qtbot.keyClick(editor, "3")
    qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_Tab)
    QApplication.processEvents()
    assert editor.session.report.get("requests", "new", "other_org") == 3
    assert _current(editor) == ("carried_in", "natural")


def test_typing_on_an_auto_total_says_how_to_type_it(qtbot, editor):
    messages = []
    editor.status_message.connect(messages.append)
    editor.select_cell("new", "total")
    qtbot.keyClick(editor, "5")
    assert messages and messages[-1].endswith("自动合计，按 Ctrl+M 改为手工填写")
    event = QInputMethodEvent()
    event.setCommitString("５")
    QApplication.sendEvent(editor, event)
    assert len(messages) == 2
    assert editor.session.report.get("requests", "new", "total") == 0
    assert editor.state() != editor.State.EditingState


def test_every_menu_entry_has_its_own_access_letter(make_window):
    window = make_window(zero_report("2021"))
    tops = [a.text() for a in window.menuBar().actions()]
    assert all(re.search(r"\(&[A-Z]\)$", t) for t in tops)
    for top in window.menuBar().actions():
        texts = [a.text() for a in top.menu().actions() if not a.isSeparator()]
        letters = [re.search(r"\(&([A-Z0-9])\)", t) for t in texts]
        assert all(letters), texts
        assert len({m.group(1) for m in letters}) == len(letters), texts
