"""Table rule kinds: pure functions ``(report, check, last) -> list[Finding]``.

Each kind is generic; the edition data says which rows and columns it applies to.
"""
from __future__ import annotations

import re
from typing import Callable

from app.cell_input import decimal_places
from app.checks.findings import Finding, Level, shown
from app.editions import CheckSpec
from app.report import Report

Rule = Callable[[Report, CheckSpec, "Report | None"], list[Finding]]
# Rule kind -> (function, default level); each rule module registers its kinds in a table at its end
# (plain functions: mutation testing, `make mutate`, skips decorated functions).
RULES: dict[str, tuple[Rule, Level]] = {}


def _level(check: CheckSpec, default: Level) -> Level:
    return Level(check.level) if check.level else default


def _arith(check: CheckSpec, table, row: str, col: str, expected, found, why: str, default: Level) -> Finding:
    message = f"{table.cell_label(row, col)}：应为 {shown(expected)}（{why}），实为 {shown(found)}"
    return Finding(check.id, _level(check, default), f"{table.id}.{row}.{col}", expected, found, message)


def sum_targets(report: Report, check: CheckSpec) -> list[tuple[str, str, list]]:
    """(row, column, part values) of every total cell a row_sum or column_sum check governs."""
    table = report.spec.table(check.table)
    data = report.tables[check.table]
    if check.kind == "row_sum":
        return [(r.id, check.total, [data[r.id].get(p) for p in check.parts]) for r in table.rows]
    return [(check.total, c.id, [data[p].get(c.id) for p in check.parts]) for c in table.columns]


def check_sum(report: Report, check: CheckSpec, last: Report | None) -> list[Finding]:
    """A total cell equals the sum of its parts (a blank counts as 0)."""
    table = report.spec.table(check.table)
    data = report.tables[check.table]
    findings = []
    for row, col, parts in sum_targets(report, check):
        expected = sum(p or 0 for p in parts)
        found = data[row].get(col)
        if (found or 0) != expected:
            findings.append(_arith(check, table, row, col, expected, found, check.reason, Level.ERROR))
    return findings


def check_balance(report: Report, check: CheckSpec, last: Report | None) -> list[Finding]:
    table = report.spec.table(check.table)
    data = report.tables[check.table]
    findings = []
    for col in table.columns:
        expected = sum((data[r].get(col.id) or 0) for r in check.left)
        found = sum((data[r].get(col.id) or 0) for r in check.right)
        if found != expected:
            right = "与".join(table.row(r).cite_label for r in check.right)
            message = (f"{table.cell_label(check.at, col.id)}：{right}之和应为 {expected}"
                       f"（{check.reason}），实为 {found}")
            findings.append(Finding(check.id, _level(check, Level.ERROR), f"{table.id}.{check.at}.{col.id}",
                                    expected, found, message))
    return findings


def check_cross_year(report: Report, check: CheckSpec, last: Report | None) -> list[Finding]:
    if last is None:
        return []
    table = report.spec.table(check.table)
    findings = []
    for row in check.rows:
        for col in check.columns or table.row_columns(row):
            expected = _terms_value(report, last, check, row, col)
            if expected is None:
                continue
            found = report.get(check.table, row, col)
            if (found or 0) != expected:
                findings.append(_arith(check, table, row, col, expected, found, check.reason, Level.WARNING))
    return findings


def _terms_value(report: Report, last: Report, check: CheckSpec, row: str, col: str):
    total = 0
    for term in check.terms:
        source = last if term.year == "last" else report
        cells = source.tables.get(check.table, {}).get(term.row or row)
        if cells is None or (term.column or col) not in cells:
            return None  # last year's edition has no such cell: nothing to compare
        total += term.sign * (cells[term.column or col] or 0)
    return total


def check_magnitude(report: Report, check: CheckSpec, last: Report | None) -> list[Finding]:
    limit = next((lim.max for lim in check.limits if lim.organ is None or re.search(lim.organ, report.organ)), None)
    if limit is None:
        return []
    findings = []
    for table in report.spec.all_tables():
        for row, col in table.cells():
            if col not in check.columns:
                continue
            value = report.tables[table.id][row].get(col)
            if value is not None and value >= limit:
                unit = table.column(col).unit or ""
                message = (f"{table.cell_label(row, col)}：{shown(value)} {unit}明显过大（应小于 {limit} {unit}），"
                           f"可能是按“元”填写的，请换算为{unit}")
                findings.append(Finding(check.id, _level(check, Level.WARNING), f"{table.id}.{row}.{col}",
                                        limit, value, message))
    return findings


def check_decimals(report: Report, check: CheckSpec, last: Report | None) -> list[Finding]:
    """Amounts written with more decimals than the format's places: kept as written, but worth a look."""
    findings = []
    for table in report.spec.all_tables():
        for row, col in table.cells():
            value = report.tables[table.id][row].get(col) if col in check.columns else None
            if value is not None and decimal_places(value) > check.places:
                message = (f"{table.cell_label(row, col)}：{shown(value)} 有 {decimal_places(value)} 位小数，"
                           f"格式要求最多 {check.places} 位；数字已按填写保留，请核对")
                findings.append(Finding(check.id, _level(check, Level.WARNING), f"{table.id}.{row}.{col}",
                                        check.places, value, message))
    return findings


def check_value_blank(report: Report, check: CheckSpec, last: Report | None) -> list[Finding]:
    findings = []
    not_applicable = report.spec.not_applicable_cells(report.organ)   # blank is right there
    for table in report.spec.all_tables():
        data = report.tables[table.id]
        for row, col in table.cells():
            ref = f"{table.id}.{row}.{col}"
            if data[row].get(col) is None and ref not in report.invalid and ref not in not_applicable:
                message = f"{table.cell_label(row, col)}：空白，应填写数字（没有请填 0）"
                findings.append(Finding(check.id, _level(check, Level.WARNING), ref, 0, None, message))
    return findings


def check_value_invalid(report: Report, check: CheckSpec, last: Report | None) -> list[Finding]:
    findings = []
    for ref, raw in report.invalid.items():
        table_id, row, col = ref.split(".")
        table = report.spec.table(table_id)
        kind = {"count": "不小于 0 的整数", "signed": "整数", "amount": "金额"}[table.column(col).kind]
        message = f"{table.cell_label(row, col)}：“{raw}”不是{kind}"
        findings.append(Finding(check.id, _level(check, Level.ERROR), ref, None, raw, message))
    return findings


def check_meta_missing(report: Report, check: CheckSpec, last: Report | None) -> list[Finding]:
    findings = []
    if not report.organ.strip():
        findings.append(Finding(check.id, _level(check, Level.ERROR), None, None, None,
                                "发布机关未填写", field="organ"))
    if report.year is None:
        findings.append(Finding(check.id, _level(check, Level.ERROR), None, None, None,
                                "报告年度未填写", field="year"))
    return findings


def check_tables_empty(report: Report, check: CheckSpec, last: Report | None) -> list[Finding]:
    """Every statistics table without a single value (images on a web page, or never filled)."""
    tables = list(report.spec.all_tables())
    if any(v is not None for t in tables for row in report.tables[t.id].values() for v in row.values()):
        return []
    names = "、".join(t.title for t in tables)
    message = f"统计数据缺失：{names}均没有任何数值（原文的表格可能是图片，或尚未填写），请补填三张统计表"
    return [Finding(check.id, _level(check, Level.ERROR), None, None, None, message)]


RULES.update({
    "row_sum": (check_sum, Level.ERROR),
    "column_sum": (check_sum, Level.ERROR),
    "balance": (check_balance, Level.ERROR),
    "cross_year": (check_cross_year, Level.WARNING),
    "magnitude": (check_magnitude, Level.WARNING),
    "value_blank": (check_value_blank, Level.WARNING),
    "value_invalid": (check_value_invalid, Level.ERROR),
    "meta_missing": (check_meta_missing, Level.ERROR),
    "decimals": (check_decimals, Level.WARNING),
    "tables_empty": (check_tables_empty, Level.ERROR),
})
