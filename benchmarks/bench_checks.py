"""Median time of a full check (every rule of the edition) of each sample report (target < 1 ms) and
of the largest plausible report: every cell 999999, 50,000-character narratives (keystroke budget
16 ms). Also with last year's report given (cross-year rules). Runs in about a second.

    .venv/bin/python benchmarks/bench_checks.py
"""
from __future__ import annotations

import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.checks import run_checks  # noqa: E402
from app.report import SECTION_IDS, Report, new_report  # noqa: E402
from app.report_json import load_report_json  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "tests" / "data" / "samples"
STEMS = ["2020_checun_town", "2020_geshan_town", "2020_huashan_town"]
SAMPLE_TARGET_MS, KEYSTROKE_MS = 1.0, 16.0
# Worst case: a figure that contradicts the tables every ~80 characters (thousands of findings).
DENSE = ("2025年，本镇全年共收到政府信息公开申请12件，予以公开7件，行政复议0件，行政诉讼0件。"
         "一是加强组织领导；二是完善制度建设；三是强化监督考核。")


def _real_prose() -> str:
    """The narrative of the three sample reports, one after another (a plausible clerk's text)."""
    parts = []
    for stem in STEMS:
        sample = load_report_json(SAMPLES / f"{stem}.json")
        parts.extend(text for text in sample.sections.values() if text)
    return "\n".join(parts)


def largest_report(edition: str, paragraph: str | None = None) -> Report:
    report = new_report(edition, "阁山镇人民政府", 2025)
    for table in report.spec.all_tables():
        for row, col in table.cells():
            amount = table.column(col).kind == "amount"
            report.tables[table.id][row][col] = Decimal("999999.999999") if amount else 999_999
    paragraph = paragraph or _real_prose()
    for section in SECTION_IDS:
        report.sections[section] = "\n".join([paragraph] * (50_000 // len(paragraph) + 1))[:50_000]
    return report


def median_ms(report: Report, last: Report | None = None, runs: int = 200) -> float:
    run_checks(report, last)  # warm-up: compiled patterns, caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run_checks(report, last)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> dict[str, float]:
    samples = {stem: load_report_json(SAMPLES / f"{stem}.json") for stem in STEMS}
    figures: dict[str, float] = {}
    for stem, report in samples.items():
        figures[f"check_{stem}_ms"] = round(median_ms(report), 3)
    geshan = samples["2020_geshan_town"]
    figures["check_with_last_year_ms"] = round(median_ms(geshan, samples["2020_huashan_town"]), 3)
    for edition in ("2019", "2021"):
        large = largest_report(edition)
        figures[f"check_largest_{edition}_ms"] = round(median_ms(large, runs=30), 3)
        figures[f"check_largest_{edition}_with_last_ms"] = round(median_ms(large, large.copy_report(), runs=30), 3)
    dense = largest_report("2021", DENSE)
    figures["check_largest_dense_figures_ms"] = round(median_ms(dense, runs=10), 3)
    figures["findings_dense_figures"] = len(run_checks(dense))
    for name, value in figures.items():
        if not name.endswith("_ms"):
            print(f"{name:>36}: {value}")
            continue
        target = KEYSTROKE_MS if "largest" in name else SAMPLE_TARGET_MS
        print(f"{name:>36}: {value:8.3f} ms  {'ok' if value < target else 'OVER'} (target < {target:g} ms)")
    return figures


if __name__ == "__main__":
    main()
