"""Crash restore is asked before any form shows and says what it restores; a failed start-up open
leaves a note, not an empty form full of findings."""
from PySide6.QtWidgets import QLabel, QMessageBox

from gui_reports import SAMPLES, zero_report

SAMPLE = SAMPLES / "2020_huashan_town.json"
_Btn = QMessageBox.StandardButton


def _start(qtbot, tmp_path, path=None, autosave=None):
    from ui.main_window import MainWindow
    from ui.settings import Settings

    window = MainWindow.start(path, Settings(tmp_path / "settings.ini"), autosave or tmp_path / "autosave")
    qtbot.add_widget(window, before_close_func=lambda w: w.built and w.session.mark_saved(w.session.path))
    return window


def _crash_with_a_working_copy(qtbot, tmp_path, saved_as=None):
    from ui.main_window import MainWindow
    from ui.settings import Settings

    folder = tmp_path / "crash"
    crashed = MainWindow(Settings(tmp_path / "crashed.ini"), folder, zero_report("2021", 2024))
    qtbot.add_widget(crashed, before_close_func=lambda w: w.session.mark_saved(None))
    if saved_as is not None:
        crashed.session.mark_saved(saved_as)
    crashed.session.edit_text("overview", "崩溃前的正文。")
    crashed.session.flush()
    assert crashed.autosave.save_now()
    crashed.autosave.timer.stop()
    crashed.autosave.own.lock.unlock()   # the crashed process is gone: its lock with it
    return folder


def _record_question(monkeypatch, answer):
    asked = []

    def question(parent, title, text, *args, **kwargs):
        central = parent.centralWidget()
        asked.append({"text": text, "form_shown": central is getattr(parent, "view", None),
                      "title": parent.windowTitle(), "note": isinstance(central, QLabel)})
        return answer

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def test_the_restore_question_comes_before_the_form_and_names_what_it_restores(qtbot, tmp_path, monkeypatch):
    folder = _crash_with_a_working_copy(qtbot, tmp_path, saved_as=tmp_path / "阁山镇2024年报.nianbao.json")
    asked = _record_question(monkeypatch, _Btn.Yes)
    window = _start(qtbot, tmp_path, autosave=folder)
    with qtbot.waitSignal(window.ready, timeout=10000):
        pass
    assert len(asked) == 1
    question = asked[0]
    assert question["note"] and not question["form_shown"]
    assert "✘" not in question["title"] and "警告" not in question["title"]
    for shown in ("阁山镇2024年报.nianbao.json", "阁山镇人民政府", "2024", "自动保存于："):
        assert shown in question["text"]
    assert window.centralWidget() is window.view and window.dock.isVisible()
    assert window.session.report.sections["overview"] == "崩溃前的正文。"


def test_declining_the_restore_shows_the_file_given_at_start(qtbot, tmp_path, monkeypatch):
    folder = _crash_with_a_working_copy(qtbot, tmp_path)
    asked = _record_question(monkeypatch, _Btn.No)
    window = _start(qtbot, tmp_path, SAMPLE, autosave=folder)
    with qtbot.waitSignal(window.ready, timeout=10000):
        pass
    assert "尚未保存的新报告" in asked[0]["text"]
    assert window.session.path == SAMPLE and window.centralWidget() is window.view
    assert not list(folder.glob("*.nianbao.json"))


def test_a_failed_start_up_open_leaves_a_note_not_an_empty_form(qtbot, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: warnings.append(text)))
    broken = tmp_path / "坏文件.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    window = _start(qtbot, tmp_path, broken)
    with qtbot.waitSignal(window.ready, timeout=10000):
        pass
    assert warnings
    note = window.centralWidget()
    assert isinstance(note, QLabel) and "坏文件.docx" in note.text()
    assert not window.dock.isVisible()
    assert "✘" not in window.windowTitle() and not window.verdict.text()
    window.files.load_file(SAMPLE)  # 文件 › 打开 then shows the form
    qtbot.wait_until(lambda: window.centralWidget() is window.view, timeout=5000)
    assert window.dock.isVisible() and window.verdict.text()
