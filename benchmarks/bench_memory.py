"""Peak memory (RSS) of the application with a report open (target < 200 MB).

Each measurement is its own process, read with resource.getrusage(RUSAGE_SELF).ru_maxrss:
  - app: the main window (ui.main_window.MainWindow, offscreen) with a sample report open, shown,
    every table page visited, a check run — and the same with the largest plausible report;
  - core: the core alone (no Qt) importing, checking and exporting the same report, for comparison.
When ui.main_window cannot be imported, only the core is measured (and the table says so).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_memory.py
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MB = 200

_PEAK = """
import json, resource, sys
print("PEAK", json.dumps(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024), flush=True)
"""

_REPORT = """
import sys, tempfile
from pathlib import Path
sys.path.insert(0, {root!r}); sys.path.insert(0, {root!r} + "/benchmarks")
from app.report_json import load_report_json
report = load_report_json(Path({root!r}) / "tests/data/samples/2020_geshan_town.json")
if {large!r}:
    from bench_checks import largest_report
    report = largest_report("2019")
"""

APP = _REPORT + """
from PySide6.QtWidgets import QApplication
from ui.main_window import MainWindow, create_application
from ui.settings import Settings
app = create_application()
folder = Path(tempfile.mkdtemp())
window = MainWindow(Settings(folder / "s.ini"), folder / "autosave", report)
window.resize(1280, 820)
window.show()
for page in ("active", "requests", "appeals"):
    window.view.show_page(page)          # a failure here fails the benchmark: no figure without the pages
    QApplication.processEvents()
window.session.flush()
QApplication.processEvents()
""" + _PEAK

CORE = _REPORT + """
from app.checks import run_checks
from app.formats import export_report, import_report
folder = Path(tempfile.mkdtemp())
run_checks(report)
for suffix in (".docx", ".xlsx"):
    export_report(report, folder / ("r" + suffix))
    import_report(folder / ("r" + suffix))
""" + _PEAK


def peak_mb(code: str) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    for line in done.stdout.splitlines():
        if line.startswith("PEAK "):
            return round(json.loads(line[5:]), 1)
    raise RuntimeError(f"memory probe failed: {done.stderr.strip().splitlines()[-1:] or done.returncode}")


def main() -> dict:
    figures: dict = {}
    for large in (False, True):
        name = "largest_report" if large else "sample_report"
        figures[f"app_peak_rss_mb_{name}"] = peak_mb(APP.format(root=str(ROOT), large=large))
        figures[f"core_peak_rss_mb_{name}"] = peak_mb(CORE.format(root=str(ROOT), large=large))
    for name, value in figures.items():
        verdict = "ok" if value < TARGET_MB else f"OVER {TARGET_MB} MB"
        print(f"{name:>36}: {value} MB {verdict}")
    return figures


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
