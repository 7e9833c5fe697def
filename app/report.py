"""The report model: one annual report, with blank (None) distinct from 0 and exact amounts."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from app.cell_input import MAX_DIGITS, parse_cell_input
from app.editions import ColumnSpec, Edition, get_edition
from app.errors import ValueRejected
from app.report_notes import ReportNote

Cell = Union[int, Decimal, None]
FoundValue = Union[int, str, None]
TableData = dict[str, dict[str, Cell]]
SECTION_IDS = ("preamble", "overview", "problems", "other")

_AMOUNT_RE = re.compile(r"^\d+(\.\d+)?$")
# Bounds on what a cell can hold (no township count or 万元 amount comes near them); they keep
# hostile files from creating numbers so long that converting or comparing them takes minutes.
_MAX_DIGITS = MAX_DIGITS        # as typed, pasted or imported: a round trip through any format keeps the value
_MAX_AMOUNT_CHARS = 40


def coerce_cell(column: ColumnSpec, value: object) -> Cell:
    """Validate one cell value for its column kind; raise ValueRejected with a Chinese reason."""
    if value is None:
        return None
    if column.kind == "amount":
        return _coerce_amount(value)
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, Decimal) and value.is_finite() and value.adjusted() < _MAX_DIGITS \
                and value == value.to_integral_value():
            value = int(value)
        else:
            raise ValueRejected(f"“{value}”不是整数")
    if abs(value) >= 10 ** _MAX_DIGITS:   # str() of it may even fail (Python prints at most 4,300 digits)
        raise ValueRejected(f"数值位数过多（超过 {_MAX_DIGITS} 位），不是合理的数量")
    if value < 0 and column.kind != "signed":
        raise ValueRejected(f"{value} 是负数，此处只能填写不小于 0 的整数")
    return value


def _coerce_amount(value: object) -> Decimal:
    if isinstance(value, bool):
        raise ValueRejected(f"“{value}”不是金额")
    if isinstance(value, Decimal) and (not value.is_finite() or value.adjusted() >= _MAX_DIGITS):
        raise ValueRejected(f"“{value}”不是金额（位数过多）")
    text = str(value).strip() if not isinstance(value, Decimal) else format(value, "f")
    if isinstance(value, int):
        text = str(value)
    if len(text) > _MAX_AMOUNT_CHARS:   # a million digits would make every later comparison crawl
        raise ValueRejected(f"“{text[:12]}…”位数过多，不是金额")
    if not _AMOUNT_RE.match(text):
        raise ValueRejected(f"“{value}”不是不小于 0 的金额（万元）")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueRejected(f"“{value}”不是金额") from None


def parse_cell_text(column: ColumnSpec, text: str) -> Cell:
    """Parse what a clerk typed or pasted into a cell (the one rule of ``app.cell_input``)."""
    return coerce_cell(column, parse_cell_input(column, text))


def format_cell(value: Cell) -> str:
    """Cell value as shown and written (amounts keep their digits; blank is empty)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


class Review(BaseModel):
    """One explained finding: what it was about, the value it saw, the clerk's reason and the day."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, defer_build=True)

    rule: str
    cell: str | None
    found: FoundValue
    reason: str
    date: str

    @field_validator("reason")
    @classmethod
    def _reason_given(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("说明不能为空")
        return value

    def to_json(self) -> dict:
        return {"rule": self.rule, "cell": self.cell, "found": self.found, "reason": self.reason, "date": self.date}


class Report(BaseModel):
    """One annual report. Tables map row id → column id → value, in the edition's order."""

    # Validators are built when a report is first validated (a report file read), not on every program
    # start: an import builds its report with ``trusted``.
    model_config = ConfigDict(validate_assignment=False, defer_build=True)

    edition: str
    organ: str = ""
    year: int | None = None
    title: str = ""
    sections: dict[str, str] = Field(default_factory=lambda: {s: "" for s in SECTION_IDS})
    tables: dict[str, TableData] = Field(default_factory=dict)
    # Raw text of cells an importer could not read as a number ("table.row.col" → text);
    # the cell itself is blank. Reported by value.invalid; kept in the JSON file as ``invalid_cells``
    # so text the clerk typed is never lost by saving.
    invalid: dict[str, str] = Field(default_factory=dict)
    # Cells whose totals the clerk typed by hand ("table.row.col"); auto-total leaves them alone.
    manual_totals: set[str] = Field(default_factory=set)
    # What an import or the new-year draft had to interpret, kept (with ticks) until the clerk checked it.
    import_notes: list[ReportNote] = Field(default_factory=list)
    # Findings a person has explained (app/reviews.py); saved as the file's optional ``reviews``.
    reviews: list[Review] = Field(default_factory=list)

    @model_validator(mode="after")
    def _fill_and_validate(self) -> "Report":
        spec = get_edition(self.edition)
        for section in SECTION_IDS:
            self.sections.setdefault(section, "")
        for table in spec.all_tables():
            data = self.tables.setdefault(table.id, {})
            for row in table.rows:
                cells = data.setdefault(row.id, {})
                for col in table.row_columns(row.id):
                    cells[col] = coerce_cell(table.column(col), cells.get(col))
        return self

    @classmethod
    def trusted(cls, **fields: object) -> "Report":
        """A report from values the program has read itself (app/recognize: strings, ints, Decimals in
        fresh dicts): the fields are not validated again, the cells are (as ``Report(...)`` does)."""
        # The factories' values given here: model_construct would first inspect each factory's signature
        # (for dict, set and list by tokenizing their text signatures, milliseconds on a first import).
        made = {name: field.default_factory() for name, field in cls.model_fields.items()
                if name not in fields and field.default_factory is not None}
        report = cls.model_construct(_fields_set=set(fields), **fields, **made)
        try:
            return report._fill_and_validate()
        except ValueRejected:
            return cls(**fields)     # a value validation converts ("5") or refuses: exactly what it gives

    @property
    def spec(self) -> Edition:
        return get_edition(self.edition)

    def get(self, table: str, row: str, column: str) -> Cell:
        return self.tables[table][row].get(column)

    def set_cell(self, table: str, row: str, column: str, value: object) -> None:
        """Set one cell, validating it for its column kind."""
        spec = self.spec.table(table)
        if not spec.has_cell(row, column):
            raise KeyError(f"{table}.{row}.{column}")
        self.tables[table][row][column] = coerce_cell(spec.column(column), value)
        self.invalid.pop(f"{table}.{row}.{column}", None)

    def copy_report(self) -> "Report":
        return self.model_copy(deep=True)


def new_report(edition: str, organ: str = "", year: int | None = None) -> Report:
    """An empty report (every cell blank) with the standard title."""
    report = Report(edition=edition, organ=organ, year=year)
    report.title = standard_title(organ, year)
    return report


def standard_title(organ: str, year: int | None) -> str:
    if not organ or year is None:
        return ""
    return f"{organ}{year}年政府信息公开工作年度报告"
