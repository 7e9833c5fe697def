"""Spreadsheet-like editing: typing, keys, copy/paste blocks, fill with 0, undo/redo; both editions."""
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from gui_reports import EDITIONS, zero_report
from ui.session import Session
from ui.widgets.table_editor import TableEditor


@pytest.fixture(params=EDITIONS)
def editor(request, qtbot):
    session = Session(zero_report(request.param))
    widget = TableEditor(session, "requests")
    qtbot.add_widget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.wait_exposed(widget)
    return widget


def _type_into(qtbot, editor, row, col, text):
    editor.select_cell(row, col)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_Return)
    qtbot.wait_until(lambda: editor.state() != editor.State.EditingState, timeout=2000)


def _also_select(editor, row, col):
    editor.selectionModel().select(editor.model_.index_of(row, col), QItemSelectionModel.SelectionFlag.Select)


def test_typing_in_a_cell_updates_its_total_and_the_findings(qtbot, editor):
    session = editor.session
    with qtbot.wait_signal(session.findings_changed, timeout=2000) as blocker:
        _type_into(qtbot, editor, "new", "natural", "5")
    assert session.report.get("requests", "new", "natural") == 5
    assert session.report.get("requests", "new", "total") == 5
    assert editor.model_.index_of("new", "total").data() == "5"
    # 5 new requests with no results break the balance (新收 + 结转 = 办理结果 + 结转下年)
    assert "requests.balance" in [f.rule for f in blocker.args[0]]


def test_typing_replaces_the_value_and_enter_moves_down(qtbot, editor):
    editor.session.report.set_cell("requests", "new", "natural", 42)
    _type_into(qtbot, editor, "new", "natural", "7")
    assert editor.session.report.get("requests", "new", "natural") == 7
    assert editor.model_.cell_at(editor.currentIndex()) == ("carried_in", "natural")


def test_tab_moves_right_and_f2_edits(qtbot, editor):
    editor.select_cell("new", "natural")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.model_.cell_at(editor.currentIndex()) == ("new", "commercial")
    qtbot.keyClick(editor, Qt.Key.Key_F2)
    assert editor.state() == editor.State.EditingState


def test_delete_clears_the_selected_cells_in_one_undo_step(qtbot, editor):
    session = editor.session
    editor.select_cell("new", "natural")
    _also_select(editor, "new", "commercial")
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert session.report.get("requests", "new", "natural") is None
    assert session.report.get("requests", "new", "commercial") is None
    session.undo_stack.undo()
    assert session.report.get("requests", "new", "natural") == 0
    assert session.report.get("requests", "new", "commercial") == 0


def test_paste_of_a_block_fills_the_right_cells_and_is_one_undo_step(qtbot, editor):
    session = editor.session
    editor.select_cell("new", "natural")
    QApplication.clipboard().setText("3\t1\t0\n2\t0\t1\n")
    with qtbot.wait_signal(session.findings_changed, timeout=2000):
        qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    report = session.report
    assert [report.get("requests", "new", c) for c in ("natural", "commercial", "research")] == [3, 1, 0]
    assert [report.get("requests", "carried_in", c) for c in ("natural", "commercial", "research")] == [2, 0, 1]
    assert report.get("requests", "new", "total") == 4
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    session.flush()
    assert report.get("requests", "new", "natural") == 0 and report.get("requests", "new", "total") == 0
    session.undo_stack.redo()
    session.flush()
    assert report.get("requests", "carried_in", "research") == 1 and report.get("requests", "new", "total") == 4


def test_paste_skips_heading_rows_like_the_printed_table(qtbot, editor):
    editor.select_cell("carried_in", "natural")
    editor.paste("6\n4\n")  # 二、上年结转 then （一）予以公开, skipping the 三、本年度办理结果 heading
    assert editor.session.report.get("requests", "carried_in", "natural") == 6
    assert editor.session.report.get("requests", "granted", "natural") == 4


def test_invalid_pasted_values_are_reported_not_written(qtbot, editor):
    editor.select_cell("new", "natural")
    with qtbot.wait_signal(editor.status_message) as blocker:
        assert editor.paste("abc\t2\n") == 1
    assert "无效" in blocker.args[0] and "自然人" in blocker.args[0]
    assert editor.session.report.get("requests", "new", "natural") == 0
    assert editor.session.report.get("requests", "new", "commercial") == 2


def test_copy_gives_a_tab_separated_block_for_excel(qtbot, editor):
    session = editor.session
    session.report.set_cell("requests", "new", "natural", 8)
    editor.select_cell("new", "natural")
    corner = editor.model_.index_of("carried_in", "commercial")
    editor.selectionModel().select(corner, QItemSelectionModel.SelectionFlag.Select)
    editor.setSelection(editor.visualRect(editor.model_.index_of("new", "natural")).united(editor.visualRect(corner)),
                        QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.keyClick(editor, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "8\t0\n0\t0\n"


def test_fill_zero_fills_only_the_blank_cells_of_the_selection(qtbot, editor):
    report = editor.session.report
    report.set_cell("requests", "new", "natural", None)
    report.set_cell("requests", "new", "commercial", 5)
    editor.select_cell("new", "natural")
    _also_select(editor, "new", "commercial")
    assert editor.fill_zero() == 1
    assert report.get("requests", "new", "natural") == 0 and report.get("requests", "new", "commercial") == 5


def test_signed_column_accepts_a_decrease_only_where_the_edition_allows(qtbot):
    session = Session(zero_report("2019"))
    model = session.models["active"]
    assert model.setData(model.index_of("licensing", "change"), "-2")  # 本年增/减
    assert not model.setData(model.index_of("licensing", "prev_items"), "-2")
    assert session.report.get("active", "licensing", "change") == -2
