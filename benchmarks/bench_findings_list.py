"""The reviewer's list and explained findings: median time to export the findings list (.docx/.xlsx;
target as every export: under 300 ms) and to check a sample report whose every finding is explained
(the check plus matching the reviews; target as every check of a sample: under 1 ms).

    .venv/bin/python benchmarks/bench_findings_list.py
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.timing import median_ms  # noqa: E402

from app.checks import run_checks  # noqa: E402
from app.report import new_report  # noqa: E402
from app.report_json import load_report_json  # noqa: E402
from app.reviews import explain, tally  # noqa: E402
from app.write.findings_rows import write_findings  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "tests" / "data" / "samples"
STEMS = ["2020_checun_town", "2020_geshan_town", "2020_huashan_town"]
RUNS = 7


def _explained(stem: str):
    report = load_report_json(SAMPLES / f"{stem}.json")
    findings = run_checks(report)
    for finding in findings:
        report.reviews = explain(report.reviews, finding, "已核实", "2026-01-15")
    return report, findings



def _all_blank():
    """A 2021 report with every cell blank and no text: a finding for every cell (the longest list)."""
    report = new_report("2021", "某县人民政府", 2025)
    findings = run_checks(report)
    report.reviews = [r for f in findings[::2] for r in explain([], f, "已核实", "2026-01-15")]
    return report, findings


def main() -> dict[str, float]:
    samples = [_explained(stem) for stem in STEMS]
    lists = {"geshan": samples[1], "all_blank": _all_blank()}
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for kind in ("docx", "xlsx"):
            for name, (report, findings) in lists.items():
                path = Path(folder) / f"{name}.{kind}"
                figures[f"export.findings_list_{name}.{kind}_ms"] = round(
                    median_ms(lambda r=report, f=findings, p=path: write_findings(r, f, p, kind), runs=RUNS), 1)
    report, findings = samples[1]
    figures["check_2020_geshan_all_explained_ms"] = round(
        median_ms(lambda: tally(run_checks(report), report.reviews), runs=200), 3)
    print(f"findings in the lists: {[len(f) for _r, f in lists.values()]}")
    for name, value in figures.items():
        print(f"{name:>40}: {value:8.3f} ms")
    return figures


if __name__ == "__main__":
    main()
