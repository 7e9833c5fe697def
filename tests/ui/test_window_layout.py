"""The window fits the screen it opens on and keeps its layout across restarts."""
import pytest
from PySide6.QtCore import Qt

from gui_reports import SAMPLES

SAMPLE = SAMPLES / "2020_huashan_town.json"


def _start(qtbot, tmp_path, path=SAMPLE):
    from ui.main_window import MainWindow
    from ui.settings import Settings

    window = MainWindow.start(path, Settings(tmp_path / "settings.ini"), tmp_path / "autosave")
    qtbot.add_widget(window, before_close_func=lambda w: w.built and w.session.mark_saved(w.session.path))
    with qtbot.waitSignal(window.ready, timeout=10000):
        pass
    qtbot.wait(50)
    return window


def test_the_findings_panel_keeps_its_height_across_restarts(qtbot, tmp_path):
    heights = []
    for _run in range(3):
        window = _start(qtbot, tmp_path)
        heights.append((window.dock.height(), window.size().toTuple()))
        assert window.close()
    assert heights[1] == heights[0] and heights[2] == heights[0], heights


def test_a_panel_dragged_too_tall_is_capped_at_the_next_start(qtbot, tmp_path):
    from ui.settings import Settings

    settings = Settings(tmp_path / "settings.ini")
    settings.set_dock("bottom", 2000)
    settings.sync()
    window = _start(qtbot, tmp_path)
    assert 0 < window.dock.height() <= 0.4 * window.height()
    assert window.view.height() > window.dock.height()


def test_the_first_window_fits_the_screen_with_its_status_bar(qtbot, tmp_path):
    window = _start(qtbot, tmp_path)
    available = window.screen().availableGeometry()
    assert available.contains(window.geometry())
    status = window.statusBar()
    assert status.isVisible() and window.verdict.isVisible()
    assert available.contains(status.mapToGlobal(status.rect().bottomRight()))


@pytest.mark.parametrize("screen, maximised", [((1366, 728), True), ((1920, 1040), False), ((1280, 984), True)])
def test_the_first_geometry_fits_laptop_and_desktop_screens(screen, maximised):
    from PySide6.QtCore import QRect

    from ui.window_layout import first_geometry

    available = QRect(0, 0, *screen)
    rect, maximise = first_geometry(available)
    assert available.contains(rect) and maximise is maximised


def _rows_in_view(editor):
    viewport = editor.viewport().rect()
    rows = range(editor.model_.rowCount())
    return sum(1 for r in rows if viewport.contains(editor.visualRect(editor.model_.index(r, 0))))


@pytest.mark.parametrize("size, share", [((1920, 1012), 1.0), ((1366, 700), 0.5)])
def test_table_three_shows_completely_on_a_desktop_and_mostly_on_a_laptop(qtbot, make_window, sample_report,
                                                                           size, share):
    window = make_window(sample_report)
    window.resize(*size)
    window.view.show_page("requests")
    qtbot.wait(50)
    editor = window.view.tables["requests"]
    editor.scrollToTop()
    assert window.dock.isVisible() and window.dock.height() >= 100  # with the findings panel
    assert _rows_in_view(editor) >= share * editor.model_.rowCount()


def test_the_outline_and_the_findings_panel_can_be_collapsed(qtbot, make_window, sample_report):
    window = make_window(sample_report)
    window.view.show_page("requests")
    editor = window.view.tables["requests"]
    qtbot.wait(20)
    width, height = editor.width(), editor.height()
    qtbot.keyClick(window, Qt.Key.Key_F7)
    qtbot.keyClick(window, Qt.Key.Key_F8)
    qtbot.wait(20)
    assert window.view.sizes()[0] == 0 and not window.dock.isVisible()
    assert editor.width() > width and editor.height() > height
    qtbot.keyClick(window, Qt.Key.Key_F7)
    qtbot.keyClick(window, Qt.Key.Key_F8)
    qtbot.wait(20)
    assert window.view.sizes()[0] > 0 and window.dock.isVisible()


def test_outline_titles_wrap_instead_of_being_cut(qtbot, make_window):
    from app.report import new_report

    window = make_window(new_report("2021", "阁山镇人民政府", 2021))  # blank: 三、…申请情况  ⚠180
    window.resize(1366, 700)
    qtbot.wait(20)
    outline = window.view.outline
    assert not outline.horizontalScrollBar().isVisible()
    metrics = outline.fontMetrics()
    for row in range(outline.count()):
        item = outline.item(row)
        rect = outline.visualItemRect(item)
        needed = metrics.boundingRect(rect.adjusted(0, 0, -8, 0), int(Qt.TextFlag.TextWordWrap), item.text())
        assert rect.height() >= needed.height() and rect.right() <= outline.viewport().width()


def test_the_place_column_of_the_findings_is_as_wide_as_its_longest_place(qtbot, make_window):
    from app.report import new_report

    window = make_window(new_report("2021", "阁山镇人民政府", 2021))  # every cell blank: long cell names
    window.session.flush()
    view, model = window.panel.view, window.panel.model
    places = [model.index(r, 1).data() for r in range(model.rowCount())]
    longest = max(places, key=view.fontMetrics().horizontalAdvance)
    assert view.fontMetrics().horizontalAdvance(longest) > 260
    assert view.columnWidth(1) >= view.fontMetrics().horizontalAdvance(longest)
    assert view.columnWidth(1) >= view.horizontalHeader().fontMetrics().horizontalAdvance("位置")


def test_a_closed_panel_keeps_its_height_for_the_next_start(qtbot, tmp_path):
    window = _start(qtbot, tmp_path)
    height = window.dock.height()
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert window.dock.isHidden()
    assert window.close()
    window = _start(qtbot, tmp_path)
    assert window.dock.height() == height
