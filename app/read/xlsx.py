"""Import a report from an Excel workbook: ours (export_xlsx) exactly, others' where they use the labels.

Tables are found by their official labels, not by fixed addresses: a sheet's rows are matched to
row labels, and columns to the column labels of the header rows above them (each active-table
block has its own 信息内容 header row); one-row tables (appeals) map each column by the stack of
header labels above it. Total cells may be formulas: ``SUM`` of ranges and ``+``/``-`` of cell
references are evaluated from the cells they name (openpyxl does not compute formulas, and a
workbook written by us has no cached values). Amount cells keep the decimals of their number format.
Sheets are read through ``xlsx_sheet`` (openpyxl's read-only parser, merged ranges kept as bounds).

A hostile file (not a zip, a zip bomb, a huge file) is refused with a Chinese ImportFailed.
"""
from __future__ import annotations

import datetime
import re
import unicodedata
import warnings
import zipfile
from decimal import Decimal
from pathlib import Path

from app.editions import Edition, TableSpec, get_edition, load_editions
from app.errors import AppError, ImportFailed, ValueRejected, os_reason
from app.write.xlsx import CONTINUED, META_LABELS, section_label, sheet_name
from app.registry import Imported, ImportNote, importer
from app.read.xlsx_formula import FormulaError, evaluate
from app.read.xlsx_reviews import read_reviews_sheet
from app.read.xlsx_sheet import SheetGrid, SheetTooLarge, read_sheets, refuse_many_cells
from app.report import Report, coerce_cell, parse_cell_text

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200
_SPACES = re.compile(r"[\s\u00a0\u3000]+")


@importer(".xlsx", ".xlsm")
def read_xlsx(path: Path, edition: str | None = None) -> Imported:
    path = Path(path)
    workbook = _open(path)
    notes: list[ImportNote] = []
    meta, sections = _read_meta(workbook, path.name)
    spec = _edition(path, workbook, meta.get("edition"), edition)
    report = Report(edition=spec.id, organ=meta.get("organ", ""), title=meta.get("title", ""))
    report.year = _year(meta.get("year"), notes)
    for section in spec.text_sections:
        report.sections[section.id] = sections.get(section_label(spec, section.id), "")
    for table in spec.all_tables():
        sheet = _find_sheet(workbook, table)
        if sheet is None:
            notes.append(ImportNote("warning", f"没有找到“{table.title}”表，该表各项留空", table.title))
            continue
        _read_table(sheet, report, table, notes, path.name)
    report.reviews = read_reviews_sheet(workbook.worksheets, notes)
    return Imported(report, notes)


# ---------------------------------------------------------------- opening safely

def _open(path: Path):
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(4)
    except OSError as exc:
        raise ImportFailed(f"{path.name}：无法打开文件（{os_reason(exc)}）") from exc
    if size > MAX_FILE_BYTES:
        raise ImportFailed(f"{path.name}：文件过大（超过 {MAX_FILE_BYTES // 1024 // 1024} MB），不像是一份年度报告表格")
    if head != b"PK\x03\x04":
        raise ImportFailed(f"{path.name}：不是有效的 Excel 工作簿（.xlsx），文件内容不是 Office 文档格式")
    _check_zip(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _Workbook(read_sheets(path))
    except SheetTooLarge as exc:
        raise ImportFailed(f"{path.name}：工作表“{exc.sheet}”过大（{exc.what}），不像是年度报告") from None
    except Exception as exc:     # openpyxl raises many kinds on broken packages
        raise ImportFailed(f"{path.name}：Excel 工作簿已损坏或格式不受支持，无法读取") from exc


class _Workbook:
    def __init__(self, worksheets: list[SheetGrid]):
        self.worksheets = worksheets


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportFailed(f"{path.name}：文件不完整或已损坏（压缩结构无法读取），请重新获取原文件") from exc
    total = sum(info.file_size for info in infos)
    bomb = any(info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1)
               for info in infos)
    if bomb or total > MAX_UNPACKED_BYTES or len(infos) > 10_000:
        raise ImportFailed(f"{path.name}：文件解压后体积异常巨大（疑似“压缩炸弹”），为安全起见不予读取")
    refuse_many_cells(path, infos)


# ---------------------------------------------------------------- metadata

MAX_SECTION_CHARS = 1_000_000     # a section of a report is a few thousand characters


def _read_meta(workbook, source: str) -> tuple[dict[str, str], dict[str, str]]:
    """Metadata by label (格式版本, 机关名称, …) and section texts by heading, from column A/B pairs."""
    by_label = {v: k for k, v in META_LABELS.items()}
    meta: dict[str, str] = {}
    sections: dict[str, str] = {}
    for sheet in workbook.worksheets:
        first = range(1, 11)
        if sheet.max_column > 4 or not any(_text(sheet.cell(row, 1).value) in by_label for row in first):
            continue
        last, parts, length = None, {}, {}
        for row in sorted({r for r, c in sheet.cells if c <= 2}):
            label, value = _text(sheet.cell(row, 1).value), sheet.cell(row, 2).value
            text = "" if value is None else str(value)
            if label in by_label:
                meta[by_label[label]] = text
            elif label == CONTINUED and last is not None:
                parts[last].append(text)          # joined once below: += of megabytes is quadratic
                length[last] += len(text)
                if length[last] > MAX_SECTION_CHARS:
                    raise ImportFailed(f"{source}：“{last[:20]}”部分的文字超过 {MAX_SECTION_CHARS:,} 字，不像是年度报告")
            elif label:
                last = label
                parts[label], length[label] = [text], len(text)
        sections = {label: "".join(texts) for label, texts in parts.items()}
        break
    return meta, sections


def _edition(path: Path, workbook, named: str | None, wanted: str | None) -> Edition:
    if named and wanted and named != wanted:
        raise ImportFailed(f"{path.name}：工作簿的格式版本是 {named}，不能按 {wanted} 读取")
    chosen = named or wanted or _edition_by_markers(workbook)
    if chosen is None:
        raise ImportFailed(f"{path.name}：无法判断报告的格式版本（工作簿中没有“格式版本”，也没有可识别的表头）")
    try:
        return get_edition(chosen)
    except AppError as exc:
        raise ImportFailed(f"{path.name}：{exc}") from exc


def _edition_by_markers(workbook) -> str | None:
    texts = {_norm(value) for sheet in workbook.worksheets for _, _, value in sheet.values()
             if isinstance(value, str)}
    scores = {e.id: sum(_norm(m) in texts for m in e.markers) for e in load_editions().values()}
    best = max(scores, key=scores.get)
    return best if scores[best] else None


def _year(value: str | None, notes: list[ImportNote]) -> int | None:
    text = _text(value)
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    if text:
        notes.append(ImportNote("warning", f"报告年度“{text}”不是四位年份，已留空", META_LABELS["year"]))
    return None


# ---------------------------------------------------------------- tables

def _find_sheet(workbook, table: TableSpec):
    wanted = _norm(table.title)
    for sheet in workbook.worksheets:
        if sheet.title == sheet_name(table):
            return sheet
    for sheet in workbook.worksheets:
        if any(_norm(value) == wanted for row, _, value in sheet.values() if row <= 5):
            return sheet
    return None


def _grid(sheet, source: str) -> dict[tuple[int, int], object]:
    """Every cell value by (row, column), merged ranges filled with their top-left value (the cells a
    sheet holds and the area its merged ranges cover are bounded by xlsx_sheet while it is read)."""
    grid = {(row, col): value for row, col, value in sheet.values() if value is not None}
    for min_row, min_col, max_row, max_col in sheet.merged:
        value = grid.get((min_row, min_col))
        for row in range(min_row, max_row + 1):
            for col in range(min_col, max_col + 1):
                grid[(row, col)] = value
    return grid


def _read_table(sheet, report: Report, table: TableSpec, notes: list[ImportNote], source: str) -> None:
    grid = _grid(sheet, source)
    cells = _one_row_cells(grid, table) if table.one_row else _labelled_cells(grid, sheet, table)
    missing = [(r, c) for r, c in table.cells() if (r, c) not in cells]
    for row_id, col_id in missing:
        notes.append(ImportNote("warning", f"{table.cell_label(row_id, col_id)}：表格中没有找到，已留空",
                                f"{table.id}.{row_id}.{col_id}"))
    for (row_id, col_id), (row, col) in cells.items():
        cell = sheet.cell(row, col)
        _store(report, table, row_id, col_id, cell, sheet, notes)


def _labelled_cells(grid, sheet, table: TableSpec) -> dict[tuple[str, str], tuple[int, int]]:
    """Rows by their label; columns by the nearest header labels above (per active-table block)."""
    row_labels = {_norm(r.label): r.id for r in table.rows}
    row_labels.update({_norm(v): r.id for r in table.rows for v in r.variants})
    col_labels = {_norm(c.label): c.id for c in table.columns}
    col_labels.update({_norm(v): c.id for c in table.columns for v in c.variants})
    columns: dict[str, int] = {}
    found: dict[tuple[str, str], tuple[int, int]] = {}
    for row, texts in _rows_of(grid):
        row_id = next((row_labels[t] for _, t in texts if t in row_labels), None)
        if row_id is None:
            heads = {}
            for col, text in texts:
                if text in col_labels:
                    heads.setdefault(col_labels[text], col)
            columns.update(heads)
            continue
        for col_id in table.row_columns(row_id):
            if col_id in columns and (row_id, col_id) not in found:
                found[(row_id, col_id)] = (row, columns[col_id])
    return found


def _rows_of(grid: dict[tuple[int, int], object]):
    """(row, [(column, normalised text)]) of the rows that hold something, top to bottom: a stray cell
    at Z20000 costs one row, not 20,000 × 26 empty cells."""
    rows: dict[int, list[tuple[int, object]]] = {}
    for (row, col), value in grid.items():
        rows.setdefault(row, []).append((col, value))
    for row in sorted(rows):
        yield row, [(col, _norm(value)) for col, value in sorted(rows[row], key=lambda item: item[0])]


def _one_row_cells(grid, table: TableSpec) -> dict[tuple[str, str], tuple[int, int]]:
    """Each column of a one-row table by the labels stacked above it; values in the row below them."""
    leaf_labels = {_norm(c.label): c.id for c in table.columns}
    group_labels = {_norm(r.label): r.id for r in table.rows}
    header_end = max((row for (row, _), v in grid.items() if _norm(v) in leaf_labels), default=0)
    found: dict[tuple[str, str], tuple[int, int]] = {}
    columns = sorted({col for (_, col) in grid})
    for col in columns:
        stack = [_norm(grid.get((row, col))) for row in range(1, header_end + 1)]
        leaf = next((leaf_labels[t] for t in reversed(stack) if t in leaf_labels), None)
        group = next((group_labels[t] for t in stack if t in group_labels), None)
        if leaf and group and (group, leaf) not in found:
            found[(group, leaf)] = (header_end + 1, col)
    return found


def _store(report: Report, table: TableSpec, row_id: str, col_id: str, cell, sheet, notes) -> None:
    column = table.column(col_id)
    key = f"{table.id}.{row_id}.{col_id}"
    value = cell.value
    try:
        if isinstance(value, str) and value.startswith("=") and cell.data_type == "f":
            value = evaluate(sheet, value)
        report.tables[table.id][row_id][col_id] = _cell_value(column, value, cell.number_format)
    except (ValueRejected, FormulaError, ValueError, ArithmeticError) as exc:
        report.invalid[key] = str(cell.value)   # what the cell holds (an evaluated value may be unprintable)
        notes.append(ImportNote("warning", f"{table.cell_label(row_id, col_id)}：{exc}", key))


def _cell_value(column, value, number_format: str):
    if value is None:
        return None
    if isinstance(value, str):
        return parse_cell_text(column, value)
    if isinstance(value, bool):
        raise ValueRejected(f"“{value}”不是数字")
    if isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
        raise ValueRejected(f"“{value}”是日期或时间，不是数字（请把单元格格式改为“常规”或“数值”）")
    if not isinstance(value, (int, float, Decimal)):
        raise ValueRejected(f"“{str(value)[:20]}”不是数字")
    if column.kind == "amount":
        return coerce_cell(column, _exact(value, number_format))
    if value != int(value):
        raise ValueRejected(f"“{value}”不是整数")
    return coerce_cell(column, int(value))


def _exact(value, number_format: str) -> Decimal:
    """The amount with as many decimals as its number format shows (0.0000 → 4)."""
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    written = max(0, -number.as_tuple().exponent)
    if number == number.to_integral_value():
        number, written = Decimal(int(number)), 0
    match = re.match(r"^[^;]*?0(?:\.(0+))?", number_format or "")
    places = max(len(match.group(1) or "") if match else 0, written)
    return number.quantize(Decimal(1).scaleb(-places))


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _norm(value) -> str:
    if not isinstance(value, str):
        return ""
    return unicodedata.normalize("NFKC", _SPACES.sub("", value))
