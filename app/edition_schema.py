"""What an edition file (templates/editions/*.yaml) must hold: pydantic models mirroring the edition records
of app/editions.py, used only when a YAML file is read (an edited, added or unsnapshotted edition, and
``make`` writing the snapshot). A program start reads the snapshot and never imports this module.

``validated_data`` gives the file's data as JSON values, from which app/edition_snapshot.py builds the
records; a malformed file raises EditionError naming the file, the key and the problem.
tests/core/test_edition_schema.py keeps the models' fields the same as the records' fields.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from app.errors import EditionError

ValueKind = Literal["count", "signed", "amount"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ColumnSpec(_Frozen):
    id: str
    label: str
    kind: ValueKind = "count"
    unit: str | None = None
    group: str | None = None
    variants: tuple[str, ...] = ()
    summable: bool = True


class RowSpec(_Frozen):
    id: str
    label: str
    path: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    cite: str | None = None


class BlockSpec(_Frozen):
    label: str | None = None
    columns: tuple[str, ...]
    rows: tuple[str, ...]


class SectionSpec(_Frozen):
    id: str
    heading: str
    number: str | None = None
    kind: Literal["text", "table"]
    required: bool = False
    variants: tuple[str, ...] = ()


class Term(_Frozen):
    year: Literal["this", "last"] = "this"
    row: str | None = None
    column: str | None = None
    sign: int = 1


class Limit(_Frozen):
    organ: str | None = None
    max: int


class Figure(_Frozen):
    label: str
    cells: tuple[str, ...]
    pattern: str


class CheckSpec(_Frozen):
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


class CellMapping(_Frozen):
    table: str
    rows: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    to_row: str | None = None
    to_column: str | None = None
    note: str | None = None


class DroppedCells(_Frozen):
    table: str
    rows: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    note: str


class Migration(_Frozen):
    from_edition: str
    carry: tuple[CellMapping, ...] = ()
    drop: tuple[DroppedCells, ...] = ()


class OrganLevel(_Frozen):
    id: str
    label: str
    pattern: str


class NotApplicable(_Frozen):
    table: str
    rows: tuple[str, ...]
    columns: tuple[str, ...] = ()
    levels: tuple[str, ...]
    reason: str = ""


class TableSpec(_Frozen):
    id: str
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]
    blocks: tuple[BlockSpec, ...] = ()
    note: str | None = None
    corner: str | None = None
    one_row: bool = False
    number: str = ""
    heading: str = ""

    @model_validator(mode="after")
    def _blocks_name_known_ids(self) -> "TableSpec":
        cols = {c.id for c in self.columns}
        rows = {r.id for r in self.rows}
        for block in self.blocks:
            for cid in block.columns:
                if cid not in cols:
                    raise ValueError(f"块 {block.label} 引用了未定义的列 {cid}")
            for rid in block.rows:
                if rid not in rows:
                    raise ValueError(f"块 {block.label} 引用了未定义的行 {rid}")
        return self


class Edition(_Frozen):
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

    @model_validator(mode="after")
    def _consistent(self) -> "Edition":
        table_ids = {t.id for t in self.tables}
        section_tables = {s.id for s in self.sections if s.kind == "table"}
        if table_ids != section_tables:
            raise ValueError(f"sections 中的表格 {sorted(section_tables)} 与 tables {sorted(table_ids)} 不一致")
        for check in self.checks:
            _validate_check(self, check)
        for entry in self.not_applicable:
            _validate_not_applicable(self, entry)
        return self


def validated_data(data: object, file_name: str) -> dict:
    """``data`` (a parsed edition file) validated, as JSON values without the defaults it did not write."""
    try:
        return Edition.model_validate(data).model_dump(mode="json", exclude_unset=True)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "（顶层）"
        raise EditionError(f"版本数据文件 {file_name} 有误：{where}：{first['msg']}") from exc


def _validate_check(edition: Edition, check: CheckSpec) -> None:
    if check.table is None:
        return
    table = next((t for t in edition.tables if t.id == check.table), None)
    if table is None:
        raise ValueError(f"检查 {check.id} 引用了未定义的表 {check.table}")
    rows = {r.id for r in table.rows}
    cols = {c.id for c in table.columns}
    row_refs = [*check.left, *check.right, *check.rows, *(t.row for t in check.terms if t.row)]
    col_refs = [*check.columns, *(t.column for t in check.terms if t.column)]
    if check.kind == "row_sum":
        col_refs += [check.total, *check.parts]
    elif check.kind == "column_sum":
        row_refs += [check.total, *check.parts]
    if check.at:
        row_refs.append(check.at)
    for ref in row_refs:
        if ref not in rows:
            raise ValueError(f"检查 {check.id} 引用了未定义的行 {ref}")
    for ref in col_refs:
        if ref not in cols:
            raise ValueError(f"检查 {check.id} 引用了未定义的列 {ref}")


def _validate_not_applicable(edition: Edition, entry: NotApplicable) -> None:
    table = next((t for t in edition.tables if t.id == entry.table), None)
    if table is None:
        raise ValueError(f"not_applicable 引用了未定义的表 {entry.table}")
    levels = {level.id for level in edition.organ_levels}
    for ref in entry.levels:
        if ref not in levels:
            raise ValueError(f"not_applicable 引用了未定义的机关层级 {ref}")
    for row in entry.rows:
        if not any(r.id == row for r in table.rows):
            raise ValueError(f"not_applicable 引用了未定义的行 {row}")
        for col in entry.columns:
            if col not in _row_columns(table, row):
                raise ValueError(f"not_applicable 引用了行 {row} 没有的列 {col}")


def _row_columns(table: TableSpec, row_id: str) -> tuple[str, ...]:
    """The columns a row has (as app.editions.TableSpec.row_columns tells them)."""
    if not table.blocks:
        return tuple(c.id for c in table.columns)
    return {rid: block.columns for block in table.blocks for rid in block.rows}.get(row_id, ())
