"""The generic table model: layout from the edition data, editing, totals, findings marks."""
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from gui_reports import EDITIONS, zero_report
from ui.session import Session
from ui.table_model import CellRefRole, ColumnSpecRole


@pytest.fixture(params=EDITIONS)
def session(request, qtbot):
    return Session(zero_report(request.param))


def test_every_table_model_passes_the_qt_model_tester(session, qtmodeltester):
    for model in session.models.values():
        qtmodeltester.check(model)


def test_models_pass_the_tester_after_switching_edition(qtbot, qtmodeltester):
    session = Session(zero_report("2019"))
    session.set_report(zero_report("2021"))
    for model in session.models.values():
        qtmodeltester.check(model)
    assert session.models["active"].spec.column("issued").label == "本年制发件数"


def test_one_row_table_prints_each_row_as_a_column_group(session):
    model = session.models["appeals"]
    assert (model.rowCount(), model.columnCount()) == (1, 15)
    index = model.index_of("suit_direct", "upheld")
    assert index.column() == 5
    assert index.data(CellRefRole) == "appeals.suit_direct.upheld"


def test_cells_a_row_lacks_are_disabled_and_blocks_are_heading_rows(qtbot):
    model = Session(zero_report("2021")).models["active"]
    headings = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount()) if model.is_heading(r)]
    assert headings[::2] == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
    assert set(headings[1::2]) == {"信息内容"}  # each block's own header row
    licensing = model.index_of("licensing", "decisions")
    assert licensing.column() == 0  # a block's columns start at the left
    assert model.flags(model.index(licensing.row(), 1)) == Qt.ItemFlag.NoItemFlags  # 行政许可 has one column
    assert model.flags(licensing) & Qt.ItemFlag.ItemIsEditable


def test_row_hierarchy_is_shown_as_indented_headings(qtbot):
    model = Session(zero_report("2021")).models["requests"]
    labels = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    assert "三、本年度办理结果" in labels
    assert "\u3000（三）不予公开" in labels
    assert "\u3000\u30001.属于国家秘密" in labels
    row = model.index_of("withheld_1", "natural").row()
    assert labels.index("\u3000（三）不予公开") == row - 1


def test_typed_value_is_parsed_for_the_column_kind(qtbot):
    session = Session(zero_report("2021"))
    model = session.models["active"]
    assert model.setData(model.index_of("fees", "amount"), "12.3456")
    assert session.report.get("active", "fees", "amount") == Decimal("12.3456")
    assert model.index_of("fees", "amount").data(ColumnSpecRole).kind == "amount"


def test_invalid_value_is_rejected_with_a_chinese_reason(qtbot):
    session = Session(zero_report("2021"))
    model = session.models["requests"]
    with qtbot.wait_signal(model.value_rejected) as blocker:
        assert not model.setData(model.index_of("new", "natural"), "-3")
    assert "负数" in blocker.args[0] and "自然人" in blocker.args[0]
    assert session.report.get("requests", "new", "natural") == 0


def test_auto_total_is_read_only_until_switched_to_manual(qtbot):
    session = Session(zero_report("2021"))
    model = session.models["requests"]
    total = model.index_of("new", "total")
    assert not model.flags(total) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(total, "9")
    session.set_manual("requests", "new", "total", True)
    assert model.setData(total, "9")
    session.flush()
    assert session.report.get("requests", "new", "total") == 9
    assert any(f.cell == "requests.new.total" for f in session.findings)
    session.undo_stack.undo()
    session.undo_stack.undo()
    session.flush()
    assert session.report.get("requests", "new", "total") == 0
    assert not model.flags(total) & Qt.ItemFlag.ItemIsEditable


def test_finding_marks_its_cell_red_with_the_message_as_tooltip(qtbot):
    report = zero_report("2021")
    report.set_cell("requests", "carried_out", "natural", 2)  # breaks the balance
    session = Session(report)
    index = session.models["requests"].index_of("carried_out", "natural")
    assert index.data(Qt.ItemDataRole.BackgroundRole).color().name() == "#f9d6d5"
    assert "错误" in index.data(Qt.ItemDataRole.ToolTipRole)
