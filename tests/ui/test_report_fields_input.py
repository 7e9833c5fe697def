"""基本信息 with the keyboard and the mouse: the year spin box, the title field and the standard-title button
change the report, the window title and the checks, each as one undo step."""
import pytest
from PySide6.QtCore import Qt

from gui_input import CTRL, activate, click, compose, press, type_text
from gui_reports import EDITIONS, zero_report


@pytest.fixture(params=EDITIONS)
def window(request, make_window, qtbot):
    window = make_window(zero_report(request.param))
    activate(qtbot, window)
    window.view.show_page("meta")
    return window


def _standard(year) -> str:
    return f"阁山镇人民政府{year}年政府信息公开工作年度报告"


def test_typing_a_year_changes_the_report_year_and_its_standard_title(qtbot, window):
    meta, session = window.view.meta, window.session
    old_year = session.report.year
    click(window, meta.year)
    press(window, Qt.Key.Key_A, CTRL)
    type_text(window, "2023")
    assert session.report.year == 2023
    assert meta.title.text() == _standard(2023) and session.report.title == _standard(2023)
    assert window.windowTitle().startswith(_standard(2023)) and window.isWindowModified()
    # the narrative still speaks of the old year: the live check says so
    session.flush()
    assert any(f.rule == "text.year" for f in session.findings)
    assert session.undo_stack.count() == 1  # 2, 20, 202 are not years yet: one change, one step
    press(window, Qt.Key.Key_Z, CTRL)
    assert session.report.year == old_year and meta.year.value() == old_year
    assert session.report.title == _standard(old_year)


def test_the_arrow_keys_step_the_year(qtbot, window):
    meta, session = window.view.meta, window.session
    old_year = session.report.year
    click(window, meta.year)
    press(window, Qt.Key.Key_Up)
    assert session.report.year == old_year + 1 and meta.year.text() == f"{old_year + 1} 年"
    press(window, Qt.Key.Key_Down)
    press(window, Qt.Key.Key_Down)
    assert session.report.year == old_year - 1
    assert window.windowTitle().startswith(_standard(old_year - 1))


def test_a_typed_title_is_kept_when_the_year_changes_until_the_standard_button_is_clicked(qtbot, window):
    meta, session = window.view.meta, window.session
    click(window, meta.title)
    press(window, Qt.Key.Key_End)
    compose("xiuding", "（修订稿）")
    custom = _standard(session.report.year) + "（修订稿）"
    assert session.report.title == custom and window.windowTitle().startswith(custom)
    click(window, meta.year)
    press(window, Qt.Key.Key_Up)
    assert session.report.title == custom  # a title of one's own does not follow the year
    click(window, meta.standard)
    assert session.report.title == _standard(session.report.year)
    assert meta.title.text() == _standard(session.report.year)
    assert window.windowTitle().startswith(_standard(session.report.year))
    press(window, Qt.Key.Key_Z, CTRL)  # the button's change is one step
    assert session.report.title == custom and meta.title.text() == custom


def test_a_title_with_another_year_is_flagged_and_the_button_puts_it_right(qtbot, window):
    meta, session = window.view.meta, window.session
    click(window, meta.title)
    press(window, Qt.Key.Key_A, CTRL)
    press(window, Qt.Key.Key_Delete)
    assert session.report.title == "" and window.windowTitle().startswith("未命名报告")
    compose("gesh", _standard(2019))
    session.flush()
    assert any(f.field == "title" and f.rule == "text.year" for f in session.findings)
    assert "2019" in meta.title.toolTip()
    click(window, meta.standard)
    session.flush()
    assert session.report.title == _standard(session.report.year)
    assert not any(f.field == "title" for f in session.findings) and not meta.title.toolTip()
