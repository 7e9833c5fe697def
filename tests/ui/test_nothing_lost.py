"""No failure loses the clerk's edits: a failed save keeps the window and an emergency copy; every window
has its own working copy, and another running window's copy is never offered or deleted; a corrupted
settings file does not stop start-up."""
from __future__ import annotations

import json

from PySide6.QtWidgets import QMessageBox

from app.report_json import dumps_report, load_report_json
from gui_reports import SAMPLES, zero_report

_Btn = QMessageBox.StandardButton
SAMPLE = SAMPLES / "2020_huashan_town.json"


def _answer(monkeypatch, button):
    asked = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def _warnings(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a, **k: shown.append(text)))
    return shown


def _edit(window, value="4"):
    model = window.session.models["requests"]
    model.setData(model.index_of("granted", "research"), value)
    window.session.flush()


def _simulate_crash(window) -> None:
    """The process of ``window`` dies: its lock is released, its working copy stays on disk."""
    window.autosave.timer.stop()
    window.autosave.own.lock.unlock()


# ---------------------------------------------------------------- item 1: a failed save loses nothing

def test_a_save_that_raises_anything_keeps_the_window_and_writes_an_emergency_copy(qtbot, make_window, tmp_path,
                                                                                    monkeypatch):
    report = zero_report("2021")
    report.organ = "华山镇\ud800人民政府"     # a lone surrogate: no UTF-8 file can hold it
    window = make_window(report, autosave=tmp_path / "auto")
    _edit(window)
    window.session.path = tmp_path / "年报.json"
    _answer(monkeypatch, _Btn.Save)
    shown = _warnings(monkeypatch)
    assert not window.close()
    assert window.isVisible() and window.session.is_modified
    assert len(shown) == 1 and "保存失败" in shown[0] and "窗口不会关闭" in shown[0]
    copies = list((tmp_path / "auto").glob("年报应急副本-*.nianbao.json"))
    assert len(copies) == 1 and str(copies[0]) in shown[0]
    kept = load_report_json(copies[0])
    assert kept.tables == window.session.report.tables
    assert kept.organ == "华山镇\ufffd人民政府"
    window.session.mark_saved(None)


def test_a_close_that_raises_unexpectedly_keeps_the_window(qtbot, make_window, tmp_path, monkeypatch):
    window = make_window(zero_report("2021"), autosave=tmp_path / "auto")
    _edit(window)

    def broken(*args, **kwargs):
        raise ValueError("Exceeds the limit (4300 digits) for integer string conversion")

    monkeypatch.setattr(QMessageBox, "question", staticmethod(broken))
    shown = _warnings(monkeypatch)
    assert not window.close()
    assert window.isVisible() and "保存失败" in shown[0]
    assert list((tmp_path / "auto").glob("年报应急副本-*.nianbao.json"))
    window.session.mark_saved(None)


def test_the_autosave_still_writes_a_report_that_utf8_cannot_hold(qtbot, make_window, tmp_path):
    report = zero_report("2021")
    report.organ = "华山镇\udc80"
    window = make_window(report, autosave=tmp_path / "auto")
    _edit(window)
    assert window.autosave.save_now()
    assert load_report_json(window.autosave.report_file).tables == window.session.report.tables
    window.session.mark_saved(None)


def test_a_json_report_with_a_lone_surrogate_is_opened_repaired_with_a_note(qtbot, make_window, tmp_path,
                                                                             monkeypatch):
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["organ"] = "华山镇\ud800人民政府"
    path = tmp_path / "坏字符.json"
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")
    window = make_window()
    window.files.load_file(path)
    qtbot.waitUntil(lambda: window.session.path == path, timeout=10000)
    assert window.session.report.organ == "华山镇\ufffd人民政府"
    assert any("无法保存的字符" in note.message for note in window.session.report.import_notes)
    _edit(window, "7")
    assert window.files.save_to(path)      # what was read can be written back
    assert load_report_json(path).organ == "华山镇\ufffd人民政府"


# ---------------------------------------------------------------- item 2: one working copy per window

def test_a_second_window_neither_offers_nor_deletes_a_running_windows_working_copy(qtbot, make_window, tmp_path,
                                                                                   monkeypatch):
    folder = tmp_path / "auto"
    first = make_window(zero_report("2021"), autosave=folder)
    _edit(first)
    assert first.autosave.save_now()
    asked = _answer(monkeypatch, _Btn.No)
    second = make_window(autosave=folder)
    assert not second.offer_restore()
    assert asked == []
    assert first.autosave.report_file.is_file()
    _edit(second, "9")
    assert second.autosave.save_now()
    assert second.autosave.report_file != first.autosave.report_file
    assert load_report_json(first.autosave.report_file).get("requests", "granted", "research") == 4
    first.autosave.timer.stop()


def test_after_a_crash_the_next_window_offers_the_copy_and_declining_removes_only_it(qtbot, make_window, tmp_path,
                                                                                     monkeypatch):
    folder = tmp_path / "auto"
    crashed, running = (make_window(zero_report("2021"), autosave=folder) for _ in range(2))
    _edit(crashed)
    _edit(running, "9")
    assert crashed.autosave.save_now() and running.autosave.save_now()
    expected = dumps_report(crashed.session.report)
    _simulate_crash(crashed)
    asked = _answer(monkeypatch, _Btn.Yes)
    restarted = make_window(autosave=folder)
    assert restarted.offer_restore()
    assert len(asked) == 1 and dumps_report(restarted.session.report) == expected
    assert running.autosave.report_file.is_file()       # the running window's copy is untouched
    another = make_window(autosave=folder)
    assert not another.offer_restore()                  # the restored copy now belongs to a live window
    running.autosave.timer.stop()
    restarted.autosave.timer.stop()


# ---------------------------------------------------------------- item 3: a corrupted setting is ignored

def test_a_corrupted_settings_file_neither_stops_start_up_nor_autosave(qtbot, tmp_path, caplog):
    from ui.main_window import MainWindow
    from ui.settings import Settings

    ini = tmp_path / "settings.ini"
    ini.write_text("[recent]\nfiles=@Rect(1 2 3 4)\n[folders]\nopen=@Size(3 4)\n"
                   "[report]\norgan=@Point(1 2)\n[window]\ngeometry=@Rect(0 0 9 9)\nstate=7\n", encoding="utf-8")
    window = MainWindow.start(SAMPLE, Settings(ini), tmp_path / "auto")
    qtbot.add_widget(window, before_close_func=lambda w: w.session.mark_saved(w.session.path))
    with qtbot.waitSignal(window.ready, timeout=10000):
        pass
    assert window.session.path == SAMPLE                      # the file was opened
    assert window.autosave.timer.isActive()                   # and autosave runs
    assert window.settings.recent_files() == [SAMPLE.resolve()]
    assert window.settings.organ() == "" and window.settings.last_folder("open")
    window.settings.sync()
    assert "@Rect(1 2 3 4)" not in ini.read_text(encoding="utf-8")
    assert any("recent/files" in r.getMessage() for r in caplog.records)
