"""Half-typed Chinese (an input method's preedit) is not yet text: nothing is recorded, checked or undone
until the clerk picks a candidate (the commit), which then arrives whole, as one undo step, in the
narrative editors, the organ and title fields and the table cells."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from gui_input import CTRL, activate, compose, press
from gui_reports import EDITIONS, zero_report


@pytest.fixture(params=EDITIONS)
def window(request, make_window, qtbot):
    window = make_window(zero_report(request.param))
    activate(qtbot, window)
    return window


def _preedit(text: str) -> None:
    QApplication.sendEvent(QApplication.focusObject(), QInputMethodEvent(text, []))


def test_preedit_in_the_text_is_not_recorded_until_the_commit(qtbot, window):
    window.view.show_page("problems")
    edit = window.view.narratives["problems"].edit
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    before, steps = window.session.report.sections["problems"], window.session.undo_stack.count()
    _preedit("jiaqiang")
    window.session.flush()
    assert window.session.report.sections["problems"] == before
    assert window.session.undo_stack.count() == steps and not window.isWindowModified()
    compose("jiaqiang", "加强宣传")
    assert window.session.report.sections["problems"] == before + "加强宣传"
    assert window.session.undo_stack.count() == steps + 1 and window.isWindowModified()
    press(window, Qt.Key.Key_Z, CTRL)
    assert window.session.report.sections["problems"] == before and edit.toPlainText() == before


def test_a_cancelled_composition_leaves_the_text_as_it_was(qtbot, window):
    window.view.show_page("other")
    edit = window.view.narratives["other"].edit
    edit.setFocus()
    before = window.session.report.sections["other"]
    compose("shoufei", "")  # Esc in the input method: the preedit is withdrawn, nothing committed
    assert window.session.report.sections["other"] == before and edit.toPlainText() == before
    assert window.session.undo_stack.count() == 0


def test_organ_typed_with_an_input_method_renames_the_report(qtbot, window):
    window.view.show_page("meta")
    organ = window.view.meta.organ
    organ.setFocus()
    organ.selectAll()
    old_title = window.session.report.title
    _preedit("checun")  # replaces the selection, as typing does
    compose("checun", "车村镇人民政府")
    year = window.session.report.year
    assert window.session.report.organ == "车村镇人民政府"
    assert window.view.meta.title.text() == f"车村镇人民政府{year}年政府信息公开工作年度报告"
    assert window.windowTitle().startswith(f"车村镇人民政府{year}年政府信息公开工作年度报告")
    assert window.session.undo_stack.count() == 1
    press(window, Qt.Key.Key_Z, CTRL)  # one step back to the old name and title
    assert (window.session.report.organ, window.session.report.title) == ("阁山镇人民政府", old_title)
    assert organ.text() == "阁山镇人民政府"


def test_full_width_digits_composed_in_a_cell_become_its_value(qtbot, window):
    window.view.show_page("requests")
    editor = window.view.tables["requests"]
    editor.select_cell("new", "natural")
    _preedit("１")
    assert window.session.report.get("requests", "new", "natural") == 0
    compose("１", "１２")
    press(window, Qt.Key.Key_3)       # typing goes on in the same cell
    press(window, Qt.Key.Key_Return)
    qtbot.wait_until(lambda: editor.state() != editor.State.EditingState, timeout=2000)
    window.session.flush()
    assert window.session.report.get("requests", "new", "natural") == 123
    assert editor.model_.index_of("new", "total").data() == "123"
    assert editor.model_.cell_at(editor.currentIndex()) == ("carried_in", "natural")  # Enter moved down
