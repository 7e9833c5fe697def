"""The report model: one annual report, with blank (None) distinct from 0 and exact amounts."""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Union

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


class InvalidReview(ValueError):
    """A review whose ``field`` has the wrong type (or a blank reason)."""

    def __init__(self, field_name: str) -> None:
        super().__init__(f"review field {field_name!r} is invalid")
        self.field = field_name


@dataclass(frozen=True, slots=True)
class Review:
    """One explained finding: what it was about, the value it saw, the clerk's reason and the day.

    Strict: each field of its own type (``found`` an int, not a bool, a text or None) and a reason given;
    anything else raises InvalidReview naming the first wrong field."""

    rule: str
    cell: str | None
    found: FoundValue
    reason: str
    date: str

    def __post_init__(self) -> None:
        text, maybe_text = (str,), (str, type(None))
        for name, kinds in (("rule", text), ("cell", maybe_text), ("found", (int, str, type(None))),
                            ("reason", text), ("date", text)):
            value = getattr(self, name)
            if not isinstance(value, kinds) or isinstance(value, bool):
                raise InvalidReview(name)
        if not self.reason.strip():        # 说明不能为空
            raise InvalidReview("reason")

    def to_json(self) -> dict:
        return {"rule": self.rule, "cell": self.cell, "found": self.found, "reason": self.reason, "date": self.date}


@dataclass
class Report:
    """One annual report. Tables map row id → column id → value, in the edition's order.

    ``Report(...)`` checks the fields' types, copies the containers it is given, fills in every section,
    table, row and cell of the edition (blank: None) and validates each cell for its column."""

    edition: str
    organ: str = ""
    year: int | None = None
    title: str = ""
    sections: dict[str, str] = field(default_factory=dict)
    tables: dict[str, TableData] = field(default_factory=dict)
    # Raw text of cells an importer could not read as a number ("table.row.col" → text);
    # the cell itself is blank. Reported by value.invalid; kept in the JSON file as ``invalid_cells``
    # so text the clerk typed is never lost by saving.
    invalid: dict[str, str] = field(default_factory=dict)
    # Cells whose totals the clerk typed by hand ("table.row.col"); auto-total leaves them alone.
    manual_totals: set[str] = field(default_factory=set)
    # What an import or the new-year draft had to interpret, kept (with ticks) until the clerk checked it.
    import_notes: list[ReportNote] = field(default_factory=list)
    # Findings a person has explained (app/reviews.py); saved as the file's optional ``reviews``.
    reviews: list[Review] = field(default_factory=list)

    def __post_init__(self) -> None:
        _expect(self, "edition", str)
        _expect(self, "organ", str)
        _expect(self, "title", str)
        if self.year is not None and (isinstance(self.year, bool) or not isinstance(self.year, int)):
            raise TypeError(f"Report.year must be an int or None, not {self.year!r}")
        self.sections = _text_map(self, "sections")
        self.invalid = _text_map(self, "invalid")
        self.tables = {table: {row: {col: _as_cell(value) for col, value in cells.items()}
                               for row, cells in rows.items()} for table, rows in self.tables.items()}
        self.manual_totals = set(self.manual_totals)
        self.import_notes = _items(self, "import_notes", ReportNote)
        self.reviews = _items(self, "reviews", Review)
        self._fill_and_validate()

    def _fill_and_validate(self) -> None:
        spec = get_edition(self.edition)
        for section in SECTION_IDS:
            self.sections.setdefault(section, "")
        for table in spec.all_tables():
            data = self.tables.setdefault(table.id, {})
            for row in table.rows:
                cells = data.setdefault(row.id, {})
                for col in table.row_columns(row.id):
                    cells[col] = coerce_cell(table.column(col), cells.get(col))

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
        return copy.deepcopy(self)


def _expect(report: Report, name: str, kind: type) -> None:
    value = getattr(report, name)
    if not isinstance(value, kind):
        raise TypeError(f"Report.{name} must be a {kind.__name__}, not {value!r}")


def _text_map(report: Report, name: str) -> dict[str, str]:
    """A copy of a text → text field (sections, invalid)."""
    value = getattr(report, name)
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise TypeError(f"Report.{name} must map text to text")
    return dict(value)


def _items(report: Report, name: str, kind: type) -> list:
    """A copy of a list field (import_notes, reviews) holding only ``kind``."""
    items = list(getattr(report, name))
    if not all(isinstance(item, kind) for item in items):
        raise TypeError(f"Report.{name} must hold {kind.__name__} items")
    return items


def _as_cell(value: object) -> Cell:
    """A cell value as given to ``Report(...)``, read as a number the way the report model always has:
    an int or Decimal as it is, a bool as 0/1, a float or a text (``" 5 "``, ``"19.830"``, ``"1e3"``) as the
    int or Decimal it writes; the column's own rule (coerce_cell) judges it next."""
    if value is None or type(value) is int:
        return value
    if isinstance(value, (bool, int)):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    number = _number(value)
    if isinstance(number, int) or (number is not None and number.is_finite()):
        return number
    raise ValueRejected(f"“{str(value)[:40]}”不是数值")


def _number(value: object) -> int | Decimal | None:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    if not isinstance(value, str):
        return None
    text = value.strip()
    whole, point, zeros = text.partition(".")
    try:
        return int(whole if point and zeros and not zeros.strip("0") else text)      # "5.0" is the int 5
    except ValueError:
        pass
    try:
        return Decimal(text)
    except (InvalidOperation, ValueError):
        return None


def new_report(edition: str, organ: str = "", year: int | None = None) -> Report:
    """An empty report (every cell blank) with the standard title."""
    report = Report(edition=edition, organ=organ, year=year)
    report.title = standard_title(organ, year)
    return report


def standard_title(organ: str, year: int | None) -> str:
    if not organ or year is None:
        return ""
    return f"{organ}{year}年政府信息公开工作年度报告"
