"""Table 二 is laid out as the form's 第二十条 sub-tables: each block with its own header row."""
import pytest
from PySide6.QtCore import Qt

from gui_reports import EDITIONS, zero_report
from ui.session import Session
from ui.widgets.table_editor import TableEditor


@pytest.fixture(params=EDITIONS)
def editor(request, qtbot):
    widget = TableEditor(Session(zero_report(request.param)), "active")
    qtbot.add_widget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.wait_exposed(widget)
    return widget


def _rows(editor):
    model = editor.model_
    return [(model.headerData(r, Qt.Orientation.Vertical).strip("\u3000"),
             [model.index(r, c).data() or "" for c in range(model.columnCount())]) for r in range(model.rowCount())]


def test_each_block_has_its_label_its_header_row_and_its_rows(editor):
    spec, rows = editor.spec, _rows(editor)
    index = 0
    for block in spec.blocks:
        assert rows[index][0] == block.label
        assert rows[index + 1] == ("信息内容", [spec.column(c).label for c in block.columns]
                                   + [""] * (editor.model_.columnCount() - len(block.columns)))
        for offset, row_id in enumerate(block.rows, 2):
            label, values = rows[index + offset]
            assert label == spec.row(row_id).label and values[:len(block.columns)] == ["0"] * len(block.columns)
        index += 2 + len(block.rows)
    assert index == len(rows)
    assert editor.model_.columnCount() == max(len(b.columns) for b in spec.blocks)
    assert not editor.horizontalHeader().isVisible()


def test_no_grey_cell_inside_a_block(editor):
    model = editor.model_
    for row in model.data_rows():
        columns = model._rows[row].columns
        for column in range(len(columns)):
            assert model.flags(model.index(row, column)) & Qt.ItemFlag.ItemIsEditable


def test_typing_into_a_block_cell_stores_it_in_that_column(qtbot, editor):
    block = editor.spec.blocks[-1]
    row_id, col_id = block.rows[0], block.columns[-1]
    editor.select_cell(row_id, col_id)
    qtbot.keyClicks(editor, "7")
    qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_Return)
    qtbot.wait_until(lambda: editor.state() != editor.State.EditingState, timeout=2000)
    assert str(editor.session.report.get("active", row_id, col_id)) == "7"


def test_the_header_row_labels_are_fully_visible(editor):
    metrics = editor.fontMetrics()
    for block in editor.spec.blocks:
        for column, col_id in enumerate(block.columns):
            label = editor.spec.column(col_id).label
            assert editor.columnWidth(column) >= min(260, metrics.horizontalAdvance(label))
