"""The reviewer's list as a Word document, in the report's GB/T 9704 typography (docx_style).

Title (二号 小标宋), the facts (organ, year, date of the check, verdict) in 仿宋 三号, one sentence
asking the township to answer, then a 五号 table with a repeated header row: 序号, 级别, 位置, 问题,
应为, 实为, 说明/处理意见 (blank for open findings, the reason for explained ones).
"""
from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH

from app.atomic import atomic_write_bytes
from app.checks.findings import Finding
from app.report import Report
from app.write.docx_style import (STYLE_BODY, STYLE_TABLE, STYLE_TITLE, apply_table_layout, keep_row_together,
                                  setup_document)
from app.write.findings_rows import HEADERS, finding_rows, list_facts, list_title

WIDTHS_MM = (9.0, 10.0, 31.0, 43.0, 17.0, 17.0, 29.0)   # fills the 156 mm type area
_LEFT_COLUMNS = {2, 3, 6}
_TITLE_TAIL = "政府信息公开工作年度报告检查结果"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\r\ufffe\uffff]")
REQUEST = "请对下列问题逐项核实，在“说明/处理意见”栏填写处理情况后报回。已说明的问题列在最后，附说明理由。"


def write_list(report: Report, findings: list[Finding], path: Path,
               today: datetime.date | None = None) -> None:
    doc = build_list(report, findings, today)
    buffer = io.BytesIO()
    doc.save(buffer)
    atomic_write_bytes(Path(path), buffer.getvalue())


def build_list(report: Report, findings: list[Finding], today: datetime.date | None = None):
    doc = Document()
    setup_document(doc)
    title = list_title(report)
    doc.core_properties.title, doc.core_properties.subject = title, report.organ
    doc.core_properties.author = "政务公开年报助手"
    _title(doc, title)
    _para(doc, "", STYLE_BODY)
    for label, value in list_facts(report, findings, today):
        _para(doc, f"{label}：{value}", STYLE_BODY)
    _para(doc, REQUEST if findings else "未发现问题。", STYLE_BODY)
    if findings:
        _table(doc, [HEADERS, *[_cells(row) for row in finding_rows(report, findings)]])
    return doc


def _title(doc, title: str) -> None:
    """Broken before 政府信息公开工作年度报告检查结果, which fills one line of 二号 type."""
    paragraph = _para(doc, title.removesuffix(_TITLE_TAIL), STYLE_TITLE)
    if title.endswith(_TITLE_TAIL):
        paragraph.runs[0].add_break()
        paragraph.add_run(_TITLE_TAIL)


def _para(doc, text: str, style: str):
    paragraph = doc.add_paragraph(_CONTROL.sub("", text))
    paragraph.style = doc.styles[style]
    return paragraph


def _cells(row) -> tuple[str, ...]:
    return (str(row.number), row.level, row.place, row.problem, row.expected, row.found, row.reason)


def _table(doc, lines: list[tuple[str, ...]]) -> None:
    table = doc.add_table(rows=len(lines), cols=len(HEADERS))
    apply_table_layout(table, list(WIDTHS_MM))
    style = doc.styles[STYLE_TABLE]
    for number, (row, values) in enumerate(zip(table.rows, lines)):
        keep_row_together(row._tr, header=number == 0)
        for column, (cell, text) in enumerate(zip(row.cells, values)):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = cell.paragraphs[0]
            paragraph.style = style
            if number and column in _LEFT_COLUMNS:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            run = paragraph.add_run(_CONTROL.sub("", text))
            run.bold = number == 0 or None
