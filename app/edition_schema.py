"""What an edition file (templates/editions/*.yaml) must hold: pydantic models made from the edition records
of app/editions.py (the same classes, fields, types and defaults, so a YAML file validates into exactly what
the records hold), used only when a YAML file is read (an edited, added or unsnapshotted edition, and
``make`` writing the snapshot). A program start reads the snapshot and never imports this module.

``validated_data`` gives the file's data as JSON values, from which app/edition_snapshot.py builds the
records; a malformed file raises EditionError naming the file, the key and the problem. The checks that
span fields (ids a block, check or not_applicable entry refers to) are the validators below.
"""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, ValidationError, create_model, model_validator

from app import editions
from app.errors import EditionError
from app.record import Record


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


@model_validator(mode="after")
def _blocks_name_known_ids(table):
    cols = {c.id for c in table.columns}
    rows = {r.id for r in table.rows}
    for block in table.blocks:
        for cid in block.columns:
            if cid not in cols:
                raise ValueError(f"块 {block.label} 引用了未定义的列 {cid}")
        for rid in block.rows:
            if rid not in rows:
                raise ValueError(f"块 {block.label} 引用了未定义的行 {rid}")
    return table


@model_validator(mode="after")
def _consistent(edition):
    table_ids = {t.id for t in edition.tables}
    section_tables = {s.id for s in edition.sections if s.kind == "table"}
    if table_ids != section_tables:
        raise ValueError(f"sections 中的表格 {sorted(section_tables)} 与 tables {sorted(table_ids)} 不一致")
    for check in edition.checks:
        _validate_check(edition, check)
    for entry in edition.not_applicable:
        _validate_not_applicable(edition, entry)
    return edition


_VALIDATORS = {"TableSpec": {"_blocks_name_known_ids": _blocks_name_known_ids},
               "Edition": {"_consistent": _consistent}}


def _models() -> dict[str, type[BaseModel]]:
    """A model for each record class of app/editions.py, in the order they are defined there (a record's
    nested records before it): its fields' annotations read with the nested records' names meaning their models."""
    models: dict[str, type[BaseModel]] = {}
    for name, record in vars(editions).items():
        if not (isinstance(record, type) and issubclass(record, Record) and record.__module__ == editions.__name__):
            continue
        names = {**vars(editions), **models}
        fields = {field: (eval(record.__annotations__[field], names),  # noqa: S307 - app/editions.py's own annotations
                          record._field_defaults.get(field, ...)) for field in record._fields}
        models[name] = create_model(name, __base__=_Frozen, __module__=__name__,
                                    __validators__=_VALIDATORS.get(name), **fields)
    return models


MODELS = _models()


def validated_data(data: object, file_name: str) -> dict:
    """``data`` (a parsed edition file) validated, as JSON values without the defaults it did not write."""
    try:
        return MODELS["Edition"].model_validate(data).model_dump(mode="json", exclude_unset=True)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "（顶层）"
        raise EditionError(f"版本数据文件 {file_name} 有误：{where}：{first['msg']}") from exc


def _validate_check(edition, check) -> None:
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


def _validate_not_applicable(edition, entry) -> None:
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


def _row_columns(table, row_id: str) -> tuple[str, ...]:
    """The columns a row has (as app.editions.TableSpec.row_columns tells them)."""
    if not table.blocks:
        return tuple(c.id for c in table.columns)
    return {rid: block.columns for block in table.blocks for rid in block.rows}.get(row_id, ())
