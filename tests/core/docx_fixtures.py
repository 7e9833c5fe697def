"""Word reports built by code, laid out the way clerks lay them out in Word.

The tables follow the official template's merges (built with python-docx's own cell merging, which
writes real w:gridSpan / w:vMerge), and the variants add what real files contain: tables split
over two Word tables with the header repeated, extra empty rows and columns, one-cell layout tables,
headings in heading styles or with Word's automatic numbering, numbers with stray spaces, tracked
changes, text boxes, headers/footers, comments and nested tables. Raw XML is written where
python-docx has no API.
"""
from __future__ import annotations

import copy
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from app.editions import TableSpec
from app.report import Report, format_cell

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
V = "urn:schemas-microsoft-com:vml"
HEADINGS = {"overview": "一、总体情况", "active": "二、主动公开政府信息情况",
            "requests": "三、收到和处理政府信息公开申请情况", "appeals": "四、政府信息公开行政复议、行政诉讼情况",
            "problems": "五、存在的主要问题及改进情况", "other": "六、其他需要报告的事项"}


@dataclass
class Layout:
    """How one fixture is laid out (each flag is a habit seen in real reports)."""

    heading_style: str = "plain"            # plain | heading | numbered (Word list 一、 二、)
    title_lines: list[str] | None = None    # the title split over several paragraphs
    split_requests_after: str | None = None  # row id: the table continues in a second Word table
    empty_rows: bool = False                # empty rows inside tables, an empty column at the right
    layout_table_for: set[str] = field(default_factory=set)   # sections written inside a one-cell table
    stray_spaces: bool = False              # "\xa0 0", "1 1" in value cells
    blank_text: str = ""                    # how a blank cell is written ("", "\xa0")
    block_labels_outside: bool = False      # 第二十条第（X）项 as paragraphs, one Word table per block
    numbered_labels: bool = False           # 1.…8. of the requests rows by Word automatic numbering
    ascii_parens: bool = False              # (一) instead of （一）
    nested_requests: bool = False           # requests rows as nested tables in a container table
    tracked_changes: bool = False           # values typed over with Track Changes on
    decorations: bool = False               # text box, header/footer, comment
    tight_tables: bool = False              # the next heading right after a table, no blank line
    headings_after_tables: set[str] = field(default_factory=set)   # table sections whose heading follows the table


class WordReport:
    """Renders a Report into a python-docx Document following a Layout."""

    def __init__(self, report: Report, layout: Layout) -> None:
        self.report, self.layout = report, layout
        self.doc = Document()
        self._lists: dict[str, str] = {}
        self._label_group: str | None = None     # the （三）… group whose 1.…8. list is running

    # ---- document ---------------------------------------------------------------------------
    def build(self) -> Document:
        report, layout = self.report, self.layout
        for line in layout.title_lines if layout.title_lines is not None else [report.title]:
            if line:
                self.doc.add_paragraph(line).alignment = 1
        if layout.decorations:
            self._decorate()
        self._text("preamble", report.sections["preamble"])
        for section in report.spec.sections:
            if section.id == "preamble":
                continue
            late = section.id in layout.headings_after_tables
            if not late:
                self._heading(section.id)
            if section.kind == "text":
                self._text(section.id, report.sections[section.id])
            else:
                getattr(self, f"_{section.id}")(report.spec.table(section.id))
                if not layout.tight_tables:
                    self.doc.add_paragraph()
            if late:
                self._heading(section.id)
        return self.doc

    def save(self, path: Path) -> Path:
        self.build().save(str(path))
        return path

    def _heading(self, section_id: str) -> None:
        text = HEADINGS[section_id]
        style = self.layout.heading_style
        if style == "heading":
            self.doc.add_heading(text, level=1)
        elif style == "numbered":
            p = self.doc.add_paragraph(text.split("、", 1)[1])
            self._number(p, "headings", "chineseCounting", "%1、")
        else:
            self.doc.add_paragraph().add_run(text).bold = True

    def _text(self, section_id: str, text: str) -> None:
        lines = [line for line in text.split("\n") if line]
        if not lines:
            return
        if section_id in self.layout.layout_table_for:
            cell = self.doc.add_table(rows=1, cols=1).cell(0, 0)
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
            return
        for line in lines:
            self.doc.add_paragraph("\u3000\u3000" + line)

    # ---- numbering ----------------------------------------------------------------------------
    def _number(self, paragraph, key: str, fmt: str, text: str, restart: bool = False) -> None:
        """Give a paragraph Word automatic numbering (a list per key; restart starts a new list)."""
        if key not in self._lists or restart:
            self._lists[key] = self._add_list(fmt, text, restart=key in self._lists)
        ppr = paragraph._p.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/>'
                             f'<w:numId w:val="{self._lists[key]}"/></w:numPr>'))

    def _add_list(self, fmt: str, text: str, restart: bool) -> str:
        numbering = self.doc.part.numbering_part.element
        ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))] or [0]
        abstracts = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))] or [0]
        abstract_id, num_id = max(abstracts) + 1, max(ids) + 1
        abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}"><w:lvl w:ilvl="0">'
                             f'<w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                             f'<w:suff w:val="nothing"/></w:lvl></w:abstractNum>')
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>' if restart else ""
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId '
                                   f'w:val="{abstract_id}"/>{override}</w:num>'))
        return str(num_id)

    # ---- cells --------------------------------------------------------------------------------
    def value_text(self, table: str, row: str, column: str) -> str:
        value = self.report.get(table, row, column)
        text = format_cell(value)
        if value is None:
            return self.layout.blank_text
        if self.layout.stray_spaces and text.isdigit():
            return f"{text[0]} {text[1:]}" if len(text) > 1 else f"\u00a0 {text}"
        return text

    def label(self, text: str) -> str:
        if self.layout.ascii_parens:
            return text.replace("（", "(").replace("）", ") ", 1).replace("）", ")")
        return text

    # ---- tables -------------------------------------------------------------------------------
    def _active(self, spec: TableSpec) -> None:
        width = 1 + max(len(b.columns) for b in spec.blocks)
        table = None if self.layout.block_labels_outside else self._table(0, width)
        for block in spec.blocks:
            if self.layout.block_labels_outside:
                self.doc.add_paragraph(block.label)
                table = self._table(0, width)
            else:
                merge(add_row(table), 0, width - 1, block.label)
            header = [spec.corner] + [spec.column(c).label for c in block.columns]
            fill_spanned(add_row(table), header, width)
            for row_id in block.rows:
                texts = [spec.row(row_id).label] + [self.value_text(spec.id, row_id, c) for c in block.columns]
                fill_spanned(add_row(table), texts, width)
            if self.layout.empty_rows:
                add_row(table)

    def _requests(self, spec: TableSpec) -> None:
        depth = 1 + max(len(r.path) for r in spec.rows)
        width = depth + len(spec.columns) + (1 if self.layout.empty_rows else 0)
        container = self.doc.add_table(rows=0, cols=1) if self.layout.nested_requests else None
        pieces = [self._requests_header(spec, depth, width, container)]
        for row in spec.rows:
            table = self._nested(container, width) if container is not None else pieces[-1]
            cells = add_row(table)
            self._row_labels(cells, [self.label(p) for p in row.path] + [self.label(row.label)], depth)
            for i, column in enumerate(spec.columns):
                cells[depth + i].text = self.value_text(spec.id, row.id, column.id)
            if self.layout.tracked_changes and row.id == "new":
                track_change(cells[depth], old="9")
            if self.layout.empty_rows and row.id == "carried_in":
                add_row(table)
            if row.id == self.layout.split_requests_after:
                self.doc.add_paragraph()
                pieces.append(self._requests_header(spec, depth, width, None))
        if container is None:
            for table in pieces:
                for column in range(depth - 1):
                    merge_down(table, column, first_row=3)

    def _row_labels(self, cells, labels: list[str], depth: int) -> None:
        for i, text in enumerate(labels[:-1]):
            cells[i].text = text
        last = len(labels) - 1
        target = merge(cells, last, depth - 1, labels[-1]) if last < depth - 1 else cells[last]
        target.text = labels[-1]
        if self.layout.numbered_labels and labels[-1][:1].isdigit():
            paragraph = target.paragraphs[0]
            for run in paragraph.runs:
                run.text = run.text.split(".", 1)[1]
            group = labels[-2] if len(labels) > 1 else ""
            self._number(paragraph, "labels", "decimal", "%1.", restart=group != self._label_group)
            self._label_group = group

    def _requests_header(self, spec: TableSpec, depth: int, width: int, container):
        table = self._nested(container, width) if container is not None else self._table(0, width)
        first, second, third = add_row(table), add_row(table), add_row(table)
        groups = [c.group for c in spec.columns]
        grouped = [i for i, g in enumerate(groups) if g]
        merge(first, 0, depth - 1, self.label(spec.note or ""))
        merge(first, depth, depth + len(groups) - 1, spec.corner or "")
        for i, column in enumerate(spec.columns):
            third[depth + i].text = column.label
            if not column.group:
                second[depth + i].text = column.label
        merge(second, depth + grouped[0], depth + grouped[-1], groups[grouped[0]])
        for row in (second, third):
            merge(row, 0, depth - 1, "")
        vmerge(table, 0, 0, 2, depth - 1)
        for i, column in enumerate(spec.columns):
            if not column.group:
                vmerge(table, 1, depth + i, 2, depth + i)
        return table

    def _appeals(self, spec: TableSpec) -> None:
        width = len(spec.rows) * len(spec.columns) + (1 if self.layout.empty_rows else 0)
        table = self._table(0, width)
        first, second, third = add_row(table), add_row(table), add_row(table)
        n = len(spec.columns)
        review, *suits = spec.rows
        merge(first, 0, n - 1, review.label)
        merge(first, n, len(spec.rows) * n - 1, suits[0].path[0])
        for i, column in enumerate(spec.columns):
            second[i].text = column.label
        for k, suit in enumerate(suits, start=1):
            merge(second, k * n, (k + 1) * n - 1, suit.label)
            for i, column in enumerate(spec.columns):
                third[k * n + i].text = column.label
        for i in range(n):
            vmerge(table, 1, i, 2, i)
        values = add_row(table)
        for k, row in enumerate(spec.rows):
            for i, column in enumerate(spec.columns):
                values[k * n + i].text = self.value_text(spec.id, row.id, column.id)

    def _table(self, rows: int, cols: int):
        table = self.doc.add_table(rows=rows, cols=cols)
        table.style = "Table Grid"
        return table

    def _nested(self, container, width: int):
        cell = container.add_row().cells[0]
        return cell.add_table(rows=0, cols=width)

    # ---- decorations --------------------------------------------------------------------------
    def _decorate(self) -> None:
        section = self.doc.sections[0]
        section.header.paragraphs[0].text = "一、总体情况（页眉）"
        section.footer.paragraphs[0].text = "第 1 页 三、收到和处理政府信息公开申请情况"
        p = self.doc.add_paragraph()
        p._p.append(text_box("二、内部草稿 12 件，勿外传"))
        title_runs = [run for paragraph in self.doc.paragraphs for run in paragraph.runs][:1]
        if title_runs:
            self.doc.add_comment(title_runs, text="四、这里的数字是 99", author="审核人")


def add_row(table):
    return table.add_row().cells


def merge(cells, first: int, last: int, text: str):
    cell = cells[first].merge(cells[last]) if last > first else cells[first]
    cell.text = text
    return cell


def fill_spanned(cells, texts: list[str], width: int) -> None:
    """Texts in order; the last one spans the rest of the row (the official template's habit)."""
    for i, text in enumerate(texts[:-1]):
        cells[i].text = text
    merge(cells, len(texts) - 1, width - 1, texts[-1])


def vmerge(table, top: int, left: int, bottom: int, right: int) -> None:
    start = table.cell(top, left)
    text = start.text
    merged = start.merge(table.cell(bottom, right))
    merged.text = text


def merge_down(table, column: int, first_row: int) -> None:
    """Vertically merge runs of equal, non-empty label text in one column (三、本年度办理结果 …)."""
    rows = len(table.rows)
    texts = [table.cell(r, column).text for r in range(rows)]
    start = first_row
    while start < rows:
        end = start
        while end + 1 < rows and texts[end + 1] == texts[start] and texts[start]:
            end += 1
        if end > start and column < len(table.columns) - 1 and not _spans(table, start, column):
            vmerge(table, start, column, end, column)
        start = end + 1


def _spans(table, row: int, column: int) -> bool:
    tc = table.cell(row, column)._tc
    return tc.grid_span > 1


def track_change(cell, old: str) -> None:
    """The cell once said ``old``; with Track Changes on it was retyped (the change not yet accepted)."""
    p = cell.paragraphs[0]._p
    new = cell.text
    for run in p.findall(qn("w:r")):
        p.remove(run)
    p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="901" w:author="办公室" w:date="2021-01-20T10:00:00Z">'
                       f'<w:r><w:delText>{old}</w:delText></w:r></w:del>'))
    p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="902" w:author="办公室" w:date="2021-01-20T10:00:00Z">'
                       f'<w:r><w:t>{new}</w:t></w:r></w:ins>'))


def text_box(text: str):
    """A run holding a text box (DrawingML with a VML fallback), as Word 2010+ writes it."""
    xml = (f'<w:r xmlns:w="{W}" xmlns:mc="{MC}" xmlns:wps="{WPS}" xmlns:v="{V}"><mc:AlternateContent>'
           f'<mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r>'
           f'</w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>'
           f'<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape>'
           f'</w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    return etree.fromstring(xml)


def replace_part(source: Path, target: Path, name: str, data: bytes | None) -> Path:
    """Copy a .docx replacing (or, with None, removing) one part — for broken and hostile files."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != name:
                zout.writestr(copy.copy(info), zin.read(info.filename))
        if data is not None:
            zout.writestr(name, data)
    return target


def build_docx(report: Report, path: Path, layout: Layout | None = None) -> Path:
    return WordReport(report, layout or Layout()).save(path)


def report_2021() -> Report:
    """A 2021-edition report whose every cell holds a different number (a misplaced column shows)."""
    from decimal import Decimal

    from app.report import new_report

    report = new_report("2021", "阁山镇人民政府", 2021)
    for number, (table, row, column) in enumerate(
            (t.id, r, c) for t in report.spec.all_tables() for r, c in t.cells()):
        kind = report.spec.table(table).column(column).kind
        report.tables[table][row][column] = Decimal("3.1416") if kind == "amount" else number % 37
    report.sections.update({
        "preamble": "本报告根据《中华人民共和国政府信息公开条例》编制。",
        "overview": "2021年，阁山镇认真贯彻落实政府信息公开各项工作要求。\n（一）主动公开\n全年主动公开政府信息120条。",
        "problems": "一是公开内容不够全面。\n二是更新不够及时。",
        "other": "本年度未收取信息处理费。",
    })
    return report


SAMPLE_STEMS = ["2020_checun_town", "2020_geshan_town", "2020_huashan_town", "2022_pingtan_web"]


def our_docx_converted_by_libreoffice(folder: Path, samples: Path, to: str) -> dict[str, Report]:
    """The shared samples and a 2021 report with every cell different, exported by us to .docx and
    converted by LibreOffice into ``folder`` as ``<stem>.<to>`` (``pdf``, ``html`` …); the reports by stem."""
    import subprocess  # noqa: PLC0415

    from app.formats import export_report  # noqa: PLC0415
    from app.report_json import load_report_json  # noqa: PLC0415

    reports = {stem: load_report_json(samples / f"{stem}.json") for stem in SAMPLE_STEMS}
    reports["2021_every_cell"] = report_2021()
    for stem, report in reports.items():
        export_report(report, folder / f"{stem}.docx")
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{folder}/lo",
                    "--convert-to", to, "--outdir", str(folder), *map(str, sorted(folder.glob("*.docx")))],
                   check=True, capture_output=True, timeout=300)
    return reports
