"""The largest plausible report (every cell at its maximum, 50,000-character narratives) works end to end.

The check time of this report is measured by benchmarks/bench_checks.py (keystroke budget 16 ms).
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from app.checks import auto_total, run_checks
from app.formats import export_report, import_report
from app.registry import export_suffixes, import_suffixes
from app.report import SECTION_IDS, Report, new_report
from app.report_json import load_report_json, save_report_json
from tests.core.helpers import zero_report

EDITIONS = ["2019", "2021"]
MAX_VALUE = 999_999
NARRATIVE_CHARS = 50_000
_PARAGRAPH = ("2025年，本镇全年共收到政府信息公开申请12件，予以公开7件，行政复议0件，行政诉讼0件。"
              "=SUM(A1) +1 -1 @x 一是加强组织领导；二是完善制度建设；三是强化监督考核。")


def largest_report(edition: str) -> Report:
    """Every cell at its largest plausible value and every section 50,000 characters long."""
    report = new_report(edition, "阁山镇人民政府", 2025)
    for table in report.spec.all_tables():
        for row, col in table.cells():
            kind = table.column(col).kind
            report.tables[table.id][row][col] = Decimal("999999.999999") if kind == "amount" else MAX_VALUE
    for number, section in enumerate(SECTION_IDS):
        lines = [f"{number}-{n} {_PARAGRAPH}" for n in range(NARRATIVE_CHARS // len(_PARAGRAPH) + 1)]
        report.sections[section] = "\n".join(lines)[:NARRATIVE_CHARS]
    return report


@pytest.mark.parametrize("edition", EDITIONS)
def test_largest_report_survives_json_save_and_load(edition, tmp_path):
    report = largest_report(edition)
    path = tmp_path / "最大的 报告.nianbao.json"
    save_report_json(report, path)
    again = load_report_json(path)
    assert again == report
    assert len(again.sections["overview"]) == NARRATIVE_CHARS
    assert str(again.get("active", "fees" if edition == "2021" else "procurement", "amount")) == "999999.999999"


@pytest.mark.parametrize("edition", EDITIONS)
def test_largest_report_is_checked_and_totals_add_up(edition):
    report = largest_report(edition)
    findings = run_checks(report)
    rules = {f.rule for f in findings}
    assert "value.magnitude" in rules          # 999999.999999 万元 for a township is surely in 元
    assert "requests.row_total" in rules       # 999999 everywhere cannot add up
    auto_total(report)
    sums = {c.id for c in report.spec.checks if c.kind in ("row_sum", "column_sum")}
    assert not [f for f in run_checks(report) if f.rule in sums]
    assert report.get("requests", "new", "total") == 6 * MAX_VALUE


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_figure_thousands_of_digits_long_is_flagged_not_a_crash(edition):
    """Regression: int() refuses more than 4300 digits; the figure check used to raise ValueError."""
    report = zero_report(edition)
    report.sections["overview"] = "全年共收到政府信息公开申请" + "9" * 5000 + "件。"
    figures = [f for f in run_checks(report) if f.rule == "text.figures"]
    assert len(figures) == 1 and figures[0].expected == 0


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_largest_report_exports_and_imports(suffix, tmp_path):
    if suffix not in export_suffixes():
        pytest.skip(f"no exporter for {suffix} registered yet")
    report = largest_report("2021")
    path: Path = tmp_path / f"最大的 报告{suffix}"
    export_report(report, path)
    if suffix not in import_suffixes():
        pytest.skip(f"no importer for {suffix} registered yet")
    again = import_report(path).report
    assert again.tables == report.tables
    assert again.sections == report.sections
