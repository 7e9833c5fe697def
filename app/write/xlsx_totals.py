"""Live formulas of an exported table sheet: every total, and the balance check row.

Every total cell is a ``=SUM(...)`` of its parts, derived from the edition's row_sum / column_sum
checks, whatever the report says. Where the report's written total is blank or differs from the
sum of its parts, the cell is marked and a comment keeps what was written together with the sum
at export (``报告原填：99；导出时各项之和：100``): reading the workbook back restores the written
value as long as the parts are unchanged, so the round trip stays lossless; once a part has been
edited in Excel, the formula's result is what counts.

The balance check (the edition's ``balance`` checks, e.g. 一+二 = 三(七)+四 for each applicant
column) is a row of ``=IF(...,"通过","不一致")`` formulas below the table.
"""
from __future__ import annotations

import re

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from app.editions import Edition, TableSpec
from app.report import Report, format_cell
from app.write.table_layout import Layout, ValueCell

TITLE_ROWS = 1                     # the table title above each table's grid
WRITTEN = "报告原填："
EXPORT_SUM = "导出时各项之和："
BLANK = "空白"
PASS, FAIL = "通过", "不一致"
WRITTEN_FILL = PatternFill("solid", fgColor="FFF2CC")
_ENUMERATOR = re.compile(r"^([（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+)[、.]?")
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def coordinate(value: ValueCell) -> str:
    return f"{get_column_letter(value.col + 1)}{value.row + TITLE_ROWS + 1}"


def total_formulas(edition: Edition, table: TableSpec, layout: Layout) -> dict:
    """(row, column) of each total cell → (formula, parts), from the edition's sum checks."""
    where = {(v.row_id, v.col_id): v for v in layout.values}
    formulas: dict[tuple[str, str], tuple[str, list[tuple[str, str]]]] = {}
    for check in edition.checks:
        if check.table != table.id or check.kind not in ("row_sum", "column_sum"):
            continue
        if check.kind == "row_sum":
            targets = [((r.id, check.total), [(r.id, p) for p in check.parts]) for r in table.rows]
        else:
            targets = [((check.total, c.id), [(p, c.id) for p in check.parts]) for c in table.columns]
        for target, parts in targets:
            parts = [p for p in parts if p in where]
            if target in where and parts and target not in formulas:
                formulas[target] = (f"=SUM({_ranges([where[p] for p in parts])})", parts)
    return formulas


def parts_sum(report: Report, table: TableSpec, parts: list[tuple[str, str]], formulas: dict) -> int:
    """What the formula over ``parts`` computes: parts that are totals count as their own sums."""
    total = 0
    for row, col in parts:
        inner = formulas.get((row, col))
        total += parts_sum(report, table, inner[1], formulas) if inner else (report.get(table.id, row, col) or 0)
    return total


def note_written_total(cell, written, computed: int) -> None:
    """Mark a total whose written value differs from its formula and keep the value in a comment."""
    text = BLANK if written is None else format_cell(written)
    cell.comment = Comment(f"{WRITTEN}{text}；{EXPORT_SUM}{computed}\n"
                           f"（报告中此合计{'空白' if written is None else '与各项之和不一致'}，"
                           f"表中按公式计算；请核对后修改）", "政务公开年报助手", width=260, height=90)
    cell.fill = WRITTEN_FILL


def parse_written_total(comment: str) -> tuple[str, int] | None:
    """(written text, sum at export) from a comment ``note_written_total`` wrote, else None."""
    match = re.match(rf"{WRITTEN}([^；\n]*)；{EXPORT_SUM}(-?\d+)", comment or "")
    return (match.group(1), int(match.group(2))) if match else None


def _ranges(cells: list[ValueCell]) -> str:
    """Cell references with contiguous runs (same row or same column) joined as ranges."""
    runs: list[list[ValueCell]] = []
    for cell in cells:
        last = runs[-1][-1] if runs else None
        if last and ((cell.row == last.row and cell.col == last.right + 1)
                     or (cell.col == last.col and cell.row == last.row + 1)):
            runs[-1].append(cell)
        else:
            runs.append([cell])
    refs = [coordinate(run[0]) if len(run) == 1 else f"{coordinate(run[0])}:{coordinate(run[-1])}" for run in runs]
    return ",".join(refs)


# ---------------------------------------------------------------- balance check row

def balance_rows(sheet, edition: Edition, table: TableSpec, layout: Layout, font: Font) -> int:
    """One row per balance check below the table: per column 通过/不一致 as formulas. Returns the
    number of rows added."""
    where = {(v.row_id, v.col_id): v for v in layout.values}
    checks = [c for c in edition.checks if c.table == table.id and c.kind == "balance"]
    for offset, check in enumerate(checks):
        row = layout.rows + TITLE_ROWS + 2 + offset
        label = sheet.cell(row, 1)
        label.value = f"勾稽检查：{_side(table, check.left)} = {_side(table, check.right)}"
        if layout.label_cols > 1:
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=layout.label_cols)
        label.font, label.alignment = font, Alignment(horizontal="left", vertical="center", wrap_text=True)
        for index in range(layout.label_cols, layout.cols):
            col_id = next((v.col_id for v in layout.values if v.col == index), None)
            left = [where[(r, col_id)] for r in check.left if (r, col_id) in where]
            right = [where[(r, col_id)] for r in check.right if (r, col_id) in where]
            if not left or not right:
                continue
            cell = sheet.cell(row, index + 1)
            cell.value = f'=IF(SUM({_refs(left)})=SUM({_refs(right)}),"{PASS}","{FAIL}")'
            cell.font, cell.border = font, _BORDER
            cell.alignment = Alignment(horizontal="center", vertical="center")
        sheet.row_dimensions[row].height = 30
    return len(checks)


def _refs(cells: list[ValueCell]) -> str:
    return ",".join(coordinate(c) for c in cells)


def _side(table: TableSpec, rows: list[str]) -> str:
    """一+二, 三（七）+四: each row by its enumerators along its path."""
    return "+".join(_short(table, row_id) for row_id in rows)


def _short(table: TableSpec, row_id: str) -> str:
    row = table.row(row_id)
    marks = [m.group(1) for m in (_ENUMERATOR.match(text) for text in (*row.path, row.label)) if m]
    return "".join(marks) or row.label
