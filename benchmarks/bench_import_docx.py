"""How fast a Word report imports: the median time of a full import (safety checks, reading the body,
recognizing the edition) of a typical .docx report, as a ratio to the time python-docx alone takes
to open the same file (target: under 1.5×). Runs in a few seconds.

The three are timed in turns. The ratio uses CPU time (this process only), so other programs on a
busy machine do not sway it; wall-clock medians are printed as well.

    .venv/bin/python benchmarks/bench_import_docx.py
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402

from app.formats import import_report  # noqa: E402
from app.read.docx_reader import read_docx_stream  # noqa: E402
from app.report_json import load_report_json  # noqa: E402
from tests.core.docx_fixtures import Layout, build_docx  # noqa: E402

SAMPLE = ROOT / "tests" / "data" / "samples" / "2020_geshan_town.json"
RUNS = 40
TARGET = 1.5


def _interleaved(funcs: dict, runs: int = RUNS) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) time in ms of each function, run in turns so a busy machine slows all alike."""
    for func in funcs.values():
        func()                               # warm caches (editions, label index, imports)
    wall: dict[str, list[float]] = {name: [] for name in funcs}
    cpu: dict[str, list[float]] = {name: [] for name in funcs}
    for _ in range(runs):
        for name, func in funcs.items():
            start, start_cpu = time.perf_counter(), time.process_time()
            func()
            cpu[name].append(time.process_time() - start_cpu)
            wall[name].append(time.perf_counter() - start)
    return {name: (statistics.median(wall[name]) * 1000, statistics.median(cpu[name]) * 1000) for name in funcs}


def main() -> dict:
    with tempfile.TemporaryDirectory() as folder:
        path = build_docx(load_report_json(SAMPLE), Path(folder) / "阁山镇2020年报.docx",
                          Layout(heading_style="numbered", numbered_labels=True, stray_spaces=True))
        size_kb = path.stat().st_size / 1024
        medians = _interleaved({"python_docx": lambda: docx.Document(str(path)),
                                "stream": lambda: read_docx_stream(path),
                                "full": lambda: import_report(path)})
    figures = {"file_kb": round(size_kb, 1)}
    for name in ("python_docx", "stream", "full"):
        figures[f"{name}_wall_ms"] = round(medians[name][0], 2)
        figures[f"{name}_cpu_ms"] = round(medians[name][1], 2)
    figures["ratio_cpu"] = round(medians["full"][1] / medians["python_docx"][1], 2)
    figures["ratio_wall"] = round(medians["full"][0] / medians["python_docx"][0], 2)
    figures["target_ratio"] = TARGET
    print(f"typical report: {figures['file_kb']} KB .docx, median of {RUNS} runs (CPU ms / wall ms)")
    print(f"  python-docx Document() alone    : {figures['python_docx_cpu_ms']:6.2f} / {figures['python_docx_wall_ms']:6.2f}")
    print(f"  our reader, stream only         : {figures['stream_cpu_ms']:6.2f} / {figures['stream_wall_ms']:6.2f}")
    print(f"  full import (reader+recognizer) : {figures['full_cpu_ms']:6.2f} / {figures['full_wall_ms']:6.2f}")
    verdict = "OK" if figures["ratio_cpu"] < TARGET else "OVER TARGET"
    print(f"  ratio import / python-docx      : {figures['ratio_cpu']:.2f}× CPU, {figures['ratio_wall']:.2f}× wall"
          f"  (target < {TARGET}×) {verdict}")
    return figures


if __name__ == "__main__":
    main()
