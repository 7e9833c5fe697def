"""The reviewer's list as a Word document, in the report's GB/T 9704 typography (docx_style).

Title (二号 小标宋), the facts (organ, year, date of the check, verdict) in 仿宋 三号, one sentence
asking the township to answer, then a 五号 table with a repeated header row: 序号, 级别, 位置, 问题,
应为, 实为, 说明/处理意见 (blank for open findings, the reason for explained ones).
"""
from __future__ import annotations

import datetime
import io
import re
from copy import deepcopy
from functools import lru_cache
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from app.atomic import atomic_write_bytes
from app.checks.findings import Finding
from app.report import Report
from app.write.docx_style import (STYLE_BODY, STYLE_TABLE, STYLE_TITLE, apply_table_layout, keep_row_together,
                                  setup_document, sub_element)
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
    """Rows written as WordprocessingML directly (python-docx's cell access is quadratic in rows);
    the header row repeats on every page, no row splits across pages."""
    table = doc.add_table(rows=0, cols=len(HEADERS))
    apply_table_layout(table, list(WIDTHS_MM))
    style_id = doc.styles[STYLE_TABLE].style_id
    rows = {header: _row_prototype(table, header) for header in (True, False)}
    for number, values in enumerate(lines):
        tr = deepcopy(rows[number == 0])
        table._tbl.append(tr)
        for column, text in enumerate(values):
            tr.append(_cell(text, WIDTHS_MM[column], style_id, head=number == 0,
                            left=number > 0 and column in _LEFT_COLUMNS))


def _row_prototype(table, header: bool):
    tr = table._tbl._add_tr()
    keep_row_together(tr, header=header)
    table._tbl.remove(tr)
    return tr


def _cell(text: str, width_mm: float, style_id: str, *, head: bool, left: bool):
    """A table cell: a copy of the prepared cell of its kind (building elements one by one is slow)."""
    tc = deepcopy(_prototype(width_mm, style_id, head, left))
    run = tc.find(f"{qn('w:p')}/{qn('w:r')}")
    if text:
        run.find(qn("w:t")).text = _CONTROL.sub("", text)
    else:
        run.getparent().remove(run)
    return tc


@lru_cache(maxsize=64)
def _prototype(width_mm: float, style_id: str, head: bool, left: bool):
    tc = OxmlElement("w:tc")
    tc_pr = sub_element(tc, "w:tcPr", {})
    sub_element(tc_pr, "w:tcW", {"w:w": str(round(width_mm * 72 / 25.4 * 20)), "w:type": "dxa"})
    sub_element(tc_pr, "w:vAlign", {"w:val": "center"})
    p = sub_element(tc, "w:p", {})
    p_pr = sub_element(p, "w:pPr", {})
    sub_element(p_pr, "w:pStyle", {"w:val": style_id})
    if left:
        sub_element(p_pr, "w:jc", {"w:val": "left"})
    run = sub_element(p, "w:r", {})
    if head:
        sub_element(sub_element(run, "w:rPr", {}), "w:b", {})
    sub_element(run, "w:t", {"xml:space": "preserve"})
    return tc


