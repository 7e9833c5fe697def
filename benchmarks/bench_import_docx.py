"""How fast a Word report imports: the median time of a full import (safety checks, reading the body,
recognizing the edition) of a .docx report, as a ratio to the time python-docx alone takes to open
the same file (target: under 1.5×). Runs in a few seconds.

Three documents: one built by the test fixtures (Word-like numbering and stray spaces), our own
export, and — where LibreOffice is installed — our export re-saved by LibreOffice (a document a
word processor wrote, with its own styles and settings parts). The first import in a fresh process
(cold: python-docx, lxml and the editions load) is printed apart from the warm median.

The three are timed in turns. The ratio uses CPU time (this process only), so other programs on a
busy machine do not sway it; wall-clock medians are printed as well.

    .venv/bin/python benchmarks/bench_import_docx.py
"""
from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402

from app.formats import export_report, import_report  # noqa: E402
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


def _documents(folder: Path) -> dict[str, Path]:
    report = load_report_json(SAMPLE)
    docs = {"fixture": build_docx(report, folder / "阁山镇2020年报.docx",
                                  Layout(heading_style="numbered", numbered_labels=True, stray_spaces=True))}
    ours = folder / "ours" / "阁山镇2020年报.docx"
    ours.parent.mkdir()
    export_report(report, ours)
    docs["ours"] = ours
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        out = folder / "libreoffice"
        done = subprocess.run([soffice, "--headless", "--norestore", "--convert-to", "docx:MS Word 2007 XML",
                               "--outdir", str(out), str(ours)], capture_output=True, timeout=120)
        if done.returncode == 0 and (out / ours.name).exists():
            docs["libreoffice"] = out / ours.name
    else:
        print("  (LibreOffice not installed: no document re-saved by a word processor)")
    return docs


def _measure(name: str, path: Path, figures: dict) -> None:
    medians = _interleaved({"python_docx": lambda: docx.Document(str(path)),
                            "stream": lambda: read_docx_stream(path),
                            "full": lambda: import_report(path)})
    figures[f"{name}.file_kb"] = round(path.stat().st_size / 1024, 1)
    for part in ("python_docx", "stream", "full"):
        figures[f"{name}.{part}_wall_ms"] = round(medians[part][0], 2)
        figures[f"{name}.{part}_cpu_ms"] = round(medians[part][1], 2)
    figures[f"{name}.ratio_cpu"] = round(medians["full"][1] / medians["python_docx"][1], 2)
    figures[f"{name}.ratio_wall"] = round(medians["full"][0] / medians["python_docx"][0], 2)
    print(f"{name}: {figures[f'{name}.file_kb']} KB .docx, median of {RUNS} runs (CPU ms / wall ms)")
    print(f"  python-docx Document() alone    : {figures[f'{name}.python_docx_cpu_ms']:6.2f} / "
          f"{figures[f'{name}.python_docx_wall_ms']:6.2f}")
    print(f"  our reader, stream only         : {figures[f'{name}.stream_cpu_ms']:6.2f} / "
          f"{figures[f'{name}.stream_wall_ms']:6.2f}")
    print(f"  full import (reader+recognizer) : {figures[f'{name}.full_cpu_ms']:6.2f} / "
          f"{figures[f'{name}.full_wall_ms']:6.2f}")
    verdict = "ok" if figures[f"{name}.ratio_cpu"] < TARGET else "OVER"
    print(f"  ratio import / python-docx      : {figures[f'{name}.ratio_cpu']:.2f}× CPU, "
          f"{figures[f'{name}.ratio_wall']:.2f}× wall  {verdict} (target < {TARGET}×)")


def main() -> dict:
    figures: dict = {}
    with tempfile.TemporaryDirectory() as folder:
        docs = _documents(Path(folder))
        start = time.perf_counter()
        import_report(docs["ours"])             # first import in this process: libraries and editions load
        figures["cold.full_wall_ms"] = round((time.perf_counter() - start) * 1000, 2)
        print(f"first import in a fresh process (cold): {figures['cold.full_wall_ms']:.1f} ms")
        for name, path in docs.items():
            _measure(name, path, figures)
    return figures


if __name__ == "__main__":
    main()
