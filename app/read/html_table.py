"""An HTML <table> as a full grid of cell strings: rowspan and colspan expanded, bounded in size.

The grid follows the conventions of the .docx reader (docx_reader.py): a merged cell's text is
repeated in every position it covers, except a value (a number or a blank mark) merged across
columns, which is given once in its leftmost position; empty rows and columns are dropped.
"""
from __future__ import annotations

from lxml import etree

from app.read.docx_grid import MAX_WIDTH, Rows, normalize_cell, place
from app.recognize.cell_values import looks_like_value

MAX_SPAN = 1000              # the HTML standard's own limit for colspan; rowspan is cut at the table's end
_SECTIONS = ("thead", "tbody", "tfoot")


class TableTooLarge(Exception):
    """The expanded tables would exceed the cell budget."""


def table_rows(table: etree._Element) -> list[etree._Element]:
    """The rows of this table (not of tables nested in its cells), in document order."""
    rows = []
    for child in table:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "tr":
            rows.append(child)
        elif tag in _SECTIONS:
            rows.extend(c for c in child if c.tag == "tr")
    return rows


def row_cells(tr: etree._Element) -> list[etree._Element]:
    return [c for c in tr if c.tag in ("td", "th")]


def span(cell: etree._Element, name: str) -> int:
    text = (cell.get(name) or "").strip()
    digits = ""
    for ch in text:                      # browsers read the leading digits ("2px" → 2)
        if not ch.isdigit():
            break
        digits += ch
    if not digits:
        return 1
    return max(1, min(int(digits[:6]), MAX_SPAN))


class GridBuilder:
    """Expands tables into grids while counting cells against one budget for the whole page."""

    def __init__(self, max_cells: int, cell_text) -> None:
        self.max_cells = max_cells
        self.cells = 0
        self.cell_text = cell_text          # (td element) -> str

    def expand(self, table: etree._Element, label: str) -> Rows:
        trs = table_rows(table)
        rows: list[list[str]] = []
        where: list[str] = []
        pending: dict[int, tuple[str, int]] = {}     # column -> (text, rows still covered below)
        for number, tr in enumerate(trs, start=1):
            row = self._row(tr, pending, len(trs) - number)
            rows.append(row)
            where.append(f"{label}第 {number} 行")
        return Rows(rows, where)

    def _row(self, tr: etree._Element, pending: dict[int, tuple[str, int]], rows_left: int) -> list[str]:
        row: list[str] = []
        for cell in row_cells(tr):
            self._fill_pending(row, pending)
            text = normalize_cell(self.cell_text(cell))
            width = min(span(cell, "colspan"), MAX_WIDTH - len(row))
            down = min(span(cell, "rowspan") - 1, rows_left)
            start = len(row)
            place(row, text, width)
            if down > 0:
                for column in range(start, len(row)):
                    pending[column] = (row[column], down)
            self._count(width * (1 + down))
        self._fill_pending(row, pending, to_end=True)
        return row

    def _fill_pending(self, row: list[str], pending: dict[int, tuple[str, int]], to_end: bool = False) -> None:
        """Put the cells merged down from rows above into ``row`` where they stand."""
        while len(row) in pending or (to_end and pending and len(row) <= max(pending)):
            column = len(row)
            if column not in pending:
                row.append("")
                continue
            text, left = pending.pop(column)
            row.append(text)
            if left > 1:
                pending[column] = (text, left - 1)

    def _count(self, count: int) -> None:
        self.cells += count
        if self.cells > self.max_cells:
            raise TableTooLarge


def tidy(rows: list[list[str]], where: list[str]) -> tuple[list[list[str]], list[str]]:
    """Pad rows to one width, then drop rows and columns that are empty from end to end, and the
    slivers merges leave (see _sliver)."""
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    kept = [i for i, r in enumerate(rows) if any(r)]
    rows = [rows[i] for i in kept]
    where = [where[i] for i in kept]
    columns = [c for c in range(width) if any(r[c] for r in rows) and not _sliver(rows, c)]
    return [[r[c] for c in columns] for r in rows], where


def _sliver(rows: list[list[str]], column: int) -> bool:
    """A column that only continues merged cells of its neighbours: in every row the label of the
    cell to its left or right, or nothing beside a value given once. Word, WPS and LibreOffice leave
    such narrow grid columns where cell edges of different rows almost line up (“总计” spanning two
    grid columns over single values, while “行政诉讼” above starts at the second)."""
    if column == 0:
        return False
    beside_value = False
    for row in rows:
        here, left = row[column], row[column - 1]
        right = row[column + 1] if column + 1 < len(row) else None
        if here and here != left and here != right:
            return False
        if not here and left:
            if not looks_like_value(left):
                return False                 # an empty cell beside a label: a column of its own
            beside_value = True
    return beside_value
