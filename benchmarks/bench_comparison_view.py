"""How long 与上年对比 takes to open and to refresh after an edit (it refreshes after every re-check
while open). Offscreen; prints median times.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_comparison_view.py
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.timing import median_ms  # noqa: E402

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.new_year import next_year_draft  # noqa: E402
from app.report_json import load_report_json  # noqa: E402
from ui.widgets.comparison_view import ComparisonView  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "tests" / "data" / "samples"
RUNS = 20




def main() -> None:
    app = QApplication.instance() or QApplication([])
    last = load_report_json(SAMPLES / "2020_geshan_town.json")
    this = next_year_draft(last).report
    views = []
    opened = median_ms(lambda: views.append(ComparisonView(last, this)), runs=RUNS, warm_up=False)
    view = views[-1]
    view.resize(820, 640)

    def edit_and_refresh() -> None:
        this.set_cell("requests", "new", "natural", (this.get("requests", "new", "natural") or 0) + 1)
        view.set_reports(last, this)

    refreshed = median_ms(edit_and_refresh, runs=RUNS, warm_up=False)
    painted = median_ms(view.chart.grab, runs=RUNS, warm_up=False)
    print(f"{'open ComparisonView (172 rows)':40s} {opened:8.3f} ms (median of {RUNS})")
    print(f"{'refresh after an edit':40s} {refreshed:8.3f} ms (median of {RUNS})")
    print(f"{'paint the main-figures chart':40s} {painted:8.3f} ms (median of {RUNS})")
    del app


if __name__ == "__main__":
    main()
