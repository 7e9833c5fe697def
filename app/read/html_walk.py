"""Walk a parsed HTML page into the neutral stream's blocks: paragraphs and table grids.

- Block elements (p, div, h1–h6, li, …) and <br> end a paragraph; inline text is joined. Whitespace
  follows the browser: runs collapse to one space, and a line break between two Chinese characters
  disappears (CSS Text 3), so a paragraph reads as the page shows it.
- Scripts, styles, forms' controls, hidden elements, <nav>/<aside>/<footer>, and blocks that are
  mostly links (menus, breadcrumbs, lists of related articles) are dropped.
- A <table> of data becomes a Grid (html_table.py); a table used for page layout (one column, or
  cells that hold other tables) is read as the blocks in its cells.
"""
from __future__ import annotations

import re
from itertools import islice

from lxml import etree

from app.read.docx_grid import SPACES, join_continued
from app.read.html_table import GridBuilder, row_cells, table_rows, tidy
from app.read.stream import Block, Grid, Paragraph
from app.read.txt import text_to_stream

MAX_DEPTH = 200                 # real pages nest < 40 deep; the HTML parser itself stops at 256
_SKIPPED = frozenset({"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "canvas",
                      "select", "button", "input", "textarea", "option", "nav", "aside", "footer", "head", "map",
                      "audio", "video", "img", "title", "meta", "link", "base"})
_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section",
                     "article", "main", "blockquote", "pre", "address", "center", "header", "figure", "figcaption",
                     "hr", "form", "fieldset", "legend", "caption", "body", "html", "td", "th", "tr", "details",
                     "summary"})
_LINK_CHECKED = frozenset({"div", "ul", "ol", "dl", "header", "section", "table", "td"})   # containers, not text
_LINK_SHARE = 0.6
_MIN_LINKS = 2
_PAGE_BLOCKS = 4               # a table cell with this many paragraphs holds a page, not a value or label
_PAGE_TEXT = 400               # characters
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_WS = re.compile(r"[ \t\r\n\f]+")
# Lines of a disclosure page's frame: its catalogue data (索引号, 发布机构 …), counters, font and print links.
_FRAME_LINE = re.compile(r"^[【\[]?\s*(?:索\s*引\s*号|发布机构|发布(?:时间|日期)|生成日期|成文日期|发文(?:日期|字号|机关)|"
                         r"主题(?:词|分类)|体裁分类|组配分类|公开(?:方式|范围|时限|形式)|有效性|信息来源|来\s*源|"
                         r"浏览(?:次数|量)|访问(?:次数|量)|点击(?:数|量|次数)|阅读(?:次数|量)|字\s*[体号]|分享到|"
                         r"打印本页|关闭窗口|打印|关闭)\s*[:：】\]]")
_FRAME_LINE_MAX = 150
_CATALOGUE_CELL = re.compile(r"^(?:索\s*引\s*号|发布机构|生成日期|成文日期|发文日期|发布日期|文\s*号|主题词|主题分类|"
                             r"分\s*类|名\s*称|公开方式|公开范围|有效性|信息来源)\s*[:：]?$")
_PAGE_NUMBER = re.compile(r"^[—\-－–]+\s*\d{1,4}\s*[—\-－–]+$")      # “— 3 —” of a page exported to HTML
_BREAK = "\x00"
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


class TooDeep(Exception):
    """The page nests elements deeper than any real page."""


def collapse(text: str) -> str:
    """Whitespace as a browser renders it (see the module docstring); outer spaces stripped."""
    def replace(match: re.Match) -> str:
        start, end, s = match.start(), match.end(), match.string
        if "\n" in match.group() and 0 < start and end < len(s) and _CJK.match(s[start - 1]) and _CJK.match(s[end]):
            return ""
        return " "
    return _WS.sub(replace, text).strip(SPACES)


def _tag(el) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


class PageWalker:
    def __init__(self, max_cells: int) -> None:
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.paragraphs = 0
        self.tables = 0
        self.links: dict[etree._Element, tuple[int, int, int]] = {}    # el -> (text, link text, links)
        self.grids = GridBuilder(max_cells, self.cell_text)

    def read(self, root: etree._Element) -> list[Block]:
        self._measure(root, 0)
        body = root.find("body") if _tag(root) == "html" else None
        self._walk(body if body is not None else root, 0)
        self._flush()
        return join_continued(self.blocks)

    # ---- link density -------------------------------------------------------------------------
    def _measure(self, el, depth: int) -> tuple[int, int, int]:
        """(length of text, length of text inside links, number of links) under ``el``."""
        if depth > MAX_DEPTH:
            raise TooDeep
        tag = _tag(el)
        if tag in ("script", "style"):
            return 0, 0, 0
        total = len((el.text or "").strip())
        linked, count = 0, 0
        for child in el:
            t, l, c = self._measure(child, depth + 1)
            tail = len((child.tail or "").strip())
            total, linked, count = total + t + tail, linked + l, count + c
        if tag == "a":
            linked, count = total, count + 1
        if tag in _LINK_CHECKED:
            self.links[el] = (total, linked, count)
        return total, linked, count

    def _mostly_links(self, el) -> bool:
        total, linked, count = self.links.get(el, (0, 0, 0))
        return count >= _MIN_LINKS and total > 0 and linked >= _LINK_SHARE * total

    # ---- blocks ---------------------------------------------------------------------------------
    def _walk(self, el, depth: int) -> None:
        for child in el:
            tag = _tag(child)
            if tag and not self._skipped(child, tag):
                if tag == "table":
                    self._table(child, depth + 1)
                elif tag in ("pre", "xmp", "plaintext"):
                    self._preformatted(child)
                elif tag == "br":
                    self._flush()
                elif tag in _BLOCKS:
                    self._flush()
                    self._text(child.text)
                    self._walk(child, depth + 1)
                    self._flush()
                else:
                    self._text(child.text)
                    self._walk(child, depth + 1)
            self._text(child.tail)

    def _skipped(self, el, tag: str) -> bool:
        if tag in _SKIPPED or el.get("hidden") is not None or _HIDDEN.search(el.get("style") or ""):
            return True
        if el.get("title") in ("header", "footer"):          # a word processor's page header/footer
            return True
        return el in self.links and self._mostly_links(el)

    def _text(self, text: str | None) -> None:
        if text:
            self.buffer.append(text)

    def _flush(self) -> None:
        text = collapse("".join(self.buffer))
        self.buffer.clear()
        if text and not _PAGE_NUMBER.match(text) and not (len(text) <= _FRAME_LINE_MAX and _FRAME_LINE.match(text)):
            self.paragraphs += 1
            self.blocks.append(Paragraph(text, where=f"第 {self.paragraphs} 段"))

    def _preformatted(self, el) -> None:
        """Text kept as typed (a plain-text report pasted into the page): read with the .txt layouts."""
        self._flush()
        for block in text_to_stream(el.text_content(), "").blocks:
            if isinstance(block, Paragraph):
                self.paragraphs += 1
                block.where = f"第 {self.paragraphs} 段"
            self.blocks.append(block)

    # ---- tables ---------------------------------------------------------------------------------
    def _table(self, table, depth: int) -> None:
        self._flush()
        caption = table.find("caption")
        if caption is not None:
            self._text(caption.text_content())
            self._flush()
        rows = table_rows(table)
        if _is_layout(table, rows, lambda cell: self.links.get(cell, (0, 0, 0))[0]):
            for tr in rows:
                for cell in row_cells(tr):
                    self._text(cell.text)
                    self._walk(cell, depth + 1)
                    self._flush()
            return
        self.tables += 1
        label = f"第 {self.tables} 张表"
        expanded = self.grids.expand(table, label)
        grid_rows, where = tidy(expanded.rows, expanded.where)
        if grid_rows and not _catalogue(grid_rows):
            self.blocks.append(Grid(rows=grid_rows, where=label, row_where=where))

    def cell_text(self, cell) -> str:
        """A cell's text: its paragraphs and lines joined without a separator (as in a .docx cell)."""
        parts: list[str] = []
        self._cell_parts(cell, parts)
        return "".join(collapse(part) for part in "".join(parts).split(_BREAK))

    def _cell_parts(self, el, out: list[str]) -> None:
        out.append(el.text or "")
        for child in el:
            tag = _tag(child)
            if tag and not (tag in _SKIPPED or _HIDDEN.search(child.get("style") or "")):
                block = tag in _BLOCKS or tag == "br"
                out.append(_BREAK if block else "")
                self._cell_parts(child, out)
                out.append(_BREAK if block else "")
            out.append(child.tail or "")


def _catalogue(rows: list[list[str]]) -> bool:
    """The catalogue data a disclosure page shows above the document (索引号, 发布机构, 生成日期 …)."""
    labels = {cell for row in rows for cell in row if _CATALOGUE_CELL.match(cell)}
    return len(labels) >= 2 and len(rows) <= 8


def _is_layout(table, rows: list, text_length) -> bool:
    """One column, or cells holding tables, headings or pages of text: the table arranges the page."""
    if max((len(row_cells(tr)) for tr in rows), default=0) <= 1:
        return True
    return any(_holds_page(cell, text_length(cell)) for tr in rows for cell in row_cells(tr))


def _holds_page(cell, length: int) -> bool:
    if length > _PAGE_TEXT or next(cell.iter("table", "h1", "h2", "h3", "h4", "h5", "h6"), None) is not None:
        return True
    return sum(1 for _ in islice(cell.iter("p", "div", "li"), _PAGE_BLOCKS)) >= _PAGE_BLOCKS
