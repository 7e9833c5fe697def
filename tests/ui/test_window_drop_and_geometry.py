"""Dragging files onto the window (accepted only for local files, dropped files open, unsaved work asked
about first) and the window's place and size kept from one start to the next (closed with 文件 › 退出)."""
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QRect, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from app.report_json import load_report_json
from gui_input import Dialogs, activate, choose_by_letter, compose
from gui_reports import SAMPLES, zero_report

_Btn = QMessageBox.StandardButton
SAMPLE = SAMPLES / "2020_huashan_town.json"


def _mime(urls=(), text=None) -> QMimeData:
    mime = QMimeData()
    if urls:
        mime.setUrls([QUrl(u) if isinstance(u, str) else QUrl.fromLocalFile(str(u)) for u in urls])
    if text is not None:
        mime.setText(text)
    return mime


def _drag_enter(widget, mime) -> bool:
    """Drag ``mime`` over the middle of ``widget``; whether the window offers to take it."""
    pos = QPoint(widget.width() // 2, widget.height() // 2)
    event = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    event.ignore()
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def _drop(widget, mime) -> None:
    pos = QPointF(widget.width() / 2, widget.height() / 2)
    event = QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


@pytest.mark.parametrize("mime, accepted", [
    (lambda: _mime([SAMPLE]), True),
    (lambda: _mime([SAMPLES / "2020_geshan_town.txt", SAMPLE]), True),
    (lambda: _mime(["https://www.gov.cn/zhengce/report.docx"]), False),
    (lambda: _mime(text="阁山镇人民政府 2020"), False),
], ids=["a report file", "two files", "a web link", "text"])
def test_the_window_accepts_a_drag_only_when_it_brings_local_files(qtbot, window, mime, accepted):
    assert _drag_enter(window.view.outline.viewport(), mime()) is accepted
    assert _drag_enter(window, mime()) is accepted


def test_a_file_dropped_on_the_table_opens(qtbot, window, monkeypatch):
    dialogs = Dialogs(monkeypatch)
    window.view.show_page("requests")
    target = window.view.tables["requests"].viewport()
    assert _drag_enter(target, _mime([SAMPLE]))
    _drop(target, _mime([SAMPLE]))
    qtbot.wait_until(lambda: window.session.path == SAMPLE, timeout=5000)
    assert window.session.report.organ == load_report_json(SAMPLE).organ
    assert window.windowTitle().startswith(window.session.report.title)
    assert dialogs.asked == []


def _field(window, name):
    """A text field of the report that accepts dropped text."""
    view = window.view
    if name == "overview":
        view.show_page("overview")
        return view.narratives["overview"].edit.viewport()
    view.show_page("meta")
    return {"organ": view.meta.organ, "title": view.meta.title, "year": view.meta.year.lineEdit()}[name]


@pytest.mark.parametrize("field", ["overview", "organ", "title", "year"])
@pytest.mark.parametrize("with_text", [False, True], ids=["uri-list", "uri-list+text"])
def test_a_file_dropped_on_a_text_field_opens_and_is_not_inserted_as_text(qtbot, window, monkeypatch, field,
                                                                          with_text):
    """A file manager's drag carries the file's path as text too: it used to be typed into the field."""
    Dialogs(monkeypatch)
    target = _field(window, field)
    mime = _mime([SAMPLE], text=QUrl.fromLocalFile(str(SAMPLE)).toString() if with_text else None)
    assert _drag_enter(target, mime)
    _drop(target, mime)
    qtbot.wait_until(lambda: window.session.path == SAMPLE, timeout=5000)
    expected = load_report_json(SAMPLE)
    report = window.session.report
    assert (report.organ, report.title, report.sections) == (expected.organ, expected.title, expected.sections)
    assert not window.isWindowModified() and window.session.undo_stack.count() == 0


def test_dragged_text_is_still_inserted_into_the_narrative(qtbot, window):
    target = _field(window, "overview")
    mime = _mime(text="另附说明。")
    assert _drag_enter(target, mime)
    _drop(target, mime)
    assert "另附说明。" in window.session.report.sections["overview"]
    assert window.session.path is None


def test_a_drop_over_unsaved_work_asks_first_and_cancel_keeps_it(qtbot, window, monkeypatch):
    dialogs = Dialogs(monkeypatch)
    window.view.show_page("overview")
    window.view.narratives["overview"].edit.setFocus()
    compose("bu", "不要丢。")
    dialogs.answers.append(_Btn.Cancel)
    assert _drag_enter(window, _mime([SAMPLE]))
    _drop(window, _mime([SAMPLE]))
    qtbot.wait(50)
    assert [a["text"] for a in dialogs.asked] == ["当前报告有未保存的修改，是否先保存？"]
    assert "不要丢。" in window.session.report.sections["overview"] and window.session.path is None


def _window(qtbot, tmp_path, start=False):
    from ui.main_window import MainWindow
    from ui.settings import Settings

    settings, folder = Settings(tmp_path / "settings.ini"), tmp_path / "autosave"
    if start:
        window = MainWindow.start(None, settings, folder)
    else:
        window = MainWindow(settings, folder, zero_report("2021"))
        window.show()
    qtbot.add_widget(window, before_close_func=lambda w: w.built and w.session.mark_saved(w.session.path))
    if start:
        with qtbot.waitSignal(window.ready, timeout=10000):
            pass
    qtbot.wait_exposed(window)
    activate(qtbot, window)
    return window


def _quit_from_the_menu(qtbot, window) -> None:
    """文件 › 退出 with the keyboard (Alt+F, X): Quit has no standard shortcut on Windows."""
    choose_by_letter(qtbot, window, Qt.Key.Key_F, Qt.Key.Key_X)


def test_the_window_opens_where_and_as_large_as_it_was_closed(qtbot, tmp_path):
    first = _window(qtbot, tmp_path)
    first.showNormal()
    first.setGeometry(QRect(37, 41, 700, 500))
    qtbot.wait_until(lambda: first.geometry() == QRect(37, 41, 700, 500), timeout=2000)
    _quit_from_the_menu(qtbot, first)
    qtbot.wait_until(lambda: not first.isVisible(), timeout=2000)
    second = _window(qtbot, tmp_path)
    assert second.geometry() == QRect(37, 41, 700, 500)
    assert not second.isMaximized()


def test_a_window_closed_maximised_opens_maximised(qtbot, tmp_path):
    first = _window(qtbot, tmp_path)
    first.showMaximized()
    qtbot.wait_until(first.isMaximized, timeout=2000)
    _quit_from_the_menu(qtbot, first)
    qtbot.wait_until(lambda: not first.isVisible(), timeout=2000)
    second = _window(qtbot, tmp_path, start=True)
    assert second.isMaximized()
