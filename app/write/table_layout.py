"""The official printed layout of a statutory table, computed from the edition data.

One grid model shared by the .docx and .xlsx exporters: merged boxes of text (corner, header
bands, block labels, row labels with their vertically merged ``path`` groups) and the value cells.
Three shapes cover every table: label columns plus banded headers (requests), blocks each with
a 第二十条第（X）项 row and a 信息内容 header row (active), and a single row under banded headers
(one-row tables such as appeals).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from app.editions import TableSpec, header_bands, printed_columns

Role = Literal["note", "header", "block", "group", "label"]


@dataclass(frozen=True)
class Box:
    """A merged area of text; rows and columns are 0-based and inclusive."""

    top: int
    left: int
    bottom: int
    right: int
    text: str
    role: Role


@dataclass(frozen=True)
class ValueCell:
    row: int
    col: int
    right: int          # last grid column of the (horizontally merged) value cell
    row_id: str
    col_id: str


@dataclass
class Layout:
    rows: int
    cols: int
    label_cols: int                 # leading columns that hold row labels
    header_rows: int                # leading rows repeated on each printed page
    boxes: list[Box] = field(default_factory=list)
    values: list[ValueCell] = field(default_factory=list)


def table_layout(table: TableSpec) -> Layout:
    if table.blocks:
        return _block_layout(table)
    return _banded_layout(table)


def _banded_layout(table: TableSpec) -> Layout:
    bands = header_bands(table)
    leaves = printed_columns(table)
    label_cols = 0 if table.one_row else max(len(r.path) for r in table.rows) + 1
    top = 1 if table.corner else 0
    head = top + max(b.level + b.depth for b in bands)
    body = 1 if table.one_row else len(table.rows)
    layout = Layout(head + body, label_cols + len(leaves), label_cols, head)
    if label_cols:
        layout.boxes.append(Box(0, 0, head - 1, label_cols - 1, table.note or "", "note"))
    if table.corner:
        layout.boxes.append(Box(0, label_cols, 0, layout.cols - 1, table.corner, "header"))
    for band in bands:
        row, col = top + band.level, label_cols + band.start
        layout.boxes.append(Box(row, col, row + band.depth - 1, col + band.span - 1, band.label, "header"))
    if table.one_row:
        layout.values = [ValueCell(head, i, i, r, c) for i, (r, c) in enumerate(leaves)]
        return layout
    _row_labels(layout, table, head, label_cols)
    for offset, row in enumerate(table.rows):
        for index, (_, col_id) in enumerate(leaves):
            if table.has_cell(row.id, col_id):
                col = label_cols + index
                layout.values.append(ValueCell(head + offset, col, col, row.id, col_id))
    return layout


def _row_labels(layout: Layout, table: TableSpec, head: int, label_cols: int) -> None:
    """Each path level is one label column, merged down over the rows that share it."""
    rows = table.rows
    for level in range(label_cols - 1):
        start = 0
        while start < len(rows):
            key = rows[start].path[: level + 1]
            if len(key) <= level:
                start += 1
                continue
            end = start
            while end + 1 < len(rows) and rows[end + 1].path[: level + 1] == key:
                end += 1
            layout.boxes.append(Box(head + start, level, head + end, level, key[level], "group"))
            start = end + 1
    for offset, row in enumerate(rows):
        layout.boxes.append(Box(head + offset, len(row.path), head + offset, label_cols - 1, row.label, "label"))


def _block_layout(table: TableSpec) -> Layout:
    width = max(len(b.columns) for b in table.blocks)
    count = sum(len(b.rows) + 1 + (1 if b.label else 0) for b in table.blocks)
    layout = Layout(count, 1 + width, 1, 0)
    index = 0
    for block in table.blocks:
        spans = block_spans(len(block.columns), width)
        if block.label:
            layout.boxes.append(Box(index, 0, index, width, block.label, "block"))
            index += 1
        layout.boxes.append(Box(index, 0, index, 0, table.corner or "", "header"))
        for col_id, (start, end) in zip(block.columns, spans):
            layout.boxes.append(Box(index, 1 + start, index, 1 + end, table.column(col_id).label, "header"))
        index += 1
        for row_id in block.rows:
            layout.boxes.append(Box(index, 0, index, 0, table.row(row_id).label, "label"))
            for col_id, (start, end) in zip(block.columns, spans):
                layout.values.append(ValueCell(index, 1 + start, 1 + end, row_id, col_id))
            index += 1
    return layout


def block_spans(count: int, width: int) -> list[tuple[int, int]]:
    """Share ``width`` grid columns among ``count`` printed columns (the last takes the rest)."""
    each = width // count
    spans = [(i * each, i * each + each - 1) for i in range(count)]
    spans[-1] = (spans[-1][0], width - 1)
    return spans


def keep_with_next_rows(layout: Layout) -> set[int]:
    """Rows that must stay on the page of the row below them: the header rows (never alone at the
    foot of a page) and, in a table of blocks, every row of a block but its last."""
    keep = set(range(layout.header_rows))
    starts = {b.top for b in layout.boxes if b.role == "block"}
    heads = {b.top for b in layout.boxes if b.role == "header" and b.left == 0 and b.top - 1 not in starts}
    if starts or heads:
        starts |= heads
        keep |= {row for row in range(layout.rows - 1) if row + 1 not in starts}
    return keep
