"""Median time to import each real sample report from text (warm, target: under 20 ms each), the first
import in a fresh process (cold, target: under 100 ms) measured two ways, and a 300 KB report saved from a
web page as one line (target: under 150 ms).

Cold (a), first call: the core's modules imported (``from app.formats import import_report``, as the window
or the CLI has them), the first ``import_report`` of the process (it loads the .txt reader, the recognizer
and the editions). Cold (b), core to report: from importing the core to the Report, what one CLI run pays.
Cold (c), at the window's start-up: the first import of the sample report (app.paths.SAMPLE_REPORT) in a
process that has loaded what the window has when it imports it (``MainWindow._build_session``: the session
with its blank 2021 report, autosave, file actions), as the window's worker thread does while it waits.

Run: ``python benchmarks/bench_import_txt.py``. Prints one line per figure and returns the figures.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.formats import import_report  # noqa: E402

SAMPLES = ROOT / "tests" / "data" / "samples"
TARGET_MS = 20.0
ONE_LINE_TARGET_MS = 150.0
ONE_LINE_BYTES = 300 * 1024
RUNS = 30
COLD_TARGET_MS = 100.0
COLD_RUNS = 5
# Each prints the wall and CPU milliseconds of (a) the first import_report call, (b) the core's import to the Report.
_COLD = """
import sys, time
sys.path.insert(0, {root!r})
start, cpu = time.perf_counter(), time.process_time()
from app.formats import import_report
call, call_cpu = time.perf_counter(), time.process_time()
import_report({path!r})
end, end_cpu = time.perf_counter(), time.process_time()
print((end - call) * 1000, (end_cpu - call_cpu) * 1000, (end - start) * 1000, (end_cpu - cpu) * 1000)
"""
GUI_RUNS = 15
# The wall and CPU milliseconds of the sample's import in a process set up as MainWindow._build_session leaves it.
_GUI_FIRST = """
import sys, time
sys.path.insert(0, {root!r})
from PySide6.QtCore import QCoreApplication
import ui.autosave, ui.file_actions, ui.last_year_links
from ui.session import Session
from app.paths import SAMPLE_REPORT
application = QCoreApplication(sys.argv[:1])
session = Session(None, hold_checks=True)
from app.formats import import_report
start, cpu = time.perf_counter(), time.process_time()
import_report(SAMPLE_REPORT)
print((time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000)
"""


def _run_child(code: str) -> list[float]:
    """The figures a child interpreter prints on its last line (bytecode written, as an installed program has it:
    with PYTHONDONTWRITEBYTECODE set every process would compile our sources again)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    return [float(figure) for figure in done.stdout.strip().splitlines()[-1].split()]


def _cold_ms(path: Path) -> tuple[float, float, float, float]:
    """Wall and CPU time of the first import in a new interpreter: (a) the import_report call alone, the core's
    modules imported, and (b) from importing the core to the Report.

    The core's bytecode is written (an installed program ships it): with PYTHONDONTWRITEBYTECODE set
    every process would compile the core's sources again, which no clerk's program does.
    """
    call, call_cpu, whole, whole_cpu = _run_child(_COLD.format(root=str(ROOT), path=str(path)))
    return call, call_cpu, whole, whole_cpu


def median_ms(path: Path, runs: int = RUNS) -> float:
    import_report(path)                      # warm-up: editions and label indexes are loaded once
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        import_report(path)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> dict[str, float]:
    figures = {}
    for path in sorted(SAMPLES.glob("*.txt")):
        figures[path.stem] = round(median_ms(path), 2)
        verdict = "ok" if figures[path.stem] < TARGET_MS else "SLOW"
        print(f"warm {path.name}: median {figures[path.stem]:.2f} ms over {RUNS} imports "
              f"(target < {TARGET_MS:.0f} ms) {verdict}")
    figures.update(_cold_figures(SAMPLES / "2020_huashan_town.txt"))
    figures.update(_gui_first_figures())
    figures["one_line_300kb"] = round(_one_line_ms(), 2)
    verdict = "ok" if figures["one_line_300kb"] < ONE_LINE_TARGET_MS else "SLOW"
    print(f"warm one_line_300kb: median {figures['one_line_300kb']:.2f} ms (a {ONE_LINE_BYTES // 1024} KB report "
          f"on one line, target < {ONE_LINE_TARGET_MS:.0f} ms) {verdict}")
    return figures


def _cold_figures(path: Path) -> dict[str, float]:
    """Medians of COLD_RUNS fresh processes, printed with their labels and verdicts."""
    _cold_ms(path)                                     # writes the bytecode, not counted
    runs = [_cold_ms(path) for _ in range(COLD_RUNS)]
    figures = {}
    for index, (key, label) in enumerate([
            ("cold_first_call", "(a) first import_report call, the core's modules imported"),
            ("cold_core_to_report", "(b) from importing the core to the Report (one CLI run)")]):
        wall = figures[f"{key}_ms"] = round(statistics.median(run[2 * index] for run in runs), 1)
        cpu = figures[f"{key}_cpu_ms"] = round(statistics.median(run[2 * index + 1] for run in runs), 1)
        verdict = "ok" if wall < COLD_TARGET_MS else "SLOW"
        print(f"cold {label}: {path.name} median {wall:.1f} ms of {COLD_RUNS} fresh processes, CPU {cpu:.1f} ms "
              f"(target < {COLD_TARGET_MS:.0f} ms) {verdict}")
    return figures


def _gui_first_figures() -> dict[str, float]:
    """Medians of GUI_RUNS fresh processes: the sample's first import with the window's core loaded."""
    _run_child(_GUI_FIRST.format(root=str(ROOT)))      # writes the bytecode, not counted
    runs = [_run_child(_GUI_FIRST.format(root=str(ROOT))) for _ in range(GUI_RUNS)]
    wall = round(statistics.median(run[0] for run in runs), 1)
    cpu = round(statistics.median(run[1] for run in runs), 1)
    print(f"cold (c) first import of the sample in a process that has the core loaded (as the window's start-up): "
          f"median {wall:.1f} ms of {GUI_RUNS} fresh processes, CPU {cpu:.1f} ms (no target of its own: part of "
          f"the report usable ≤ 2× a bare window, bench_gui)")
    return {"cold_gui_first_import_ms": wall, "cold_gui_first_import_cpu_ms": cpu}


def _one_line_ms() -> float:
    """The one-line web sample with its overview repeated until the file is 300 KB."""
    import tempfile

    text = (SAMPLES / "2022_pingtan_web.txt").read_text(encoding="utf-8")
    start, end = text.index("一、总体情况"), text.index("二、主动公开政府信息情况")
    overview = text[start + len("一、总体情况"):end]
    body = overview
    while len((text[:end] + body + text[end:]).encode("utf-8")) < ONE_LINE_BYTES:
        body += overview
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "one_line.txt"
        path.write_text(text[:end] + body + text[end:], encoding="utf-8")
        return median_ms(path, runs=9)


if __name__ == "__main__":
    main()
