"""Print and PDF export of a report, laid out like the .docx (Qt's text layout and printing).

The document is built with Qt's text cursor from the report: the title broken as in the .docx
(title_lines.py), the six sections, the official tables from ``table_layout`` (merged boxes as
merged cells), laid out by ``QTextDocument`` on the .docx page set-up: A4, margins
37/35/28/26 mm, title 二号 小标宋, headings 三号 黑体/楷体, body 三号 仿宋 with a two-character
indent and fixed 28.9 pt lines, tables in 五号 with the .docx column widths (column_widths.py) and
their header rows repeated on every page, page numbers ``— N —`` in 宋体 四号 below the type
area (odd pages right, even pages left, one character in). Fonts fall back as in the .docx.

``render`` paints onto any paged device: a ``QPdfWriter`` (导出 PDF, ``nianbao convert X.json
X.pdf``) or a ``QPrinter`` (打印, 打印预览).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (QBrush, QFont, QGuiApplication, QPageLayout, QPageSize, QPainter, QPdfWriter,
                           QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument, QTextFrameFormat,
                           QTextLength, QTextTable, QTextTableFormat)

from app.atomic import atomic_write_bytes
from app.report import Report, standard_title
from app.write.column_widths import column_widths
from app.write.html import cell_text, is_subheading, narrative_lines, table_html
from app.write.table_layout import table_layout
from app.write.title_lines import title_lines

PAGE_MM = (210.0, 297.0)
MARGINS_MM = (28.0, 37.0, 26.0, 35.0)          # left, top, right, bottom (GB/T 9704)
LINE_PT = 28.9
PAGE_NUMBER_GAP_MM = 7.0                        # page number baseline below the type area
RESOLUTION = 600

_SONG = ["宋体", "SimSun", "Noto Serif CJK SC", "Source Han Serif SC", "serif"]
# (font families, point size) by heading level (0: body text), and for table cells
_FONTS = {
    0: (["仿宋_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", "serif"], 16.0),
    1: (["方正小标宋简体", "小标宋", *_SONG], 22.0),
    2: (["黑体", "SimHei", "Noto Sans CJK SC", "sans-serif"], 16.0),
    3: (["楷体_GB2312", "楷体", "KaiTi", "STKaiti", "Noto Serif CJK SC", "serif"], 16.0),
}
_TABLE_FONT = (_SONG, 10.5)
_CELL_CSS = ("font-family: '宋体', 'SimSun', 'Noto Serif CJK SC', serif; font-size: 10.5pt; font-weight: normal; "
             "vertical-align: middle; text-align: center;")


def export_pdf(report: Report, path: Path) -> None:
    """Write ``report`` as a PDF to ``path`` (atomically)."""
    ensure_gui_application()
    temp = Path(path).with_name(f".{Path(path).name}.tmp.pdf")
    writer = QPdfWriter(str(temp))
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))
    title = report.title or standard_title(report.organ, report.year) or "政府信息公开工作年度报告"
    writer.setTitle(title)
    writer.setCreator("政务公开年报助手")
    try:
        render(report, writer)
        data = temp.read_bytes()
    finally:
        temp.unlink(missing_ok=True)
    atomic_write_bytes(Path(path), data)


def ensure_gui_application() -> None:
    """Qt's text layout needs a QGuiApplication; the command line gets an offscreen one."""
    if QGuiApplication.instance() is not None:
        return
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    ensure_gui_application.app = QGuiApplication([])        # kept alive for the process


def render(report: Report, device) -> int:
    """Paint the report onto a paged device with no margins of its own (full page); returns pages."""
    dpi = device.logicalDpiY()
    px = dpi / 25.4
    left, top, right, bottom = (m * px for m in MARGINS_MM)
    width, height = PAGE_MM[0] * px - left - right, PAGE_MM[1] * px - top - bottom
    document = build_document(report, device, QSizeF(width, height))
    painter = QPainter(device)
    try:
        for page in range(document.pageCount()):
            if page:
                device.newPage()
            painter.save()
            painter.translate(left, top - page * height)
            document.drawContents(painter, QRectF(0, page * height, width, height))
            painter.restore()
            _page_number(painter, page + 1, QRectF(left, top + height, width, PAGE_NUMBER_GAP_MM * px + 14 * dpi / 72))
    finally:
        painter.end()
    return document.pageCount()


def build_document(report: Report, device, page: QSizeF) -> QTextDocument:
    """The laid-out document, built block by block with Qt's cursor API from the report; tables
    from the official layouts (the same data the .docx writer uses)."""
    document = QTextDocument()
    document.setUndoRedoEnabled(False)
    document.setDocumentMargin(0)
    cursor = QTextCursor(document)
    title = report.title or standard_title(report.organ, report.year) or "政府信息公开工作年度报告"
    _block(cursor, "\u2028".join(title_lines(title)), 1, first=True)
    tables = []
    for section in report.spec.sections:
        if section.number:
            _block(cursor, section.title, 2)
        if section.kind == "table":
            tables.append(report.spec.table(section.id))
            cursor.insertBlock(QTextBlockFormat(), _char_format(*_TABLE_FONT))
            cursor.insertHtml(table_html(report, tables[-1], cell_css=_CELL_CSS))
            cursor.movePosition(QTextCursor.MoveOperation.End)
        else:
            for line in narrative_lines(report.sections.get(section.id, "")):
                _block(cursor, line, 3 if is_subheading(line) else 0)
    frames = [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)]
    for table, spec in zip(frames, tables):
        _format_table(table, report, spec)
    document.documentLayout().setPaintDevice(device)     # one layout, for the page, at the end
    document.setPageSize(page)
    return document


def _pt(points: float) -> float:
    """Lengths in text formats are 96-dpi pixels, scaled to the paint device by the layout."""
    return points * 96 / 72


def _char_format(families: list[str], size: float) -> QTextCharFormat:
    char = QTextCharFormat()
    char.setFontFamilies(families)
    char.setFontPointSize(size)
    char.setFontWeight(QFont.Weight.Normal)
    return char


def _block(cursor: QTextCursor, text: str, level: int, first: bool = False) -> None:
    """A paragraph: title (1), section heading (2), sub-heading (3) or body text (0)."""
    fmt = QTextBlockFormat()
    fmt.setLineHeight(_pt(36 if level == 1 else LINE_PT), QTextBlockFormat.LineHeightTypes.FixedHeight.value)
    if level == 1:
        fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        fmt.setBottomMargin(_pt(LINE_PT))
    else:
        fmt.setAlignment(Qt.AlignmentFlag.AlignJustify)
        fmt.setTextIndent(_pt(2 * 16))
    char = _char_format(*_FONTS[level])
    if first:
        cursor.setBlockFormat(fmt)
        cursor.setBlockCharFormat(char)
    else:
        cursor.insertBlock(fmt, char)
    cursor.insertText(text, char)


def _format_table(table: QTextTable, report: Report, spec) -> None:
    """Column widths as in the .docx, thin borders, the header rows repeated on every page."""
    layout = table_layout(spec)
    texts: dict[int, list[str]] = {}
    for v in layout.values:
        texts.setdefault(v.col, []).append(cell_text(report, spec.id, v.row_id, v.col_id))
    widths = column_widths(layout, PAGE_MM[0] - MARGINS_MM[0] - MARGINS_MM[2], texts)
    table.setFormat(_table_format(widths, layout.header_rows))


def _table_format(widths: list[float], header_rows: int) -> QTextTableFormat:
    fmt = QTextTableFormat()
    fmt.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, w / sum(widths) * 100)
                                   for w in widths])
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    fmt.setHeaderRowCount(header_rows)
    fmt.setCellSpacing(0)
    fmt.setCellPadding(_pt(1.5))
    fmt.setBorder(_pt(0.75))
    fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    fmt.setBorderBrush(QBrush(Qt.GlobalColor.black))
    fmt.setBorderCollapse(True)
    fmt.setTopMargin(_pt(4))
    fmt.setBottomMargin(_pt(8))
    return fmt


def _page_number(painter: QPainter, number: int, area: QRectF) -> None:
    """``— N —`` in 宋体 四号 under the type area: odd pages right, even pages left, one character in."""
    font = QFont()
    font.setFamilies(_SONG)
    font.setPointSizeF(14)
    painter.setFont(font)
    inset = painter.device().logicalDpiY() * 14 / 72
    side = Qt.AlignmentFlag.AlignRight if number % 2 else Qt.AlignmentFlag.AlignLeft
    rect = area.adjusted(inset, 0, -inset, 0)
    painter.drawText(rect, int(side | Qt.AlignmentFlag.AlignBottom), f"— {number} —")


def main(argv: list[str]) -> int:
    """``python -m ui.pdf_export REPORT.json OUT.pdf`` (used by app/write/pdf.py outside the GUI)."""
    from app.errors import AppError  # noqa: PLC0415
    from app.report_json import load_report_json  # noqa: PLC0415
    try:
        export_pdf(load_report_json(Path(argv[0])), Path(argv[1]))
    except AppError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
