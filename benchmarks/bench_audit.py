"""Throughput of `nianbao audit` over a county's folder: 1,000 reports (target < 30 s on 2 cores).

The folder is generated here: a quarter each of .json, .txt, .docx and .xlsx, every report of its own
organ with its own figures (the .txt from the samples with the organ renamed; .docx and .xlsx are
copies of a few exports, as a collection holds many of one template). Measured through the CLI's own
entry point (app.cli.main, output discarded), with the worker processes `audit` starts; then the
same in one process for comparison, and a small folder (20 files) that stays in one process.

    .venv/bin/python benchmarks/bench_audit.py
"""
from __future__ import annotations

import contextlib
import io
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import parallel  # noqa: E402
from app.cli import main as cli_main  # noqa: E402
from app.formats import export_report  # noqa: E402
from app.report_json import load_report_json, save_report_json  # noqa: E402

SAMPLES = ROOT / "tests" / "data" / "samples"
STEMS = ["2020_checun_town", "2020_geshan_town", "2020_huashan_town"]
REPORTS = 1000
ONE_PROCESS_REPORTS = 200
SMALL = 20
TARGET_S = 30
_TEMPLATES = 10


def make_folder(folder: Path, count: int) -> None:
    """``count`` reports in four formats, spread over subfolders like a collection by district."""
    samples = {stem: load_report_json(SAMPLES / f"{stem}.json") for stem in STEMS}
    templates = _office_templates(folder / "_templates", samples)
    for n in range(count):
        stem = STEMS[n % len(STEMS)]
        organ = f"第{n:04d}镇人民政府"
        target = folder / f"片区{n % 7}" / f"{n:04d}_{organ}"
        target.parent.mkdir(parents=True, exist_ok=True)
        kind = n % 4
        if kind == 0:
            report = samples[stem].copy_report()
            report.organ = organ
            report.tables["requests"]["new"]["natural"] = n % 13
            save_report_json(report, target.with_suffix(".json"))
        elif kind == 1:
            text = (SAMPLES / f"{stem}.txt").read_text(encoding="utf-8")
            target.with_suffix(".txt").write_text(text.replace(samples[stem].organ, organ), encoding="utf-8")
        else:
            suffix = ".docx" if kind == 2 else ".xlsx"
            shutil.copyfile(templates[(suffix, n % _TEMPLATES)], target.with_suffix(suffix))
    shutil.rmtree(folder / "_templates")


def _office_templates(folder: Path, samples: dict) -> dict:
    folder.mkdir(parents=True)
    templates = {}
    for index in range(_TEMPLATES):
        report = samples[STEMS[index % len(STEMS)]].copy_report()
        report.organ = f"模板{index}镇人民政府"
        for suffix in (".docx", ".xlsx"):
            path = folder / f"{index}{suffix}"
            export_report(report, path)
            templates[(suffix, index)] = path
    return templates


def audit_seconds(folder: Path) -> tuple[float, int]:
    sink = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        code = cli_main(["audit", str(folder), "--json"])
    return time.perf_counter() - start, code


def main() -> dict:
    figures: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        big, small = Path(tmp) / "big", Path(tmp) / "small"
        start = time.perf_counter()
        make_folder(big, REPORTS)
        figures["audit_generate_1000_s"] = round(time.perf_counter() - start, 1)
        make_folder(small, SMALL)
        audit_seconds(small)                                               # warm-up: imports, caches
        seconds, code = audit_seconds(big)
        figures["audit_1000_reports_s"] = round(seconds, 2)
        figures["audit_reports_per_s"] = round(REPORTS / seconds, 1)
        figures["audit_workers"] = parallel.worker_count()
        figures["audit_exit_code"] = code
        seconds, _ = audit_seconds(small)
        figures["audit_20_reports_ms"] = round(seconds * 1000, 1)
        one = Path(tmp) / "one"
        make_folder(one, ONE_PROCESS_REPORTS)
        limit, parallel.POOL_MIN_ITEMS = parallel.POOL_MIN_ITEMS, 10**9      # force the in-process path
        seconds, _ = audit_seconds(one)
        parallel.POOL_MIN_ITEMS = limit
        figures["audit_one_process_reports_per_s"] = round(ONE_PROCESS_REPORTS / seconds, 1)
    for name, value in figures.items():
        verdict = ""
        if name == "audit_1000_reports_s":
            verdict = "ok" if value < TARGET_S else f"OVER target {TARGET_S} s"
        print(f"{name:>36}: {value} {verdict}")
    return figures


if __name__ == "__main__":
    main()
