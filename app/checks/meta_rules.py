"""Report-level rule kinds: a plausible year, the right last-year report, counts no organ could reach.

The bounds are edition data (``year_min``, ``limits``); only "not after next year" comes from the clock.
"""
from __future__ import annotations

from app.checks.findings import Finding, Level, shown
from app.checks.rules import RULES, _level
from app.editions import CheckSpec
from app.report import Report


def check_year_plausible(report: Report, check: CheckSpec, last: Report | None) -> list[Finding]:
    import datetime  # noqa: PLC0415 - with the first check, not with the GUI's form (~2 ms)

    year, earliest = report.year, check.year_min or 1
    latest = datetime.date.today().year + 1
    if year is None or earliest <= year <= latest:
        return []
    message = f"报告年度“{year}”不是合理的年度（应在 {earliest} 年至 {latest} 年之间）"
    return [Finding(check.id, _level(check, Level.ERROR), None, earliest, year, message, field="year")]


def check_last_year_matches(report: Report, check: CheckSpec, last: Report | None) -> list[Finding]:
    if last is None or report.year is None or last.year is None or last.year == report.year - 1:
        return []
    if last.year == report.year:
        message = f"附加的上年报告也是 {report.year} 年度的报告，应附加 {report.year - 1} 年度的报告，跨年度检查无意义"
    else:
        message = f"附加的上年报告是 {last.year} 年度的报告，不是 {report.year - 1} 年度的报告"
    return [Finding(check.id, _level(check, Level.ERROR), None, report.year - 1, last.year, message, field="year")]


def check_count_limit(report: Report, check: CheckSpec, last: Report | None) -> list[Finding]:
    """Counts no organ could reach (an extra digit or two typed, a pasted phone number)."""
    limit = min((lim.max for lim in check.limits), default=None)
    if limit is None:
        return []
    findings = []
    for table in report.spec.all_tables():
        for row, col in table.cells():
            value = report.tables[table.id][row].get(col)
            if table.column(col).kind != "amount" and value is not None and abs(value) >= limit:
                message = f"{table.cell_label(row, col)}：{shown(value)} 明显不合理（应小于 {limit}），请核对"
                findings.append(Finding(check.id, _level(check, Level.ERROR), f"{table.id}.{row}.{col}",
                                        limit, value, message))
    return findings


RULES.update({
    "year_plausible": (check_year_plausible, Level.ERROR),
    "last_year_matches": (check_last_year_matches, Level.ERROR),
    "count_limit": (check_count_limit, Level.ERROR),
})
