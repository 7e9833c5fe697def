"""Export a report as a standalone web page, and the three tables for the clipboard.

The page is what a county website publishes: UTF-8, no scripts, no external files; the title in
<h1>, the six sections in order (section headings in <h2>, short （一） sub-headings in <h3>,
paragraphs in <p>), and the statistics tables in their official layout (``table_layout``) as
plain <table>s whose merged headers and row groups are rowspan/colspan, header rows in <thead>.
It imports back through the .html reader into the same report.

``tables_for_clipboard`` gives the three tables as an HTML fragment with inline styles (a website
editor, WPS or Word keeps the merged cells) and as tab-separated text (Excel), one table after
the other. The PDF export (ui/pdf_export.py) lays out the same tables.
"""
from __future__ import annotations

import re
from html import escape
from pathlib import Path

from app.atomic import atomic_write_bytes
from app.editions import TableSpec
from app.registry import exporter
from app.report import Report, format_cell, standard_title
from app.report_json import FORMAT
from app.write.marks import GENERATED_TITLE
from app.write.column_widths import column_widths
from app.write.table_layout import Layout, table_layout

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\r\ufffe\uffff]")
_SUBHEADING = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
_CELL_STYLE = "border:1px solid #000;padding:2px 4px;"

PAGE_CSS = """
body { max-width: 48em; margin: 2em auto; padding: 0 1em; font-family: "仿宋_GB2312", "仿宋", FangSong,
       STFangsong, serif; font-size: 16pt; line-height: 1.8; color: #000; background: #fff; }
h1 { font-family: "方正小标宋简体", "小标宋", "宋体", SimSun, serif; font-size: 22pt; font-weight: normal;
     text-align: center; margin: 1em 0; }
h2 { font-family: "黑体", SimHei, sans-serif; font-size: 16pt; font-weight: normal; margin: 0;
     text-indent: 2em; }
h3 { font-family: "楷体_GB2312", "楷体", KaiTi, serif; font-size: 16pt; font-weight: normal; margin: 0;
     text-indent: 2em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
table { width: 100%; border-collapse: collapse; margin: 0.5em auto 1em; font-family: "宋体", SimSun, serif;
        font-size: 10.5pt; line-height: 1.4; }
th, td { border: 1px solid #000; padding: 2px 4px; text-align: center; vertical-align: middle;
         font-weight: normal; }
td.label { text-align: left; }
"""


@exporter(".html", ".htm")
def write_html(report: Report, path: Path) -> None:
    atomic_write_bytes(Path(path), page_html(report).encode("utf-8"))


def page_html(report: Report) -> str:
    title = report.title or standard_title(report.organ, report.year) or "政府信息公开工作年度报告"
    keywords = f"{FORMAT};edition={report.edition};year={report.year or ''}"
    if not report.title:
        keywords += f";{GENERATED_TITLE}"      # read back untitled, as from the .docx
    head = (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_text(title)}</title>\n"
            f'<meta name="author" content="{_text(report.organ)}">\n'
            f'<meta name="subject" content="{_text(report.organ)}">\n'
            f'<meta name="keywords" content="{_text(keywords)}">\n'
            f"<style>{PAGE_CSS}</style>\n</head>\n<body>\n")
    return head + "\n".join(body_parts(report, title)) + "\n</body>\n</html>\n"


def body_parts(report: Report, title: str) -> list[str]:
    """The title, then each section of the edition in order."""
    parts = [f"<h1>{_text(title)}</h1>"]
    for section in report.spec.sections:
        if section.number:
            parts.append(f"<h2>{_text(section.title)}</h2>")
        if section.kind == "table":
            parts.append(table_html(report, report.spec.table(section.id)))
        else:
            parts.extend(_narrative(report.sections.get(section.id, "")))
    return parts


def narrative_lines(text: str) -> list[str]:
    """The paragraphs of a narrative section, without characters a page cannot hold."""
    return _CONTROL.sub("", text).split("\n") if text else []


def is_subheading(line: str) -> bool:
    """A short line opening with （一） is a sub-heading of its own (as in the .docx)."""
    return bool(_SUBHEADING.match(line)) and len(line) <= 40 and "。" not in line.rstrip("。")


def _narrative(text: str) -> list[str]:
    return [f"<h3>{_text(line)}</h3>" if is_subheading(line) else f"<p>{_text(line)}</p>"
            for line in narrative_lines(text)]


def table_html(report: Report, table: TableSpec, *, inline: bool = False, cell_css: str = "") -> str:
    """One statistics table: header rows in <thead> (<th>), merged boxes as rowspan/colspan;
    ``inline`` styles every cell (the clipboard), ``cell_css`` adds a style of the caller's."""
    layout = table_layout(table)
    css = (_CELL_STYLE if inline else "") + cell_css
    style = f' style="{css}"' if css else ""
    rows = [[] for _ in range(layout.rows)]
    for top, left, bottom, right, text, kind in _areas(report, table, layout):
        tag = "th" if top < layout.header_rows else "td"
        span = (f' rowspan="{bottom - top + 1}"' if bottom > top else "") + \
               (f' colspan="{right - left + 1}"' if right > left else "")
        cls = ' class="label"' if kind == "label" else ""
        align = f' style="{css}text-align:left"' if css and kind == "label" else style
        rows[top].append((left, f"<{tag}{span}{cls}{align}>{_text(text)}</{tag}>"))
    lines = [f"<tr>{''.join(cell for _, cell in sorted(row))}</tr>" for row in rows]
    head, body = lines[:layout.header_rows], lines[layout.header_rows:]
    table_style = ' style="border-collapse:collapse;font-size:10.5pt;"' if inline else ""
    parts = [f'<table border="1" cellspacing="0" cellpadding="3"{table_style}>', _colgroup(layout)]
    if head:
        parts.append("<thead>" + "".join(head) + "</thead>")
    parts.append("<tbody>" + "".join(body) + "</tbody></table>")
    return "".join(parts)


def _colgroup(layout: Layout) -> str:
    """Column widths as in the .docx (labels sized to fit), as percentages of the table."""
    widths = column_widths(layout, 156.0)
    return "<colgroup>" + "".join(f'<col style="width:{w / sum(widths) * 100:.1f}%">' for w in widths) + "</colgroup>"


def table_grid(report: Report, table: TableSpec) -> list[list[str]]:
    """The table as rows of cell texts, a merged box's text in its top-left cell only."""
    layout = table_layout(table)
    grid = [[""] * layout.cols for _ in range(layout.rows)]
    for top, left, _, _, text, _ in _areas(report, table, layout):
        grid[top][left] = text
    return grid


def tables_for_clipboard(report: Report) -> tuple[str, str]:
    """(HTML fragment, tab-separated text) of the three statistics tables, each under its title."""
    html, text = [], []
    for table in report.spec.all_tables():
        html.append(f"<p><b>{_text(table.title)}</b></p>{table_html(report, table, inline=True)}")
        text.append(table.title)
        text.extend("\t".join(_tsv(cell) for cell in row) for row in table_grid(report, table))
        text.append("")
    return "\n".join(html), "\n".join(text)


def _areas(report: Report, table: TableSpec, layout: Layout):
    """(top, left, bottom, right, text, role) of every box and value cell."""
    for box in layout.boxes:
        yield box.top, box.left, box.bottom, box.right, box.text, box.role
    not_applicable = report.spec.not_applicable_cells(report.organ)
    for value in layout.values:
        text = cell_text(report, table.id, value.row_id, value.col_id, not_applicable)
        yield value.row, value.col, value.row, value.right, text, "value"


def cell_text(report: Report, table: str, row: str, column: str, not_applicable=frozenset()) -> str:
    """A value as printed: unreadable text as written, blank as empty (「/」 where the cell does not
    apply to the organ), amounts with their digits — as in the .docx."""
    key = f"{table}.{row}.{column}"
    raw = report.invalid.get(key)
    if raw is None and key in not_applicable and report.get(table, row, column) is None:
        return "/"
    return raw if raw is not None else format_cell(report.get(table, row, column))


def _tsv(text: str) -> str:
    return _CONTROL.sub("", text).replace("\t", " ").replace("\n", " ")


def _text(text: str) -> str:
    return escape(_CONTROL.sub("", text or ""), quote=True)
