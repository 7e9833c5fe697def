"""Notes kept with a report until the clerk has checked each: what an importer or the new-year draft
had to interpret, with a tick, and the place in the report each note is about.

Saved in the report file under the optional key ``import_notes`` (written only when there are notes):
each ``{"level", "message"[, "where"], "checked"}``, the shape ``check --json`` prints plus the tick.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from app.editions import get_edition
from app.errors import ReportFileError

_FIELDS = {"发布机关": "organ", "报告年度": "year", "标题": "title"}


_LEVELS = ("info", "warning", "error")


@dataclass(kw_only=True)
class ReportNote:
    level: Literal["info", "warning", "error"] = "info"
    message: str
    where: str | None = None
    checked: bool = False

    def __post_init__(self) -> None:
        if self.level not in _LEVELS or not isinstance(self.message, str) \
                or not isinstance(self.where, (str, type(None))) or not isinstance(self.checked, bool):
            raise TypeError(f"not a report note: {self!r}")

    def to_json(self) -> dict:
        data: dict = {"level": self.level, "message": self.message}
        if self.where:
            data["where"] = self.where
        data["checked"] = self.checked
        return data


def notes_from_import(notes) -> list[ReportNote]:
    """Report notes from an importer's ``ImportNote``s (or anything with level, message, where)."""
    return [ReportNote(level=n.level, message=n.message, where=n.where) for n in notes]


def notes_from_json(raw: object) -> list[ReportNote]:
    """The ``import_notes`` of a report file, validated (ReportFileError in Chinese otherwise)."""
    if not isinstance(raw, list):
        raise ReportFileError("import_notes 应为列表")
    notes = []
    for number, item in enumerate(raw, 1):
        try:
            if not isinstance(item, dict) or "level" not in item:     # a file's note always names its level
                raise TypeError(item)
            notes.append(ReportNote(**item))    # its own check: known keys, each of its type
        except TypeError:
            raise ReportFileError(f"import_notes 第 {number} 条格式不正确") from None
    return notes


def place_of(edition_id: str, note: ReportNote) -> str | None:
    """The place in the report a note is about: ``cell:TABLE.ROW.COL``, ``field:organ``, ``section:ID``
    or ``table:ID``; None when the note is about the whole file."""
    where, message = note.where or "", note.message
    places = _places(edition_id)
    parts = where.split(".")
    if len(parts) == 3 and where in places["cells"]:
        return f"cell:{where}"
    for label, ref in places["cell_labels"]:
        if message.startswith(label + "：") or where == label:
            return f"cell:{ref}"
    for label, ref in places["row_labels"]:
        if f"“{label}”" in message:
            return f"cell:{ref}"
    for title, key in places["titles"]:
        if title in where or f"“{title}”" in message:
            return key
    for label, field in _FIELDS.items():
        if where == label or label in message:
            return f"field:{field}"
    return None


@lru_cache(maxsize=8)
def _places(edition_id: str) -> dict:
    edition = get_edition(edition_id)
    cells, cell_labels, row_labels, titles = set(), [], [], []
    for table in edition.all_tables():
        for row, col in table.cells():
            cells.add(f"{table.id}.{row}.{col}")
            cell_labels.append((table.cell_label(row, col), f"{table.id}.{row}.{col}"))
        for row in table.rows:
            first = next(iter(table.row_columns(row.id)), None)
            if first is not None:
                row_labels.append((row.label, f"{table.id}.{row.id}.{first}"))
        titles.append((table.title, f"table:{table.id}"))
    for section in edition.sections:
        if section.kind == "text" and section.title:
            titles.append((section.title, f"section:{section.id}"))
    row_labels.sort(key=lambda item: -len(item[0]))  # 其他 must not win over 其他对外管理服务事项
    return {"cells": cells, "cell_labels": cell_labels, "row_labels": row_labels, "titles": titles}
