"""Throughput of `nianbao check` over 100 report files (target ≥ 50 reports per second), and the
median import and export time of one sample per format.

In one process through the CLI's own entry point (app.cli.main, as a batch script or the GUI's
folder check would call it), for 100 files of mixed formats (.json, .txt, .docx, .xlsx made from
the samples) and per format; and, separately, the cost of starting one `python -m app check`
process per file, which a shell loop over files pays on top (a Python start and the imports).

    .venv/bin/python benchmarks/bench_batch.py
"""
from __future__ import annotations

import contextlib
import io
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
from benchmarks.timing import median_ms  # noqa: E402

from app.cli import main as cli_main  # noqa: E402
from app.formats import export_report, import_report  # noqa: E402
from app.registry import export_suffixes, import_suffixes  # noqa: E402
from app.report_json import load_report_json  # noqa: E402

SAMPLES = ROOT / "tests" / "data" / "samples"
STEMS = ["2020_checun_town", "2020_geshan_town", "2020_huashan_town"]
REPORTS = 100
PROCESS_RUNS = 3
PER_FORMAT = 30
TARGET_PER_SECOND = 50


def make_files(folder: Path) -> dict[str, list[Path]]:
    """REPORTS files per importable format: copies of the three samples under distinct names."""
    samples = {stem: load_report_json(SAMPLES / f"{stem}.json") for stem in STEMS}
    files: dict[str, list[Path]] = {}
    for suffix in import_suffixes():
        originals = {}
        for stem in STEMS:
            original = folder / f"{stem}{suffix}"
            if suffix == ".txt":
                shutil.copyfile(SAMPLES / f"{stem}.txt", original)
            elif suffix in export_suffixes():
                export_report(samples[stem], original)
            else:
                break
            originals[stem] = original
        else:
            files[suffix] = []
            for n in range(REPORTS):
                path = folder / f"报告 {n:03d}{suffix}"
                shutil.copyfile(originals[STEMS[n % len(STEMS)]], path)
                files[suffix].append(path)
    return files


def check_all(paths: list[Path]) -> tuple[float, dict[int, int]]:
    """Seconds to `check` every file in this process, and how many ended with each exit code."""
    codes: dict[int, int] = {}
    sink = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        for path in paths:
            code = cli_main(["check", str(path)])
            codes[code] = codes.get(code, 0) + 1
    return time.perf_counter() - start, codes




def import_export_ms(files: dict[str, list[Path]], folder: Path) -> dict:
    """Median time to import one sample of each format, and to export one to each format."""
    figures = {}
    for suffix, paths in files.items():
        figures[f"import{suffix}_ms"] = round(median_ms(lambda p=paths[1]: import_report(p)), 2)
    report = load_report_json(SAMPLES / f"{STEMS[1]}.json")
    for suffix in export_suffixes():
        figures[f"export{suffix}_ms"] = round(median_ms(lambda s=suffix: export_report(report, folder / f"out{s}")), 2)
    return figures


def process_seconds(args: list[str]) -> float:
    times = []
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(PROCESS_RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> dict:
    figures: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        files = make_files(Path(tmp))
        check_all([paths[0] for paths in files.values()])              # warm-up: imports, caches
        mixed = [paths[n] for n in range(REPORTS) for paths in files.values()][:REPORTS]
        seconds, codes = check_all(mixed)
        figures["batch_check_reports_per_s"] = round(REPORTS / seconds, 1)
        figures["batch_unreadable"] = codes.get(2, 0)
        for suffix, paths in files.items():
            seconds, _ = check_all(paths[:PER_FORMAT])
            figures[f"batch_check{suffix}_reports_per_s"] = round(PER_FORMAT / seconds, 1)
        figures.update(import_export_ms(files, Path(tmp)))
        one = files[".json"][0]
        figures["process_python_bare_ms"] = round(process_seconds(["-c", "pass"]) * 1000, 1)
        figures["process_check_json_ms"] = round(process_seconds(["-m", "app", "check", str(one)]) * 1000, 1)
        figures["process_check_reports_per_s"] = round(1000 / figures["process_check_json_ms"], 1)
    for name, value in figures.items():
        verdict = ""
        if name == "batch_check_reports_per_s":
            verdict = "ok" if value >= TARGET_PER_SECOND else f"UNDER target {TARGET_PER_SECOND}/s"
        print(f"{name:>36}: {value} {verdict}")
    return figures


if __name__ == "__main__":
    main()
