"""Generators of small hostile files: huge list numbering, formula fan-out, sheet shapes, deep nesting, many
tiny tables, big style parts. Used by tests/core/test_tiny_hostile_files.py and benchmarks/fuzz_long.py.

Word files are built from raw XML (a minimal package: no python-docx); Excel files start from our own
export of a zero report and have cells or parts replaced."""
from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path

import openpyxl

from app.formats import export_report
from app.report import new_report

_CJK = re.compile(r"[\u4e00-\u9fff]")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MARK = 7777      # the value of requests.granted.research in the base workbook: the cell to replace

_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          'content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" '
          'ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
         '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


# ---------------------------------------------------------------- Word

def docx(path: Path, body: str, numbering: str | None = None, styles: str | bytes | None = None,
         stored: bool = False) -> Path:
    """A minimal .docx whose body is ``body`` (w:p / w:tbl XML, prefix w)."""
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w", method) as package:
        package.writestr("[Content_Types].xml", _TYPES)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("word/document.xml", document)
        if numbering is not None:
            package.writestr("word/numbering.xml", f'<w:numbering xmlns:w="{W}">{numbering}</w:numbering>')
        if styles is not None:
            head = f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W}">'.encode()
            package.writestr("word/styles.xml", head + (styles.encode() if isinstance(styles, str) else styles)
                             + b"</w:styles>")
    return path


def paragraph(text: str, num_id: int | None = None, style: str | None = None) -> str:
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + \
            (f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>' if num_id else "")
    return f"<w:p>{'<w:pPr>' + props + '</w:pPr>' if props else ''}<w:r><w:t>{text}</w:t></w:r></w:p>"


def numbered_list(path: Path, fmt: str, start: int, level_text: str = "%1、", items: int = 5) -> Path:
    """A list in number format ``fmt`` starting at ``start`` (10**15 hung the reader; −5 raised)."""
    numbering = (f'<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
                 f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{level_text}"/></w:lvl></w:abstractNum>'
                 f'<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    body = "".join(paragraph(f"第{n}项", num_id=1) for n in range(items))
    return docx(path, body, numbering=numbering)


def many_tables(path: Path, tables: int) -> Path:
    """``tables`` two-row tables with one repeated header: all join into one continued table."""
    row = lambda a, b: f"<w:tr><w:tc><w:p><w:r><w:t>{a}</w:t></w:r></w:p></w:tc>" \
                       f"<w:tc><w:p><w:r><w:t>{b}</w:t></w:r></w:p></w:tc></w:tr>"  # noqa: E731
    table = f"<w:tbl>{row('项目', '数量')}{row('行', '1')}</w:tbl>"
    return docx(path, table * tables, stored=True)


def many_styles(path: Path, styles: int, filler_mb: int) -> Path:
    """``styles`` paragraphs, each in its own style, the styles after ``filler_mb`` MB of other styles (the
    document has a list, so every paragraph's style is looked up for its numbering)."""
    filler = b'<w:style w:type="character" w:styleId="x"><w:name w:val="x"/></w:style>'
    padding = filler * (filler_mb * 1024 * 1024 // len(filler))
    own = "".join(f'<w:style w:type="paragraph" w:styleId="s{n}"><w:name w:val="s{n}"/></w:style>'
                  for n in range(styles))
    body = "".join(paragraph("正文", style=f"s{n}") for n in range(styles))
    numbering = ('<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                 '<w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    return docx(path, body, numbering=numbering, styles=padding + own.encode(), stored=True)


def empty_paragraphs(path: Path, count: int) -> Path:
    """``count`` empty paragraphs in a stored (uncompressed) body part: tiny per element, huge as a tree."""
    return docx(path, "<w:p/>" * count, stored=True)


def nested_tables(path: Path, depth: int) -> Path:
    body = paragraph("最里层")
    for _ in range(depth):
        body = f"<w:tbl><w:tr><w:tc>{body}</w:tc></w:tr></w:tbl><w:p/>"
    return docx(path, body)


# ---------------------------------------------------------------- Excel

def base_workbook(path: Path) -> Path:
    """Our own export of a zero 2021 report with requests.granted.research = MARK."""
    report = new_report("2021", "华山镇人民政府", 2020)
    for table in report.spec.all_tables():
        for row, col in table.cells():
            report.set_cell(table.id, row, col, 0)
    report.set_cell("requests", "granted", "research", MARK)
    export_report(report, path)
    return path


def _edit_workbook(path: Path, edit) -> Path:
    base_workbook(path)
    book = openpyxl.load_workbook(path)
    sheet, cell = next((s, c) for s in book.worksheets for row in s.iter_rows() for c in row if c.value == MARK)
    edit(book, sheet, cell)
    book.save(path)
    return path


def formula_fan_out(path: Path, fan_out: int = 10, depth: int = 19) -> Path:
    """The marked cell sums ``fan_out`` cells, each of which sums the ``fan_out`` cells of the next row…"""
    def edit(book, sheet, cell):
        first = 200
        last_col = openpyxl.utils.get_column_letter(30 + fan_out - 1)
        cell.value = f"=SUM(AD{first}:{last_col}{first})"
        for level in range(depth):
            for col in range(30, 30 + fan_out):
                below = first + level + 1
                sheet.cell(first + level, col).value = f"=SUM(AD{below}:{last_col}{below})"
        for col in range(30, 30 + fan_out):
            sheet.cell(first + depth, col).value = 1
    return _edit_workbook(path, edit)


def nested_sums(path: Path, count: int = 5000) -> Path:
    return _edit_workbook(path, lambda book, sheet, cell: setattr(cell, "value", "=" + "SUM(" * count + "1"
                                                                     + ")" * count))


def long_number_formula(path: Path, digits: int = 5000) -> Path:
    return _edit_workbook(path, lambda book, sheet, cell: setattr(cell, "value", "=" + "9" * digits))


def date_in_count_cell(path: Path) -> Path:
    import datetime
    return _edit_workbook(path, lambda book, sheet, cell: setattr(cell, "value", datetime.datetime(2020, 1, 5, 8, 30)))


def stray_cell(path: Path, where: str = "Z20000") -> Path:
    return _edit_workbook(path, lambda book, sheet, cell: sheet.__setitem__(where, "备注"))


def continued_rows(path: Path, rows: int = 300, megabytes: int = 2) -> Path:
    """The meta sheet's last section followed by ``rows`` 「（续）」 rows that all show one shared string of
    ``megabytes`` MB (openpyxl writes inline strings, so the shared-strings part is added by hand)."""
    def edit(book, sheet, cell):
        meta = book.worksheets[0]
        start = meta.max_row + 1
        for n in range(rows):
            meta.cell(start + n, 1).value = "（续）"
            meta.cell(start + n, 2).value = "@@BIG@@"
    _edit_workbook(path, edit)
    rng = random.Random(megabytes)
    text = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(megabytes * 1024 * 1024 // 3))
    shared = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
              f'2006/main" count="{rows}" uniqueCount="1"><si><t>{text}</t></si></sst>')
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members["xl/worksheets/sheet1.xml"] = re.sub(rb'<c r="(B\d+)"([^>]*) t="inlineStr"><is><t>@@BIG@@</t></is></c>',
                                                 rb'<c r="\1"\2 t="s"><v>0</v></c>', members["xl/worksheets/sheet1.xml"])
    members["xl/sharedStrings.xml"] = shared.encode()
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(b"</Types>", (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'spreadsheetml.sharedStrings+xml"/></Types>'))
    members["xl/_rels/workbook.xml.rels"] = members["xl/_rels/workbook.xml.rels"].replace(b"</Relationships>", (
        b'<Relationship Id="rIdShared" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'sharedStrings" Target="sharedStrings.xml"/></Relationships>'))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, body in members.items():
            archive.writestr(member, body)
    return path


def many_merged_ranges(path: Path, ranges: int = 3000, rows: int = 500, cols: int = 100) -> Path:
    """``ranges`` overlapping merged ranges of ``rows`` × ``cols`` cells, each one row below the last."""
    def edit(book, sheet, cell):
        last_col = openpyxl.utils.get_column_letter(26 + cols)
        for n in range(ranges):
            ref = f"AA{1000 + n}:{last_col}{1000 + n + rows - 1}"
            sheet.merged_cells.ranges.add(openpyxl.worksheet.cell_range.CellRange(ref))
    return _edit_workbook(path, edit)


def many_cells(path: Path, cells: int, seed: int = 1) -> Path:
    """A workbook whose first table sheet holds ``cells`` numeric cells (written as raw XML rows)."""
    base_workbook(path)
    rng = random.Random(seed)
    width = 50
    rows = []
    for r in range(1, cells // width + 1):
        row = "".join(f'<c r="{openpyxl.utils.get_column_letter(c)}{r}"><v>{rng.randint(0, 99999)}</v></c>'
                      for c in range(1, width + 1))
        rows.append(f'<row r="{r}">{row}</row>')
    sheet_xml = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                 f'spreadsheetml/2006/main"><sheetData>{"".join(rows)}</sheetData></worksheet>')
    _replace_member(path, "xl/worksheets/sheet2.xml", sheet_xml.encode())
    return path


def _replace_member(path: Path, name: str, data: bytes) -> None:
    with zipfile.ZipFile(path) as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, body in members:
            archive.writestr(member, data if member == name else body)


# ---------------------------------------------------------------- random shapes (benchmarks/fuzz_long.py)

NUMBER_FORMATS = ("decimal", "decimalZero", "upperRoman", "lowerRoman", "upperLetter", "lowerLetter",
                  "chineseCounting", "ideographDigital", "chineseLegalSimplified", "ideographTraditional",
                  "decimalEnclosedCircle", "decimalFullWidth", "bullet", "none", "nonsense")


def random_shape(rng: random.Random, folder: Path, number: int) -> tuple[str, Path]:
    """One small hostile file of a random kind and size: (description, path)."""
    kind = rng.choice(("numbering", "numbering", "formula", "formula", "sheet", "sheet", "word"))
    if kind == "numbering":
        fmt, start = rng.choice(NUMBER_FORMATS), rng.choice((-(10 ** rng.randint(1, 30)), 0, 10 ** rng.randint(0, 30)))
        text = "".join(rng.choice(("%1", "%2", "%9", "、", "第", ".")) for _ in range(rng.choice((1, 3, 50, 5000))))
        items = rng.choice((1, 10, 500))
        return (f"numbering {fmt} start {start} text {len(text)} chars {items} items",
                numbered_list(folder / f"{number}.docx", fmt, start, text, items))
    if kind == "formula":
        if rng.random() < 0.5:
            fan_out, depth = rng.randint(2, 12), rng.randint(1, 25)
            return f"formula fan-out {fan_out} depth {depth}", formula_fan_out(folder / f"{number}.xlsx", fan_out, depth)
        if rng.random() < 0.5:
            count = rng.choice((10, 49, 51, 500, 5000))
            return f"formula {count} nested SUMs", nested_sums(folder / f"{number}.xlsx", count)
        digits = rng.choice((15, 16, 19, 400, 4301, 6000))
        return f"formula number of {digits} digits", long_number_formula(folder / f"{number}.xlsx", digits)
    if kind == "sheet":
        choice = rng.random()
        if choice < 0.3:
            where = f"{rng.choice(('Z', 'AZ', 'XFD'))}{rng.choice((200, 20000, 1048576))}"
            return f"stray cell at {where}", stray_cell(folder / f"{number}.xlsx", where)
        if choice < 0.6:
            ranges, rows, cols = rng.choice((10, 300, 3000)), rng.choice((1, 50, 500)), rng.choice((1, 20, 100))
            return (f"{ranges} merged ranges of {rows}x{cols}",
                    many_merged_ranges(folder / f"{number}.xlsx", ranges, rows, cols))
        if choice < 0.8:
            cells = rng.choice((1000, 49_000, 51_000, 400_000))
            return f"{cells} cells", many_cells(folder / f"{number}.xlsx", cells, seed=number)
        return "a date in a count cell", date_in_count_cell(folder / f"{number}.xlsx")
    choice = rng.random()
    if choice < 0.3:
        tables = rng.choice((100, 5000, 20000))
        return f"{tables} continued tables", many_tables(folder / f"{number}.docx", tables)
    if choice < 0.6:
        depth = rng.choice((10, 80, 90, 200))
        return f"tables nested {depth} deep", nested_tables(folder / f"{number}.docx", depth)
    if choice < 0.8:
        count = rng.choice((1000, 240_000, 260_000, 1_200_000))
        return f"{count} empty paragraphs", empty_paragraphs(folder / f"{number}.docx", count)
    styles, filler = rng.choice((10, 2000)), rng.choice((1, 10))
    return f"{styles} styles after {filler} MB", many_styles(folder / f"{number}.docx", styles, filler)
