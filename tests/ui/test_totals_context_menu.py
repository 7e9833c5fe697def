"""Right-clicking a total (a real right mouse click on the window): 改为手工填写 keeps the figure the clerk
types (as published) and the check shows the difference; 恢复自动计算 gives the sum of its parts back."""
import pytest
from PySide6.QtCore import Qt

from gui_input import activate, choose_in_popup, click, press, type_text
from gui_reports import EDITIONS, zero_report

MANUAL = "改为手工填写（按公布数字）"
AUTOMATIC = "恢复自动计算"


@pytest.fixture(params=EDITIONS)
def window(request, make_window, qtbot):
    report = zero_report(request.param)
    report.set_cell("requests", "new", "natural", 2)
    report.set_cell("requests", "new", "commercial", 3)
    report.set_cell("requests", "new", "total", 5)
    window = make_window(report)
    activate(qtbot, window)
    window.view.show_page("requests")
    return window


def _right_click_and_choose(qtbot, window, row, col, text) -> list[str]:
    editor = window.view.tables["requests"]
    offered = []
    choose_in_popup(qtbot, window, text, offered)
    rect = editor.visualRect(editor.model_.index_of(row, col))
    click(window, editor.viewport(), rect.center(), Qt.MouseButton.RightButton)
    qtbot.wait_until(lambda: bool(offered), timeout=2000)
    activate(qtbot, window)
    return offered


def _total_cell(window):
    return window.view.tables["requests"].model_.index_of("new", "total")


def test_a_total_made_manual_keeps_the_typed_figure_and_automatic_restores_the_sum(qtbot, window):
    session, editor = window.session, window.view.tables["requests"]
    offered = _right_click_and_choose(qtbot, window, "new", "total", MANUAL)
    assert offered[0] == MANUAL and AUTOMATIC not in offered
    editor.select_cell("new", "total")
    type_text(window, "6")
    press(window, Qt.Key.Key_Return)
    qtbot.wait_until(lambda: session.report.get("requests", "new", "total") == 6, timeout=2000)
    session.flush()
    assert _total_cell(window).data() == "6"
    assert any(f.rule == "requests.row_total" and f.cell == "requests.new.total" for f in session.findings)
    offered = _right_click_and_choose(qtbot, window, "new", "total", AUTOMATIC)
    assert offered[0] == AUTOMATIC
    session.flush()
    assert session.report.get("requests", "new", "total") == 5 and _total_cell(window).data() == "5"
    assert not any(f.cell == "requests.new.total" for f in session.findings)


def test_an_automatic_total_refuses_typing_until_made_manual(qtbot, window):
    session, editor = window.session, window.view.tables["requests"]
    editor.select_cell("new", "total")
    type_text(window, "9")
    window.session.flush()
    assert session.report.get("requests", "new", "total") == 5
    assert "按 Ctrl+M 改为手工填写" in window.statusBar().currentMessage()


def test_a_cell_that_is_not_a_total_offers_no_total_entry(qtbot, window):
    offered = _right_click_and_choose(qtbot, window, "new", "natural", "复制")
    assert MANUAL not in offered and AUTOMATIC not in offered and "粘贴" in offered
