"""Median time to export one report to .docx, .xlsx, .html (target: under 300 ms each) and .pdf
(under 1 s), for the bundled 2020 samples and for the largest sample (the 2022 Pingtan report,
2021 edition, 7 pages); and to read our .xlsx back. The .pdf is laid out in-process as in the
application (a Qt application runs); ``pdf_child_largest_ms`` is the command line's way (a child
process lays it out, ``nianbao convert X.json X.pdf``).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_export.py
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.timing import median_ms  # noqa: E402

from app.formats import export_report, import_report  # noqa: E402
from app.report_json import load_report_json  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "tests" / "data" / "samples"
STEMS = ["2020_checun_town", "2020_geshan_town", "2020_huashan_town"]
LARGEST = "2022_pingtan_web"
RUNS = 7
TARGETS_MS = {".docx": 300.0, ".xlsx": 300.0, ".html": 300.0, ".pdf": 1000.0}


def main() -> dict[str, float]:
    from ui.pdf_export import ensure_gui_application
    ensure_gui_application()                  # the application's case: Qt is running
    reports = [load_report_json(SAMPLES / f"{stem}.json") for stem in STEMS]
    largest = load_report_json(SAMPLES / f"{LARGEST}.json")
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for suffix in TARGETS_MS:
            runs = 3 if suffix == ".pdf" else RUNS
            paths = [Path(folder) / f"{stem}{suffix}" for stem in STEMS]
            per_report = [median_ms(lambda r=r, p=p: export_report(r, p), runs=runs) for r, p in zip(reports, paths)]
            figures[f"export{suffix}_ms"] = round(statistics.median(per_report), 1)
            big = Path(folder) / f"{LARGEST}{suffix}"
            figures[f"export{suffix}_largest_ms"] = round(median_ms(lambda: export_report(largest, big), runs=runs), 1)
        from app.write.pdf import _export_in_child
        child = Path(folder) / "child.pdf"
        figures["pdf_child_largest_ms"] = round(median_ms(lambda: _export_in_child(largest, child), runs=3), 1)
        xlsx = Path(folder) / f"{STEMS[0]}.xlsx"
        figures["import.xlsx_ms"] = round(median_ms(lambda: import_report(xlsx), runs=RUNS), 1)
    for name, value in figures.items():
        suffix = next((s for s in TARGETS_MS if name.startswith(f"export{s}_")), None)
        mark = "" if suffix is None else ("（达标）" if value < TARGETS_MS[suffix] else
                                          f"（超过 {TARGETS_MS[suffix]:.0f} ms 目标）")
        print(f"{name:>24}: {value:7.1f} ms {mark}")
    return figures


if __name__ == "__main__":
    main()
