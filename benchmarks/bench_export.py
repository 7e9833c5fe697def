"""Median time to export one report to .docx and .xlsx (target: under 300 ms each), and to read
our .xlsx back. Uses the bundled 2020 sample reports.

    .venv/bin/python benchmarks/bench_export.py
"""
from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.timing import median_ms  # noqa: E402

from app.formats import export_report, import_report  # noqa: E402
from app.report_json import load_report_json  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "tests" / "data" / "samples"
STEMS = ["2020_checun_town", "2020_geshan_town", "2020_huashan_town"]
RUNS = 7
TARGET_MS = 300.0




def main() -> dict[str, float]:
    reports = [load_report_json(SAMPLES / f"{stem}.json") for stem in STEMS]
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for suffix in (".docx", ".xlsx"):
            paths = [Path(folder) / f"{stem}{suffix}" for stem in STEMS]
            per_report = [median_ms(lambda r=r, p=p: export_report(r, p), runs=RUNS) for r, p in zip(reports, paths)]
            figures[f"export{suffix}_ms"] = round(statistics.median(per_report), 1)
        xlsx = Path(folder) / f"{STEMS[0]}.xlsx"
        figures["import.xlsx_ms"] = round(median_ms(lambda: import_report(xlsx), runs=RUNS), 1)
    for name, value in figures.items():
        mark = "" if not name.startswith("export") else ("（达标）" if value < TARGET_MS else "（超过 300 ms 目标）")
        print(f"{name:>16}: {value:7.1f} ms {mark}")
    return figures


if __name__ == "__main__":
    main()
