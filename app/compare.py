"""Last year against this year: every statistic both reports have, and the main figures.

What reviewers ask about is a figure that jumps; ``ComparisonRow.jump`` marks those.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from app.report import Cell, Report

# A change is a jump when it is at least JUMP_MIN and at least JUMP_SHARE of last year's value.
JUMP_MIN = 5
JUMP_SHARE = Decimal("0.5")


def _change(last: Cell, this: Cell) -> Cell:
    if last is None or this is None:
        return None
    return this - last


def _is_jump(last: Cell, change: Cell) -> bool:
    if change is None:
        return False
    return abs(change) >= JUMP_MIN and abs(change) >= JUMP_SHARE * abs(last)


@dataclass(frozen=True)
class ComparisonRow:
    """One statistic (a cell both reports have), with its official labels."""

    table: str
    row: str
    column: str
    table_label: str   # 三、收到和处理政府信息公开申请情况
    row_label: str     # （七）总计
    column_label: str  # 自然人
    last: Cell
    this: Cell

    @cached_property
    def change(self) -> Cell:
        return _change(self.last, self.this)

    @cached_property
    def jump(self) -> bool:
        return _is_jump(self.last, self.change)

    @property
    def ref(self) -> str:
        return f"{self.table}.{self.row}.{self.column}"


@dataclass(frozen=True)
class MainFigure:
    key: str
    label: str
    last: int | None
    this: int | None

    @property
    def change(self) -> int | None:
        return _change(self.last, self.this)

    @property
    def jump(self) -> bool:
        return _is_jump(self.last, self.change)


# The figures reviewers look at first: key, label, cells summed (all ids are the same in every edition).
_WITHHELD = tuple(f"requests.withheld_{n}.total" for n in range(1, 9))
MAIN_FIGURES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("received", "收到申请", ("requests.new.total",)),
    ("granted", "予以公开", ("requests.granted.total",)),
    ("withheld", "不予公开", _WITHHELD),
    ("appeals", "复议和诉讼", ("appeals.review.total", "appeals.suit_direct.total", "appeals.suit_after_review.total")),
)


def compare(last: Report, this: Report) -> list[ComparisonRow]:
    """Every cell present in both reports (same table, row and column ids), in this year's order."""
    rows = []
    for table in this.spec.all_tables():
        last_data = last.tables.get(table.id, {})
        for row_id, col_id in table.cells():
            if col_id not in last_data.get(row_id, {}):
                continue
            rows.append(ComparisonRow(
                table=table.id, row=row_id, column=col_id, table_label=table.title,
                row_label=table.row(row_id).cite_label, column_label=table.column(col_id).label,
                last=last_data[row_id][col_id], this=this.get(table.id, row_id, col_id)))
    return rows


def figure_value(report: Report, refs: tuple[str, ...]) -> int | None:
    """Sum of the cells (a blank counts as 0); None when every one of them is blank."""
    values = [report.tables[t][r].get(c) for t, r, c in (ref.split(".") for ref in refs)]
    if all(v is None for v in values):
        return None
    return sum(v or 0 for v in values)


def main_figures(last: Report, this: Report) -> list[MainFigure]:
    """Applications received, granted, withheld (all reasons) and appeals (review and suits)."""
    return [MainFigure(key, label, figure_value(last, refs), figure_value(this, refs))
            for key, label, refs in MAIN_FIGURES]
