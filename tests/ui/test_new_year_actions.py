"""GUI path of issue 8: 新建下一年度报告, 附加上年报告, 与上年对比, and remembering which last-year
file goes with a saved draft. The window is a small stand-in with a real ``Session``."""
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QMessageBox, QWidget  # noqa: E402

from app.new_year import next_year_draft  # noqa: E402
from app.report_json import load_report_json, save_report_json  # noqa: E402
from ui import new_year_actions  # noqa: E402
from ui.new_year_actions import (LastYearLinks, attach_last_year, links_for, new_next_year,  # noqa: E402
                                 show_comparison)
from ui.session import Session  # noqa: E402
from ui.widgets.comparison_view import ComparisonView  # noqa: E402

SAMPLES = Path(__file__).parent.parent / "data" / "samples"
LAST = SAMPLES / "2020_checun_town.json"
# Opening a dialog on the offscreen platform logs this harmless warning.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


class FakeWindow(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.session = Session(parent=self)


@pytest.fixture
def window(qtbot, tmp_path):
    widget = FakeWindow()
    qtbot.add_widget(widget)
    links_for(widget.session, QSettings(str(tmp_path / "links.ini"), QSettings.Format.IniFormat))
    return widget


def _boxes(window):
    return [b for b in window.findChildren(QMessageBox) if b.isVisible()]


def test_new_next_year_loads_the_draft_with_last_year_attached(window):
    draft = new_next_year(window, LAST)
    session = window.session
    assert session.report is draft.report
    assert (session.report.year, session.report.edition, session.report.organ) == (2021, "2021", "车村镇人民政府")
    assert session.last.year == 2020 and session.last_path == LAST
    assert session.is_modified and session.path is None
    kept = [note.message for note in session.report.import_notes]  # shown by the notes panel
    assert draft.notes and all(note.message in kept for note in draft.notes)


def test_cross_year_checks_run_live_on_the_draft(window):
    new_next_year(window, LAST)
    session = window.session
    session.flush()
    rules = {f.rule for f in session.findings}
    assert "text.repetition" in rules and "carry.requests" not in rules
    model = session.models["requests"]
    model.setData(model.index_of("carried_in", "natural"), "4")
    session.flush()
    carry = [f for f in session.findings if f.rule == "carry.requests"]
    assert [(f.cell, f.expected, f.found) for f in carry] == [("requests.carried_in.natural", 0, 4),
                                                              ("requests.carried_in.total", 0, 4)]


def test_unreadable_last_year_file_leaves_the_report_alone(window, tmp_path):
    bad = tmp_path / "去年.json"
    bad.write_text("{broken", encoding="utf-8")
    before = window.session.report
    assert new_next_year(window, bad) is None
    assert window.session.report is before and window.session.last is None
    assert any("去年.json" in b.text() for b in _boxes(window))


def test_last_year_report_without_year_is_refused_with_a_message(window, tmp_path):
    last = load_report_json(LAST)
    last.year = None
    source = tmp_path / "noyear.json"
    save_report_json(last, source)
    assert new_next_year(window, source) is None
    assert any("noyear.json" in b.text() and "报告年度" in b.text() for b in _boxes(window))


def test_cancelled_file_dialog_does_nothing(window, monkeypatch):
    monkeypatch.setattr(new_year_actions, "_ask_last_year_file", lambda _window: None)
    before = window.session.report
    assert new_next_year(window) is None and show_comparison(window) is None
    assert window.session.report is before


def test_show_comparison_asks_for_last_year_then_stays_live(window, monkeypatch):
    last = load_report_json(LAST)
    window.session.set_report(next_year_draft(last).report)
    monkeypatch.setattr(new_year_actions, "_ask_last_year_file", lambda _window: LAST)
    view = show_comparison(window)
    assert isinstance(view, ComparisonView) and view.isVisible()
    assert window.session.last_path == LAST
    received = lambda: {f.key: f for f in view.chart.figures}["received"]  # noqa: E731
    assert (received().last, received().this) == (0, None)
    model = window.session.models["requests"]
    model.setData(model.index_of("new", "natural"), "9")
    window.session.flush()
    assert received().this == 9


def test_attaching_a_non_adjacent_year_warns_but_attaches(window, tmp_path):
    old = load_report_json(LAST)
    old.year = 2018
    source = tmp_path / "2018.json"
    save_report_json(old, source)
    window.session.report.year = 2021
    assert attach_last_year(window, source).year == 2018
    assert window.session.last_path == source
    assert any("2018 年度" in b.text() for b in _boxes(window))


def test_saved_draft_remembers_its_last_year_file(qtbot, window, tmp_path):
    new_next_year(window, LAST)
    draft_path = tmp_path / "2021.json"
    save_report_json(window.session.report, draft_path)
    window.session.mark_saved(draft_path)
    links = links_for(window.session)
    assert links.linked(draft_path) == LAST.resolve()
    # Reopening the draft in a fresh window attaches last year's report again.
    other = FakeWindow()
    qtbot.add_widget(other)
    LastYearLinks(other.session, links._settings)
    other.session.set_report(load_report_json(draft_path), draft_path)
    assert other.session.last_path == LAST.resolve() and other.session.last.year == 2020


def test_detaching_last_year_forgets_the_link(window, tmp_path):
    new_next_year(window, LAST)
    draft_path = tmp_path / "2021.json"
    window.session.mark_saved(draft_path)
    window.session.set_last_report(None, None)
    assert links_for(window.session).linked(draft_path) is None


def test_opening_another_file_does_not_link_it_to_the_attached_last_year(window, tmp_path):
    new_next_year(window, LAST)
    other_path = tmp_path / "其他.json"
    save_report_json(load_report_json(SAMPLES / "2020_huashan_town.json"), other_path)
    window.session.set_report(load_report_json(other_path), other_path)
    assert links_for(window.session).linked(other_path) is None


def test_menu_actions_of_the_main_window(make_window, monkeypatch, tmp_path):
    monkeypatch.setattr(new_year_actions, "_ask_last_year_file", lambda _window: LAST)
    window = make_window()
    links_for(window.session, QSettings(str(tmp_path / "links.ini"), QSettings.Format.IniFormat))
    window.next_year_action.trigger()
    assert (window.session.report.year, window.session.last_path) == (2021, LAST)
    window.compare_action.trigger()
    view = next(v for v in window.findChildren(ComparisonView) if v.isVisible())
    assert view.model.rowCount() > 0
    view.close()
