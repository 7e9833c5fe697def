"""What the look tells the clerk at a glance, checked on the painted widgets: a red or green verdict, a red
frame on a field with a finding, bold larger headings, the outline's and the tables' selection colours."""
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from gui_input import CTRL, click, compose, press
from ui import look
from ui.application import set_fonts


@pytest.fixture
def app_fonts(qapp):
    """The fonts the application sets (the test application has Qt's defaults), for the widgets made after."""
    before, before_text = QApplication.font(), QApplication.font("QPlainTextEdit")
    set_fonts(qapp)
    yield
    qapp.setFont(before)
    qapp.setFont(before_text, "QPlainTextEdit")


def _painted(widget) -> set[str]:
    """Every colour ``widget`` paints (its text in full-coverage pixels among them)."""
    image = widget.grab().toImage()
    return {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())}


def _pixel(widget, point: QPoint) -> QColor:
    return widget.grab().toImage().pixelColor(point)


def _near(colour: QColor, expected: QColor, tolerance: int = 4) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour.getRgb()[:3], expected.getRgb()[:3], strict=True))


def _clear_organ(qtbot, window) -> None:
    window.view.show_page("meta")
    click(window, window.view.meta.organ)
    press(window, Qt.Key.Key_A, CTRL)
    press(window, Qt.Key.Key_Backspace)
    window.session.flush()


def _type_organ(window) -> None:
    compose("geshan", "阁山镇人民政府", window.view.meta.organ)
    window.session.flush()


def test_the_verdict_is_green_while_the_report_passes_and_red_while_it_fails(qtbot, window):
    verdict = window.verdict
    assert verdict.text().startswith("✔")
    assert look.PASSING.name() in _painted(verdict) and look.FAILING.name() not in _painted(verdict)
    _clear_organ(qtbot, window)
    assert verdict.text().startswith("✘")
    assert look.FAILING.name() in _painted(verdict) and look.PASSING.name() not in _painted(verdict)
    _type_organ(window)
    assert verdict.text().startswith("✔") and look.PASSING.name() in _painted(verdict)


def test_a_field_with_a_finding_is_framed_in_red_until_it_is_filled(qtbot, window):
    organ, year = window.view.meta.organ, window.view.meta.year
    left_edge, inside = QPoint(0, organ.height() // 2), QPoint(organ.width() - 4, organ.height() // 2)
    white = organ.palette().color(QPalette.ColorRole.Base)
    assert _pixel(organ, inside) == white and not _near(_pixel(organ, left_edge), look.FAILING)
    _clear_organ(qtbot, window)
    assert any(f.field == "organ" for f in window.session.findings)
    assert _near(_pixel(organ, left_edge), look.FAILING, 0)
    assert _pixel(organ, inside) == QColor("#fdf1f0")
    assert "发布机关" in organ.toolTip()  # and says why
    assert look.FAILING.name() not in _painted(year)  # only the field the finding is about
    _type_organ(window)
    assert _pixel(organ, inside) == white and not _near(_pixel(organ, left_edge), look.FAILING)
    assert organ.styleSheet() == ""  # no style sheet left on it once fixed


def test_section_headings_are_bold_larger_and_dark(qtbot, app_fonts, window):
    window.view.show_page("overview")
    page = window.view.narratives["overview"]
    body = page.count  # the word count: body text
    assert page.heading.font().bold() and not body.font().bold()
    assert page.heading.font().pointSizeF() > body.font().pointSizeF()
    assert page.heading.sizeHint().height() > body.sizeHint().height()
    assert look.INK.name() in _painted(page.heading)
    window.view.show_page("requests")
    table_page = window.view.tables["requests"].parentWidget()
    heading, legend = (next(label for label in table_page.findChildren(type(page.heading))
                            if label.objectName() == name) for name in ("sectionHeading", "legend"))
    assert heading.font().bold() and heading.font().pointSizeF() > body.font().pointSizeF()
    assert legend.font().pointSizeF() < body.font().pointSizeF()  # the key is small print


def test_the_outline_shows_the_open_page_in_quiet_blue_with_room_around_each_title(qtbot, window):
    window.view.show_page("overview")
    outline, viewport = window.view.outline, window.view.outline.viewport()
    current = outline.visualItemRect(outline.currentItem())
    other = outline.visualItemRect(outline.item(outline.currentRow() + 1))
    assert current.height() >= outline.fontMetrics().height() + 8  # 4 px above and below the text
    selected, unselected = QPoint(current.right() - 2, current.top() + 1), QPoint(other.right() - 2, other.top() + 1)
    for focus in (outline, window.view.narratives["overview"].edit):  # the same blue while the clerk types
        click(window, focus)
        assert focus.hasFocus()
        assert _pixel(viewport, selected) == QColor("#dbe6f5")
        assert _pixel(viewport, unselected) == outline.palette().color(QPalette.ColorRole.Base)
    assert outline.font().pointSizeF() == look.OUTLINE_PT


def test_a_selected_cell_is_light_blue_with_black_text_on_a_blue_grey_grid(qtbot, window):
    window.view.show_page("requests")
    editor = window.view.tables["requests"]
    index = editor.model_.index_of("carried_out", "natural")
    editor.scrollTo(index)
    cell = editor.visualRect(index)
    click(window, editor.viewport(), cell.center())
    assert editor.selectionModel().isSelected(index)
    viewport = editor.viewport()
    assert _near(_pixel(viewport, QPoint(cell.left() + 3, cell.center().y())), look.TABLE_SELECTED, 8)  # Fusion shades it
    assert _near(_pixel(viewport, QPoint(cell.right() + 1, cell.center().y())), look.TABLE_GRID, 3)  # the grid line
    usual = QApplication.palette().color(QPalette.ColorRole.Window)
    assert editor.horizontalHeader().palette().color(QPalette.ColorRole.Window) == usual  # headers keep their colours
    assert editor.verticalScrollBar().palette().color(QPalette.ColorRole.Window) == usual


def test_narratives_are_written_in_larger_type_than_the_labels(qtbot, app_fonts, window):
    window.view.show_page("overview")  # fonts resolve when a widget is first shown
    page = window.view.narratives["overview"]
    assert page.edit.font().pointSizeF() == look.TEXT_PT
    assert page.edit.font().pointSizeF() > page.count.font().pointSizeF()
    assert page.edit.font().families() == QApplication.font().families()  # the CJK font stack stays
