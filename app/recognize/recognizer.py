"""The one recognizer: maps a neutral stream (paragraphs and grids) onto an edition.

It knows the edition data (section headings, row and column labels with their variants, markers)
and nothing about the source's layout: every reader (.txt, .docx) feeds it the same Stream.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from app.editions import Edition, SectionSpec, edition_for_year, get_edition, load_editions
from app.errors import ImportFailed
from app.recognize.labels import norm
from app.recognize.meta import find_organ, find_year, split_title, title_organ
from app.registry import ImportNote, Imported
from app.read.stream import Paragraph, Stream
from app.recognize.table_rows import TableCollector
from app.recognize.table_values import build_tables
from app.report import Report

_STRIP = " \t\u3000\u00a0\ufeff"
_HEADING_MAX = 40
_KEPT_NOTES = 20            # notes for heading-like paragraphs kept as text; the rest are counted
_SPACES = re.compile(r"\s+")
_HEAD = re.compile(r"^(?:([一二三四五六七八九十])、|(\d{1,2})\.|\(([一二三四五六七八九十])\))?(.+)$")


@dataclass
class _Walk:
    front: list[str] = field(default_factory=list)
    texts: dict[str, list[str]] = field(default_factory=dict)
    heading_at: dict[str, int] = field(default_factory=dict)
    ignored: list[tuple[str, str]] = field(default_factory=list)
    # Positions of the paragraphs that read as each section's heading, and of the grids (ascending).
    headings: dict[str, list[int]] = field(default_factory=dict)
    grids: list[int] = field(default_factory=list)
    order: list[str] = field(default_factory=list)                  # section ids in the edition's order
    kept_as_text: int = 0                                            # heading-like paragraphs kept as text


def recognize(stream: Stream, edition: str | None = None) -> Imported:
    """Map the stream onto an edition; raise ImportFailed when it is not an annual report."""
    notes: list[ImportNote] = list(stream.notes)
    spec = _choose_edition(stream, edition, notes)
    collector = TableCollector(spec, notes)
    walk = _walk(stream, spec, collector, notes)
    if not collector.rows and len(walk.heading_at) < 2:
        raise ImportFailed(f"{stream.source}：没有找到年度报告的章节标题或统计表，"
                           "这不是一份政府信息公开工作年度报告")
    _note_late_headings(spec, walk, collector, notes)
    title, preamble = split_title(walk.front)
    sections = {s.id: "\n".join(walk.texts.get(s.id, [])) for s in spec.text_sections}
    sections["preamble"] = "\n".join(preamble)
    texts = [title, sections["preamble"], sections.get("other", ""), sections.get("overview", "")]
    organ = title_organ(title, find_organ(texts))
    year = find_year(title, [sections["preamble"], sections.get("overview", ""), sections.get("other", "")])
    tables, invalid = build_tables(spec, collector.rows, notes)
    report = Report(edition=spec.id, organ=organ, year=year, title=title, sections=sections, tables=tables)
    report.invalid = invalid
    _note_meta(report, notes)
    return Imported(report, notes)


# -- edition ------------------------------------------------------------------------------------

def _choose_edition(stream: Stream, wanted: str | None, notes: list[ImportNote]) -> Edition:
    texts = _all_text(stream)
    text = _SPACES.sub("", "".join(t for t in texts if "。" not in t))      # table text, not sentences
    hits = {e.id: sum(m in text for m in e.markers) for e in load_editions().values()}
    best = max(hits.values())
    by_tables = [eid for eid, n in hits.items() if n == best] if best else []
    year = find_year("", texts[:40])
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


def _all_text(stream: Stream) -> list[str]:
    out: list[str] = []
    for block in stream.blocks:
        if isinstance(block, Paragraph):
            out.append(block.text)
        else:
            out.extend(cell for row in block.rows for cell in row)
    return out


# -- walking the stream -------------------------------------------------------------------------

def _walk(stream: Stream, spec: Edition, collector: TableCollector, notes: list[ImportNote]) -> _Walk:
    walk = _Walk(headings=_heading_paragraphs(stream, spec),
                 grids=[i for i, block in enumerate(stream.blocks) if not isinstance(block, Paragraph)],
                 order=[s.id for s in spec.sections])
    section: SectionSpec | None = None
    for position, block in enumerate(stream.blocks):
        collector.position = position
        if isinstance(block, Paragraph):
            section = _paragraph(block.text.strip(_STRIP), block.where, section, spec, walk, collector, notes)
            continue
        for i, row in enumerate(block.rows):
            where = block.row_where[i] if i < len(block.row_where) else block.where
            section = _grid_row(row, where, section, spec, walk, collector, notes)
    if walk.kept_as_text > _KEPT_NOTES:
        notes.append(ImportNote("info", f"另有 {walk.kept_as_text - _KEPT_NOTES} 段与章节标题相同的文字也已作为正文导入"))
    for text, where in walk.ignored:
        if text in collector.joined:
            continue
        notes.append(ImportNote("warning", f"表格之间的这段文字不属于任何一节，未导入：{text[:40]}", where or None))
    return walk


def _paragraph(text: str, where: str, section: SectionSpec | None, spec: Edition, walk: _Walk,
               collector: TableCollector, notes: list[ImportNote]) -> SectionSpec | None:
    if not text:
        return section
    heading = _heading(text, spec, where, [])
    if heading is not None and not _in_text(heading, text, where, section, walk, collector, notes):
        return _enter(_heading(text, spec, where, notes) or heading, walk, collector)
    head, colon, rest = text.replace(":", "：", 1).partition("：")
    heading = _heading(head, spec, where, []) if heading is None and colon and rest.strip(_STRIP) else None
    if heading is not None and heading.kind == "text" \
            and not _in_text(heading, text, where, section, walk, collector, notes):   # 六、其他需要报告的事项：无
        _heading(head, spec, where, notes)
        section = _enter(heading, walk, collector)
        text = rest.strip(_STRIP)
    if section is not None and section.kind == "table":
        if not collector.scan_paragraph(text, where, strict=False):
            walk.ignored.append((text, where))
        return section
    if collector.scan_paragraph(text, where, strict=True):
        return section
    (walk.front if section is None else walk.texts.setdefault(section.id, [])).append(text)
    return section


def _in_text(heading: SectionSpec, text: str, where: str, section: SectionSpec | None, walk: _Walk,
             collector: TableCollector, notes: list[ImportNote]) -> bool:
    """A paragraph reading like a heading, met in a text section (or before the first heading), is
    text there when its section was already entered or when its real heading comes further on."""
    if section is not None and section.kind != "text":
        return False
    if heading.id in walk.heading_at:
        why = "这一节已经出现过"
    elif _real_one_later(heading, walk, collector.position):
        why = "后文另有这一节的标题"
    else:
        return False
    walk.kept_as_text += 1
    if walk.kept_as_text > _KEPT_NOTES:
        return True
    place = f"“{section.title}”的正文" if section is not None else "正文前的文字"
    notes.append(ImportNote("info", f"“{text[:40]}”与“{heading.title}”的标题相同，但{why}，"
                                    f"已作为{place}导入，请核对", where or None))
    return True


def _real_one_later(heading: SectionSpec, walk: _Walk, here: int) -> bool:
    """Whether a later paragraph with the same heading is the real one: for a table section, the later
    one is nearer its table (no table between); for a text section, sections that come before it are
    still to come between the two (this one is out of order)."""
    later = _next_after(walk.headings.get(heading.id, []), here)
    if later is None:
        return False
    if heading.kind == "table":
        grid = _next_after(walk.grids, here)
        return grid is None or grid > later
    earlier_sections = [s for s in walk.order[:walk.order.index(heading.id)] if s not in walk.heading_at]
    return any(here < (_next_after(walk.headings.get(s, []), here) or later) < later for s in earlier_sections)


def _next_after(positions: list[int], here: int) -> int | None:
    i = bisect_right(positions, here)
    return positions[i] if i < len(positions) else None


def _heading_paragraphs(stream: Stream, spec: Edition) -> dict[str, list[int]]:
    """Section → positions of the paragraphs that read as its heading (no notes given here)."""
    out: dict[str, list[int]] = {}
    for position, block in enumerate(stream.blocks):
        if not isinstance(block, Paragraph):
            continue
        text = block.text.strip(_STRIP)
        heading = _heading(text, spec, "", [])
        if heading is None:
            head, colon, rest = text.replace(":", "：", 1).partition("：")
            heading = _heading(head, spec, "", []) if colon and rest.strip(_STRIP) else None
            heading = heading if heading is not None and heading.kind == "text" else None
        if heading is not None:
            out.setdefault(heading.id, []).append(position)
    return out


def _grid_row(row: list[str], where: str, section: SectionSpec | None, spec: Edition, walk: _Walk,
              collector: TableCollector, notes: list[ImportNote]) -> SectionSpec | None:
    filled = [c.strip(_STRIP) for c in row if c.strip(_STRIP)]
    if len(set(filled)) == 1:
        heading = _heading(filled[0], spec, where, notes)
        if heading is not None:
            return _enter(heading, walk, collector)
    if not collector.process_row(row, where) and filled and (section is None or section.kind == "text"):
        target = walk.front if section is None else walk.texts.setdefault(section.id, [])
        target.extend(dict.fromkeys(filled))
    return section


def _enter(heading: SectionSpec, walk: _Walk, collector: TableCollector) -> SectionSpec:
    walk.heading_at.setdefault(heading.id, collector.position)
    if heading.kind == "table":
        collector.context = heading.id
    return heading


def _heading(text: str, spec: Edition, where: str, notes: list[ImportNote]) -> SectionSpec | None:
    """The section a line is the heading of (一、总体情况, 1、 总体情况, 总体情况 …) or None."""
    if len(text) > _HEADING_MAX:
        return None
    match = _HEAD.match(norm(text))
    found = _headings(spec.id).get(match.group(4)) if match else None
    if found is None:
        return None
    number, section = found
    chinese, arabic = match.group(1), match.group(2)
    if chinese == section.number:
        return section
    if arabic is not None and int(arabic) == number:
        notes.append(ImportNote("info", f"标题“{text}”按“{section.title}”读取（自动编号）", where or None))
    else:
        notes.append(ImportNote("warning", f"标题“{text}”的编号与规定不符，已按“{section.title}”读取", where or None))
    return section


@lru_cache(maxsize=None)
def _headings(edition_id: str) -> dict[str, tuple[int, SectionSpec]]:
    """Normalised heading (and variant) → (position among the numbered sections, section)."""
    numbered = [s for s in get_edition(edition_id).sections if s.number]
    return {norm(text): (n, s) for n, s in enumerate(numbered, start=1) for text in (s.heading, *s.variants)}


# -- notes --------------------------------------------------------------------------------------

def _note_late_headings(spec: Edition, walk: _Walk, collector: TableCollector, notes: list[ImportNote]) -> None:
    for table in spec.all_tables():
        seen, heading = collector.first_seen.get(table.id), walk.heading_at.get(table.id)
        if seen is not None and heading is not None and heading > seen:
            notes.append(ImportNote("info", f"标题“{table.title}”出现在其表格之后，表格已按内容识别"))


def _note_meta(report: Report, notes: list[ImportNote]) -> None:
    if not report.title:
        notes.append(ImportNote("info", "没有找到报告标题"))
    if not report.organ:
        notes.append(ImportNote("warning", "没有找到发布机关（如“XX镇人民政府”），请补填"))
    if report.year is None:
        notes.append(ImportNote("warning", "没有找到报告年度，请补填"))
