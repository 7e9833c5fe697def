"""The one recognizer: maps a neutral stream (paragraphs and grids) onto an edition.

It knows the edition data (section headings, row and column labels with their variants, markers)
and nothing about the source's layout: every reader (.txt, .docx, …) feeds it the same Stream.
The stream is read as one text (document.py): headings are found anywhere in statutory order
(headings.py), the table sections are lexed into tokens (lexer.py) and the edition's grammar is
walked over them (grammar.py); word grids keep their exact cells (table_rows.py). Text sections
keep their lines as written; lines of a table met outside a table section are read as table rows.
"""
from __future__ import annotations

import re

from app.editions import Edition, SectionSpec, edition_for_year, get_edition, load_editions
from app.errors import ImportFailed
from app.recognize.document import Document
from app.recognize.fold import fold
from app.recognize.front import clean_chrome, split_inline_title, strip_page
from app.recognize.grammar import GrammarWalk
from app.recognize.headings import Heading, find_headings
from app.recognize.cell_values import looks_like_value
from app.recognize.lexer import GRID, Token, label_regex, lex
from app.recognize.matchable import matchable
from app.recognize.meta import find_year, organ_of, split_title
from app.recognize.table_rows import TableCollector
from app.recognize.table_values import build_tables
from app.registry import ImportNote, Imported
from app.report import Report

_STRIP = " \t\u3000\u00a0\ufeff"
_SPACES = re.compile(r"\s+")
_TABLE_LINE_MAX = 400
_STRAY_TEXT = 15
_KEPT_NOTES = 20


def recognize(stream, edition: str | None = None) -> Imported:
    """Map the stream onto an edition; raise ImportFailed when it is not an annual report."""
    notes: list[ImportNote] = list(stream.notes)
    doc = Document(stream)
    spec = _choose_edition(doc, edition, notes)
    headings, heading_notes, kept = find_headings(doc.folded, doc.text, spec)
    notes.extend(heading_notes)
    _note_kept_headings(doc, headings, kept, notes)
    reader = _Reader(doc, spec, notes)
    texts = reader.read(headings)
    if not reader.collector.rows and len(headings) < 2:
        raise ImportFailed(f"{stream.source}：没有找到年度报告的章节标题或统计表，"
                           "这不是一份政府信息公开工作年度报告")
    _note_late_headings(spec, headings, reader.collector, notes)
    report = _report(spec, texts, reader.front_title, reader, notes)
    return Imported(report, notes)


def _report(spec: Edition, texts: dict[str, list[str]], page_title: str, reader: "_Reader",
            notes: list[ImportNote]) -> Report:
    front = split_inline_title(texts.pop("", []))
    title, preamble = split_title(front, [reader.fold(line) for line in front])
    title = title or page_title
    sections = {s.id: "\n".join(texts.get(s.id, [])) for s in spec.text_sections}
    sections["preamble"] = "\n".join(preamble)
    searched = [sections["preamble"], sections.get("other", ""), sections.get("overview", "")]
    organ = reader.as_written(organ_of(reader.fold(title), [reader.fold(t) for t in searched]), [title, *searched])
    year = find_year(title, [sections["preamble"], sections.get("overview", ""), sections.get("other", "")])
    narrative = "\n".join(reader.fold(sections.get(s, "")) for s in sections)
    tables, invalid = build_tables(spec, reader.collector.rows, notes, narrative)
    report = Report(edition=spec.id, organ=organ, year=year, title=title, sections=sections, tables=tables)
    report.invalid = invalid
    _note_meta(report, notes)
    return report


class _Reader:
    """Reads the regions between headings: table sections by the grammar, text sections as lines."""

    def __init__(self, doc: Document, spec: Edition, notes: list[ImportNote]):
        self.doc, self.spec, self.notes = doc, spec, notes
        self.collector = TableCollector(spec, notes)
        self.walk = GrammarWalk(spec, self.collector, doc.where, self._grid,
                                lambda a, b: "\n" not in doc.text[a:b])
        self.front_title = ""
        self._folds: dict[str, str] = {}

    def read(self, headings: list[Heading]) -> dict[str, list[str]]:
        texts: dict[str, list[str]] = {}
        bounds = [h.start for h in headings] + [len(self.doc.text)]
        regions = [(None, 0, bounds[0])] + [(h.section, h.end, bounds[i + 1]) for i, h in enumerate(headings)]
        for section, start, end in regions:
            if section is not None and section.kind == "table":
                self._table_region(section, start, end)
            else:
                lines = self._text_region(start, end)
                if section is None:
                    self.front_title, lines = strip_page(lines)
                elif section == regions[-1][0] and lines:          # the page's buttons after the report
                    lines = [*lines[:-1], clean_chrome(lines[-1])] if clean_chrome(lines[-1]) else lines[:-1]
                texts.setdefault(section.id if section else "", []).extend(lines)
        self.walk.place_orphans()
        return texts

    def _table_region(self, section: SectionSpec, start: int, end: int) -> None:
        tokens = lex(self.doc.folded, self.doc.text, start, end, self.spec.id)
        self.walk.walk(tokens, section.id)
        for token in tokens:
            if token.kind == "text" and len(token.text) >= _STRAY_TEXT and "。" in token.text:
                self.collector.warn(f"表格之间的这段文字不属于任何一节，未导入：{token.text[:40]}",
                                    self.doc.where(token.start))

    def _text_region(self, start: int, end: int) -> list[str]:
        """The region's lines as text, except runs of lines that are rows of a table (read as such)."""
        lines = self.doc.lines(start, end)
        kinds = [self._line_kind(a, b) for a, b in lines]
        out: list[str] = []
        i = 0
        while i < len(lines):
            j = i
            while j < len(lines) and kinds[j] in "LRNE":
                j += 1
            run = kinds[i:j]
            if "L" in run or "R" in run and "N" in run:
                self.walk.walk(lex(self.doc.folded, self.doc.text, lines[i][0], lines[j - 1][1], self.spec.id), None)
                i = j
                continue
            for a, b in lines[i:max(j, i + 1)]:
                if self.doc.text[a:b] == GRID:
                    out.extend(self._grid_in_text(a))
                elif a == start:   # the rest of the heading's line: "一、总体情况：text" loses the colon
                    out.append(self.doc.text[a:b].strip(_STRIP).lstrip(":：").strip(_STRIP))
                else:              # a line of the section's own text keeps a colon it starts with
                    out.append(self.doc.text[a:b].strip(_STRIP))
            i = max(j, i + 1)
        return [line for line in out if line]

    def _line_kind(self, start: int, end: int) -> str:
        """L: a line of table labels and values; R: labels only; N: values only; E: empty; T: text."""
        line = self.doc.text[start:end]
        if not line.strip(_STRIP):
            return "E"
        if "。" in line or len(line) > _TABLE_LINE_MAX or line == GRID:
            return "T"
        if matchable(self.doc.folded).first(label_regex(self.spec.id), start, end) is None:  # most lines: no lexing
            return "N" if all(map(looks_like_value, line.split())) else "T"
        tokens = lex(self.doc.folded, self.doc.text, start, end, self.spec.id)
        values = sum(len(t.text) for t in tokens if t.kind in ("num", "blank"))
        labels = sum(len(t.text) for t in tokens if t.kind == "label")
        size = len(_SPACES.sub("", line))
        if tokens and all(t.kind in ("num", "blank") for t in tokens):
            return "N"
        rows = any(t.kind == "label" and t.match.of_kind("row") for t in tokens)
        if labels + values < 0.8 * size:
            return "T"
        return "L" if rows and values else "R" if labels else "T"

    def _grid(self, token: Token, context: str | None) -> None:
        self._grid_rows(token.start, context)

    def _grid_in_text(self, position: int) -> list[str]:
        return self._grid_rows(position, None)

    def _grid_rows(self, position: int, context: str | None) -> list[str]:
        """Rows of a word grid through the exact-cell collector; rows that are no table row are text."""
        grid = self.doc.grids[position]
        self.collector.position = position
        if context is not None:
            self.collector.set_context(context)
        text: list[str] = []
        for i, row in enumerate(grid.rows):
            where = grid.row_where[i] if i < len(grid.row_where) else grid.where
            if not self.collector.process_row(row, where) and context is None:
                text.extend(dict.fromkeys(c.strip(_STRIP) for c in row if c.strip(_STRIP)))
        return text

    def fold(self, text: str) -> str:
        """The text folded for matching (memoised for this import: sections are searched several times)."""
        if text not in self._folds:
            self._folds[text] = fold(text, simplify=self.doc.traditional)
        return self._folds[text]

    def as_written(self, found: str, texts: list[str]) -> str:
        """The organ as the report writes it (traditional characters kept) when it is cut from the text."""
        for suffix in ("", "人民政府", "办事处", "管理委员会"):
            if suffix and not found.endswith(suffix):
                continue
            name = found[:len(found) - len(suffix)]
            for text in texts:
                i = self.fold(text).find(name)
                if i >= 0:
                    return text[i:i + len(name)] + suffix
        return found


# -- edition ------------------------------------------------------------------------------------

def _choose_edition(doc: Document, wanted: str | None, notes: list[ImportNote]) -> Edition:
    cells = (cell for grid in doc.grids.values() for row in grid.rows for cell in row)
    text = _SPACES.sub("", doc.folded + fold("".join(cells)))
    hits = {e.id: sum(m in text for m in e.markers) for e in load_editions().values()}
    best = max(hits.values())
    by_tables = [eid for eid, n in hits.items() if n == best] if best else []
    year = find_year("", doc.text[:6000].split("\n")[:40])
    if wanted is not None:
        spec = get_edition(wanted)
        if by_tables and spec.id not in by_tables:
            notes.append(ImportNote("warning", f"表格的项目属于 {by_tables[0]} 版格式，已按指定的 {spec.id} 版读取，"
                                               "两版不同的行和列可能留空或错位，请逐项核对"))
        return spec
    if len(by_tables) == 1:
        spec = get_edition(by_tables[0])
        if year is not None and not spec.covers_year(year):
            notes.append(ImportNote("warning", f"报告年度 {year} 年应使用 {edition_for_year(year).id} 版格式，"
                                               f"但表格是 {spec.id} 版（{spec.name}），已按表格读取"))
        return spec
    spec = edition_for_year(year) if year is not None else max(load_editions().values(), key=lambda e: e.first_year)
    notes.append(ImportNote("info", f"未能从表格判断格式版本，已按{'报告年度' if year else '最新版本'}采用 {spec.id} 版"))
    return spec


# -- notes --------------------------------------------------------------------------------------

def _note_late_headings(spec: Edition, headings: list[Heading], collector: TableCollector,
                        notes: list[ImportNote]) -> None:
    at = {h.section.id: h.start for h in headings}
    for table in spec.all_tables():
        seen, heading = collector.first_seen.get(table.id), at.get(table.id)
        if seen is not None and heading is not None and heading > seen:
            notes.append(ImportNote("info", f"标题“{table.title}”出现在其表格之后，表格已按内容识别"))


def _note_kept_headings(doc: Document, chosen: list[Heading], kept: list[Heading], notes: list[ImportNote]) -> None:
    """Text that reads like a heading but stands out of the statutory order stays text, with a note."""
    at = {h.section.id: h.start for h in chosen}
    for n, heading in enumerate(kept):
        if n == _KEPT_NOTES:
            notes.append(ImportNote("info", f"另有 {len(kept) - n} 段与章节标题相同的文字也已作为正文导入"))
            break
        inside = [h for h in chosen if h.start < heading.start]
        place = f"“{inside[-1].section.title}”的正文" if inside else "正文前的文字"
        why = "这一节已经出现过" if at.get(heading.section.id, len(doc.text)) < heading.start else "后文另有这一节的标题"
        text = doc.text[heading.start:heading.end].strip()
        notes.append(ImportNote("info", f"“{text[:40]}”与“{heading.section.title}”的标题相同，但{why}，"
                                        f"已作为{place}导入，请核对", doc.where(heading.start) or None))


def _note_meta(report: Report, notes: list[ImportNote]) -> None:
    if not report.title:
        notes.append(ImportNote("info", "没有找到报告标题"))
    if not report.organ:
        notes.append(ImportNote("warning", "没有找到发布机关（如“XX镇人民政府”），请补填"))
    if report.year is None:
        notes.append(ImportNote("warning", "没有找到报告年度，请补填"))
