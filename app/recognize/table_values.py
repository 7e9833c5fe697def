"""Turning the collected raw rows into cell values, splitting run-together digits, with notes.

Digit splitting (digit_split.py, evidence.py) is imported when a table has a row whose digits ran together:
most reports have none, and a process's first import does not pay for loading it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from app.editions import Edition, TableSpec
from app.recognize.cell_values import read_cell
from app.registry import ImportNote
from app.recognize.table_rows import RawRow
from app.invisible_chars import has_format_chars
from app.report import format_cell

if TYPE_CHECKING:
    from app.recognize.digit_split import Pending

_SHOWN = 3


def build_tables(edition: Edition, rows: dict[tuple[str, str], RawRow],
                 notes: list[ImportNote], narrative: str = "") -> tuple[dict, dict[str, str]]:
    """Table data for a Report (every cell present, None when not read) and the unreadable cells.

    ``narrative``: the report's text, whose stated figures may settle run-together digits.
    """
    tables = {t.id: {r.id: {c: None for c in t.row_columns(r.id)} for r in t.rows} for t in edition.all_tables()}
    invalid: dict[str, str] = {}
    for table in edition.all_tables():
        mine = [raw for raw in rows.values() if raw.table == table.id]
        if not mine:
            notes.append(ImportNote("warning", f"没有找到表格“{table.title}”的数据，该表留空"))
            continue
        _fill_table(edition, table, mine, tables[table.id], invalid, notes, narrative)
        _note_missing_rows(table, {row for raw in mine for row, _ in raw.cells}, notes)
    return tables, invalid


def _fill_table(edition: Edition, table: TableSpec, mine: list[RawRow], data: dict,
                invalid: dict[str, str], notes: list[ImportNote], narrative: str) -> None:
    known: dict = {}
    empty: list[str] = []
    markers: list[str] = []
    run_together: list[RawRow] = []
    for raw in mine:
        if raw.run_together:
            run_together.append(raw)
            continue
        for (row, col), text in zip(raw.cells, raw.values):
            read = read_cell(table.column(col), text)
            if read.status == "value":
                data[row][col] = known[(row, col)] = read.value
                if has_format_chars(text):
                    notes.append(ImportNote("info", f"{table.cell_label(row, col)}：数字中夹有不可见的格式字符，"
                                                    f"已删除，读作 {read.value}", raw.where or None))
            elif read.status == "invalid":
                invalid[f"{table.id}.{row}.{col}"] = text.strip()
                notes.append(ImportNote("warning", f"{table.cell_label(row, col)}：“{text.strip()}”不是数字，已留空",
                                        raw.where or None))
            else:
                known[(row, col)] = None
                (empty if read.status == "empty" else markers).append(table.cell_label(row, col))
    if run_together:
        _split(edition, table, run_together, known, data, notes, narrative)
    _note_blanks(table, empty, markers, notes)


def _split(edition: Edition, table: TableSpec, run_together: list[RawRow], known: dict, data: dict,
           notes: list[ImportNote], narrative: str) -> None:
    """The rows whose digits ran together, split by the table's arithmetic (``known``: the cells read)."""
    from app.recognize.digit_split import Pending, candidates, resolve  # noqa: PLC0415 - only for such rows

    checks = [c for c in edition.checks if c.table == table.id]
    pendings: list[tuple[Pending, RawRow]] = []
    for raw in run_together:
        pending = Pending(raw.label, raw.cells)
        candidates(pending, raw.values, table, checks)
        pendings.append((pending, raw))
    resolve([p for p, _ in pendings], known, table, checks)
    one_digit_cells: list[str] = []
    for pending, raw in pendings:
        if len("".join(raw.values)) == len(raw.cells) and len(pending.candidates) == 1:
            _set(pending.candidates[0], data)            # as many digits as cells: one digit a cell
            one_digit_cells.append(raw.label)
        else:
            _apply_split(pending, raw, data, notes, table, narrative)
    if one_digit_cells:
        shown = "、".join(f"“{label}”" for label in one_digit_cells[:_SHOWN])
        notes.append(ImportNote("info", f"表格“{table.title}”中有 {len(one_digit_cells)} 行的数字连在一起，位数与格数相同，"
                                        f"已按一位一格读取：{shown}{'等' if len(one_digit_cells) > _SHOWN else ''}"))


def _set(values: dict, data: dict) -> None:
    for (row, col), value in values.items():
        data[row][col] = value


def _apply_split(pending: Pending, raw: RawRow, data: dict, notes: list[ImportNote], table: TableSpec,
                 narrative: str) -> None:
    from app.recognize.evidence import settle, stated_figures  # noqa: PLC0415 - only for run-together digits

    digits = " ".join(raw.values)
    head = f"“{raw.label}”一行的数字连在一起（{digits}）"
    where = raw.where or None
    if len(pending.candidates) > 1 and len({r for r, _ in raw.cells}) == 1:
        chosen, used = settle(pending.candidates, stated_figures(narrative, table, raw.cells[0][0]))
        if chosen is not None:
            for (row, col), value in chosen.items():
                data[row][col] = value
            shown = "、".join(format_cell(chosen[cell]) for cell in raw.cells)
            figures = "、".join(map(str, used))
            notes.append(ImportNote("info", f"{head}，有 {len(pending.candidates)} 种拆分都符合表内勾稽关系；"
                                            f"正文写明了 {figures}，已按正文拆分为：{shown}，请核对", where))
            return
    if pending.overflow:
        notes.append(ImportNote("warning", f"{head}，位数过多，可能的拆分超出搜索上限，无法可靠拆分，该行未导入，请手工填写", where))
    elif not pending.candidates:
        notes.append(ImportNote("warning", f"{head}，无法拆分成符合表内勾稽关系的 {len(raw.cells)} 个数，"
                                           "该行未导入，请手工填写", where))
    elif len(pending.candidates) > 1:
        notes.append(ImportNote("warning", f"{head}，有 {len(pending.candidates)} 种拆分都符合表内勾稽关系，"
                                           "无法确定，该行未导入，请手工填写", where))
    else:
        values = pending.candidates[0]
        for (row, col), value in values.items():
            data[row][col] = value
        shown = "、".join(format_cell(values[cell]) for cell in raw.cells)
        notes.append(ImportNote("info", f"{head}，已按表内勾稽关系唯一地拆分为：{shown}", where))


def _note_blanks(table: TableSpec, empty: list[str], markers: list[str], notes: list[ImportNote]) -> None:
    for cells, what in ((empty, "为空白"), (markers, "填写为“/”“-”或“无”")):
        if cells:
            shown = "、".join(cells[:_SHOWN]) + ("等" if len(cells) > _SHOWN else "")
            notes.append(ImportNote("info", f"表格“{table.title}”中有 {len(cells)} 个单元格{what}，"
                                            f"已按未填写导入：{shown}"))


def _note_missing_rows(table: TableSpec, seen: set[str], notes: list[ImportNote]) -> None:
    missing = [r.cite_label for r in table.rows if r.id not in seen]
    if missing:
        shown = "、".join(missing[:_SHOWN]) + ("等" if len(missing) > _SHOWN else "")
        notes.append(ImportNote("warning", f"表格“{table.title}”中没有找到 {len(missing)} 行，已留空：{shown}"))
