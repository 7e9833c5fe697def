"""Compile a county (or city) report from its units' reports: the statistics are cell-wise sums.

Only reports of one year and one edition are summed (anything else is refused with a clear message).
A cell stays blank only when it is blank in every input; amounts are summed exactly as Decimal.
Cells whose county figure is not the sum of the units' (the edition data marks their column
``summable: false``, e.g. 2021 现行有效件数) are left blank for the office to fill. The narrative
sections are left empty to write. The import notes list every input, every file left out and every
cell left for the office; the result is checked like any report, and its findings are the office's.
"""
from __future__ import annotations

import decimal
from pathlib import Path
from typing import Callable

from app.audit import AuditEntry, ReadJob, audit_findings, read_folder, relative_name, report_files
from app.errors import ImportFailed
from app.registry import ImportNote, Imported
from app.report import Cell, Report, new_report

_EXAMPLES = 5


def sum_folder(folder: Path, organ: str = "", year: int | None = None, *,
               exclude: Path | None = None, on_total: Callable[[int], None] | None = None,
               on_entry: Callable[[AuditEntry], None] | None = None,
               cancelled: Callable[[], bool] = lambda: False, workers: int | None = None) -> Imported:
    """The compiled report of every readable report in ``folder`` (of ``year`` when given);
    ``exclude`` is the file the result goes to, never an input even when it lies in ``folder``."""
    folder = Path(folder)
    files, others = report_files(folder)
    if exclude is not None:
        files = [p for p in files if p.resolve() != Path(exclude).resolve()]
    if on_total is not None:
        on_total(len(files))
    jobs = [ReadJob(p, folder, keep_report=True, check=False) for p in files]
    entries, complete = read_folder(folder, jobs, on_entry, cancelled, workers)
    if not complete:
        raise ImportFailed("汇总已取消")
    return compile_entries(entries, organ, year, [relative_name(p, folder) for p in others])


def compile_entries(entries: list[AuditEntry], organ: str = "", year: int | None = None,
                    skipped: list[str] = ()) -> Imported:
    """Sum the readable entries (each with its ``report``); the rest are named in the notes."""
    readable = [e for e in entries if e.error is None and e.report is not None]
    notes = [ImportNote("warning", f"未汇总（无法读取）：{e.file}：{e.error}", where=e.file) for e in entries if e.error]
    if skipped:
        notes.append(ImportNote("info", f"未汇总（不是报告文件）：{'、'.join(skipped)}"))
    if year is not None:
        other_years = [e for e in readable if e.year != year]
        readable = [e for e in readable if e.year == year]
        if other_years:
            notes.append(ImportNote("warning", f"未汇总（不是 {year} 年度的报告）：{_named(other_years, 'year')}"))
    _refuse_mixed(readable, year)
    report, compile_notes = sum_reports([(e.file, e.report) for e in readable], organ, readable[0].year)
    notes += [ImportNote("warning", f"{f.message}（均已计入汇总）") for f in audit_findings(readable)
              if f.rule == "audit.duplicate_organ"]
    return Imported(report, [*compile_notes, *notes])


def _named(entries: list[AuditEntry], attr: str) -> str:
    return "、".join(f"{e.file}（{getattr(e, attr) or '未填'}）" for e in entries)


def _refuse_mixed(readable: list[AuditEntry], year: int | None) -> None:
    if not readable:
        which = f"{year} 年度的" if year is not None else "可读取的"
        raise ImportFailed(f"文件夹中没有{which}报告，无法汇总")
    years = {e.year for e in readable}
    if len(years) > 1:
        raise ImportFailed(f"报告年度不一致，无法汇总：{_named(readable, 'year')}。"
                           "请只放同一年度的报告，或用 --year 指定年度")
    editions = {e.edition for e in readable}
    if len(editions) > 1:
        raise ImportFailed(f"报告的格式版本不一致，无法汇总：{_named(readable, 'edition')}。"
                           "请先把旧格式的报告转换为同一格式版本")


def sum_reports(reports: list[tuple[str, Report]], organ: str, year: int | None) -> tuple[Report, list[ImportNote]]:
    """(the cell-wise sum of ``reports`` — all of one edition —, notes on inputs and cells left out)."""
    spec = reports[0][1].spec
    total = new_report(spec.id, organ, year)
    not_summed: list[str] = []
    partly_blank: list[str] = []
    for table in spec.all_tables():
        for row, col in table.cells():
            if not table.column(col).summable:
                not_summed.append(table.cell_label(row, col))
                continue
            values = [r.get(table.id, row, col) for _name, r in reports]
            total.tables[table.id][row][col] = _sum(values)
            if None in values and any(v is not None for v in values):
                partly_blank.append(table.cell_label(row, col))
    notes = [ImportNote("info", f"由 {len(reports)} 份报告的统计表逐项相加汇总：{_inputs(reports)}")]
    notes += _invalid_notes(reports)
    if partly_blank:
        notes.append(ImportNote("warning", f"有 {len(partly_blank)} 个单元格在部分报告中为空白，已按 0 相加，例如："
                                           f"{'、'.join(partly_blank[:_EXAMPLES])}"))
    if not_summed:
        notes.append(ImportNote("warning", "以下单元格不是各单位数字之和，已留空，请填写本级的数字："
                                           + "、".join(not_summed)))
    notes.append(ImportNote("info", "正文各部分（总体情况、存在的主要问题及改进情况等）为空，请撰写"))
    if not organ:
        notes.append(ImportNote("warning", "未指定发布机关，请填写", where="发布机关"))
    return total, notes


def _sum(values: list[Cell]) -> Cell:
    if all(v is None for v in values):
        return None
    with decimal.localcontext() as context:
        context.prec = 200            # amounts have at most 40 characters: every sum is exact
        return sum((v for v in values if v is not None), start=_zero(values))


def _zero(values: list[Cell]) -> Cell:
    """0 of the values' kind (Decimal for amounts, so the sum keeps every decimal place)."""
    return decimal.Decimal(0) if any(isinstance(v, decimal.Decimal) for v in values) else 0


def _inputs(reports: list[tuple[str, Report]]) -> str:
    return "、".join(f"{name}（{report.organ or '未填写发布机关'}）" for name, report in reports)


def _invalid_notes(reports: list[tuple[str, Report]]) -> list[ImportNote]:
    notes = []
    for name, report in reports:
        for ref, raw in report.invalid.items():
            table, row, col = ref.split(".")
            label = report.spec.table(table).cell_label(row, col)
            notes.append(ImportNote("warning", f"{label}：“{raw}”不是数字，按空白汇总，请核对原报告", where=name))
    return notes
