"""Frame-first start-up (``run_app``'s path): the real window shows before its content is built; the
content, the report and the checks follow in the next event-loop turns; actions wait for the session."""
import re

from PySide6.QtWidgets import QLabel, QMessageBox

from app.report_json import dumps_report, load_report_json
from gui_reports import SAMPLES, zero_report

SAMPLE = SAMPLES / "2020_huashan_town.json"
_Btn = QMessageBox.StandardButton


def _start(qtbot, tmp_path, path=None, autosave=None):
    from ui.main_window import MainWindow
    from ui.settings import Settings

    window = MainWindow.start(path, Settings(tmp_path / "settings.ini"), autosave or tmp_path / "autosave")
    qtbot.add_widget(window, before_close_func=lambda w: w.built and w.session.mark_saved(w.session.path))
    return window


def _menu_actions(window):
    """Menu actions by their text without the access letter (保存(&S) → 保存)."""
    return {re.sub(r"\(&.\)", "", a.text()): a for top in window.menuBar().actions() for a in top.menu().actions()
            if a.text()}


def test_the_frame_shows_with_actions_disabled_then_the_report_loads(qtbot, tmp_path):
    window = _start(qtbot, tmp_path, SAMPLE)
    assert window.isVisible() and not window.built
    assert not hasattr(window, "session")
    assert isinstance(window.centralWidget(), QLabel) and "正在打开" in window.centralWidget().text()
    actions = _menu_actions(window)
    assert not actions["保存"].isEnabled() and not actions["打开…"].isEnabled()
    assert not actions["全部空白填 0"].isEnabled()
    assert actions["退出"].isEnabled() and actions["关于"].isEnabled()
    actions["全部空白填 0"].trigger()  # a shortcut pressed too early does nothing (and does not fail)

    with qtbot.waitSignal(window.ready, timeout=10000):
        pass
    assert window.built and window.centralWidget() is window.view
    assert window.session.path == SAMPLE
    assert dumps_report(window.session.report) == dumps_report(load_report_json(SAMPLE))
    assert window.panel.model.rowCount() == len(window.session.findings)
    assert window.verdict.text() and window.verdict.text() in window.windowTitle()
    actions = _menu_actions(window)
    assert all(actions[name].isEnabled() for name in ("保存", "打开…", "全部空白填 0", "导出…"))
    assert "撤销" in actions and "重做" in actions
    from PySide6.QtGui import QKeySequence

    standard = QKeySequence.StandardKey  # set after the frame, from the key's name (the platform's keys)
    names = ("新建…", "打开…", "保存", "另存为…", "打印…", "退出")
    keys = (standard.New, standard.Open, standard.Save, standard.SaveAs, standard.Print, standard.Quit)
    assert [actions[name].shortcut() for name in names] == [QKeySequence(key) for key in keys]
    assert actions["导入…"].shortcut() == QKeySequence("Ctrl+I")
    window.session.set_last_report(load_report_json(SAMPLE), SAMPLE)
    actions["取消附加上年报告"].trigger()  # the menu reaches the file actions built after it
    assert window.session.last is None


def test_the_autosave_restore_is_offered_before_the_form_is_built(qtbot, tmp_path, monkeypatch):
    from ui.main_window import MainWindow
    from ui.settings import Settings

    folder = tmp_path / "crash"
    crashed = MainWindow(Settings(tmp_path / "crashed.ini"), folder, zero_report("2021"))
    qtbot.add_widget(crashed, before_close_func=lambda w: w.session.mark_saved(None))
    crashed.session.edit_text("overview", "崩溃前的正文。")
    crashed.session.flush()
    assert crashed.autosave.save_now()
    crashed.autosave.timer.stop()
    crashed.autosave.own.lock.unlock()   # the crashed process is gone
    asked = []

    def question(parent, title, text, *args, **kwargs):
        asked.append((parent.built, parent.form_shown))
        return _Btn.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    window = _start(qtbot, tmp_path, SAMPLE, autosave=folder)
    with qtbot.waitSignal(window.ready, timeout=10000):
        pass
    assert asked == [(False, False)]  # asked once, before the form (built for the report restored)
    assert window.session.report.sections["overview"] == "崩溃前的正文。"  # restored, the file not opened over it
    assert window.session.is_modified


def test_without_a_file_the_window_is_ready_with_a_new_report(qtbot, tmp_path):
    window = _start(qtbot, tmp_path)
    with qtbot.waitSignal(window.ready, timeout=10000):
        pass
    assert window.session.path is None and not window.session.is_modified
    assert window.close()


def test_once_ready_f7_and_f8_collapse_the_outline_and_the_findings_panel(qtbot, tmp_path):
    """Their shortcuts are set with the menus' after the form is shown; they must work in a started window."""
    from PySide6.QtCore import Qt

    window = _start(qtbot, tmp_path)
    with qtbot.waitSignal(window.ready, timeout=10000):
        pass
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F7)
    qtbot.keyClick(window, Qt.Key.Key_F8)
    qtbot.wait(20)
    assert window.view.sizes()[0] == 0 and not window.dock.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F7)
    qtbot.keyClick(window, Qt.Key.Key_F8)
    qtbot.wait(20)
    assert window.view.sizes()[0] > 0 and window.dock.isVisible()


def test_a_cell_typed_as_soon_as_the_form_is_usable_is_kept_totalled_and_checked(qtbot, tmp_path):
    from PySide6.QtCore import Qt

    from gui_input import activate, press, type_text

    window = _start(qtbot, tmp_path, SAMPLE)
    before = load_report_json(SAMPLE)
    seen = {}

    def type_at_once():
        seen["verdict"], seen["held"] = window.verdict.text(), window.session.checks_held
        seen["organ"] = window.view.meta.organ.text()  # the form shows the report, not an empty one
        activate(qtbot, window)
        window.view.show_page("requests")  # a page not built yet: built on demand
        editor = window.view.tables["requests"]
        editor.select_cell("new", "natural")
        type_text(window, "5")
        press(window, Qt.Key.Key_Return)
        seen["typed"] = window.session.report.get("requests", "new", "natural")

    window.usable.connect(type_at_once)
    with qtbot.waitSignal(window.ready, timeout=10000):
        pass
    assert seen["held"] and seen["verdict"] == "正在检查…"  # the form came before the checks
    assert seen["organ"] == before.organ and seen["typed"] == 5
    report = window.session.report
    assert report.get("requests", "new", "natural") == 5  # kept through the checks and the rest of the start
    assert report.get("requests", "new", "total") == before.get("requests", "new", "total") + 5 - (
        before.get("requests", "new", "natural") or 0)  # the auto total followed
    assert any(f.table == "requests" for f in window.session.findings)  # and the checks saw it (balance broken)
    assert window.verdict.text().startswith("✘") and window.isWindowModified()
    assert window.panel.model.rowCount() == len(window.session.findings)


def test_closing_the_window_while_the_file_loads_builds_nothing_behind_it(qtbot, tmp_path, monkeypatch):
    import time

    import ui.file_actions

    real_import = ui.file_actions._import
    monkeypatch.setattr(ui.file_actions, "_import", lambda path: time.sleep(0.3) or real_import(path))  # a slow file
    window = _start(qtbot, tmp_path, SAMPLE)
    qtbot.wait_until(lambda: hasattr(window, "files") and bool(window.files._tasks), timeout=5000)
    assert window.close()  # nothing to save yet: the window closes at once
    window.files.wait()
    qtbot.wait(100)  # the load's result arrives
    assert not window.built and not window.form_shown and not window.isVisible()
    assert not window.autosave.timer.isActive()  # no working copy is written for a window that is gone


# A fresh process starts the window on the sample .txt as run_app does and reports which check and findings-list
# modules are loaded when the form is usable, then when the report is checked.
_LOADED_PROBE = """
import json, os, sys, tempfile
from pathlib import Path
from ui.main_window import MainWindow, create_application
from ui.settings import Settings
from app.paths import SAMPLE_REPORT
LATE = ("app.checks.meta_rules", "app.checks.text_rules", "app.write.findings_rows")
app = create_application()
folder = Path(tempfile.mkdtemp())
window = MainWindow.start(SAMPLE_REPORT, Settings(folder / "s.ini"), folder / "autosave")
seen = {}
window.usable.connect(lambda: seen.update(usable=[m for m in LATE if m in sys.modules]))
def ready():
    seen.update(ready=[m for m in LATE if m in sys.modules], checked=window.session.findings is not None)
    print(json.dumps(seen), flush=True)
    os._exit(0)
window.ready.connect(ready)
app.exec()
"""


def test_the_first_report_shows_before_the_text_rules_and_findings_list_load_then_is_checked_with_them():
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", _LOADED_PROBE], cwd=root, capture_output=True, text=True,
                          encoding="utf-8", timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["usable"] == []                      # shown first: these load with the first check
    assert {"app.checks.meta_rules", "app.checks.text_rules"} <= set(seen["ready"]), "the checks ran with every rule kind"
    assert seen["checked"]
