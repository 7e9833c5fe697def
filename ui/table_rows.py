"""The rows a table editor shows, computed from the table's spec (pure, no Qt).

Banded tables (三, 四) show heading rows for row-path prefixes above their data rows. Tables made of
blocks (二: 第二十条第（一）项 …) show each block as the official form prints it: the block's label
row, its own header row (信息内容 and that block's column labels), then its rows, with the block's
columns side by side from the left.
"""
from __future__ import annotations

from typing import NamedTuple

from app.editions import TableSpec


class DisplayRow(NamedTuple):
    """A model row: a data row (``row`` set), a heading (block label or row-path prefix), or a block's
    header row (``row`` None, ``columns`` set). In a block layout ``columns`` are the block's columns."""

    row: str | None
    label: str
    depth: int
    columns: tuple[str, ...] = ()

    @property
    def is_column_header(self) -> bool:
        return self.row is None and bool(self.columns)


def uses_blocks(spec: TableSpec) -> bool:
    """Blocks with columns of their own are laid out one after another, each with its header row."""
    return bool(spec.blocks) and not spec.one_row


def display_rows(spec: TableSpec) -> list[DisplayRow]:
    """Rows in statutory order with heading rows (and, for blocks, their header rows)."""
    if spec.one_row:
        return [DisplayRow(None, spec.corner or "", 0)]
    if uses_blocks(spec):
        return _block_rows(spec)
    out: list[DisplayRow] = []
    last_path: tuple[str, ...] = ()
    for row in spec.rows:
        common = _common_prefix(last_path, row.path)
        for level in range(common, len(row.path)):
            out.append(DisplayRow(None, row.path[level], level))
        out.append(DisplayRow(row.id, row.label, len(row.path)))
        last_path = row.path
    return out


def _block_rows(spec: TableSpec) -> list[DisplayRow]:
    out: list[DisplayRow] = []
    for block in spec.blocks:
        if block.label:
            out.append(DisplayRow(None, block.label, 0))
        out.append(DisplayRow(None, spec.corner or "", 0, tuple(block.columns)))
        out += [DisplayRow(row_id, spec.row(row_id).label, 1, tuple(block.columns)) for row_id in block.rows]
    return out


def block_width(spec: TableSpec) -> int:
    """Columns of a block layout: as many as the widest block has."""
    return max(len(block.columns) for block in spec.blocks)


def _common_prefix(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n
