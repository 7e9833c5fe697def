"""Read a Word (.docx) file into the neutral stream of paragraphs and table grids.

The body XML is walked directly with lxml (hardened parser, see zip_guard.py) rather than through
python-docx's object model: python-docx drops tracked insertions (w:ins), does not expand vertical
merges into a grid and loads every part of the package, while this reader needs only the body.

Conventions of the stream (shared with the recognizer):
- Paragraphs in document order; a paragraph with line breaks gives one Paragraph per line; empty
  paragraphs are dropped; automatic list numbers (一、 1. （一）) are rendered in front of the text.
- A table becomes a Grid. A merged cell's text is REPEATED in every grid position it covers
  (gridSpan across, vMerge down), so every row has one entry per grid column and columns line up.
  One exception: a value cell (a number, or a blank mark such as “/”) merged across columns holds
  one value, so it is given once, in its leftmost position, and the other positions are "".
- Text in a cell: its paragraphs and line breaks joined without a separator; outer whitespace
  (incl. U+00A0, U+3000) stripped; a number written with stray spaces ("1 2", "0\\xa0") is compacted.
- Rows and columns that are empty from top to bottom are dropped.
- A table one column wide is layout, not data: its cells are read as paragraphs (and nested tables).
- Nested tables standing for rows (a container table whose cells hold tables) are spliced into one grid.
- A table continued in a second Word table (header rows repeated) is joined into one grid.
- Tracked changes: inserted text is kept, deleted text skipped (the accepted version). Text boxes,
  drawings, field codes and hidden text are skipped; headers, footers and comments live in other parts.
"""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from app.errors import ImportFailed
from app.read import docx_grid
from app.read.docx_grid import (MAX_WIDTH, SPACES, Rows, SimpleTable, TooLarge, bounded_int, join_adjacent,
                               join_continued, normalize_cell, place)
from app.read.docx_numbering import Numbering
from app.registry import ImportNote
from app.read.stream import Block, Grid, Paragraph, Stream
from app.read.zip_guard import OfficeZip

W_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


class _Tags:
    """Qualified tag names for the document's WordprocessingML namespace (transitional or strict)."""

    def __init__(self, ns: str) -> None:
        for name in ("body", "p", "r", "t", "tab", "ptab", "br", "cr", "tbl", "tr", "tc", "tcPr", "trPr",
                     "gridSpan", "vMerge", "hMerge", "gridBefore", "sdt", "sdtContent", "customXml",
                     "smartTag", "ins", "moveTo", "rPr", "vanish", "del", "val", "pPr", "pStyle"):
            setattr(self, name, f"{{{ns}}}{name}")
        self.alternate = f"{{{MC}}}AlternateContent"
        self.choice = f"{{{MC}}}Choice"
        skipped = ("del", "moveFrom", "delText", "instrText", "delInstrText", "pPr", "rPr", "drawing", "pict",
                   "object", "txbxContent", "footnoteReference", "endnoteReference", "commentReference",
                   "fldData", "sectPr", "tblPr", "tblGrid", "tcPr", "trPr")
        self.skip = frozenset(f"{{{ns}}}{name}" for name in skipped)
        self.wrappers = frozenset((self.sdtContent, self.customXml, self.smartTag, self.ins, self.moveTo))
        self.deleted = f"{{{ns}}}del"
        # Fast path: text, tabs and breaks; any of the other tags sends the paragraph the careful way.
        careful = (self.alternate, *(f"{{{ns}}}{name}" for name in ("txbxContent", "moveFrom", "vanish", "del")))
        self.fast = (self.t, self.tab, self.ptab, self.br, self.cr, self.ins, self.moveTo, *careful)
        self.careful = frozenset(careful)
        self.revision = frozenset((self.ins, self.moveTo, self.deleted, f"{{{ns}}}moveFrom"))
        self.textbox = f"{{{ns}}}txbxContent"
        self.numPr = f"{{{ns}}}numPr"
        # Tables without these are read in one pass (docx_grid.SimpleTable) with these tags.
        self.not_simple = (self.tbl, self.hMerge, self.gridBefore, *careful)
        self.simple = (self.tr, self.tc, self.p, self.t, self.tab, self.ptab, self.br, self.cr, self.gridSpan,
                       self.vMerge, self.numPr, self.pStyle, self.ins, self.moveTo)


def read_docx_stream(path: Path) -> Stream:
    """The stream of a .docx file; hostile or broken files raise ImportFailed naming the file."""
    path = Path(path)
    with OfficeZip(path) as package:
        main = package.word_part()
        root = package.xml(main)
        ns = etree.QName(root).namespace
        if ns not in (W_MAIN, W_STRICT):
            raise ImportFailed(f"{path.name}：不是 Word 文档（主体部件 {main} 不是 Word 正文）")
        numbering = Numbering.load(package, main, ns)
        properties = core_properties(package)
    body = root.find(f"{{{ns}}}body")
    reader = _BodyReader(_Tags(ns), numbering)
    try:
        blocks = reader.walk(body) if body is not None else []
    except RecursionError:
        raise ImportFailed(f"{path.name}：文档结构嵌套过深（表格套表格层数过多），无法读取") from None
    except TooLarge:
        raise ImportFailed(f"{path.name}：文档中的表格大得异常（单元格超过 {docx_grid.MAX_CELLS:,} 个），"
                           f"不像是一份年度报告，为安全起见不予读取") from None
    return Stream(blocks=join_continued(blocks), source=path.name, notes=reader.notes(), properties=properties)


def core_properties(package: OfficeZip) -> dict[str, str]:
    """Text of the document properties (docProps/core.xml) by local name: title, subject, keywords …"""
    if not package.has("docProps/core.xml"):
        return {}
    out: dict[str, str] = {}
    for el in package.xml("docProps/core.xml").iter():
        if isinstance(el.tag, str):
            name = el.tag.rpartition("}")[2]
            out[name] = out.get(name, "") + (el.text or "")
    return out


class _BodyReader:
    def __init__(self, tags: _Tags, numbering: Numbering) -> None:
        self.tags = tags
        self.numbering = numbering
        self.paragraphs = 0
        self.tables = 0
        self.cells = 0
        self.seen: set[str] = set()                      # "revision", "textbox": told in import notes
        self._texts: dict[etree._Element, str] = {}      # each paragraph read once (list numbers count once)
        self._grids: dict[etree._Element, Rows] = {}    # each table expanded once (nesting stays linear)

    def notes(self) -> list[ImportNote]:
        """Tell the clerk about content read in a particular way: pending revisions, text boxes."""
        notes = []
        if "revision" in self.seen:
            notes.append(ImportNote("info", "文档中有尚未接受的修订，已按接受全部修订后的文字读取"))
        if "textbox" in self.seen:
            notes.append(ImportNote("info", "文档中文本框里的文字不属于报告正文，未导入"))
        return notes

    # ---- blocks -------------------------------------------------------------------------------
    def walk(self, parent: etree._Element, depth: int = 0) -> list[Block]:
        """Paragraphs and tables under a body, cell or content control, in document order."""
        tags, out = self.tags, []
        for child in parent:
            tag = child.tag
            if tag == tags.p:
                out.extend(self._paragraph(child))
            elif tag == tags.tbl:
                out.extend(self._table(child, depth))
            elif tag == tags.sdt or tag in tags.wrappers:
                content = child.find(tags.sdtContent) if tag == tags.sdt else child
                if content is not None:
                    out.extend(self.walk(content, depth))
        return out

    def _paragraph(self, p: etree._Element) -> list[Paragraph]:
        text = self.paragraph_text(p)
        lines = [line.strip(SPACES) for line in text.split("\n")]
        out = []
        for line in lines:
            if line:
                self.paragraphs += 1
                out.append(Paragraph(line, where=f"第 {self.paragraphs} 段"))
        return out

    def paragraph_text(self, p: etree._Element) -> str:
        text = self._texts.get(p)
        if text is None:
            text = self._texts[p] = self._read_paragraph(p)
        return text

    def _read_paragraph(self, p: etree._Element) -> str:
        tags, parts = self.tags, []
        text_tag = tags.t
        for node in p.iter(tags.fast):
            tag = node.tag
            if tag == text_tag:
                parts.append(node.text or "")
            elif tag in tags.revision and tag not in tags.careful:
                self.seen.add("revision")
            elif tag in tags.careful:
                self.seen.update(_seen_in(p, tags))
                parts = []
                self._collect(p, parts)
                break
            else:
                parts.append("\t" if tag in (tags.tab, tags.ptab) else "\n")
        text = "".join(parts)
        label = self.numbering.label(p)        # an empty numbered paragraph still takes its number
        if label and text.strip(SPACES):
            text = label + text.lstrip(SPACES)
        return text

    def _collect(self, el: etree._Element, out: list[str]) -> None:
        tags = self.tags
        for child in el:
            tag = child.tag
            if tag == tags.t:
                out.append(child.text or "")
            elif tag in tags.skip or not isinstance(tag, str):
                continue
            elif tag in (tags.tab, tags.ptab):
                out.append("\t")
            elif tag in (tags.br, tags.cr):
                out.append("\n")
            elif tag == tags.r and self._hidden(child):
                continue
            elif tag == tags.alternate:
                choice = child.find(tags.choice)
                if choice is not None:
                    self._collect(choice, out)
            else:
                self._collect(child, out)

    def _hidden(self, run: etree._Element) -> bool:
        rpr = run.find(self.tags.rPr)
        if rpr is None:
            return False
        vanish = rpr.find(self.tags.vanish)
        return vanish is not None and vanish.get(self.tags.val, "true") not in ("0", "false", "off")

    # ---- tables -------------------------------------------------------------------------------
    def _table(self, tbl: etree._Element, depth: int) -> list[Block]:
        if depth == 0:
            self.tables += 1
        label = f"第 {self.tables} 张表" if depth == 0 else f"第 {self.tables} 张表内的嵌套表格"
        rows, where = _tidy(self.expand(tbl, label))
        if max((len(row) for row in rows), default=0) <= 1:
            return self._layout(tbl, depth)
        return [Grid(rows=rows, where=label, row_where=where)]

    def _layout(self, tbl: etree._Element, depth: int) -> list[Block]:
        """A one-column table is page layout: read its cells as text (nested tables as grids)."""
        out: list[Block] = []
        for tr in self._children(tbl, self.tags.tr):
            for tc in self._children(tr, self.tags.tc):
                if self._cell_props(tc)[1] != "continue":
                    out.extend(self.walk(tc, depth + 1))
        return join_adjacent(out)

    def expand(self, tbl: etree._Element, label: str) -> Rows:
        """The table as a full grid: merged cells repeated in every position they cover."""
        if tbl not in self._grids:
            self._grids[tbl] = self._expand(tbl, label)
        return self._grids[tbl]

    def count_cells(self, count: int) -> None:
        self.cells += count
        if self.cells > docx_grid.MAX_CELLS:
            raise TooLarge

    def remember(self, p: etree._Element, text: str) -> None:
        self._texts[p] = text

    def _expand(self, tbl: etree._Element, label: str) -> Rows:
        tags = self.tags
        if next(tbl.iterdescendants(*tags.not_simple), None) is None:
            return SimpleTable(self, label).read(tbl)
        rows: list[list[str]] = []
        where: list[str] = []
        above: list[str] = []
        for number, tr in enumerate(self._children(tbl, tags.tr), start=1):
            if _row_props(tr, tags)[0]:
                self.seen.add("revision")
                continue
            cells = list(self._children(tr, tags.tc))
            nested = self._spliced(cells, label)
            if nested is not None:
                rows.extend(nested.rows)
                where.extend(f"{label}第 {number} 行（内嵌表格）" for _ in nested.rows)
                above = nested.rows[-1] if nested.rows else above
                continue
            row = self._row(tr, cells, above)
            rows.append(row)
            where.append(f"{label}第 {number} 行")
            above = row
        return Rows(rows, where)

    def _row(self, tr: etree._Element, cells: list[etree._Element], above: list[str]) -> list[str]:
        tags = self.tags
        row = [""] * _row_props(tr, tags)[1]
        for tc in cells:
            span, vmerge, hmerge = self._cell_props(tc)
            column = len(row)
            if vmerge == "continue":
                text = above[column] if column < len(above) else ""
            elif hmerge == "continue":
                text = row[-1] if row else ""
            else:
                text = self.cell_text(tc)
            place(row, text, span)
        self.count_cells(len(row))
        return row

    def _cell_props(self, tc: etree._Element) -> tuple[int, str | None, str | None]:
        """(gridSpan, vMerge, hMerge) of a cell; merges are "restart", "continue" or None."""
        tags = self.tags
        span, vmerge, hmerge = 1, None, None
        pr = tc.find(tags.tcPr)
        if pr is None:
            return span, vmerge, hmerge
        for node in pr.iterchildren(tags.gridSpan, tags.vMerge, tags.hMerge):
            tag, value = node.tag, node.get(tags.val)
            if tag == tags.gridSpan:
                span = bounded_int(value, 1)
            elif tag == tags.vMerge:
                vmerge = "restart" if value == "restart" else "continue"
            else:
                hmerge = "restart" if value == "restart" else "continue"
        return max(span, 1), vmerge, hmerge

    def _spliced(self, cells: list[etree._Element], label: str) -> Rows | None:
        """A row whose only cell holds nothing but tables is replaced by those tables' rows."""
        if len(cells) != 1:
            return None
        tables = [c for c in cells[0] if c.tag == self.tags.tbl]
        if not tables:
            return None
        texts = [self.paragraph_text(p) for p in cells[0] if p.tag == self.tags.p]
        if any(t.strip(SPACES) for t in texts):
            return None
        rows: list[list[str]] = []
        for tbl in tables:
            rows.extend(self.expand(tbl, label).rows)
        return Rows(rows, [])

    def cell_text(self, tc: etree._Element) -> str:
        parts: list[str] = []
        self._cell_parts(tc, parts)
        return normalize_cell("".join(parts))

    def _cell_parts(self, el: etree._Element, out: list[str]) -> None:
        tags = self.tags
        for child in el.iterchildren(tags.p, tags.tbl, tags.sdt, *tags.wrappers):
            if child.tag == tags.p:
                out.append(self.paragraph_text(child))
            elif child.tag == tags.tbl:
                for row in self.expand(child, "").rows:
                    out.extend(dict.fromkeys(row))
            elif child.tag == tags.sdt or child.tag in tags.wrappers:
                content = child.find(tags.sdtContent) if child.tag == tags.sdt else child
                if content is not None:
                    self._cell_parts(content, out)

    def _children(self, parent: etree._Element, tag: str):
        """Child elements with ``tag``, looking through content controls and custom XML wrappers."""
        tags = self.tags
        for child in parent.iterchildren(tag, tags.sdt, tags.customXml, tags.ins, tags.moveTo):
            if child.tag == tag:
                yield child
            elif child.tag == self.tags.sdt:
                content = child.find(self.tags.sdtContent)
                if content is not None:
                    yield from self._children(content, tag)
            elif child.tag in (self.tags.customXml, self.tags.ins, self.tags.moveTo):
                yield from self._children(child, tag)


def _seen_in(p: etree._Element, tags: _Tags) -> set[str]:
    """What a paragraph read the careful way holds that the import notes mention."""
    return {"textbox" if node.tag == tags.textbox else "revision" for node in p.iter(*tags.revision, tags.textbox)}


def _row_props(tr: etree._Element, tags: _Tags) -> tuple[bool, int]:
    """(deleted with Track Changes, gridBefore) of a table row."""
    pr = tr.find(tags.trPr)
    before = pr.find(tags.gridBefore) if pr is not None else None
    skipped = bounded_int(before.get(tags.val), 0) if before is not None else 0
    return pr is not None and pr.find(tags.deleted) is not None, min(skipped, MAX_WIDTH)


def _tidy(table: Rows) -> tuple[list[list[str]], list[str]]:
    """Pad rows to one width, then drop rows and columns that are empty from end to end."""
    width = max((len(r) for r in table.rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in table.rows]
    kept = [i for i, r in enumerate(rows) if any(r)]
    rows = [rows[i] for i in kept]
    where = [table.where[i] for i in kept] if len(table.where) == len(table.rows) else []
    columns = [c for c in range(width) if any(r[c] for r in rows)]
    return [[r[c] for c in columns] for r in rows], where
