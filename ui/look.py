"""The application's look, named once: the fonts and colours widgets are given where they are made.

Set in code (fonts, palettes, margins) rather than by an application style sheet: one makes every widget of
the program use QStyleSheetStyle, which made start-up ~3 ms slower to the report usable. Style sheets are left
only where nothing else does it cheaply, each on one widget: the outline's item padding, and the red frame of a
field with a finding (only while it has the finding). Light on purpose: imported with the window frame.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMargins
from PySide6.QtGui import QColor, QFont  # QPalette (its class and enums, ~0.5 ms) where used: after the frame

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QTableView, QWidget

INK = QColor("#1f2d3d")              # section headings; the outline's selected item
QUIET = QColor("#5a6470")            # the colour legend above a table
NOTE = QColor("#8a5a00")             # the findings listed under a narrative
PASSING = QColor("#1e7d45")          # ✔ 通过
FAILING = QColor("#b3261e")          # ✘ errors; the frame of a field with a finding
TABLE_GRID = QColor("#c8ced6")
TABLE_SELECTED, TABLE_SELECTED_TEXT = QColor("#9cc1f0"), QColor("#000000")
FINDING_SHEET = "{kind} {{ border: 1px solid #b3261e; background: #fdf1f0; }}"
OUTLINE_SHEET = ("QListWidget::item { padding: 4px; }"
                 " QListWidget::item:selected { background: #dbe6f5; color: #1f2d3d; }")

HEADING_PT, LEGEND_PT, OUTLINE_PT, TEXT_PT = 12, 9, 10.5, 11
HEADING_PADDING, VERDICT_PADDING = QMargins(0, 2, 0, 2), QMargins(6, 2, 6, 2)


def _font(widget, points: float | None = None, bold: bool = False) -> None:
    font = widget.font()
    if points is not None:
        font.setPointSizeF(points)
    if bold:
        font.setBold(True)
    widget.setFont(font)


def _colours(widget, **colours: QColor) -> None:
    """Give ``widget`` these palette colours (by role name: WindowText=…) in every state, active or not."""
    from PySide6.QtGui import QPalette  # noqa: PLC0415 - see the imports

    palette = widget.palette()
    for role, colour in colours.items():
        palette.setColor(getattr(QPalette.ColorRole, role), colour)
    widget.setPalette(palette)


def application(app: QApplication) -> None:
    """Application-wide defaults by widget class: plain-text editors (narratives, reasons) write at 11 pt."""
    font = QFont(app.font())
    font.setPointSizeF(TEXT_PT)
    app.setFont(font, "QPlainTextEdit")


def _pad(label: QLabel, margins: QMargins) -> None:
    """Room around a label's text, as a label with a frame has it: Qt indents such a text by half an "x" and
    makes the label a whole "x" wider (so the padded labels keep the places they had under a style sheet)."""
    x_width = label.fontMetrics().horizontalAdvance("x")
    label.setIndent(x_width // 2)
    label.setContentsMargins(margins + QMargins(0, 0, x_width - x_width // 2, 0))


def heading(label: QLabel) -> None:
    """A section's title: bigger, bold, dark ink."""
    _font(label, HEADING_PT, bold=True)
    _colours(label, WindowText=INK)
    _pad(label, HEADING_PADDING)


def legend(label: QLabel) -> None:
    """The small grey key to a table's cell colours."""
    _font(label, LEGEND_PT)
    _colours(label, WindowText=QUIET)


def notes(label: QLabel) -> None:
    """The findings listed under a narrative, in amber."""
    _colours(label, WindowText=NOTE)


def verdict_label(label: QLabel) -> None:
    """A bold pass/fail line (status bar, check panel); green until ``show_failing`` says otherwise."""
    _font(label, bold=True)
    _colours(label, WindowText=PASSING)
    _pad(label, VERDICT_PADDING)


def show_failing(label: QLabel, failing: bool) -> None:
    """Red while the verdict is a failure, green otherwise."""
    colour = FAILING if failing else PASSING
    if label.palette().windowText().color() != colour:
        _colours(label, WindowText=colour)


def show_finding(field, has_finding: bool) -> None:
    """A red frame on a field a finding is about, removed when it is fixed (a sheet on that field only)."""
    if bool(field.property("finding")) != has_finding:  # unset reads as False: nothing to do at start-up
        field.setProperty("finding", has_finding)
        field.setStyleSheet(FINDING_SHEET.format(kind=type(field).__name__) if has_finding else "")


def outline(view: QListWidget) -> None:
    """The outline list: a little larger text, roomy items, a quiet blue selection (also without focus). Item
    padding is the one thing a palette cannot give: a sheet on the outline alone does it (~0.5 ms, where a Python
    item delegate costs 1–17 ms of PySide types and calls)."""
    _font(view, OUTLINE_PT)
    view.setStyleSheet(OUTLINE_SHEET)


def _window_for_grid(grid: QColor) -> QColor:
    """Fusion draws a table's grid in its palette's Window colour made darker(120): the Window giving ``grid``."""
    hue, saturation, value, _alpha = grid.getHsv()
    return QColor.fromHsv(hue, saturation, min(255, value * 120 // 100))


def table(view: QTableView, *others: QWidget) -> None:
    """A table's grid and selection colours; its headers, scroll bars and ``others`` (e.g. its corner button, where
    it shows) keep the usual ones. (Not ``children()``/``viewport()``: a plain QWidget handed to Python costs
    ~8 ms of enums the first time.)"""
    from PySide6.QtGui import QPalette  # noqa: PLC0415 - see the imports

    usual = view.palette()
    _colours(view, Window=_window_for_grid(TABLE_GRID), Highlight=TABLE_SELECTED, HighlightedText=TABLE_SELECTED_TEXT)
    keep = QPalette()
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText):
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
            keep.setColor(group, role, usual.color(group, role))
    for child in (view.horizontalHeader(), view.verticalHeader(), view.horizontalScrollBar(), view.verticalScrollBar(),
                  *others):
        child.setPalette(keep)
