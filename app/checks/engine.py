"""Run the checks an edition declares, and compute total cells (auto-total)."""
from __future__ import annotations

from functools import cache

from app.checks.findings import Finding, Level
from app.checks.rules import RULES, sum_targets
from app.report import Report


def run_checks(report: Report, last: Report | None = None) -> list[Finding]:
    """Every finding of every check of the report's edition, in the edition's check order."""
    rules = _every_rule()
    findings: list[Finding] = []
    for check in report.spec.checks:
        func, _default = rules[check.kind]
        findings.extend(func(report, check, last))
    return findings


@cache
def _every_rule() -> dict:
    """The rule kinds, with the report-level and text rules registered by their modules on the first run: the
    GUI shows a report (auto-totals need only the arithmetic rules) before it first checks one."""
    from app.checks import meta_rules, text_rules  # noqa: F401, PLC0415 - registers their kinds in RULES
    return RULES


def has_errors(findings: list[Finding]) -> bool:
    return any(f.level is Level.ERROR for f in findings)


def count_levels(findings: list[Finding]) -> dict[Level, int]:
    counts = {Level.ERROR: 0, Level.WARNING: 0}
    for finding in findings:
        counts[finding.level] += 1
    return counts


def auto_total(report: Report) -> list[str]:
    """Compute every total cell from its parts (row sums, then column sums, then row sums of totals).

    Totals the clerk set to manual entry (``report.manual_totals``) are left alone. A total whose
    parts are all blank stays blank. Returns the refs of the cells that changed.
    """
    changed: list[str] = []
    sums = [c for c in report.spec.checks if c.kind in ("row_sum", "column_sum")]
    for check in [*sums, *(c for c in sums if c.kind == "row_sum")]:
        data = report.tables[check.table]
        for row, col, parts in sum_targets(report, check):
            ref = f"{check.table}.{row}.{col}"
            if ref in report.manual_totals:
                continue
            value = None if all(p is None for p in parts) else sum(p or 0 for p in parts)
            if data[row].get(col) != value or (value is None) != (data[row].get(col) is None):
                data[row][col] = value
                changed.append(ref)
    return changed
