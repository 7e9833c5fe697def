"""Export a report as a publication-ready Word document (GB/T 9704 typography, official tables).

The title, then the sections of the report's edition in order (preamble first, without a heading);
the three statistics tables follow the official layout computed from the edition data: merged
column headers (``header_bands``), row-label columns from each row's ``path`` (vertically merged
groups such as 三、本年度办理结果 and （三）不予公开), the 勾稽关系 note in the corner cell, active-table
blocks each with its 第二十条第（X）项 row and 信息内容 header, and one-row tables as a single row.
A blank cell is written blank (the UI warns before export); unreadable raw text is written as is.
"""
from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from app.atomic import atomic_write_bytes
from app.editions import TableSpec
from app.write.docx_style import (KAI, STYLE_BODY, STYLE_H1, STYLE_H2, STYLE_TABLE, STYLE_TITLE, TEXT_WIDTH,
                                  apply_table_layout, keep_row_together, set_fonts, setup_document, sub_element)
from app.registry import exporter
from app.write.column_widths import column_widths, text_length
from app.write.docx_package import APPLICATION, clean_package
from app.write.marks import CLOSING, GENERATED_TITLE
from app.write.table_layout import keep_with_next_rows, table_layout
from app.write.title_lines import title_lines
from app.report import Report, format_cell, standard_title
from app.report_json import FORMAT

_STYLES = (STYLE_TITLE, STYLE_H1, STYLE_H2, STYLE_BODY, STYLE_TABLE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\r\ufffe\uffff]")
_SUBHEADING = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
_RUN_IN_END = re.compile(r"[。：:！？]")
_RUN_IN_MAX = 30                 # a run-in heading ends within this many characters, or it is body text


@exporter(".docx")
def write_docx(report: Report, path: Path) -> None:
    export_docx(report, path)


def export_docx(report: Report, path: Path, *, signature: bool = True, date: str | None = None) -> None:
    """Write ``report`` to ``path`` atomically. ``signature`` (on by default) ends the document with
    the organ and the date (成文日期, ``date`` or today) right-aligned as GB/T 9704 places them;
    without it, ``date`` alone adds a 发布日期 line."""
    doc = build_document(report, signature=signature, date=date)
    buffer = io.BytesIO()
    doc.save(buffer)
    atomic_write_bytes(Path(path), buffer.getvalue())




def build_document(report: Report, *, signature: bool = True, date: str | None = None):
    doc = Document()
    setup_document(doc)
    clean_package(doc)
    # Style ids resolved once: python-docx looks a style name up by scanning every style.
    doc._nianbao_styles = {name: doc.styles[name].style_id for name in _STYLES}
    title = report.title or standard_title(report.organ, report.year) or "政府信息公开工作年度报告"
    signature = signature and bool(report.organ)
    _properties(doc, report, title, 2 if signature else (1 if date else 0))
    _title(doc, title)
    _para(doc, "", STYLE_BODY)
    spec = report.spec
    for section in spec.sections:
        if section.number:
            _para(doc, section.title, STYLE_H1)
        if section.kind == "table":
            _add_table(doc, report, spec.table(section.id))
        else:
            _add_text(doc, report.sections.get(section.id, ""))
    _add_closing(doc, report, signature, date)
    return doc


def _title(doc, title: str) -> None:
    """The title, broken between words into a 梯形/菱形 (title_lines) when it needs more than a line."""
    lines = title_lines(_clean(title))
    paragraph = _para(doc, lines[0], STYLE_TITLE)
    for line in lines[1:]:
        paragraph.runs[-1].add_break()
        paragraph.add_run(line)


def _clean(text: str) -> str:
    """Text without the control characters XML cannot hold (pasted page breaks, NULs)."""
    return _CONTROL.sub("", text)


def _para(doc, text: str, style: str):
    paragraph = doc.add_paragraph(_clean(text))
    paragraph._p.style = doc._nianbao_styles[style]
    return paragraph


def _properties(doc, report: Report, title: str, lines: int) -> None:
    """Document properties: title, the organ as author and subject, and the round-trip marker."""
    props = doc.core_properties
    props.title, props.subject = _clean(title), _clean(report.organ)
    props.author = props.last_modified_by = _clean(report.organ) or APPLICATION
    props.comments = props.category = ""
    props.keywords = f"{FORMAT};edition={report.edition};year={report.year or ''}"
    if not report.title:
        props.keywords += f";{GENERATED_TITLE}"  # the report had no title: importing gives "" back
    if lines:
        props.keywords += f";{CLOSING}{lines}"
    props.created = props.modified = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    props.revision = 1


def _add_text(doc, text: str) -> None:
    if not text:
        return
    for line in _clean(text).split("\n"):
        _add_narrative_paragraph(doc, line)


def _add_narrative_paragraph(doc, line: str) -> None:
    """Body text; a paragraph opening with （一） gets its run-in heading, up to the first 。 or ：,
    in 楷体 (a short one is all heading); without such an end the paragraph is all body text."""
    match = _SUBHEADING.match(line)
    if not match:
        _para(doc, line, STYLE_BODY)
        return
    if len(line) <= 40 and "。" not in line.rstrip("。"):
        _para(doc, line, STYLE_H2)
        return
    stop = _RUN_IN_END.search(line, match.end())
    if stop is None or stop.end() > _RUN_IN_MAX:          # no heading of its own: all body text
        _para(doc, line, STYLE_BODY)
        return
    paragraph = _para(doc, "", STYLE_BODY)
    head = line[: stop.end()]
    run = paragraph.add_run(head)
    set_fonts(run._r.get_or_add_rPr(), KAI)
    paragraph.add_run(line[len(head):])


def _add_closing(doc, report: Report, signature: bool, date: str | None) -> None:
    """落款 (GB/T 9704 7.3.5): one blank line, the organ, and below it the date (成文日期) four
    characters from the right margin, the organ centred over the date (a longer organ two
    characters from the right, the date centred under it); kept on the page of the last text."""
    if not signature and not date:
        return
    if doc.paragraphs:
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
    _para(doc, "", STYLE_BODY).paragraph_format.keep_with_next = True
    if not signature:
        _closing_line(doc, f"发布日期：{date}", 4.0, last=True)
        return
    date = date or today_text()
    organ, dated = text_length(report.organ), text_length(date)
    organ_right = 4 + (dated - organ) / 2 if organ <= dated else 2.0
    date_right = 4.0 if organ <= dated else 2 + (organ - dated) / 2
    _closing_line(doc, report.organ, organ_right, last=False)
    _closing_line(doc, date, date_right, last=True)


def _closing_line(doc, text: str, right_chars: float, *, last: bool) -> None:
    paragraph = _para(doc, text, STYLE_BODY)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.paragraph_format.right_indent = Pt(round(16 * right_chars, 1))   # characters of 三号
    paragraph.paragraph_format.keep_with_next = not last


def today_text() -> str:
    day = datetime.date.today()
    return f"{day.year}年{day.month}月{day.day}日"


# ---------------------------------------------------------------- tables

def _add_table(doc, report: Report, table: TableSpec) -> None:
    """The table in its official layout, written as WordprocessingML rows with gridSpan/vMerge merges
    (python-docx's cell merging is quadratic). The table flows across pages: rows are never split,
    header rows repeat on every page and stay with the first body row, and the rows of an
    active-table block (its label, its 信息内容 header, its rows) stay together."""
    layout = table_layout(table)
    texts = {}
    for v in layout.values:
        texts.setdefault(v.col, []).append(_cell_text(report, table.id, v.row_id, v.col_id))
    widths = column_widths(layout, TEXT_WIDTH.mm, texts)
    grid = doc.add_table(rows=0, cols=layout.cols)
    apply_table_layout(grid, widths)
    owners: dict[tuple[int, int], tuple] = {}
    areas = [(b.top, b.left, b.bottom, b.right, b.text, b.role == "label") for b in layout.boxes]
    not_applicable = report.spec.not_applicable_cells(report.organ)
    areas += [(v.row, v.col, v.row, v.right, _cell_text(report, table.id, v.row_id, v.col_id, not_applicable), False)
              for v in layout.values]
    for area in areas:
        for row in range(area[0], area[2] + 1):
            for col in range(area[1], area[3] + 1):
                owners[(row, col)] = area
    style_id = doc._nianbao_styles[STYLE_TABLE]
    keep = keep_with_next_rows(layout)
    for row in range(layout.rows):
        tr = grid._tbl._add_tr()
        keep_row_together(tr, header=row < layout.header_rows)
        col = 0
        while col < layout.cols:
            area = owners.get((row, col)) or (row, col, row, col, "", False)
            tr.append(_tc(area, row, sum(widths[area[1]:area[3] + 1]), style_id, row in keep))
            col = area[3] + 1


def _tc(area, row: int, width_mm: float, style_id: str, keep_next: bool):
    top, left, bottom, right, text, left_align = area
    tc = OxmlElement("w:tc")
    tc_pr = OxmlElement("w:tcPr")
    sub_element(tc_pr, "w:tcW", {"w:w": str(round(width_mm * 72 / 25.4 * 20)), "w:type": "dxa"})
    if right > left:
        sub_element(tc_pr, "w:gridSpan", {"w:val": str(right - left + 1)})
    if bottom > top:
        sub_element(tc_pr, "w:vMerge", {"w:val": "restart"} if row == top else {})
    sub_element(tc_pr, "w:vAlign", {"w:val": "center"})
    tc.append(tc_pr)
    p = OxmlElement("w:p")
    p_pr = OxmlElement("w:pPr")
    sub_element(p_pr, "w:pStyle", {"w:val": style_id})
    if keep_next:
        sub_element(p_pr, "w:keepNext", {})
    if left_align:
        sub_element(p_pr, "w:jc", {"w:val": "left"})
    p.append(p_pr)
    if row == top and text:
        run = sub_element(p, "w:r", {})
        t = sub_element(run, "w:t", {"xml:space": "preserve"})
        t.text = _clean(text)
    tc.append(p)
    return tc


def _cell_text(report: Report, table: str, row: str, column: str, not_applicable=frozenset()) -> str:
    raw = report.invalid.get(f"{table}.{row}.{column}")
    if raw is None and f"{table}.{row}.{column}" in not_applicable and report.get(table, row, column) is None:
        return "/"          # a cell that does not apply to this organ
    return raw if raw is not None else format_cell(report.get(table, row, column))
