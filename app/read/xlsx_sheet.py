"""Worksheets read once into memory: cell values (formulas as text), number formats, merged ranges.

openpyxl's ordinary ``load_workbook`` binds every merged range to MergedCell objects and restyles
their borders, which cost about two thirds of reading one of our workbooks (37 merged header
ranges: ~110 of ~160 ms). The read-only mode skips that; this module parses each sheet once with
openpyxl's own sheet parser (``WorkSheetParser``, the one ``load_workbook`` uses, so values, shared
formulas and dates come out the same) and keeps the merged ranges as plain bounds, which is all the
report reader needs. It relies on openpyxl 3.1 internals (``_reader.WorkSheetParser``,
``ReadOnlyWorksheet._get_source``); tests/core/test_xlsx_sheet.py and the round-trip tests guard it.

``SheetGrid`` offers the few Worksheet members the reader and ``xlsx_formula`` use: ``title``,
``max_row``/``max_column`` and ``cell(row, column)`` (``.value``, ``.data_type``,
``.number_format``); a covered (non-anchor) cell of a merged range reads as empty, as in openpyxl.

A sheet holding more than ``MAX_CELLS`` cells (counted in the part before parsing, and while parsing) or
merged ranges covering more than ``MAX_MERGED_AREA`` cells is refused: judged by the cells a sheet holds,
never by its dimension (one stray cell at Z20000 is one cell).
"""
from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.cell.read_only import EMPTY_CELL, ReadOnlyCell
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet._reader import WorkSheetParser

from app.errors import ImportFailed


class Cell:
    """What the reader needs of a cell; the number format is looked up once, while reading."""

    __slots__ = ("value", "data_type", "number_format")

    def __init__(self, value, data_type: str, number_format: str):
        self.value, self.data_type, self.number_format = value, data_type, number_format


MAX_CELLS = 50_000               # cells a sheet may hold (present in the file, not its dimension); a report has ~500
MAX_MERGED_AREA = 1_000_000      # cells covered by all merged ranges of a sheet together


class SheetTooLarge(Exception):
    """A sheet holds more cells or merged area than a report could (``what`` says which, in Chinese)."""

    def __init__(self, sheet: str, what: str) -> None:
        super().__init__(what)
        self.sheet, self.what = sheet, what


class SheetGrid:
    def __init__(self, title: str, cells: dict[tuple[int, int], Cell],
                 merged: list[tuple[int, int, int, int]]):
        self.title = title
        self.formula_values: dict[tuple[int, int], object] = {}   # memo of xlsx_formula
        self.cells = cells            # {(row, column): cell}, only cells present in the file
        self.merged = merged          # [(min_row, min_col, max_row, max_col)]
        rows = [r for r, _ in cells] + [m[2] for m in merged]
        cols = [c for _, c in cells] + [m[3] for m in merged]
        self.max_row = max(rows, default=1)
        self.max_column = max(cols, default=1)

    def cell(self, row: int, column: int):
        return self.cells.get((row, column), EMPTY_CELL)

    def values(self):
        """(row, column, value) of every cell present in the file."""
        return ((row, col, cell.value) for (row, col), cell in self.cells.items())


def read_sheets(path: Path) -> list[SheetGrid]:
    """Every worksheet of the workbook (chart sheets have no cells and are left out)."""
    workbook = load_workbook(path, read_only=True, data_only=False)
    try:
        return [_read_sheet(workbook, sheet) for sheet in workbook.worksheets]
    finally:
        workbook.close()


def _read_sheet(workbook, sheet) -> SheetGrid:
    cells: dict[tuple[int, int], Cell] = {}
    formats: dict[int, str] = {}
    with sheet._get_source() as source:
        parser = WorkSheetParser(source, sheet._shared_strings, data_only=False, epoch=workbook.epoch,
                                 date_formats=workbook._date_formats,
                                 timedelta_formats=workbook._timedelta_formats)
        for _, row in parser.parse():
            for data in row:
                style = data["style_id"]
                if style not in formats:     # IndexError when the file's styles are missing
                    formats[style] = ReadOnlyCell(sheet, 1, 1, None, "n", style).number_format
                cells[(data["row"], data["column"])] = Cell(data["value"], data["data_type"], formats[style])
            if len(cells) > MAX_CELLS:        # checked while streaming, before millions are parsed
                raise SheetTooLarge(sheet.title, f"超过 {MAX_CELLS:,} 个单元格")
    merged, area = [], 0
    for item in (parser.merged_cells.mergeCell if parser.merged_cells else []):
        min_col, min_row, max_col, max_row = range_boundaries(item.ref)
        merged.append((min_row, min_col, max_row, max_col))
        area += (max_row - min_row + 1) * (max_col - min_col + 1)
        if area > MAX_MERGED_AREA:
            raise SheetTooLarge(sheet.title, f"合并单元格共覆盖超过 {MAX_MERGED_AREA:,} 个单元格")
    _clear_covered(cells, merged)
    return SheetGrid(sheet.title, cells, merged)


def _clear_covered(cells: dict, merged: list[tuple[int, int, int, int]]) -> None:
    """Drop what a file holds in the covered cells of merged ranges (Excel shows only the anchor's)."""
    for min_row, min_col, max_row, max_col in merged:
        if (max_row - min_row + 1) * (max_col - min_col + 1) > len(cells):    # a huge (hostile) range
            keys = [k for k in cells if min_row <= k[0] <= max_row and min_col <= k[1] <= max_col]
        else:
            keys = [(r, c) for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1)]
        for key in keys:
            if key != (min_row, min_col):
                cells.pop(key, None)


def refuse_many_cells(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse a sheet with too many cells before openpyxl sees it: a sheet part without a <dimension> is
    parsed whole just to size it. Counting "<c " while decompressing costs milliseconds per 10 MB."""
    try:
        with zipfile.ZipFile(path) as archive:
            for info in infos:
                if info.filename.startswith("xl/worksheets/") and info.file_size > MAX_CELLS * 8:
                    cells = 0
                    with archive.open(info) as part:
                        while chunk := part.read(1024 * 1024):
                            cells += chunk.count(b"<c ") + chunk.count(b"<c>")
                            if cells > MAX_CELLS:
                                raise ImportFailed(f"{path.name}：工作表过大（超过 {MAX_CELLS:,} 个单元格），"
                                                   f"不像是年度报告")
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
        raise ImportFailed(f"{path.name}：文件不完整或已损坏（压缩结构无法读取），请重新获取原文件") from exc
