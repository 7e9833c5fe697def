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


def test_a_narrative_page_is_built_when_first_chosen_with_its_text_findings_and_undo(qtbot, make_window):
    """Only 基本信息 (with the preamble) is built at start; 五、存在的主要问题… is built when the clerk
    clicks it in the outline, shows the report's text and its finding, and takes typing as an undoable edit."""
    from gui_input import activate, press, type_text
    from ui.widgets.narrative_editor import NarrativeEditor

    report = zero_report("2019")
    report.sections["problems"] = "无"   # too short for a section: a finding on the text
    window = make_window(report)
    built = {e.section_id for e in window.view.findChildren(NarrativeEditor)}
    assert built == {"preamble"}
    outline = window.view.outline
    row = next(r for r in range(outline.count()) if outline.item(r).text().startswith("五、"))
    rect = outline.visualItemRect(outline.item(row))
    qtbot.mouseClick(outline.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    editor = window.view.narratives["problems"]
    assert editor.isVisible() and window.view.stack.currentWidget().isAncestorOf(editor)
    assert editor.text() == "无"
    [finding] = [f for f in window.session.findings if f.cell == "sections.problems"]
    assert finding.message in editor.notes.text() and editor.notes.isVisibleTo(editor)
    assert {e.section_id for e in window.view.findChildren(NarrativeEditor)} == {"preamble", "problems"}

    activate(qtbot, window)
    editor.edit.setFocus()
    editor.edit.moveCursor(editor.edit.textCursor().MoveOperation.End)
    type_text(window, "abc")
    window.session.flush()
    assert window.session.report.sections["problems"] == "无abc"
    press(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the session's undo, routed from the editor
    window.session.flush()
    assert window.session.report.sections["problems"] == "无" and editor.text() == "无"
