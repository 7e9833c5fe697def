"""Next year's draft from last year's report: carry-overs, edition migration, narrative moved on.

What carries over is data, not code: the edition's ``cross_year`` checks say which cells of this
year follow from last year's (their ``last`` terms give the value), and an edition's ``migrations``
say how an older edition's cells map onto it. Every value filled in, every paragraph copied and
every year moved is reported in the notes for the clerk to review.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.editions import CheckSpec, Edition, TableSpec, edition_for_year, get_edition
from app.errors import ImportFailed, ValueRejected
from app.registry import ImportNote, Imported
from app.report import SECTION_IDS, Report, format_cell, new_report, standard_title

CellRef = tuple[str, str, str]  # (table, row, column)

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年")
# After "YYYY年": a cited date or document (not the report year), kept as written.
_CITED_AFTER = re.compile(r"\s*年(?:(?!1月1日|12月31日)\d{1,2}月|印发|出台|发布|制定|颁布|修订|修改|起施行|起实施|版)")


@dataclass
class Migrated:
    """A report re-expressed in another edition; ``sources`` maps each carried cell to where it came from."""

    report: Report
    notes: list[ImportNote] = field(default_factory=list)
    sources: dict[CellRef, CellRef] = field(default_factory=dict)


def next_year_draft(last: Report, target_edition: str | None = None) -> Imported:
    """This year's draft from last year's report, with notes telling the clerk what to review."""
    if last.year is None:
        raise ImportFailed("上一年度报告没有填写报告年度，无法确定下一年度")
    year = last.year + 1
    edition = get_edition(target_edition) if target_edition else edition_for_year(year)
    migrated = migrate_report(last, edition.id)
    draft = new_report(edition.id, last.organ, year)
    notes = _meta_notes(last, draft, edition)
    notes += _carry_over(draft, migrated.report, edition)
    notes += migrated.notes
    notes += _copy_sections(draft, last)
    return Imported(draft, notes)


def _meta_notes(last: Report, draft: Report, edition: Edition) -> list[ImportNote]:
    notes = []
    if last.edition != edition.id:
        notes.append(ImportNote("info", f"上年报告为{last.spec.name}格式，{draft.year}年度报告使用"
                                        f"{edition.name}格式，已按新格式生成草稿"))
    if not last.organ.strip():
        notes.append(ImportNote("warning", "上年报告没有填写发布机关，请填写", where="发布机关"))
    elif last.title and last.title != standard_title(last.organ, last.year):
        notes.append(ImportNote("info", f"上年标题为“{last.title}”，已按标准写法生成“{draft.title}”，请核对",
                                where="标题"))
    return notes


# ---- edition migration -------------------------------------------------------------------------

def migrate_report(report: Report, edition_id: str) -> Migrated:
    """``report`` in edition ``edition_id`` (a copy if it already is), following the edition's migrations."""
    source = report.spec
    if report.edition == edition_id:
        cells = {(t.id, r, c): (t.id, r, c) for t in source.all_tables() for r, c in t.cells()}
        return Migrated(report.copy_report(), [], cells)
    target = get_edition(edition_id)
    migration = target.migration_from(report.edition)
    if migration is None:
        raise ImportFailed(f"无法将{source.name}格式的报告转换为{target.name}格式：版本数据中没有相应的转换规则")
    out = Report(edition=edition_id, organ=report.organ, year=report.year, title=report.title,
                 sections=dict(report.sections))
    migrated = Migrated(out)
    for mapping in migration.carry:
        for (table, row, col), (to_row, to_col) in _mapped_cells(source, target, mapping):
            out.set_cell(table, to_row, to_col, report.get(table, row, col))
            migrated.sources[(table, to_row, to_col)] = (table, row, col)
        if mapping.note:
            migrated.notes.append(ImportNote("info", mapping.note, where=target.table(mapping.table).title))
    consumed = set(migrated.sources.values())
    for dropped in migration.drop:
        cells = [ref for ref in _selected(source.table(dropped.table), dropped) if ref not in consumed]
        consumed.update(cells)
        migrated.notes.append(ImportNote("warning", dropped.note + _last_values(report, cells),
                                         where=target.table(dropped.table).title))
    return migrated


def _mapped_cells(source: Edition, target: Edition, mapping):
    src, dst = source.table(mapping.table), target.table(mapping.table)
    for ref in _selected(src, mapping):
        to_row, to_col = mapping.to_row or ref[1], mapping.to_column or ref[2]
        if dst.has_cell(to_row, to_col):
            yield ref, (to_row, to_col)


def _selected(table: TableSpec, rule) -> list[CellRef]:
    """Cells of ``table`` picked by a mapping's or drop's rows × columns (empty = all)."""
    return [(table.id, r, c) for r, c in table.cells()
            if (not rule.rows or r in rule.rows) and (not rule.columns or c in rule.columns)]


def _last_values(report: Report, cells: list[CellRef]) -> str:
    shown = []
    for table_id, row, col in cells:
        value = report.get(table_id, row, col)
        if value:
            table = report.spec.table(table_id)
            shown.append(f"{table.row(row).label} · {table.column(col).label} {format_cell(value)}")
    return f"（上年填报：{'、'.join(shown)}）" if shown else ""


# ---- carry-overs -------------------------------------------------------------------------------

def _carry_over(draft: Report, last: Report, edition: Edition) -> list[ImportNote]:
    """Fill the cells that follow from last year's report (the ``last`` terms of cross-year checks)."""
    notes = []
    for check in edition.checks:
        if check.kind != "cross_year":
            continue
        table = edition.table(check.table)
        for row in check.rows:
            notes.append(_carry_row(draft, last, check, table, row))
    return notes


def _carry_row(draft: Report, last: Report, check: CheckSpec, table: TableSpec, row: str) -> ImportNote:
    filled, missing = [], []
    for col in check.columns or table.row_columns(row):
        value = _last_terms(last, check, row, col)
        try:
            draft.set_cell(check.table, row, col, value)
        except ValueRejected:
            value = None
        if value is None:
            missing.append(f"“{table.column(col).label}”")
        elif value:
            filled.append(f"{table.column(col).label} {format_cell(value)}")
    where = f"{table.number}、{table.row(row).cite_label}"
    if missing:
        rest = "，其余已填入" if filled or len(missing) < len(check.columns or table.row_columns(row)) else ""
        return ImportNote("warning", f"{where}：上年报告中{'、'.join(missing)}的相应数字空白或无法换算，"
                                     f"未能按{check.reason}填入，请手工填写{rest}", where=where)
    listed = "、".join(filled) if filled else "均为 0"
    adjust = "，填写本年数字后请相应调整" if any(t.year == "this" for t in check.terms) else ""
    return ImportNote("info", f"{where}：已按{check.reason}填入上年数字（{listed}）{adjust}", where=where)


def _last_terms(last: Report, check: CheckSpec, row: str, col: str):
    total = 0
    for term in check.terms:
        if term.year != "last":
            continue
        value = last.tables[check.table].get(term.row or row, {}).get(term.column or col)
        if value is None:
            return None
        total += term.sign * value
    return total


# ---- narrative -----------------------------------------------------------------------------------

def _copy_sections(draft: Report, last: Report) -> list[ImportNote]:
    notes = []
    for section_id in SECTION_IDS:
        text = last.sections.get(section_id, "")
        title = draft.spec.section(section_id).title or "前言"
        paragraphs = text.split("\n")
        for number, paragraph in enumerate(paragraphs, start=1):
            if not paragraph.strip():
                continue
            where = f"{title} 第{number}段"
            notes.append(ImportNote("warning", f"{where}沿用了上年报告的文字（“{_excerpt(paragraph)}”），"
                                               f"请按本年度情况改写", where=where))
            paragraphs[number - 1], moved = move_years(paragraph, last.year, draft.year)
            notes += [ImportNote(level, f"{where}：{message}", where=where) for level, message in moved]
        draft.sections[section_id] = "\n".join(paragraphs)
    return notes


def move_years(text: str, last_year: int, year: int) -> tuple[str, list[tuple[str, str]]]:
    """Move the years that state the report year (or the year after it) on by ``year - last_year``.

    Years of cited documents (inside 《》, 印发/出台…) and dated events (2024年3月) are kept.
    Returns the new text and (level, Chinese message) for every year moved or kept.
    """
    shift = year - last_year
    out, changes, end = [], [], 0
    for match in _YEAR.finditer(text):
        found = int(match.group(1))
        context = _excerpt(text[max(0, match.start() - 6): match.end() + 8], 24)
        out.append(text[end: match.start(1)])
        end = match.end(1)
        if found in (last_year, last_year + 1) and not _cited(text, match):
            out.append(str(found + shift))
            changes.append(("info", f"“{context}”中的{found}年已改为{found + shift}年，请核对"))
        else:
            out.append(match.group(1))
            changes.append(("warning", f"“{context}”中的{found}年是引用的年份，未改动，请核对"))
    out.append(text[end:])
    return "".join(out), changes


def _cited(text: str, match: re.Match) -> bool:
    before = text[: match.start()]
    inside_title = before.count("《") > before.count("》")
    return inside_title or bool(_CITED_AFTER.match(text, match.end(1)))


def _excerpt(text: str, limit: int = 20) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "…"
