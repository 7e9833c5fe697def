"""Live checks, undo of text and metadata, last year's report, published totals kept on load."""
import pytest
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from gui_reports import EDITIONS, zero_report
from ui.report_view import ReportView
from ui.session import Session


@pytest.fixture(params=EDITIONS)
def view(request, qtbot):
    session = Session(zero_report(request.param))
    widget = ReportView(session)
    qtbot.add_widget(widget)
    widget.show()
    return widget


def _type_chinese(widget, text):
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_a_burst_of_edits_runs_the_checks_once(qtbot):
    session = Session(zero_report("2021"))
    model = session.models["requests"]
    with qtbot.wait_signal(session.findings_changed, timeout=2000):
        model.edit_cells({("new", "natural"): 1, ("new", "research"): 2}, "粘贴")
        model.edit_cells({("granted", "natural"): 3}, "编辑单元格")
    with qtbot.assert_not_emitted(session.findings_changed, wait=50):
        pass
    assert session.report.get("requests", "new", "total") == 3


def test_loading_keeps_published_totals_that_do_not_add_up(qtbot):
    report = zero_report("2021")
    report.set_cell("requests", "new", "natural", 2)  # published total stays 0
    session = Session(report)
    assert session.report.get("requests", "new", "total") == 0
    assert "requests.new.total" in session.report.manual_totals
    assert any(f.rule == "requests.row_total" and f.cell == "requests.new.total" for f in session.findings)


def test_attached_last_year_report_runs_cross_year_checks_live(qtbot):
    last = zero_report("2021", 2021)
    last.set_cell("requests", "carried_out", "natural", 4)
    session = Session(zero_report("2021", 2022))
    assert not any(f.rule == "carry.requests" for f in session.findings)
    with qtbot.wait_signal(session.findings_changed, timeout=2000) as blocker:
        session.set_last_report(last, None)
    assert any(f.rule == "carry.requests" for f in blocker.args[0])


def test_typing_chinese_text_is_undoable_and_counted(qtbot, view):
    session = view.session
    editor = view.narratives["problems"]
    before = session.report.sections["problems"]
    editor.edit.setFocus()
    editor.edit.moveCursor(editor.edit.textCursor().MoveOperation.End)
    _type_chinese(editor.edit, "加强队伍建设")
    assert session.report.sections["problems"] == before + "加强队伍建设"
    assert editor.count.text() == f"字数：{len(before) - before.count(' ') + 6}"
    session.undo_stack.undo()
    assert session.report.sections["problems"] == before
    assert editor.text() == before
    session.undo_stack.redo()
    assert editor.text() == before + "加强队伍建设"


def test_a_wrong_year_in_the_text_is_highlighted(qtbot, view):
    session = view.session
    year = session.report.year
    text = f"{year - 3}年，本镇全年未收到政府信息公开申请。"
    session.edit_text("overview", text)
    session.flush()
    editor = view.narratives["overview"]
    marks = [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in editor.edit.extraSelections()]
    spans = [f.span for f in session.findings if f.rule == "text.year" and f.cell == "sections.overview"]
    assert spans and marks == spans
    assert text[marks[0][0]:marks[0][1]].startswith(str(year - 3))
    assert not editor.notes.isHidden() and str(year - 3) in editor.notes.text()


def test_organ_edit_updates_the_standard_title_and_undoes_in_one_step(qtbot, view):
    session = view.session
    old_title = session.report.title
    view.meta.organ.setFocus()
    view.meta.organ.selectAll()
    _type_chinese(view.meta.organ, "车村镇人民政府")
    assert session.report.organ == "车村镇人民政府"
    assert session.report.title.startswith("车村镇人民政府")
    session.undo_stack.undo()
    assert session.report.title == old_title and view.meta.organ.text() == "阁山镇人民政府"


def test_typing_after_a_pause_is_a_separate_undo_step(qtbot, monkeypatch):
    clock = iter([100.0, 100.5, 110.0])
    monkeypatch.setattr("ui.undo_commands.time.monotonic", lambda: next(clock))
    session = Session(zero_report("2021"))
    text = session.report.sections["other"]
    session.edit_text("other", text + "G")
    session.edit_text("other", text + "GB")        # within the pause, the same word: same step
    session.edit_text("other", text + "GB9")       # after a pause: a new step
    assert session.undo_stack.count() == 2
    session.undo_stack.undo()
    assert session.report.sections["other"] == text + "GB"


def test_opening_another_report_detaches_last_years(qtbot):
    session = Session(zero_report("2021", year=2025))
    last = zero_report("2021", year=2024)
    last.tables["requests"]["carried_out"].update(natural=1, total=1)
    with qtbot.wait_signal(session.findings_changed, timeout=2000) as attached:
        session.set_last_report(last)
    assert any(f.rule == "carry.requests" for f in attached.args[0])
    with qtbot.wait_signal(session.findings_changed, timeout=2000) as replaced:
        session.set_report(zero_report("2021", year=2023))
    assert session.last is None
    assert not any(f.rule == "carry.requests" for f in replaced.args[0])
