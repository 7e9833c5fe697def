"""Properties that hold for every report the model accepts (hypothesis, small example counts)."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from app.checks import auto_total, run_checks
from app.errors import AppError
from app.formats import export_report, import_report
from app.registry import export_suffixes, import_suffixes
from app.report_json import load_report_json, save_report_json
from tests.core.helpers import zero_report
from tests.core.report_strategies import reports, reports_with_invalid_cells

FAST = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Formats a report can be written to and read back from. The office formats join as soon as
# their importer and exporter are registered.
# The three formats of the spec, plus any other format registered both ways.
# A PDF export is for print and publication: reading it back recovers what the page shows, not the
# report file exactly (document properties, every extreme value), so it is not a round-trip format.
PRINT_ONLY = {".pdf"}
_BOTH_WAYS = sorted(({".json", ".docx", ".xlsx"} | (set(export_suffixes()) & set(import_suffixes()))) - PRINT_ONLY)
ROUND_TRIP_FORMATS = _BOTH_WAYS
# Office files take a second or more each to write and read: fewer examples keep the suite fast.
ROUND_TRIP_EXAMPLES = {".json": 50, ".docx": 6}


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_a_blank_before_a_value_stays_where_it_was(suffix):
    """Found by the round-trip property: in rows with two cells, a blank first cell must not swallow the value."""
    if suffix not in export_suffixes() or suffix not in import_suffixes():
        pytest.skip(f"{suffix} cannot be both written and read yet")
    report = zero_report("2019")
    for row in ("fees", "procurement"):
        first, second = report.spec.table("active").row_columns(row)[:2]
        report.tables["active"][row][first] = None
        report.tables["active"][row][second] = 17
    assert _round_trip(report, suffix).tables["active"] == report.tables["active"]


def _sum_rules(report) -> set[str]:
    return {c.id for c in report.spec.checks if c.kind in ("row_sum", "column_sum")}


def _round_trip(report, suffix: str):
    with tempfile.TemporaryDirectory(prefix="属性 测试 ") as folder:
        path = Path(folder) / f"年报 草稿{suffix}"
        export_report(report, path)
        return import_report(path).report


@FAST
@given(reports())
def test_json_save_then_load_gives_the_same_report(report):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "报告.nianbao.json"
        save_report_json(report, path)
        again = load_report_json(path)
        assert json.loads(path.read_text(encoding="utf-8"))["format"] == "nianbao-report/1"
    assert again == report
    for table in report.spec.all_tables():
        for row, col in table.cells():
            # Amounts keep their digits exactly, trailing zeros included.
            assert str(again.get(table.id, row, col)) == str(report.get(table.id, row, col))


@pytest.mark.parametrize("suffix", ROUND_TRIP_FORMATS)
def test_export_then_import_gives_the_same_report(suffix):
    if suffix not in export_suffixes():
        pytest.skip(f"no exporter for {suffix} registered yet")
    if suffix not in import_suffixes():
        pytest.skip(f"no importer for {suffix} registered yet")

    slow = suffix != ".json"   # shrinking would replay many slow office round trips: report the first failure
    phases = [Phase.explicit, Phase.reuse, Phase.generate] if slow else list(Phase)

    @settings(FAST, max_examples=ROUND_TRIP_EXAMPLES.get(suffix, 10), phases=phases)
    @given(reports(publishable=True))
    def round_trip(report):
        again = _round_trip(report, suffix)
        assert again.edition == report.edition
        assert (again.organ, again.year, again.title) == (report.organ, report.year, report.title)
        assert again.sections == report.sections
        assert again.tables == report.tables

    round_trip()


@FAST
@given(reports())
def test_auto_total_leaves_no_arithmetic_error(report):
    auto_total(report)
    sums = _sum_rules(report)
    assert [f.message for f in run_checks(report) if f.rule in sums] == []
    assert auto_total(report) == []  # a second pass has nothing left to change


@FAST
@given(reports(), st.data())
def test_auto_total_leaves_manual_totals_alone(report, data):
    totals = sorted(f"{t}.{r}.{c}" for t, r, c in report.spec.computed_cells)
    manual = data.draw(st.lists(st.sampled_from(totals), max_size=6, unique=True))
    report.manual_totals = set(manual)
    before = {ref: report.get(*ref.split(".")) for ref in manual}
    changed = auto_total(report)
    assert not set(changed) & set(manual)
    assert {ref: report.get(*ref.split(".")) for ref in manual} == before


@FAST
@given(reports_with_invalid_cells(), st.one_of(st.none(), reports()))
def test_checks_never_raise_and_every_finding_is_readable(report, last):
    findings = run_checks(report, last)
    cells = {f"{t.id}.{r}.{c}" for t in report.spec.all_tables() for r, c in t.cells()}
    sections = {f"sections.{s.id}" for s in report.spec.text_sections}
    for finding in findings:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in finding.message), finding
        assert finding.cell is None or finding.cell in cells | sections, finding
        json.dumps(finding.to_json(), ensure_ascii=False)
    for ref in report.invalid:
        assert any(f.rule == "value.invalid" and f.cell == ref for f in findings)


@settings(FAST, max_examples=10)
@given(reports())
def test_every_exporter_writes_any_report_or_explains_why_in_chinese(report):
    """Export of every registered format either succeeds or says why in Chinese — never crashes."""
    with tempfile.TemporaryDirectory() as folder:
        for suffix in export_suffixes():
            path = Path(folder) / f"out{suffix}"
            try:
                export_report(report, path)
            except AppError as exc:
                assert any("\u4e00" <= ch <= "\u9fff" for ch in str(exc))
                assert not path.exists() or path.stat().st_size > 0
                continue
            assert path.stat().st_size > 0, suffix
            if suffix in import_suffixes() and suffix not in PRINT_ONLY:   # reads back with the same statistics
                assert import_report(path).report.tables == report.tables, suffix
