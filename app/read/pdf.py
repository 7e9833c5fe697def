"""PDF reports (with a text layer) → the neutral stream, read with pypdfium2 (PDFium, Apache/BSD).

pypdfium2 was chosen over pdfplumber by measuring on our reports exported to PDF by LibreOffice:
5–8 pages took 0.02–0.12 s to read every character and drawing, against 0.3–0.7 s for pdfplumber
(pdfminer in pure Python), and PDFium is the hardened, fuzzed parser of Chrome. Tables are found
from their ruling lines by this package (pdf_rules.py, pdf_table.py); text is rebuilt into
paragraphs (pdf_text.py). A table that continues on the next page is one table.

Refused with a Chinese message: encrypted files, scanned files (no text layer), broken files,
and hostile ones (too many pages, huge pages, pages with absurd numbers of objects or characters).
"""
from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from app.errors import ImportFailed
from app.read.docx import restore_from_properties
from app.read.docx_grid import join_adjacent
from app.read.html import read_limited
from app.read.html_table import tidy
from app.read.pdf_rotate import turn_page
from app.read.pdf_rules import PageTooComplex, read_rules
from app.read.pdf_table import Char, Table, edges, find_tables
from app.read.pdf_text import Line, Margins, continues, drop_running_lines, join_lines, page_lines
from app.read.stream import Block, Grid, Paragraph, Stream
from app.recognize.cell_values import looks_like_value
from app.recognize.recognizer import recognize
from app.registry import ImportNote, Imported, importer

MAX_BYTES = 100 * 1024 * 1024
MAX_PAGES = 300                  # a report has 5–15 pages
MAX_PAGE_SIZE = 14_400           # points: the largest page the PDF standard allows (200 inches)
MAX_CHARS = 30_000               # characters per page (a dense A4 page has about 2,000)
_SCANNED_TEXT = 20               # characters per page below which a PDF of page images is a scan
SCANNED = "这是扫描件，没有文字层，无法读取；请使用 Word 版或网页版"
_SPACES = " \t\r\n\u00a0\u3000"


@importer(".pdf")
def read_pdf(path: Path, edition: str | None = None) -> Imported:
    stream = read_pdf_stream(Path(path))
    imported = recognize(stream, edition)
    restore_from_properties(stream.properties, imported)        # our export, converted to PDF
    return imported


def read_pdf_stream(path: Path) -> Stream:
    data = read_limited(path, MAX_BYTES, " PDF 文件")
    document = _open(data, path.name)
    try:
        pages = len(document)
        if pages == 0:
            raise ImportFailed(f"{path.name}：PDF 文件中没有页面（文件已损坏）")
        if pages > MAX_PAGES:
            raise ImportFailed(f"{path.name}：PDF 有 {pages} 页，年度报告不会超过 {MAX_PAGES} 页，"
                               "这不是年度报告（或文件已损坏），为安全起见不予读取")
        read = [_page_items(document, index, path.name) for index in range(pages)]
        properties = _properties(document)
    finally:
        document.close()
    items = drop_running_lines([page for page, _ in read])
    if _scanned(items, sum(1 for _, images in read if images)):
        raise ImportFailed(f"{path.name}：{SCANNED}")
    blocks = _blocks(items)
    return Stream(blocks=blocks, source=path.name, properties=properties, notes=_continued_notes(blocks))


def _continued_notes(blocks: list[Block]) -> list[ImportNote]:
    """Tell the clerk which tables ran over a page break and were read as one."""
    return [ImportNote("info", "表格跨页，各页的部分已合并为一张表（重复的表头只读一次），请核对跨页处的行", block.where)
            for block in blocks if isinstance(block, Grid) and "、" in block.where]


def _scanned(pages: list[list[Line | Table]], pages_with_images: int) -> bool:
    """No text at all, or pictures of pages with a few words of text (a stamp, a header) on them."""
    text = sum(len(i.text.strip()) if isinstance(i, Line) else len(i.chars) for page in pages for i in page)
    return text == 0 or (pages_with_images >= len(pages) / 2 and text < _SCANNED_TEXT * len(pages))


def _open(data: bytes, name: str) -> pdfium.PdfDocument:
    if not data.lstrip()[:1024].count(b"%PDF"):
        raise ImportFailed(f"{name}：不是 PDF 文件（文件开头没有 PDF 标记），可能已损坏或扩展名有误")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise ImportFailed(f"{name}：PDF 文件已加密（设有打开密码或使用了不支持的加密方式），无法读取；"
                               "请在 PDF 阅读器中输入密码后另存为不加密的副本，或使用 Word 版或网页版") from None
        raise ImportFailed(f"{name}：PDF 文件已损坏，无法打开") from None


def _properties(document: pdfium.PdfDocument) -> dict[str, str]:
    try:
        meta = document.get_metadata_dict(skip_empty=True)
    except pdfium.PdfiumError:
        return {}
    return {key.lower(): value for key, value in meta.items() if key in ("Title", "Subject", "Keywords")}


# ---- one page ------------------------------------------------------------------------------

def _page_items(document: pdfium.PdfDocument, index: int, name: str) -> tuple[list[Line | Table], int]:
    """The page's tables and text lines, top to bottom; and how many images it holds."""
    where = f"第 {index + 1} 页"
    try:
        page = document[index]
    except pdfium.PdfiumError:
        raise ImportFailed(f"{name}：PDF 文件已损坏，{where}无法打开") from None
    try:
        width, height = page.get_size()
        if not (0 < width <= MAX_PAGE_SIZE and 0 < height <= MAX_PAGE_SIZE):
            raise ImportFailed(f"{name}：{where}的页面尺寸异常（{width:.0f}×{height:.0f} 磅），不像是一份年度报告")
        chars = _chars(page, name, where)
        try:
            drawing = read_rules(page, width, height)
        except PageTooComplex:
            raise ImportFailed(f"{name}：{where}的图形多得异常，不像是一份年度报告，为安全起见不予读取") from None
        rotation = page.get_rotation()
    finally:
        page.close()
    chars, horizontal, vertical, height = turn_page(chars, drawing.horizontal, drawing.vertical, rotation,
                                                    width, height)
    try:
        tables = find_tables(horizontal, vertical)
    except PageTooComplex:
        raise ImportFailed(f"{name}：{where}的图形多得异常，不像是一份年度报告，为安全起见不予读取") from None
    return _place_chars(chars, tables, index, height), drawing.images


def _chars(page: pdfium.PdfPage, name: str, where: str) -> list[Char]:
    textpage = page.get_textpage()
    try:
        count = pdfium_c.FPDFText_CountChars(textpage)
        if count > MAX_CHARS:
            raise ImportFailed(f"{name}：{where}的文字多得异常（{count:,} 个字符），不像是一份年度报告，为安全起见不予读取")
        return _read_chars(textpage, count)
    finally:
        textpage.close()


def _read_chars(textpage, count: int) -> list[Char]:
    rect = pdfium_c.FS_RECTF()
    out: list[Char] = []
    for i in range(max(count, 0)):
        if pdfium_c.FPDFText_IsGenerated(textpage, i) == 1:
            continue
        code = pdfium_c.FPDFText_GetUnicode(textpage, i)
        if code < 32 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF or code in (0xFFFE, 0xFFFF):
            continue
        if not pdfium_c.FPDFText_GetLooseCharBox(textpage, i, ctypes.byref(rect)):
            continue
        text = chr(code)
        out.append(Char(text, rect.left, min(rect.bottom, rect.top), rect.right, max(rect.bottom, rect.top)))
    return out


def _place_chars(chars: list[Char], tables: list[Table], page: int, height: float) -> list[Line | Table]:
    """Characters inside a table go to it; the rest make lines. Items ordered top to bottom."""
    loose: list[Char] = []
    for char in chars:
        table = next((t for t in tables if t.holds(char)), None)
        if table is None:
            loose.append(char)
        elif not char.text.isspace():
            table.chars.append(char)
    items: list[Line | Table] = [*page_lines(loose, page, height), *tables]
    return sorted(items, key=lambda item: -item.top)


# ---- the document --------------------------------------------------------------------------

def _blocks(pages: list[list[Line | Table]]) -> list[Block]:
    """Paragraphs from the lines (across pages) and grids from the tables (joined across pages)."""
    margins = Margins.of([item for page in pages for item in page if isinstance(item, Line)])
    blocks: list[Paragraph | list[Table]] = []
    previous: Line | Table | None = None
    tables = 0
    for number, page in enumerate(pages, start=1):
        for position, item in enumerate(page):
            if isinstance(item, Table):
                tables += 1
                item.label = f"第 {number} 页第 {tables} 张表"
                continued = position == 0 and isinstance(previous, Table) and previous.continued_by(item)
                if continued and blocks and isinstance(blocks[-1], list):
                    blocks[-1].append(item)
                else:
                    blocks.append([item])
            elif isinstance(previous, Line) and blocks and isinstance(blocks[-1], Paragraph) \
                    and continues(previous, item, margins):
                blocks[-1].text = join_lines(blocks[-1].text, item.text)
            else:
                blocks.append(Paragraph(item.text, where=f"第 {number} 页"))
            previous = item
    out = [_grid(block) if isinstance(block, list) else _paragraph(block) for block in blocks]
    return [block for block in out if block is not None]


def _carry_labels(above: list[str], rows: list[list[str]]) -> None:
    """A label merged down over a page break is printed on the first page only (Word, WPS): the
    continuation's empty label cells at the top of the page take the label from the page before.
    Only label columns (left of the first value) are filled; a value is never carried."""
    first = rows[0]
    values = [c for c, text in enumerate(first) if looks_like_value(text)]
    for column in range(min(values[0] if values else 0, len(above))):
        text = above[column]
        if first[column] or not text or looks_like_value(text):
            continue
        for row in rows:
            if row[column]:
                break
            row[column] = text


def _paragraph(paragraph: Paragraph) -> Paragraph | None:
    paragraph.text = paragraph.text.strip(_SPACES)
    return paragraph if paragraph.text else None


def _grid(pieces: list[Table]) -> Grid | None:
    """One grid from a table and its continuations on the next pages: the pieces are cut on the
    same column edges (a piece without some inner rule has merged cells there), a header repeated
    on a later page is read once, and columns empty in every piece are dropped."""
    xs = edges([x for piece in pieces for x in piece.xs])
    grids = []
    for piece in pieces:
        piece.xs = xs
        numbered = [(row, f"{piece.label}第 {i} 行") for i, row in enumerate(piece.rows(), start=1) if any(row)]
        if numbered:
            grids.append(Grid(rows=[r for r, _ in numbered], where=piece.label, row_where=[w for _, w in numbered]))
    if not grids:
        return None
    for before, after in zip(grids, grids[1:]):
        header = 0                                   # header rows repeated on the new page
        while header < min(len(grids[0].rows), len(after.rows) - 1) and grids[0].rows[header] == after.rows[header]:
            header += 1
        _carry_labels(before.rows[-1], after.rows[header:])
    grid = join_adjacent(grids)[0]
    grid.rows, grid.row_where = tidy(grid.rows, grid.row_where)
    return grid if grid.rows and len(grid.rows[0]) >= 2 else None
