"""How fast the desktop application feels: start-up to the window shown (as a ratio to a bare
PySide6 QMainWindow started the same way, each in its own process, both timed at the first paint of their
central widget by the same event filter; target ≤ 1.2×), start-up to the report usable (the form shows the
imported sample and takes typing; target ≤ 2×), start-up to the content ready including the checks (the
same ratio, no target) and the time from a cell edit to updated totals and findings (target < 16 ms).
Runs in a few seconds.

Our process takes the path ``run_app(SAMPLE_REPORT)`` takes (``MainWindow.start``): "shown" is the first
paint of the real main window's frame, "usable" its ``usable`` signal (the form with the sample painted),
"ready" its ``ready`` signal (checks run, findings shown, autosave running).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_gui.py
"""
from __future__ import annotations

import atexit
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROUNDS = 9
# Like an installed application, both processes run with compiled bytecode: a private cache folder, filled by one
# untimed warm-up run (the environment may set PYTHONDONTWRITEBYTECODE, which would recompile our modules each start).
_PYCACHE = tempfile.mkdtemp(prefix="nianbao-bench-pyc-")
atexit.register(shutil.rmtree, _PYCACHE, True)
_ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "PYTHONPYCACHEPREFIX": _PYCACHE}
EDITS = 40

# Both windows are timed to the same moment, the first paint of their central widget, seen by the same event filter.
_FIRST_PAINT = """
from PySide6.QtCore import QEvent, QObject

class FirstPaint(QObject):
    def __init__(self, then=None):
        super().__init__()
        self.then = then

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            heavy = [m for m in ("docx", "openpyxl", "lxml", "pydantic") if m in sys.modules]
            print("shown", ",".join(heavy), flush=True)
            if self.then is not None:
                self.then()
        return False
"""

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QWidget())
window.resize(1280, 820)
""" + _FIRST_PAINT + """
spy = FirstPaint(app.quit)
window.centralWidget().installEventFilter(spy)
window.show()
app.exec()
"""

APP = """
import os, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, {root!r})
from ui.main_window import MainWindow, create_application
from ui.settings import Settings
from app.paths import SAMPLE_REPORT
from PySide6.QtCore import QEvent, QObject
app = create_application()
folder = Path(tempfile.mkdtemp())
window = MainWindow.start(SAMPLE_REPORT, Settings(folder / "s.ini"), folder / "autosave")

""" + _FIRST_PAINT + """
def usable():
    assert window.form_shown and window.view.meta.organ.text() == window.session.report.organ
    print("usable", flush=True)

def ready():
    assert window.session.report.title and window.session.findings is not None
    print("ready", len(window.session.findings), flush=True)
    os._exit(0)  # quit() would ask whether to save the imported (unsaved) report

spy = FirstPaint()
window.centralWidget().installEventFilter(spy)  # installed after MainWindow.start's own: it runs first
window.usable.connect(usable)
window.ready.connect(ready)
app.exec()
"""


def _start_to_shown(code: str) -> tuple[float, str, float | None, float | None]:
    """Seconds from launching a Python process to the window shown, heavy modules loaded by then, and
    seconds to the report usable and to the content ready (our window only; None for the bare one)."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, cwd=ROOT, env=_ENV)
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    usable = ready = None
    if "MainWindow.start" in code:
        for stage in ("usable", "ready"):
            if not proc.stdout.readline().startswith(stage):
                raise RuntimeError(f"report not {stage} (exit {proc.wait(timeout=30)})")
            seconds = time.perf_counter() - start
            usable, ready = (seconds, None) if stage == "usable" else (usable, seconds)
    proc.wait(timeout=30)
    if not line.startswith("shown"):
        raise RuntimeError(f"window not shown (exit {proc.returncode})")
    return elapsed, line.split(" ", 1)[1].strip(), usable, ready


def start_up() -> dict:
    bare, ours, usable, ready, heavy = [], [], [], [], ""
    _start_to_shown(BARE), _start_to_shown(APP.format(root=str(ROOT)))  # warm-up: bytecode cache, disk cache
    for _ in range(ROUNDS):  # interleaved, so both see the same machine load
        bare.append(_start_to_shown(BARE)[0])
        seconds, heavy, form, content = _start_to_shown(APP.format(root=str(ROOT)))
        ours.append(seconds)
        usable.append(form)
        ready.append(content)
    bare_ms, ours_ms, usable_ms, ready_ms = (statistics.median(x) * 1000 for x in (bare, ours, usable, ready))
    return {"bare_window_ms": round(bare_ms, 1), "app_window_ms": round(ours_ms, 1),
            "startup_ratio": round(ours_ms / bare_ms, 2), "app_usable_ms": round(usable_ms, 1),
            "usable_ratio": round(usable_ms / bare_ms, 2), "app_content_ready_incl_checks_ms": round(ready_ms, 1),
            "content_ready_ratio": round(ready_ms / bare_ms, 2), "heavy_modules_at_startup": heavy or "none"}


def edit_latency() -> dict:
    from PySide6.QtWidgets import QApplication

    from app.paths import SAMPLE_REPORT_JSON
    from app.report_json import load_report_json
    from ui.main_window import MainWindow, create_application
    from ui.settings import Settings

    app = create_application()
    with tempfile.TemporaryDirectory() as tmp:
        window = MainWindow(Settings(Path(tmp) / "s.ini"), Path(tmp) / "autosave", load_report_json(SAMPLE_REPORT_JSON))
        window.show()
        window.view.show_page("requests")
        app.processEvents()
        model, session = window.session.models["requests"], window.session
        index = model.index_of("granted", "natural")
        updated, painted = [], []
        for value in range(EDITS):
            start = time.perf_counter()
            model.setData(index, str(value % 7))  # an edit as the delegate commits it
            session.flush()                       # auto-total, checks, findings to panel, cells, outline
            updated.append(time.perf_counter() - start)
            QApplication.processEvents()          # and the repaint of everything that changed
            painted.append(time.perf_counter() - start)
        session.mark_saved(None)
        window.close()
    return {"edit_to_findings_ms_median": round(statistics.median(updated) * 1000, 2),
            "edit_to_findings_ms_max": round(max(updated) * 1000, 2),
            "edit_to_repainted_ms_median": round(statistics.median(painted) * 1000, 2),
            "edit_to_repainted_ms_max": round(max(painted) * 1000, 2)}


def main() -> dict:
    figures = {**start_up(), **edit_latency()}
    for key, value in figures.items():
        print(f"{key}: {value}")
    return figures


if __name__ == "__main__":
    main()
