"""PDF reports built from a Report, laid out the way Word and WPS print the annual report.

Paragraphs wrap at the right margin with a two-character first-line indent, the title is centred,
every page carries a page number (“— 1 —”), and the tables follow the official layout's merges
(app/write/table_layout.py): each merged box and value cell gets its four borders, drawn as stroked
lines or (Word's habit) thin filled bars. Tables that do not fit continue on the next page, with
the header rows repeated or not.
"""
from __future__ import annotations

from dataclasses import dataclass

from app.report import Report, format_cell
from app.write.table_layout import Layout as TableGrid
from app.write.table_layout import table_layout
from tests.core.docx_fixtures import HEADINGS
from tests.core.pdf_writer import Page, build_pdf, text_width

LEFT, RIGHT, TOP, BOTTOM = 80.0, 515.0, 770.0, 72.0
BODY, CELL, TITLE = 12.0, 8.0, 16.0
LABEL_WIDTH = 150.0


@dataclass
class Print:
    page_height: float = 842.0       # smaller pages force tables over several pages
    bars: bool = False               # borders as thin filled rectangles (Word) instead of lines
    repeat_header: bool = True       # a continued table repeats its header rows
    page_numbers: bool = True
    running_header: str = ""         # a header line on every page (“阁山镇人民政府 2020 年政务公开”)
    fake_bold: bool = False          # headings drawn twice, 0.3 pt apart (WPS without a bold font)
    open_sides: bool = False         # tables without their outer left and right borders
    space_indent: bool = False       # the first-line indent typed as “　　” (U+3000) rather than set
    turned: int = 0                  # 90 or 270: landscape pages stored portrait with /Rotate (a printer driver's way)


class ReportPdf:
    def __init__(self, report: Report, style: Print) -> None:
        self.report, self.style = report, style
        self.pages: list[Page] = []
        self.y = 0.0
        self._new_page()

    def build(self) -> bytes:
        report = self.report
        if report.title:
            self._centred(report.title, TITLE)
        self._paragraphs(report.sections["preamble"])
        for section in report.spec.sections:
            if section.id == "preamble":
                continue
            self._line(HEADINGS[section.id], indent=2, bold=self.style.fake_bold)
            if section.kind == "text":
                self._paragraphs(report.sections[section.id])
            else:
                self._table(section.id)
        for number, page in enumerate(self.pages, start=1):
            label = f"— {number} —"
            if self.style.page_numbers:
                page.text((page.width - text_width(label, 12)) / 2, 40, label, 12)
            if self.style.running_header:
                page.text(LEFT, page.height - 40, f"{self.style.running_header}（第 {number} 页）", 9)
        return build_pdf(self.pages)

    # ---- text ---------------------------------------------------------------------------------
    def _new_page(self) -> None:
        width = max(595.0, self.style.page_height) if self.style.turned else 595.0
        self.pages.append(Page(width=width, height=self.style.page_height, rotate=self.style.turned))
        self.y = self.style.page_height - (842.0 - TOP)

    def _advance(self, height: float) -> None:
        if self.y - height < BOTTOM:
            self._new_page()
        self.y -= height

    def _centred(self, text: str, size: float) -> None:
        per_line = int((RIGHT - LEFT) // size)
        for start in range(0, len(text), per_line):
            chunk = text[start:start + per_line]
            self._advance(size * 1.6)
            self.pages[-1].text((LEFT + RIGHT - text_width(chunk, size)) / 2, self.y, chunk, size)

    def _paragraphs(self, text: str) -> None:
        for line in text.split("\n"):
            if line:
                self._line(line, indent=2)

    def _line(self, text: str, indent: int, bold: bool = False) -> None:
        """One paragraph, wrapped at the right margin, the first line indented."""
        x = LEFT + indent * BODY
        if self.style.space_indent:
            x, text = LEFT, "\u3000" * indent + text
        chunk = ""
        for ch in text + "\n":
            if ch == "\n" or x + text_width(chunk + ch, BODY) > RIGHT + 0.01:
                self._advance(BODY * 1.5)
                self.pages[-1].text(x, self.y, chunk, BODY)
                if bold:
                    self.pages[-1].text(x + 0.3, self.y + 0.2, chunk, BODY)
                x, chunk = LEFT, ""
            chunk += ch

    # ---- tables -------------------------------------------------------------------------------
    def _table(self, table_id: str) -> None:
        grid = table_layout(self.report.spec.table(table_id))
        xs = _columns(grid)
        cells = self._cells(table_id, grid)
        heights = _row_heights(grid, cells, xs)
        self._advance(4)
        first = 0
        while first < grid.rows:
            header = grid.header_rows if first and self.style.repeat_header else 0
            last = first
            room = self.y - BOTTOM - sum(heights[:header])
            while last < grid.rows and sum(heights[first:last + 1]) <= room:
                last += 1
            if last == first:                     # not even one row fits: next page
                self._new_page()
                continue
            rows = list(range(header)) + list(range(first, last))
            self._draw(cells, heights, xs, rows)
            first = last
            if first < grid.rows:
                self._new_page()
        self._advance(6)

    def _cells(self, table_id: str, grid: TableGrid) -> list[tuple[int, int, int, int, str]]:
        """(top, left, bottom, right, text) of every merged box and value cell."""
        cells = [(b.top, b.left, b.bottom, b.right, b.text) for b in grid.boxes]
        for v in grid.values:
            value = self.report.get(table_id, v.row_id, v.col_id)
            cells.append((v.row, v.col, v.row, v.right, format_cell(value) if value is not None else ""))
        return cells

    def _draw(self, cells, heights: list[float], xs: list[float], rows: list[int]) -> None:
        page, top = self.pages[-1], self.y
        tops: dict[int, float] = {}
        for r in rows:
            tops[r] = top
            top -= heights[r]
        for r0, c0, r1, c1, text in cells:
            shown = [r for r in range(r0, r1 + 1) if r in tops]
            if not shown:
                continue
            y_top = tops[shown[0]]
            y_bottom = tops[shown[-1]] - heights[shown[-1]]
            self._box(page, xs[c0], y_top, xs[c1 + 1], y_bottom, outer=(c0 == 0, c1 + 2 == len(xs)))
            if shown[0] == r0:               # a merged cell continued from the last page shows no text (Word)
                _cell_text(page, text, xs[c0], y_top, xs[c1 + 1])
        self.y = top

    def _box(self, page: Page, left: float, top: float, right: float, bottom: float,
             outer: tuple[bool, bool] = (False, False)) -> None:
        """A merged box's four borders (the table's outer left and right ones left out with ``open_sides``)."""
        sides = [x for x, at_edge in ((left, outer[0]), (right, outer[1])) if not (at_edge and self.style.open_sides)]
        if self.style.bars:
            page.bar(left - 0.25, top - 0.25, right - left + 0.5, 0.5)
            page.bar(left - 0.25, bottom - 0.25, right - left + 0.5, 0.5)
            for x in sides:
                page.bar(x - 0.25, bottom - 0.25, 0.5, top - bottom + 0.5)
        else:
            page.line(left, top, right, top)
            page.line(left, bottom, right, bottom)
            for x in sides:
                page.line(x, bottom, x, top)


def _columns(grid: TableGrid) -> list[float]:
    labels = grid.label_cols
    label_width = LABEL_WIDTH if labels else 0.0
    value_width = (RIGHT - LEFT - label_width) / (grid.cols - labels)
    xs = [LEFT + label_width * i / labels for i in range(labels)] if labels else []
    return xs + [LEFT + label_width + value_width * i for i in range(grid.cols - labels + 1)]


def _wrapped(text: str, width: float) -> list[str]:
    lines, chunk = [], ""
    for ch in text:
        if text_width(chunk + ch, CELL) > width - 4:
            lines.append(chunk)
            chunk = ""
        chunk += ch
    return lines + [chunk] if chunk else lines


def _row_heights(grid: TableGrid, cells, xs: list[float]) -> list[float]:
    heights = [CELL * 1.8] * grid.rows
    for r0, c0, r1, c1, text in sorted(cells, key=lambda c: c[2] - c[0]):
        need = len(_wrapped(text, xs[c1 + 1] - xs[c0])) * CELL * 1.25 + 4
        have = sum(heights[r0:r1 + 1])
        if need > have:
            heights[r1] += need - have
    return heights


def _cell_text(page: Page, text: str, left: float, top: float, right: float) -> None:
    y = top - CELL - 1
    for line in _wrapped(text, right - left):
        page.text(left + 2, y, line, CELL)
        y -= CELL * 1.25


def report_pdf(report: Report, style: Print | None = None) -> bytes:
    return ReportPdf(report, style or Print()).build()
