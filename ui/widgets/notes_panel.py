"""The notes panel: what an import or the new-year draft had to interpret, kept with the report.

Each note wraps, has a tick the clerk sets once it is checked, and double-click or Enter jumps to the
place it is about. The panel stays (next to the findings) until every note is ticked; the notes and
ticks are saved in the report file (``import_notes``).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QLabel, QListView, QListWidget, QListWidgetItem, \
    QVBoxLayout, QWidget

from app.report_notes import place_of

_MARKS = {"info": "ℹ", "warning": "⚠", "error": "✘"}
PlaceRole = Qt.ItemDataRole.UserRole + 20


class TickNoteCommand(QUndoCommand):
    """Tick or untick one note (undoable, and it makes the report unsaved work)."""

    def __init__(self, panel: NotesPanel, row: int, checked: bool) -> None:
        super().__init__("核对导入说明" if checked else "取消核对导入说明")
        self._panel, self._row, self._checked = panel, row, checked

    def redo(self) -> None:
        self._panel.set_checked(self._row, self._checked)

    def undo(self) -> None:
        self._panel.set_checked(self._row, not self._checked)


class NotesPanel(QWidget):
    """The report's notes with ticks.

    Signals:
        place_activated(str): the clerk double-clicked or pressed Enter on a note with a place.
        open_changed(int): the number of notes not yet ticked changed (or the report was replaced).
    """

    place_activated = Signal(str)
    open_changed = Signal(int)

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 2)
        layout.setSpacing(2)
        layout.addWidget(self.summary)
        layout.addWidget(self.list)
        self.list.itemChanged.connect(self._item_changed)
        self.list.itemActivated.connect(self._activated)
        session.report_replaced.connect(self.refresh)
        self.refresh()

    @property
    def notes(self):
        return self.session.report.import_notes

    def open_count(self) -> int:
        return sum(1 for note in self.notes if not note.checked)

    def refresh(self) -> None:
        """Show the notes of the session's report."""
        self.list.blockSignals(True)
        self.list.clear()
        edition = self.session.report.edition
        for note in self.notes:
            where = f"［{note.where}］" if note.where else ""
            item = QListWidgetItem(f"{_MARKS.get(note.level, '•')} {note.message}{where}", self.list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if note.checked else Qt.CheckState.Unchecked)
            place = place_of(edition, note)
            item.setData(PlaceRole, place)
            item.setToolTip("双击跳到相应位置；核对后请打勾" if place else "核对后请打勾")
        self.list.blockSignals(False)
        self._update_summary()

    def set_checked(self, row: int, checked: bool) -> None:
        """Tick or untick a note (called by the undo command)."""
        self.notes[row].checked = checked
        item = self.list.item(row)
        if item is not None:
            self.list.blockSignals(True)
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.list.blockSignals(False)
        self._update_summary()

    def _item_changed(self, item: QListWidgetItem) -> None:
        row = self.list.row(item)
        checked = item.checkState() == Qt.CheckState.Checked
        if 0 <= row < len(self.notes) and self.notes[row].checked != checked:
            self.session.undo_stack.push(TickNoteCommand(self, row, checked))

    def _activated(self, item: QListWidgetItem) -> None:
        place = item.data(PlaceRole)
        if place:
            self.place_activated.emit(place)

    def _update_summary(self) -> None:
        total, open_ = len(self.notes), self.open_count()
        self.summary.setText(f"共 {total} 条说明，{open_} 条待核对。请逐条核对，核对后打勾；双击可跳到相应位置。"
                             if open_ else f"共 {total} 条说明，已全部核对。")
        self.open_changed.emit(open_)


def add_notes_dock(window, open_changed) -> NotesPanel:
    """The notes panel as a dock tabbed with the findings; shown while some note is not ticked."""
    panel = NotesPanel(window.session, window)
    dock = QDockWidget("导入说明", window)
    dock.setObjectName("notesDock")
    dock.setWidget(panel)
    dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable)
    window.addDockWidget(window.dockWidgetArea(window.dock), dock)
    window.tabifyDockWidget(window.dock, dock)
    window.notes_dock = dock
    panel.open_changed.connect(open_changed)
    panel.place_activated.connect(window.view.go_to_place)
    open_changed(panel.open_count())
    return panel
