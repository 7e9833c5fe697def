"""Statutory editions as data: loaded from templates/editions/*.yaml into frozen records.

Nothing about an edition's rows or columns is written in Python; this module only reads the data
files and answers questions about them (labels, kinds, header bands). The records are plain frozen
records (app/record.py): the shipped editions come from their snapshot (app/edition_snapshot.py) without
pydantic; a YAML file is validated by app/edition_schema.py, imported only then.
"""
from __future__ import annotations

import re
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal, NamedTuple

from app.edition_snapshot import edition_from_snapshot, read_snapshot, records_from_data
from app.errors import EditionError
from app.paths import EDITIONS_DIR
from app.record import Record

ValueKind = Literal["count", "signed", "amount"]


class ColumnSpec(Record):
    """A column of a statutory table: its label, the kind of value it holds and its header group."""

    id: str
    label: str
    kind: ValueKind = "count"
    unit: str | None = None
    group: str | None = None
    variants: tuple[str, ...] = ()
    # False when a county's figure is not the sum of its units' figures (a stock such as 现行有效件数):
    # compiling a county report (app/county_sum.py) leaves such cells blank for the office to fill.
    summable: bool = True

    @property
    def minimum(self) -> int | None:
        """Smallest value accepted, None when negatives are allowed (本年增/减)."""
        return None if self.kind == "signed" else 0


class RowSpec(Record):
    """A row of a statutory table: its label, the sub-headings above it and the labels it is also written as."""

    id: str
    label: str
    path: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    cite: str | None = None

    @property
    def cite_label(self) -> str:
        """How a message names the row: its sub-heading (if any) and its label."""
        if self.cite:
            return self.cite
        inner = [p for p in self.path[1:]]
        return " ".join([*inner, self.label])


class BlockSpec(Record):
    """Rows that have only some of the table's columns (the blocks of table 二)."""

    label: str | None = None
    columns: tuple[str, ...]
    rows: tuple[str, ...]


class SectionSpec(Record):
    """A numbered part of the report: a text section or a table's heading."""

    id: str
    heading: str
    number: str | None = None
    kind: Literal["text", "table"]
    required: bool = False
    variants: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return f"{self.number}、{self.heading}" if self.number else self.heading


class Term(Record):
    """One cell of a balance check, with its sign; ``year`` "last" takes it from last year's report."""

    year: Literal["this", "last"] = "this"
    row: str | None = None
    column: str | None = None
    sign: int = 1


class Limit(Record):
    """The largest plausible value, for organs whose name the ``organ`` pattern matches (None: any organ)."""

    organ: str | None = None
    max: int


class Figure(Record):
    """A figure the narrative states and the table's ``cells`` must match (``pattern`` finds it)."""

    label: str
    cells: tuple[str, ...]
    pattern: str


class CheckSpec(Record):
    """One check of the edition: its rule ``kind`` (app/checks/rules.py) and that rule's parameters."""

    id: str
    kind: str
    level: Literal["error", "warning"] | None = None
    table: str | None = None
    total: str | None = None
    parts: tuple[str, ...] = ()
    left: tuple[str, ...] = ()
    right: tuple[str, ...] = ()
    at: str | None = None
    rows: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    terms: tuple[Term, ...] = ()
    reason: str = ""
    limits: tuple[Limit, ...] = ()
    places: int | None = None
    figures: tuple[Figure, ...] = ()
    sections: tuple[str, ...] = ()
    section: str | None = None
    words: tuple[str, ...] = ()
    message: str | None = None
    year_min: int | None = None


class CellMapping(Record):
    """Cells of an older edition carried into this one: the cells of ``rows`` × ``columns``
    (empty = every one the two editions share), renamed to ``to_row``/``to_column`` if given."""

    table: str
    rows: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    to_row: str | None = None
    to_column: str | None = None
    note: str | None = None


class DroppedCells(Record):
    """Cells of an older edition this one no longer has; ``note`` tells the clerk what to do instead."""

    table: str
    rows: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    note: str


class Migration(Record):
    """How a report of edition ``from_edition`` maps onto this edition (used for last year's report)."""

    from_edition: str
    carry: tuple[CellMapping, ...] = ()
    drop: tuple[DroppedCells, ...] = ()


class OrganLevel(Record):
    """A level of organ (乡镇、街道 …), told by a regular expression on the organ's name."""

    id: str
    label: str
    pattern: str


class NotApplicable(Record):
    """Cells (``rows`` × ``columns``, empty = every column the row has) that do not apply to organs
    of ``levels``: a blank or 「/」 there is no finding, and exports print 「/」."""

    table: str
    rows: tuple[str, ...]
    columns: tuple[str, ...] = ()
    levels: tuple[str, ...]
    reason: str = ""


class TableSpec(Record):
    """A statutory table: columns, rows and blocks; ``number``/``heading`` come from its section."""

    id: str
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]
    blocks: tuple[BlockSpec, ...] = ()
    note: str | None = None
    corner: str | None = None
    one_row: bool = False
    # Filled in by the edition from its sections list.
    number: str = ""
    heading: str = ""

    @cached_property
    def _columns_by_id(self) -> dict[str, ColumnSpec]:
        return {c.id: c for c in self.columns}

    @cached_property
    def _rows_by_id(self) -> dict[str, RowSpec]:
        return {r.id: r for r in self.rows}

    @cached_property
    def _row_columns(self) -> dict[str, tuple[str, ...]]:
        if not self.blocks:
            every = tuple(c.id for c in self.columns)
            return {r.id: every for r in self.rows}
        return {rid: block.columns for block in self.blocks for rid in block.rows}

    @property
    def title(self) -> str:
        return f"{self.number}、{self.heading}"

    def column(self, column_id: str) -> ColumnSpec:
        return self._columns_by_id[column_id]

    def row(self, row_id: str) -> RowSpec:
        return self._rows_by_id[row_id]

    def has_cell(self, row_id: str, column_id: str) -> bool:
        return column_id in self._row_columns.get(row_id, ())

    def row_columns(self, row_id: str) -> tuple[str, ...]:
        """Ids of the columns the row has (in active tables they differ per block)."""
        return self._row_columns[row_id]

    def cells(self) -> tuple[tuple[str, str], ...]:
        """Every (row, column) of the table in statutory order."""
        return self._cells

    @cached_property
    def _cells(self) -> tuple[tuple[str, str], ...]:
        return tuple((r.id, c) for r in self.rows for c in self._row_columns[r.id])

    def block_of(self, row_id: str) -> BlockSpec | None:
        for block in self.blocks:
            if row_id in block.rows:
                return block
        return None

    def cell_label(self, row_id: str, column_id: str) -> str:
        """Official name of a cell, e.g. ``三、（七）总计 · 自然人``."""
        return f"{self.number}、{self.row(row_id).cite_label} · {self.column(column_id).label}"


class Band(NamedTuple):
    """One header cell: ``level`` 0 is the top line; spans count leaf columns and header lines."""

    label: str
    level: int
    start: int
    span: int
    depth: int


class Edition(Record):
    """One statutory edition: its sections, tables, checks, migrations from older editions and organ levels."""

    id: str
    name: str
    first_year: int
    last_year: int | None = None
    markers: tuple[str, ...] = ()
    sections: tuple[SectionSpec, ...]
    tables: tuple[TableSpec, ...]
    checks: tuple[CheckSpec, ...] = ()
    migrations: tuple[Migration, ...] = ()
    organ_levels: tuple[OrganLevel, ...] = ()
    not_applicable: tuple[NotApplicable, ...] = ()

    @cached_property
    def _tables_by_id(self) -> dict[str, TableSpec]:
        numbers = {s.id: s for s in self.sections}
        return {t.id: t._replace(number=numbers[t.id].number or "", heading=numbers[t.id].heading)
                for t in self.tables}

    @property
    def text_sections(self) -> list[SectionSpec]:
        return [s for s in self.sections if s.kind == "text"]

    def table(self, table_id: str) -> TableSpec:
        return self._tables_by_id[table_id]

    def all_tables(self) -> list[TableSpec]:
        return [self._tables_by_id[t.id] for t in self.tables]

    def section(self, section_id: str) -> SectionSpec:
        return next(s for s in self.sections if s.id == section_id)

    def migration_from(self, edition_id: str) -> Migration | None:
        return next((m for m in self.migrations if m.from_edition == edition_id), None)

    def organ_level(self, organ: str) -> str | None:
        """The id of the first organ level whose pattern the organ's name matches."""
        name = organ.strip()
        return next((level.id for level in self.organ_levels if name and re.search(level.pattern, name)), None)

    def not_applicable_cells(self, organ: str) -> frozenset[str]:
        """Refs (``table.row.col``) of the cells that do not apply to this organ's level."""
        level = self.organ_level(organ)
        if level is None:
            return frozenset()
        refs = set()
        for entry in self.not_applicable:
            if level in entry.levels:
                table = self.table(entry.table)
                refs.update(f"{table.id}.{row}.{col}" for row in entry.rows
                            for col in (entry.columns or table.row_columns(row)))
        return frozenset(refs)

    def covers_year(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)

    @cached_property
    def computed_cells(self) -> frozenset[tuple[str, str, str]]:
        """(table, row, column) of every total cell (targets of row/column sum checks)."""
        cells: set[tuple[str, str, str]] = set()
        for check in self.checks:
            if check.kind == "row_sum":
                table = self.table(check.table)
                cells.update((table.id, r.id, check.total) for r in table.rows)
            elif check.kind == "column_sum":
                table = self.table(check.table)
                cells.update((table.id, check.total, c.id) for c in table.columns)
        return frozenset(cells)


def header_bands(table: TableSpec) -> list[Band]:
    """Merged header cells of a table's column header, computed from the column groups.

    Leaves are the table's printed columns (for a one-row table, every row × column).
    """
    leaves = [(tuple(p for p in path if p), label) for path, label in _leaf_headers(table)]
    depth = max(len(path) for path, _ in leaves) + 1
    bands: list[Band] = []
    for level in range(depth):
        start = 0
        while start < len(leaves):
            path, label = leaves[start]
            if level > len(path):
                start += 1
                continue
            key = path[: level + 1] if level < len(path) else None
            text = path[level] if level < len(path) else label
            end = start + 1
            while key is not None and end < len(leaves) and leaves[end][0][: level + 1] == key:
                end += 1
            rows = 1 if level < len(path) else depth - level
            bands.append(Band(text, level, start, end - start, rows))
            start = end
    return bands


def _leaf_headers(table: TableSpec) -> list[tuple[tuple[str | None, ...], str]]:
    if table.one_row:
        return [((*r.path, r.label), c.label) for r in table.rows for c in table.columns]
    return [((c.group,), c.label) for c in table.columns]


def printed_columns(table: TableSpec) -> list[tuple[str | None, str]]:
    """(row, column) of each printed column; row is None except for one-row tables."""
    if table.one_row:
        return [(r.id, c.id) for r in table.rows for c in table.columns]
    return [(None, c.id) for c in table.columns]


def load_edition_file(path: Path) -> Edition:
    """Load and validate one edition file; a malformed file raises EditionError naming file and key."""
    return records_from_data(Edition, read_edition_data(path))


def read_edition_data(path: Path) -> dict:
    """The validated data of one edition file (app/edition_schema.py), as JSON values."""
    import yaml  # noqa: PLC0415 - only when an edition is not in the snapshot

    from app.edition_schema import validated_data  # noqa: PLC0415 - pydantic only for a YAML file

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml's when PyYAML has it: same safe subset
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise EditionError(f"版本数据文件 {path.name} 无法读取：{exc}") from exc
    return validated_data(data, path.name)


@lru_cache(maxsize=1)
def load_editions(folder: Path = EDITIONS_DIR) -> dict[str, Edition]:
    """Every shipped edition by id, validated once per process (when built: see app/edition_snapshot.py)."""
    editions: dict[str, Edition] = {}
    snapshot = read_snapshot(folder)
    for path in sorted(folder.glob("*.yaml")):
        edition = edition_from_snapshot(snapshot, path, Edition) or load_edition_file(path)
        if edition.id in editions:
            raise EditionError(f"版本数据文件 {path.name} 有误：id {edition.id} 与其他文件重复")
        editions[edition.id] = edition
    if not editions:
        raise EditionError(f"在 {folder} 中没有找到任何版本数据文件")
    return editions


def get_edition(edition_id: str) -> Edition:
    try:
        return load_editions()[edition_id]
    except KeyError:
        known = "、".join(load_editions())
        raise EditionError(f"未知的格式版本“{edition_id}”（支持：{known}）") from None


def edition_for_year(year: int) -> Edition:
    """The edition that governs reports for ``year`` (the newest when none matches)."""
    editions = sorted(load_editions().values(), key=lambda e: e.first_year)
    for edition in editions:
        if edition.covers_year(year):
            return edition
    return editions[-1] if year > editions[-1].first_year else editions[0]
