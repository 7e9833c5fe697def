"""Web pages built from a Report the way government sites publish the annual report.

The tables follow the official layout's merges (app/write/table_layout.py boxes → rowspan/colspan),
and the page options add what real pages carry: site navigation and breadcrumbs, a footer, scripts
and styles, hidden elements, cells wrapped in <p><span> with &nbsp;, source line breaks inside
Chinese text, headings as <h2> or bold paragraphs, a layout table around the content.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from app.report import Report, format_cell
from app.write.table_layout import table_layout
from tests.core.docx_fixtures import HEADINGS


# What an information-disclosure page shows above the document: catalogue data, counters, font links.
CATALOGUE = ("<table class=\"xxgk\"><tr><td>索引号：</td><td>11450000MB1234567X/2021-00012</td><td>分类：</td>"
             "<td>年度报告</td></tr><tr><td>发布机构：</td><td>阁山镇人民政府</td><td>生成日期：</td><td>2022-01-20</td></tr>"
             "<tr><td>名称：</td><td colspan=3>阁山镇人民政府政府信息公开工作年度报告</td></tr>"
             "<tr><td>文号：</td><td></td><td>主题词：</td><td></td></tr></table>\n"
             "<div class=\"info\">发布时间：2022-01-20 09:30\u3000来源：阁山镇人民政府\u3000浏览次数：<span>128</span></div>\n"
             "<div class=\"tools\">【字体：<a>大</a> <a>中</a> <a>小</a>】 <a>打印本页</a></div>\n")


@dataclass
class Page:
    chrome: bool = True             # navigation, breadcrumbs, catalogue data, footer, scripts, hidden text
    heading_tag: str = "h2"         # h2 | p-strong
    wrapped_cells: bool = False     # <td><p><span>1</span></p></td>, blanks as &nbsp;
    broken_lines: bool = False      # the source wraps Chinese text (and cell labels) over lines
    layout_table: bool = False      # the whole article inside a one-column layout table
    charset: str = "utf-8"


def report_html(report: Report, page: Page | None = None) -> str:
    page = page or Page()
    body = [_title(report, page)] + _sections(report, page)
    article = "\n".join(body)
    if page.layout_table:
        article = f'<table width="100%"><tr><td>\n{article}\n</td></tr></table>'
    head = (f'<head><meta http-equiv="Content-Type" content="text/html; charset={page.charset}">'
            f"<title>{html.escape(report.title or '年度报告')}_政府网</title>"
            "<style>td{border:1px solid #000}</style></head>")
    chrome_top = chrome_bottom = ""
    if page.chrome:
        chrome_top = ('<div class="nav"><a href="/">首页</a><a href="/zwgk">政务公开</a><a href="/xxgk">信息公开</a>'
                      '<a href="/hd">互动交流</a></div>\n<div class="crumb">当前位置：<a href="/">首页</a> &gt; '
                      '<a href="/nb">政府信息公开年报</a></div>\n<script>var x = "一、总体情况 1 2 3";</script>\n'
                      '<div style="display: none">二、主动公开政府信息情况 99</div>\n' + CATALOGUE)
        chrome_bottom = ('<footer>主办单位：某某人民政府 网站标识码 4501000001</footer>\n'
                         '<ul class="related"><li><a href="/1">2019年年度报告</a></li>'
                         '<li><a href="/2">2018年年度报告</a></li></ul>')
    return (f"<!DOCTYPE html>\n<html>{head}<body>\n{chrome_top}<div class=\"article\">\n{article}\n</div>\n"
            f"{chrome_bottom}\n</body></html>\n")


def _title(report: Report, page: Page) -> str:
    return f"<h1>{_text(report.title, page)}</h1>" if report.title else ""


def _text(text: str, page: Page) -> str:
    escaped = html.escape(text)
    if page.broken_lines and len(text) > 12 and "\u4e00" <= text[10] <= "\u9fff" and "\u4e00" <= text[9] <= "\u9fff":
        return escaped[:10] + "\n      " + escaped[10:]       # (escaping leaves plain Chinese text alone)
    return escaped


def _sections(report: Report, page: Page) -> list[str]:
    out = _paragraphs(report.sections["preamble"], page)
    for section in report.spec.sections:
        if section.id == "preamble":
            continue
        heading = html.escape(HEADINGS[section.id])
        out.append(f"<h2>{heading}</h2>" if page.heading_tag == "h2" else f"<p><strong>{heading}</strong></p>")
        if section.kind == "text":
            out.extend(_paragraphs(report.sections[section.id], page))
        else:
            out.append(table_html(report, section.id, page))
    return out


def _paragraphs(text: str, page: Page) -> list[str]:
    return [f'<p style="text-indent:2em">{_text(line, page)}</p>' for line in text.split("\n") if line]


def table_html(report: Report, table_id: str, page: Page | None = None) -> str:
    """The table in the official layout: one <td> per merged box or value cell, with its spans."""
    page = page or Page()
    spec = report.spec.table(table_id)
    layout = table_layout(spec)
    starts: dict[tuple[int, int], str] = {}
    for box in layout.boxes:
        starts[(box.top, box.left)] = _td(_text(box.text, page), box.bottom - box.top + 1, box.right - box.left + 1)
    for cell in layout.values:
        value = report.get(table_id, cell.row_id, cell.col_id)
        text = format_cell(value) if value is not None else ""
        if page.wrapped_cells:
            text = f'<p align="center"><span style="font-size:12px">{text or "&nbsp;"}</span></p>'
        starts[(cell.row, cell.col)] = _td(text, 1, cell.right - cell.col + 1)
    rows = []
    for r in range(layout.rows):
        cells = "".join(starts[(r, c)] for c in range(layout.cols) if (r, c) in starts)
        rows.append(f"<tr>{cells}</tr>")
    return '<table border="1" cellspacing="0">\n<tbody>\n' + "\n".join(rows) + "\n</tbody></table>"


def _td(inner: str, rowspan: int, colspan: int) -> str:
    attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
    return f"<td{attrs}>{inner}</td>"
