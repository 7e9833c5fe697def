"""What the clerk types into a cell is stored exactly as typed, or refused visibly: never altered.

Typing goes through the real editor: the first key opens it on the view, the following keys and
input-method commits go to the editor that has the focus, as they do for a person.
"""
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from gui_reports import zero_report
from ui.session import Session
from ui.widgets.table_editor import TableEditor


def _editor(qtbot, table_id, edition="2019"):
    session = Session(zero_report(edition))
    widget = TableEditor(session, table_id)
    qtbot.add_widget(widget)
    widget.resize(1000, 600)
    widget.show()
    qtbot.wait_exposed(widget)
    return widget


@pytest.fixture
def requests(qtbot):
    return _editor(qtbot, "requests")


@pytest.fixture
def active(qtbot):
    return _editor(qtbot, "active")


def _start_typing(qtbot, view, row, col, first: str):
    view.select_cell(row, col)
    qtbot.keyClick(view, first)
    qtbot.wait_until(lambda: view.state() == view.State.EditingState, timeout=2000)
    return view.focusWidget()


def _type(qtbot, view, row, col, text: str, key=Qt.Key.Key_Return):
    """Type ``text`` (ASCII) into a cell as a person does, then press ``key``; returns the cell editor."""
    line = _start_typing(qtbot, view, row, col, text[0])
    qtbot.keyClicks(line, text[1:])
    qtbot.keyClick(line, key)
    QApplication.processEvents()  # the delegate commits and closes the editor in a queued call
    return line


def _commit(widget, text: str) -> None:
    """What a Chinese input method sends when the clerk confirms a candidate."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _stored(view, row, col):
    return view.session.report.get(view.spec.id, row, col)


@pytest.mark.parametrize("typed", ["12.5", "-5", "1e9", "12a"])
def test_a_count_that_is_no_whole_number_keeps_the_cell_in_edit_with_a_red_frame(qtbot, requests, typed):
    line = _type(qtbot, requests, "new", "natural", typed)
    assert requests.state() == requests.State.EditingState
    assert line.text() == typed                      # every character kept, nothing dropped
    assert line.property("invalid") is True
    assert "“" + typed + "”" in line.toolTip()
    assert _stored(requests, "new", "natural") == 0  # the previous value, not 125 / 5 / 19
    qtbot.keyClick(line, Qt.Key.Key_Escape)
    assert _stored(requests, "new", "natural") == 0


def test_refusal_reasons_are_chinese_and_name_the_problem(qtbot, requests):
    messages = []
    requests.status_message.connect(messages.append)
    line = _type(qtbot, requests, "new", "natural", "12.5")
    assert "有小数" in line.toolTip()
    assert messages and "自然人" in messages[-1] and "12.5" in messages[-1]
    line.clear()
    qtbot.keyClicks(line, "-5")
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    QApplication.processEvents()
    assert "负数" in line.toolTip()
    assert requests.state() == requests.State.EditingState


def test_a_ten_digit_count_is_stored_whole(qtbot, requests):
    _type(qtbot, requests, "new", "natural", "1234567890")
    assert _stored(requests, "new", "natural") == 1234567890


def test_fixing_the_refused_text_stores_it_and_moves_on(qtbot, requests):
    line = _type(qtbot, requests, "new", "natural", "12.5")
    line.clear()
    qtbot.keyClicks(line, "12")
    assert line.property("invalid") is False
    qtbot.keyClick(line, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert requests.state() != requests.State.EditingState
    assert _stored(requests, "new", "natural") == 12


def test_leaving_a_refused_cell_by_clicking_elsewhere_keeps_the_text_flagged(qtbot, requests):
    session = requests.session
    _start_typing(qtbot, requests, "new", "natural", "1")
    qtbot.keyClicks(requests.focusWidget(), ".5")
    with qtbot.wait_signal(session.findings_changed, timeout=2000) as blocker:
        target = requests.visualRect(requests.model_.index_of("new", "commercial")).center()
        qtbot.mouseClick(requests.viewport(), Qt.MouseButton.LeftButton, pos=target)
    assert requests.model_.index_of("new", "natural").data() == "1.5"
    assert _stored(requests, "new", "natural") is None
    invalid = [f for f in blocker.args[0] if f.rule == "value.invalid"]
    assert [f.cell for f in invalid] == ["requests.new.natural"]
    session.undo_stack.undo()
    assert _stored(requests, "new", "natural") == 0


def test_a_signed_change_may_be_negative(qtbot, active):
    _type(qtbot, active, "licensing", "change", "-5")
    assert _stored(active, "licensing", "change") == -5


def test_an_amount_typed_with_the_chinese_full_stop_keeps_its_decimal_point(qtbot, active):
    line = _start_typing(qtbot, active, "procurement", "amount", "1")
    _commit(line, "9。83")
    assert line.text() == "19。83"
    qtbot.keyClick(line, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert _stored(active, "procurement", "amount") == Decimal("19.83")


def test_an_input_method_commit_on_the_selected_cell_opens_the_editor_with_it(qtbot, active):
    active.select_cell("procurement", "amount")
    _commit(active, "１９．８３")
    qtbot.wait_until(lambda: active.state() == active.State.EditingState, timeout=2000)
    qtbot.keyClick(active.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()
    assert _stored(active, "procurement", "amount") == Decimal("19.83")


def test_an_amount_keeps_every_decimal_typed_and_is_warned_about(qtbot, active):
    session = active.session
    with qtbot.wait_signal(session.findings_changed, timeout=2000) as blocker:
        _type(qtbot, active, "procurement", "amount", "19.830356")
    assert format(_stored(active, "procurement", "amount"), "f") == "19.830356"
    assert active.model_.index_of("procurement", "amount").data() == "19.830356"
    warning = [f for f in blocker.args[0] if f.rule == "value.decimals"]
    assert warning and "6 位小数" in warning[0].message


def test_typing_and_pasting_agree(qtbot, active):
    active.select_cell("procurement", "amount")
    assert active.paste("19。83") == 1
    assert _stored(active, "procurement", "amount") == Decimal("19.83")
    active.select_cell("procurement", "items")
    assert active.paste("12.5") == 0
    assert _stored(active, "procurement", "items") == 0


def test_text_kept_in_a_refused_cell_survives_save_and_reopen(qtbot, requests, tmp_path):
    """The clerk clicks away from `1.5` in a count cell: the text is kept (flagged) — and saving the
    report must not drop it: reopening shows the same text and the same finding."""
    from app.checks import run_checks
    from app.report_json import load_report_json, save_report_json

    session = requests.session
    _start_typing(qtbot, requests, "new", "natural", "1")
    qtbot.keyClicks(requests.focusWidget(), ".5")
    target = requests.visualRect(requests.model_.index_of("new", "commercial")).center()
    qtbot.mouseClick(requests.viewport(), Qt.MouseButton.LeftButton, pos=target)
    QApplication.processEvents()
    path = tmp_path / "草稿.nianbao.json"
    save_report_json(session.report, path)
    again = load_report_json(path)
    assert again.invalid == {"requests.new.natural": "1.5"}
    assert again.get("requests", "new", "natural") is None
    assert [f.cell for f in run_checks(again) if f.rule == "value.invalid"] == ["requests.new.natural"]
