"""Grids of Word tables: cell text, the fast path for simple tables, joining the pieces of one table.

A simple table (no nested tables, text boxes, hidden or deleted text, legacy merges) — nearly every
statistics table — is read in one pass over its elements; the rest go the careful way in docx_reader.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from app.read.stream import Block, Grid

SPACES = " \t\n\r\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff"
MAX_WIDTH = 256            # Word allows 63 columns; a wider grid is hostile
MAX_CELLS = 2_000_000      # expanded cells in the whole document (bounded memory)
_NUMBER = re.compile(r"[+\-－]?[0-9０-９]+(?:[.．][0-9０-９]+)?")
_WS = re.compile(f"[{SPACES}]+")
_BLANK_MARKS = frozenset({"/", "／", "-", "－", "—", "——", "无"})


class TooLarge(Exception):
    """The expanded tables would exceed the cell budget."""


@dataclass
class Rows:
    rows: list[list[str]]
    where: list[str]


def normalize_cell(text: str) -> str:
    """Cell text as the recognizer wants it: no line breaks or outer spaces; numbers compacted."""
    text = text.replace("\n", "").replace("\t", " ").strip(SPACES)
    if not _WS.search(text):
        return text
    compact = _WS.sub("", text)
    if compact != text and _NUMBER.fullmatch(compact):
        return compact
    return text


def bounded_int(text: str | None, default: int) -> int:
    try:
        return max(0, min(int(text), 1000)) if text is not None else default
    except ValueError:
        return default


def place(row: list[str], text: str, span: int) -> None:
    """Put a cell's text in every grid column it spans (a value only once: it is one value)."""
    span = min(span, MAX_WIDTH - len(row))
    if span > 1 and (_NUMBER.fullmatch(text) or text in _BLANK_MARKS):
        row.extend([text] + [""] * (span - 1))
    elif span > 0:
        row.extend([text] * span)


class SimpleTable:
    """One pass over a simple table's elements in document order, building the expanded grid."""

    def __init__(self, reader, label: str) -> None:
        self.reader, self.tags, self.label = reader, reader.tags, label
        self.rows: list[list[str]] = []
        self.where: list[str] = []
        self.above: list[str] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.para: list[str] = []
        self.p: etree._Element | None = None
        self.numbered = False
        self.span, self.vmerge, self.number = 1, None, 0

    def read(self, tbl: etree._Element) -> Rows:
        tags = self.tags
        t_tag, p_tag, tc_tag, tr_tag = tags.t, tags.p, tags.tc, tags.tr
        for node in tbl.iterdescendants(*tags.simple):
            tag = node.tag
            if tag == t_tag:
                self.para.append(node.text or "")
            elif tag == p_tag:
                self._end_paragraph()
                self.p = node
            elif tag == tc_tag:
                self._end_cell()
                self.cell = []
            elif tag == tr_tag:
                self._end_cell()
                self._end_row()
                self.row, self.number = [], self.number + 1
            else:
                self._other(node, tag)
        self._end_cell()
        self._end_row()
        return Rows(self.rows, self.where)

    def _other(self, node: etree._Element, tag: str) -> None:
        tags = self.tags
        if tag == tags.gridSpan:
            self.span = max(bounded_int(node.get(tags.val), 1), 1)
        elif tag == tags.vMerge:
            self.vmerge = "restart" if node.get(tags.val) == "restart" else "continue"
        elif tag in (tags.numPr, tags.pStyle):
            self.numbered = True
        elif tag in (tags.tab, tags.ptab):
            self.para.append("\t")
        elif tag in (tags.br, tags.cr):
            self.para.append("\n")
        else:
            self.reader.seen.add("revision")

    def _end_paragraph(self) -> None:
        if self.p is None:
            return
        text = "".join(self.para)
        label = self.reader.numbering.label(self.p) if self.numbered else ""
        if label and text.strip(SPACES):
            text = label + text.lstrip(SPACES)
        self.reader.remember(self.p, text)
        if self.cell is not None:
            self.cell.append(text)
        self.para, self.p, self.numbered = [], None, False

    def _end_cell(self) -> None:
        self._end_paragraph()
        if self.cell is None:
            return
        if self.row is None:
            self.row, self.number = [], self.number + 1
        column = len(self.row)
        if self.vmerge == "continue":
            text = self.above[column] if column < len(self.above) else ""
        else:
            text = normalize_cell("".join(self.cell))
        place(self.row, text, self.span)
        self.cell, self.span, self.vmerge = None, 1, None

    def _end_row(self) -> None:
        if self.row is None:
            return
        self.reader.count_cells(len(self.row))
        self.rows.append(self.row)
        self.where.append(f"{self.label}第 {self.number} 行")
        self.above, self.row = self.row, None


def _header_repeat(first: Grid, second: Grid) -> int:
    """How many leading rows of ``second`` repeat ``first``'s leading rows (a repeated header)."""
    count = 0
    while count < min(len(first.rows), len(second.rows) - 1) and first.rows[count] == second.rows[count]:
        count += 1
    return count


def join_continued(blocks: list[Block]) -> list[Block]:
    """Join a table continued in the next Word table whose header rows are repeated (linear in the
    number of rows, however many pieces: each piece is added to the joined table in place)."""
    def continued(last: Grid, block: Grid) -> int | None:
        if not (block.rows and last.rows and len(block.rows[0]) == len(last.rows[0])):
            return None
        return _header_repeat(last, block) or None
    return _join_runs(blocks, continued)


def _join_runs(blocks: list[Block], rows_to_skip) -> list[Block]:
    """Consecutive grids joined into one where ``rows_to_skip(last, block)`` is not None (the number of
    the block's leading rows that repeat the header); everything else passes through."""
    out: list[Block] = []
    joined: _Joined | None = None          # the joined table at the end of ``out``, still growing
    for block in blocks:
        last = out[-1] if out else None
        skip = rows_to_skip(last, block) if isinstance(block, Grid) and isinstance(last, Grid) else None
        if skip is not None:
            if joined is None or joined.grid is not last:
                joined = _Joined(last)
                out[-1] = joined.grid
            joined.add(block, skip)
            continue
        if joined is not None:
            joined.finish()
            joined = None
        out.append(block)
    if joined is not None:
        joined.finish()
    return out


class _Joined:
    """A table being joined from pieces: rows padded to one width, row places and piece places kept."""

    def __init__(self, first: Grid) -> None:
        self.width = len(first.rows[0]) if first.rows else 0
        self.grid = Grid(rows=self._pad(first.rows), where=first.where, row_where=list(first.row_where))
        self.places = [first.where]
        self.has_row_where = bool(first.row_where)

    def _pad(self, rows: list[list[str]]) -> list[list[str]]:
        return [r + [""] * (self.width - len(r)) if len(r) < self.width else r for r in rows]

    def add(self, piece: Grid, skip: int) -> None:
        width = len(piece.rows[0]) if piece.rows else 0
        if width > self.width:
            self.width = width
            self.grid.rows[:] = self._pad(self.grid.rows)
        self.grid.rows.extend(self._pad(piece.rows[skip:]))
        if piece.where != self.places[-1]:
            self.places.append(piece.where)
        self.has_row_where = self.has_row_where and bool(piece.row_where)
        if self.has_row_where:
            self.grid.row_where.extend(piece.row_where[skip:])

    def finish(self) -> None:
        self.grid.where = "、".join(self.places)
        if not self.has_row_where:
            self.grid.row_where = []


def join_adjacent(blocks: list[Block]) -> list[Block]:
    """Inside a layout table, consecutive nested tables are one table split into pieces."""
    return _join_runs(blocks, _header_repeat)