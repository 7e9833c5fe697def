"""Table pages are built when first shown (start-up time), yet findings on them still jump to their cells."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from gui_reports import EDITIONS, zero_report
from ui.widgets.table_editor import TableEditor


def _editors(window) -> list[TableEditor]:
    return window.view.findChildren(TableEditor)


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_finding_on_a_page_not_yet_built_jumps_to_its_cell(qtbot, make_window, edition):
    report = zero_report(edition)
    report.set_cell("requests", "carried_out", "natural", 3)
    window = make_window(report)
    assert _editors(window) == []  # only 基本信息 is on screen: no table editor built at start
    model = window.panel.model
    row = next(r for r in range(model.rowCount()) if model.finding(r).cell == "requests.carried_out.natural")
    view = window.panel.view
    rect = view.visualRect(model.index(row, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = window.view.current_table()
    assert editor is not None and editor.isVisible()
    assert editor.model_.spec.id == "requests"
    assert editor.model_.cell_at(editor.currentIndex()) == ("carried_out", "natural")
    assert [e.model_.spec.id for e in _editors(window)] == ["requests"]  # the other tables are still not built


def test_choosing_a_page_in_the_outline_builds_and_shows_it(qtbot, make_window):
    window = make_window(zero_report(EDITIONS[0]))
    outline = window.view.outline
    row = next(r for r in range(outline.count()) if outline.item(r).text().startswith("二、"))
    outline.setCurrentRow(row)
    page = window.view.stack.currentWidget()
    headings = [label.text() for label in page.findChildren(QLabel) if label.objectName() == "sectionHeading"]
    assert headings and headings[0].startswith("二、")
    assert window.view.current_table() is window.view.tables["active"]
    assert window.view.current_table().isVisible()
