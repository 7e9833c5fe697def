"""The report as pages: 基本信息 and the six sections, with an outline to jump between them. Only 基本信息 (with
the preamble) is built with the view; each other page, table or text, is built when it is first shown."""
from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QLineEdit, QListView, QListWidget, QListWidgetItem, QSplitter,
                               QStackedWidget, QVBoxLayout, QWidget)

from app.checks import Finding, Level
from ui import look
from ui.file_drops import PassFileDrops
from ui.undo_commands import RouteUndoShortcuts
from ui.widgets.meta_form import MetaForm
from ui.widgets.narrative_editor import NarrativeEditor

if TYPE_CHECKING:
    from ui.widgets.table_editor import TableEditor

META_PAGE = "meta"
OUTLINE_CHARS = 12  # the outline is about this many characters wide; longer titles wrap
_LEGEND = ("灰底加粗：自动计算的合计（右键可改为手工填写）；红底：错误；黄底：警告；左上角蓝标：已核实并附说明"
           "（右键可撤销）。鼠标停在单元格上可查看说明。")


class _LazyPages(dict):
    """Editors by section id; a page not built yet is built (``build(view, id)``) on first access."""

    def __init__(self, view: ReportView, build) -> None:
        super().__init__()
        self._view = weakref.ref(view)  # no reference cycle through the view (Qt wrappers freed by refcount)
        self._build = build

    def __missing__(self, section_id: str):
        view = self._view()
        if view is None:
            raise KeyError(section_id)
        return self._build(view, section_id)


class ReportView(QSplitter):
    """Outline on the left, the selected section on the right; all editing goes to the session.

    Signals:
        status_message(str): a message for the status bar.
    """

    status_message = Signal(str)

    def __init__(self, session, parent=None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.session = session
        self._edition = None
        self._route_undo = RouteUndoShortcuts(self)
        self._pass_file_drops = PassFileDrops(self)
        self._text_drops_watched = False  # see watch_text_drops
        self.outline = QListWidget(self)
        self.outline.setObjectName("outline")
        self.stack = QStackedWidget(self)
        self.addWidget(self.outline)
        self.addWidget(self.stack)
        self.setStretchFactor(1, 1)
        self._compact_outline()
        look.outline(self.outline)  # after: the outline's widths are measured in the body font
        self.meta = MetaForm()
        self.narratives: dict[str, NarrativeEditor] = {}
        self.tables: dict[str, TableEditor] = {}
        self._pending: dict[str, QWidget] = {}  # pages not built yet (built on first show), by section id
        self._pages: list[str] = []
        self.outline.currentRowChanged.connect(self._row_changed)
        self.meta.fields_edited.connect(session.edit_fields)
        session.report_replaced.connect(self._report_replaced)
        session.text_changed.connect(self._text_changed)
        session.fields_changed.connect(self._fields_changed)
        session.findings_changed.connect(self.show_findings)
        self._report_replaced()
        self.show_findings(session.findings)

    # --- building pages ----------------------------------------------------------------------
    def _report_replaced(self) -> None:
        report = self.session.report
        if report.edition != self._edition:
            self._build_pages()
            self._edition = report.edition
        for section_id, editor in self.narratives.items():
            editor.set_text(report.sections.get(section_id, ""))
        self.meta.show_report(report)

    def _build_pages(self) -> None:
        self.meta.setParent(None)
        while self.stack.count():
            page = self.stack.widget(0)
            self.stack.removeWidget(page)
            page.deleteLater()
        self.outline.clear()
        self._pages, self._pending = [], {}
        self.tables = _LazyPages(self, ReportView._build_table)
        self.narratives = _LazyPages(self, ReportView._build_narrative)
        spec = self.session.report.spec
        meta_page = QWidget()
        layout = QVBoxLayout(meta_page)
        layout.addWidget(self.meta)
        self._add_page(META_PAGE, "基本信息", meta_page)
        for section in spec.sections:
            if section.id == "preamble":
                layout.addWidget(self._narrative(section.id, "开头部分（引言，可不填）"), 1)
            else:
                self._add_page(section.id, section.title, self._pending_page(section.id))
        spin_text = self.meta.year.findChild(QLineEdit)
        for editor in [self.meta.organ, self.meta.title, spin_text]:
            editor.installEventFilter(self._route_undo)
            editor.installEventFilter(self._pass_file_drops)  # a dropped file opens; it is not text to insert
        self.outline.setCurrentRow(0)

    def watch_text_drops(self) -> None:
        """Files dropped on a narrative's text (its viewport, where drags go) open, as on the fields; kept
        for pages built later. Called once the form is shown: the first widget Qt made itself that Python
        asks for (a viewport) is wrapped by trying every widget class (~10–20 ms of enums at first)."""
        self._text_drops_watched = True
        for editor in self.narratives.values():
            editor.edit.viewport().installEventFilter(self._pass_file_drops)

    def _table_ids(self) -> set[str]:
        return {s.id for s in self.session.report.spec.sections if s.kind == "table"}

    def _compact_outline(self) -> None:
        """A narrow outline whose long titles wrap (never cut, no horizontal scroll bar); it can be
        collapsed by dragging the splitter to the left."""
        outline = self.outline
        outline.setWordWrap(True)
        outline.setTextElideMode(Qt.TextElideMode.ElideNone)
        outline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outline.setResizeMode(QListView.ResizeMode.Adjust)
        outline.setMinimumWidth(outline.fontMetrics().horizontalAdvance("中") * 6)
        self.setCollapsible(0, True)
        self.setCollapsible(1, False)
        width = outline.fontMetrics().horizontalAdvance("中") * OUTLINE_CHARS + 40
        self.setSizes([width, max(width * 4, 800)])

    def outline_action(self, parent) -> QAction:
        """A checkable action that shows or collapses the outline (the splitter handle restores it too); the
        window gives it F7."""
        action = QAction("目录(&O)", parent)
        action.setCheckable(True)
        action.setChecked(True)
        action.toggled.connect(self.show_outline)
        self._outline_action = action
        self.splitterMoved.connect(self._splitter_moved)
        return action

    def _splitter_moved(self) -> None:
        self._outline_action.setChecked(self.sizes()[0] > 0)

    def show_outline(self, shown: bool) -> None:
        sizes = self.sizes()
        if shown and sizes[0] == 0:
            width = self.outline.fontMetrics().horizontalAdvance("中") * OUTLINE_CHARS + 40
            self.setSizes([width, max(1, sum(sizes) - width)])
        elif not shown and sizes[0] > 0:
            self.setSizes([0, sum(sizes)])

    def _add_page(self, key: str, title: str, page: QWidget) -> None:
        self._pages.append(key)
        item = QListWidgetItem(title, self.outline)
        item.setData(Qt.ItemDataRole.UserRole, title)
        item.setToolTip(title)
        self.stack.addWidget(page)

    def _narrative(self, section_id: str, title: str) -> NarrativeEditor:
        """The editor of a narrative section, showing the report's text and findings."""
        editor = NarrativeEditor(section_id, title)
        editor.text_edited.connect(self.session.edit_text)
        self.narratives[section_id] = editor
        editor.edit.installEventFilter(self._route_undo)
        if self._text_drops_watched:
            editor.edit.viewport().installEventFilter(self._pass_file_drops)
        editor.set_text(self.session.report.sections.get(section_id, ""))
        editor.set_findings(self.session.findings, self.session.reviewed)
        return editor

    def _pending_page(self, section_id: str) -> QWidget:
        """An empty page for a section; its editor is built when the page is first shown (start-up time)."""
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self._pending[section_id] = page
        return page

    def _build_narrative(self, section_id: str) -> NarrativeEditor:
        if section_id in self._table_ids():
            raise KeyError(section_id)
        holder = self._pending.pop(section_id)  # KeyError: not a page of this edition
        editor = self._narrative(section_id, self.session.report.spec.section(section_id).title)
        holder.layout().addWidget(editor)
        return editor

    def _build_table(self, table_id: str) -> TableEditor:
        from ui.widgets.table_editor import TableEditor  # noqa: PLC0415 - kept off start-up with the page
        if table_id not in self._table_ids():
            raise KeyError(table_id)
        holder = self._pending.pop(table_id)
        spec = self.session.report.spec.table(table_id)
        page = QWidget(holder)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.setSpacing(2)
        heading = QLabel(spec.title, page)
        heading.setObjectName("sectionHeading")
        look.heading(heading)
        legend = QLabel(_LEGEND, page)
        legend.setObjectName("legend")
        look.legend(legend)
        legend.setWordWrap(True)
        legend.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addWidget(legend, 1)
        editor = TableEditor(self.session, table_id, page)
        editor.status_message.connect(self.status_message)
        self.tables[table_id] = editor
        layout.addLayout(top)
        layout.addWidget(editor, 1)
        if spec.note:
            note = QLabel(spec.note, page)
            note.setWordWrap(True)
            layout.addWidget(note)
        holder.layout().addWidget(page)
        return editor

    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self._pages) and self._pages[row] in self._pending:
            self._build_page(self._pages[row])
        self.stack.setCurrentIndex(row)

    def _build_page(self, key: str) -> QWidget:
        """The editor of a page not built yet (built now: the lazy dicts build what they miss)."""
        return self.tables[key] if key in self._table_ids() else self.narratives[key]

    # --- keeping in step with the session ------------------------------------------------------
    def _text_changed(self, section_id: str) -> None:
        editor = self.narratives.get(section_id)
        if editor is not None:
            editor.set_text(self.session.report.sections.get(section_id, ""))

    def _fields_changed(self) -> None:
        self.meta.show_report(self.session.report)

    def show_findings(self, findings: list[Finding]) -> None:
        for editor in self.narratives.values():
            editor.set_findings(findings, self.session.reviewed)
        self.meta.set_findings(findings)
        counts: dict[str, list[Finding]] = {}
        for finding in findings:
            if finding.level is Level.WARNING and finding in self.session.reviewed:
                continue    # an explained warning no longer counts
            counts.setdefault(self._page_of(finding), []).append(finding)
        for row, key in enumerate(self._pages):
            item = self.outline.item(row)
            mine = counts.get(key, [])
            errors = sum(1 for f in mine if f.level is Level.ERROR)
            mark = f"  ✘{errors}" if errors else (f"  ⚠{len(mine)}" if mine else "")
            text = item.data(Qt.ItemDataRole.UserRole) + mark
            if item.text() != text:
                item.setText(text)

    def _page_of(self, finding: Finding) -> str:
        if finding.table:
            return finding.table
        if finding.cell and finding.cell.startswith("sections."):
            section = finding.cell.split(".", 1)[1]
            return section if section in self._pages else META_PAGE
        return META_PAGE

    # --- jumping -------------------------------------------------------------------------------
    def show_page(self, key: str) -> None:
        self.outline.setCurrentRow(self._pages.index(key))

    def current_table(self) -> TableEditor | None:
        key = self._pages[self.stack.currentIndex()] if self.stack.currentIndex() >= 0 else None
        return self.tables.get(key)

    def commit_typing(self) -> None:
        """Store a value still being typed in a cell (before saving, exporting or closing)."""
        editor = self.current_table()
        if editor is not None:
            editor.commit_typing()

    def go_to_place(self, place: str) -> None:
        """Show a place named by ``app.report_notes.place_of`` (cell:, table:, section:, field:)."""
        kind, _, ref = place.partition(":")
        if kind == "cell":
            table, row, col = ref.split(".")
            self.show_page(table)
            self.tables[table].select_cell(row, col)
        elif kind in ("table", "section") and ref in self._pages:
            self.show_page(ref)
            if ref in self.narratives:
                self.narratives[ref].edit.setFocus(Qt.FocusReason.OtherFocusReason)
        elif kind == "field" or kind == "section":
            self.show_page(META_PAGE)
            widget = {"organ": self.meta.organ, "year": self.meta.year, "title": self.meta.title}.get(ref)
            (widget or self.meta).setFocus(Qt.FocusReason.OtherFocusReason)

    def go_to(self, finding: Finding) -> None:
        """Show the page of a finding and select its cell, words or field."""
        self.show_page(self._page_of(finding))
        if finding.table:
            _table, row, col = finding.cell.split(".")
            self.tables[finding.table].select_cell(row, col)
        elif finding.cell and finding.cell.startswith("sections."):
            self.narratives[finding.cell.split(".", 1)[1]].show_finding(finding)
        else:
            widget = {"organ": self.meta.organ, "year": self.meta.year, "title": self.meta.title}.get(finding.field)
            if widget is not None:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
