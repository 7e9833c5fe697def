"""One generic Qt model per statutory table, an adapter over the report's table data.

Layout comes from the table's ``TableSpec`` (``ui.table_rows``): printed columns (``printed_columns``: a
one-row table prints each JSON row as a column group), heading rows for row-path prefixes, and tables made
of blocks shown block by block, each with its own header row and its columns from the left; cells a row
does not have are disabled. Total cells (targets of sum
checks) are computed unless the clerk switched them to manual entry.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from app.checks import Finding, Level
from app.editions import TableSpec, printed_columns
from app.errors import ValueRejected
from app.report import Cell, Report, format_cell, parse_cell_text
from ui.brushes import brush
from ui.table_rows import DisplayRow, block_width, display_rows, uses_blocks  # noqa: F401 - DisplayRow re-exported
from ui.review_marks import REVIEWED_BG, marked, review_lines

ColumnSpecRole = Qt.ItemDataRole.UserRole + 1
CellRefRole = Qt.ItemDataRole.UserRole + 2
HeadingRole = Qt.ItemDataRole.UserRole + 3
TotalRole = Qt.ItemDataRole.UserRole + 4

_ERROR_BG, _WARNING_BG = "#f9d6d5", "#fdebc8"          # brushes made on first paint (ui/brushes.py)
_AUTO_BG, _MANUAL_BG = "#e9eef5", "#e4ecfb"
_ABSENT_BG, _HEADING_BG = "#f1f1f1", "#f5f7fa"
_INVALID_FG = "#b00020"
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_INDENT = "\u3000"
_Role = Qt.ItemDataRole
# Roles the model answers for a cell; a view asks for many others on every paint.
_CELL_ROLES = frozenset({_Role.DisplayRole, _Role.EditRole, _Role.TextAlignmentRole, _Role.BackgroundRole,
                         _Role.ForegroundRole, _Role.FontRole, _Role.ToolTipRole, ColumnSpecRole, CellRefRole,
                         TotalRole, HeadingRole})


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class StatTableModel(QAbstractTableModel):
    """Qt model of one statutory table.

    Signals:
        values_written(): cell values were written by an edit (undo commands call ``write_cells``).
        value_rejected(str): an edit was refused; the Chinese reason.
    """

    values_written = Signal()
    value_rejected = Signal(str)

    def __init__(self, spec: TableSpec, report: Report, push=None, parent=None) -> None:
        super().__init__(parent)
        self._push = push  # callable(changes, text) that records an undoable edit; None writes directly
        self._findings: dict[tuple[str, str], list[Finding]] = {}
        self._reviewed: dict = {}   # Finding → Review of the findings the clerk explained
        self._bind(spec, report)

    # --- structure -------------------------------------------------------------------------
    def _bind(self, spec: TableSpec, report: Report) -> None:
        self.spec, self.report = spec, report
        self._rows = display_rows(spec)
        self.blocks = uses_blocks(spec)
        self._columns = [(None, "")] * block_width(spec) if self.blocks else printed_columns(spec)
        self._row_index = {r.row: i for i, r in enumerate(self._rows) if r.row is not None}
        self._column_index = {key: i for i, key in enumerate(self._columns)}
        self._computed = {(r, c) for t, r, c in report.spec.computed_cells if t == spec.id}
        self._findings, self._reviewed = {}, {}
        self._grid = [[self._locate(r, c) for c in range(len(self._columns))] for r in range(len(self._rows))]
        self._bold = _bold()

    def _locate(self, model_row: int, column: int) -> tuple[str, str] | None:
        display, (row, col) = self._rows[model_row], self._columns[column]
        if self.blocks:
            row, col = display.row, display.columns[column] if column < len(display.columns) else None
        row = row if self.spec.one_row else display.row
        if row is None or not self.spec.has_cell(row, col):
            return None
        return row, col

    def reset(self, spec: TableSpec, report: Report) -> None:
        """A new report (possibly another edition): rebuild the layout."""
        self.beginResetModel()
        self._bind(spec, report)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def cell_at(self, index: QModelIndex) -> tuple[str, str] | None:
        """(row id, column id) of an index, or None for headings and cells the row lacks."""
        if not index.isValid():
            return None
        return self._grid[index.row()][index.column()]

    def column_key(self, column: int) -> tuple[str | None, str]:
        """(row, column) ids of a printed column; row is None except in one-row tables."""
        return self._columns[column]

    def index_of(self, row: str, col: str) -> QModelIndex:
        if self.spec.one_row:
            return self.index(0, self._column_index[(row, col)])
        if self.blocks:
            model_row = self._row_index[row]
            return self.index(model_row, self._rows[model_row].columns.index(col))
        return self.index(self._row_index[row], self._column_index[(None, col)])

    def display_row(self, model_row: int) -> DisplayRow:
        return self._rows[model_row]

    def is_heading(self, model_row: int) -> bool:
        return not self.spec.one_row and self._rows[model_row].row is None

    def data_rows(self) -> list[int]:
        """Model rows that hold data (headings excluded)."""
        return [i for i in range(len(self._rows)) if not self.is_heading(i)]

    def ref(self, row: str, col: str) -> str:
        return f"{self.spec.id}.{row}.{col}"

    def is_total(self, row: str, col: str) -> bool:
        return (row, col) in self._computed

    def is_auto(self, row: str, col: str) -> bool:
        return self.is_total(row, col) and self.ref(row, col) not in self.report.manual_totals

    # --- reading ---------------------------------------------------------------------------
    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _CELL_ROLES or not index.isValid():
            return None
        cell = self._grid[index.row()][index.column()]
        if cell is None:
            return self._empty_data(index, role)
        row, col = cell
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            value = self.report.get(self.spec.id, row, col)
            if value is None and role == Qt.ItemDataRole.DisplayRole:
                return self.report.invalid.get(self.ref(row, col), "")
            return format_cell(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        if role == ColumnSpecRole:
            return self.spec.column(col)
        if role == CellRefRole:
            return self.ref(row, col)
        if role == TotalRole:
            return self.is_total(row, col)
        return self._style_data(row, col, role)

    def _style_data(self, row: str, col: str, role: int):
        findings = self._findings.get((row, col), [])
        if role == Qt.ItemDataRole.BackgroundRole and any(f in self._reviewed for f in findings):
            return marked(self._background(row, col, findings))     # a corner mark: explained here
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row, col, findings)
        if role == Qt.ItemDataRole.ForegroundRole:
            return brush(_INVALID_FG) if self.report.invalid and self.ref(row, col) in self.report.invalid else None
        if role == Qt.ItemDataRole.FontRole and self.is_total(row, col):
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col, findings)
        return None

    def _background(self, row: str, col: str, findings: list[Finding]):
        if any(f.level is Level.ERROR for f in findings):
            return brush(_ERROR_BG)        # an explained error still counts
        if any(f not in self._reviewed for f in findings):
            return brush(_WARNING_BG)
        if findings:
            return brush(REVIEWED_BG)      # every finding here explained
        if self.is_total(row, col):
            return brush(_AUTO_BG if self.is_auto(row, col) else _MANUAL_BG)
        return None

    def _tooltip(self, row: str, col: str, findings: list[Finding]) -> str:
        lines = [self.spec.cell_label(row, col)]
        if self.is_auto(row, col):
            lines.append("自动计算（右键可改为手工填写）")
        elif self.is_total(row, col):
            lines.append("手工填写的合计（右键可恢复自动计算）")
        lines += [("错误：" if f.level is Level.ERROR else "警告：") + f.message for f in findings]
        lines += review_lines(findings, self._reviewed)
        return "\n".join(lines)

    def _empty_data(self, index: QModelIndex, role: int):
        heading = self.is_heading(index.row())
        if role == HeadingRole:
            return heading
        display = self._rows[index.row()]
        if display.is_column_header:
            return self._column_header_data(display, index.column(), role)
        if role == Qt.ItemDataRole.BackgroundRole:
            return brush(_HEADING_BG if heading else _ABSENT_BG)
        if not heading:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return display.label or None
        return None

    def _column_header_data(self, display: DisplayRow, column: int, role: int):
        """A block's header row: its column labels, styled as the form's header."""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.spec.column(display.columns[column]).label if column < len(display.columns) else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            return brush(_HEADING_BG)
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        cell = self.cell_at(index)
        if cell is None:  # a block's header row reads as text, not greyed out
            header = index.isValid() and self._rows[index.row()].is_column_header
            return Qt.ItemFlag.ItemIsEnabled if header else Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_auto(*cell):
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._columns) or self.blocks:
                return None
            row, col = self._columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return self.spec.column(col).label
            if role == Qt.ItemDataRole.ToolTipRole:
                prefix = f"{self.spec.row(row).cite_label} · " if row else ""
                return prefix + self.spec.column(col).label
            return None
        if not 0 <= section < len(self._rows):
            return None
        display = self._rows[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return _INDENT * display.depth + display.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return display.label
        if role == Qt.ItemDataRole.FontRole and (display.row is None or display.is_column_header):
            return self._bold
        return None

    # --- writing ---------------------------------------------------------------------------
    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        row, col = self.cell_at(index)
        try:
            parsed = value if not isinstance(value, str) else parse_cell_text(self.spec.column(col), value)
        except ValueRejected as exc:
            self.value_rejected.emit(f"{self.spec.cell_label(row, col)}：{exc}")
            return False
        if parsed == self.report.get(self.spec.id, row, col) and self.ref(row, col) not in self.report.invalid:
            return True
        return self.edit_cells({(row, col): parsed}, "编辑单元格")

    def refuse_text(self, index: QModelIndex, reason: str) -> None:
        """Tell the clerk why typed text was not stored (status bar)."""
        cell = self.cell_at(index)
        self.value_rejected.emit(f"{self.spec.cell_label(*cell)}：{reason}" if cell else reason)

    def keep_unreadable(self, index: QModelIndex, raw: str) -> bool:
        """Keep text that is no value of the cell's kind as typed: the cell is blank, the text is shown in
        red and reported by ``value.invalid`` (one undo step)."""
        if not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        cell = self.cell_at(index)
        changes = {cell: (self.snapshot(*cell), (None, raw))}
        if self._push is None:
            self.write_cells({cell: (None, raw)})
        else:
            self._push(self, changes, "编辑单元格")
        return True

    def edit_cells(self, values: dict[tuple[str, str], Cell], text: str) -> bool:
        """Record an undoable edit of several cells at once (one undo step)."""
        changes = {cell: (self.snapshot(*cell), (value, None)) for cell, value in values.items()}
        if self._push is None:
            self.write_cells({cell: new for cell, (_old, new) in changes.items()})
        else:
            self._push(self, changes, text)
        return True

    def snapshot(self, row: str, col: str) -> tuple[Cell, str | None]:
        """A cell's value and its unreadable imported text, for undo."""
        return self.report.get(self.spec.id, row, col), self.report.invalid.get(self.ref(row, col))

    def write_cells(self, cells: dict[tuple[str, str], tuple[Cell, str | None]]) -> None:
        """Write values (and restore unreadable texts) into the report, then notify views."""
        for (row, col), (value, raw) in cells.items():
            self.report.set_cell(self.spec.id, row, col, value)
            if raw is not None:
                self.report.invalid[self.ref(row, col)] = raw
        self._changed(list(cells))
        self.values_written.emit()

    def set_manual(self, row: str, col: str, manual: bool) -> None:
        """Switch a total cell between manual entry and auto-total."""
        ref = self.ref(row, col)
        if manual:
            self.report.manual_totals.add(ref)
        else:
            self.report.manual_totals.discard(ref)
        self._changed([(row, col)])
        self.values_written.emit()

    def refresh_refs(self, refs: list[str]) -> None:
        """Cells changed outside the model (auto-total): repaint them."""
        self._changed([tuple(ref.split(".")[1:]) for ref in refs])

    def _changed(self, cells: list[tuple[str, str]]) -> None:
        for row, col in cells:
            index = self.index_of(row, col)
            self.dataChanged.emit(index, index)

    def set_findings(self, findings: list[Finding], reviewed: dict | None = None) -> None:
        """Mark cells with the findings about this table (``reviewed``: the explained ones, with their
        reviews); repaint only cells whose marks changed."""
        reviewed = {f: r for f, r in (reviewed or {}).items() if f.table == self.spec.id}
        marked: dict[tuple[str, str], list[Finding]] = {}
        for finding in findings:
            if finding.table == self.spec.id:
                _table, row, col = finding.cell.split(".")
                marked.setdefault((row, col), []).append(finding)
        if marked == self._findings and reviewed == self._reviewed:
            return
        changed = {cell for cell in marked.keys() | self._findings.keys()
                   if marked.get(cell) != self._findings.get(cell)}
        changed |= {tuple(f.cell.split(".")[1:]) for f in reviewed.keys() ^ self._reviewed.keys()}
        changed |= {tuple(f.cell.split(".")[1:]) for f in reviewed if reviewed[f] != self._reviewed.get(f)}
        self._findings, self._reviewed = marked, reviewed
        roles = [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole]
        for row, col in changed:
            index = self.index_of(row, col)
            self.dataChanged.emit(index, index, roles)
