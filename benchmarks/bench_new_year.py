"""How long the new-year features take: next year's draft (with and without an edition change),
the comparison of every statistic and the main figures. Prints median times; runs in a second or two.

    .venv/bin/python benchmarks/bench_new_year.py
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.timing import median_ms  # noqa: E402

from app.compare import compare, main_figures  # noqa: E402
from app.new_year import next_year_draft  # noqa: E402
from app.report_json import load_report_json  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "tests" / "data" / "samples"
RUNS = 200




def main() -> None:
    last_2020 = load_report_json(SAMPLES / "2020_geshan_town.json")   # longest narrative of the samples
    draft_2021 = next_year_draft(last_2020).report
    last_2021 = draft_2021.copy_report()
    draft_2022 = next_year_draft(last_2021).report
    figures = [
        ("next_year_draft 2020 → 2021 (edition change)", median_ms(lambda: next_year_draft(last_2020), runs=RUNS, warm_up=False)),
        ("next_year_draft 2021 → 2022 (same edition)", median_ms(lambda: next_year_draft(last_2021), runs=RUNS, warm_up=False)),
        ("compare 2020 vs 2021 (across editions)", median_ms(lambda: compare(last_2020, draft_2021), runs=RUNS, warm_up=False)),
        ("compare 2021 vs 2022", median_ms(lambda: compare(last_2021, draft_2022), runs=RUNS, warm_up=False)),
        ("main_figures", median_ms(lambda: main_figures(last_2021, draft_2022), runs=RUNS, warm_up=False)),
    ]
    notes = len(next_year_draft(last_2020).notes)
    for label, ms in figures:
        print(f"{label:48s} {ms:8.3f} ms (median of {RUNS})")
    print(f"{'notes for the clerk (geshan 2020 → 2021)':48s} {notes:8d}")


if __name__ == "__main__":
    main()
