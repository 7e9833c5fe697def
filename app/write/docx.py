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
                               apply_table_layout, keep_row_together, set_fonts, setup_document)
from app.registry import exporter
from app.write.table_layout import Layout, table_layout
from app.report import Report, format_cell, standard_title
from app.report_json import FORMAT

_STYLES = (STYLE_TITLE, STYLE_H1, STYLE_H2, STYLE_BODY, STYLE_TABLE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\r\ufffe\uffff]")
_SUBHEADING = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
_LABEL_WIDTHS = {0: [], 1: [52.0], 2: [16.0, 54.0], 3: [12.0, 15.0, 51.0]}   # mm, by number of label columns


@exporter(".docx")
def write_docx(report: Report, path: Path) -> None:
    export_docx(report, path)


def export_docx(report: Report, path: Path, *, signature: bool = False, date: str | None = None) -> None:
    """Write ``report`` to ``path`` atomically; ``signature`` adds organ and date lines at the end,
    ``date`` alone adds a 发布日期 line."""
    doc = build_document(report, signature=signature, date=date)
    buffer = io.BytesIO()
    doc.save(buffer)
    atomic_write_bytes(Path(path), buffer.getvalue())


GENERATED_TITLE = "title=generated"


def build_document(report: Report, *, signature: bool = False, date: str | None = None):
    doc = Document()
    setup_document(doc)
    # Style ids resolved once: python-docx looks a style name up by scanning every style.
    doc._nianbao_styles = {name: doc.styles[name].style_id for name in _STYLES}
    title = report.title or standard_title(report.organ, report.year) or "政府信息公开工作年度报告"
    _properties(doc, report, title)
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


_TITLE_TAIL = "政府信息公开工作年度报告"
_TITLE_LINE = 16  # characters of 二号 type that fit one line of the 156 mm text width


def _title(doc, title: str) -> None:
    """The title, broken before 政府信息公开工作年度报告 when it cannot fit on one line (as official
    documents do) rather than wherever the line happens to end."""
    head = title[: -len(_TITLE_TAIL)] if title.endswith(_TITLE_TAIL) else ""
    if len(title) <= _TITLE_LINE or not head:
        _para(doc, title, STYLE_TITLE)
        return
    paragraph = _para(doc, head, STYLE_TITLE)
    paragraph.runs[0].add_break()
    paragraph.add_run(_clean(_TITLE_TAIL))


def _clean(text: str) -> str:
    """Text without the control characters XML cannot hold (pasted page breaks, NULs)."""
    return _CONTROL.sub("", text)


def _para(doc, text: str, style: str):
    paragraph = doc.add_paragraph(_clean(text))
    paragraph._p.style = doc._nianbao_styles[style]
    return paragraph


def _properties(doc, report: Report, title: str) -> None:
    """Document properties: title, organ as subject, and what a reader may use to identify the report."""
    props = doc.core_properties
    props.title, props.subject = title, report.organ
    props.author = props.last_modified_by = "政务公开年报助手"
    props.keywords = f"{FORMAT};edition={report.edition};year={report.year or ''}"
    if not report.title:
        props.keywords += f";{GENERATED_TITLE}"  # the report had no title: importing gives "" back
    props.created = props.modified = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    props.revision = 1


def _add_text(doc, text: str) -> None:
    if not text:
        return
    for line in _clean(text).split("\n"):
        _add_narrative_paragraph(doc, line)


def _add_narrative_paragraph(doc, line: str) -> None:
    """Body text; a paragraph opening with （一） gets its run-in heading in 楷体 (a short one is all heading)."""
    match = _SUBHEADING.match(line)
    if not match:
        _para(doc, line, STYLE_BODY)
        return
    if len(line) <= 40 and "。" not in line.rstrip("。"):
        _para(doc, line, STYLE_H2)
        return
    paragraph = _para(doc, "", STYLE_BODY)
    stop = line.find("。", match.end())
    head = line[: stop + 1] if 0 <= stop <= 40 else match.group(0)
    run = paragraph.add_run(head)
    set_fonts(run._r.get_or_add_rPr(), KAI)
    paragraph.add_run(line[len(head):])


def _add_closing(doc, report: Report, signature: bool, date: str | None) -> None:
    if not signature and not date:
        return
    _para(doc, "", STYLE_BODY)
    lines = [report.organ, date or _today()] if signature else [f"发布日期：{date}"]
    for text in lines:
        paragraph = _para(doc, text, STYLE_BODY)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.first_line_indent = None
        paragraph.paragraph_format.right_indent = Pt(16 * 4)   # four characters of 三号


def _today() -> str:
    day = datetime.date.today()
    return f"{day.year}年{day.month}月{day.day}日"


# ---------------------------------------------------------------- tables

def _add_table(doc, report: Report, table: TableSpec) -> None:
    """The table in its official layout, written as WordprocessingML rows with gridSpan/vMerge merges
    (python-docx's cell merging is quadratic); header rows repeat, rows are never split."""
    layout = table_layout(table)
    widths = _widths(layout)
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
    for row in range(layout.rows):
        tr = grid._tbl._add_tr()
        keep_row_together(tr, header=row < layout.header_rows)
        col = 0
        while col < layout.cols:
            area = owners.get((row, col)) or (row, col, row, col, "", False)
            keep = row < layout.rows - 1         # the table stays on one page where it fits
            tr.append(_tc(area, row, sum(widths[area[1]:area[3] + 1]), style_id, keep))
            col = area[3] + 1


def _tc(area, row: int, width_mm: float, style_id: str, keep_next: bool):
    top, left, bottom, right, text, left_align = area
    tc = OxmlElement("w:tc")
    tc_pr = OxmlElement("w:tcPr")
    _sub(tc_pr, "w:tcW", {"w:w": str(round(width_mm * 72 / 25.4 * 20)), "w:type": "dxa"})
    if right > left:
        _sub(tc_pr, "w:gridSpan", {"w:val": str(right - left + 1)})
    if bottom > top:
        _sub(tc_pr, "w:vMerge", {"w:val": "restart"} if row == top else {})
    _sub(tc_pr, "w:vAlign", {"w:val": "center"})
    tc.append(tc_pr)
    p = OxmlElement("w:p")
    p_pr = OxmlElement("w:pPr")
    _sub(p_pr, "w:pStyle", {"w:val": style_id})
    if keep_next:
        _sub(p_pr, "w:keepNext", {})
    if left_align:
        _sub(p_pr, "w:jc", {"w:val": "left"})
    p.append(p_pr)
    if row == top and text:
        run = _sub(p, "w:r", {})
        t = _sub(run, "w:t", {"xml:space": "preserve"})
        t.text = _clean(text)
    tc.append(p)
    return tc


def _sub(parent, tag: str, attrs: dict):
    child = OxmlElement(tag)
    for key, value in attrs.items():
        child.set(qn(key), value)
    parent.append(child)
    return child


def _widths(layout: Layout) -> list[float]:
    """Column widths in mm filling the type area: label columns first, values share the rest."""
    labels = _LABEL_WIDTHS[layout.label_cols]
    rest = (TEXT_WIDTH.mm - sum(labels)) / (layout.cols - len(labels))
    return [*labels, *[rest] * (layout.cols - len(labels))]


def _cell_text(report: Report, table: str, row: str, column: str, not_applicable=frozenset()) -> str:
    raw = report.invalid.get(f"{table}.{row}.{column}")
    if raw is None and f"{table}.{row}.{column}" in not_applicable and report.get(table, row, column) is None:
        return "/"          # a cell that does not apply to this organ
    return raw if raw is not None else format_cell(report.get(table, row, column))
