"""A finding of a check: frozen, mirrors the JSON of ``check --json``."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum


class Level(str, Enum):
    ERROR = "error"
    WARNING = "warning"


LEVEL_LABELS = {Level.ERROR: "错误", Level.WARNING: "警告"}


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    level: Level
    cell: str | None
    expected: object
    found: object
    message: str
    # Where in a text the finding points (start, end), for highlighting; not part of the JSON.
    span: tuple[int, int] | None = None
    # A report field the finding is about when it is not a cell or section: "title", "organ", "year".
    field: str | None = None

    def to_json(self) -> dict:
        return {
            "rule": self.rule,
            "level": self.level.value,
            "cell": self.cell,
            "expected": _json_value(self.expected),
            "found": _json_value(self.found),
            "message": self.message,
        }

    @property
    def table(self) -> str | None:
        """The table id when the finding is about a table cell."""
        if self.cell and not self.cell.startswith("sections."):
            return self.cell.split(".", 1)[0]
        return None


def _json_value(value: object) -> object:
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def shown(value: object) -> str:
    """A value as a message shows it: blank reads 空白."""
    if value is None:
        return "空白"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)
