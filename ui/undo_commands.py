"""Undoable edits: every change to a report goes through one of these on the session's QUndoStack."""
from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QUndoCommand  # QKeySequence (~1 ms of enums) with the first key pressed

from app.report import Cell

_TEXT_ID, _FIELD_ID = 1001, 1002
MERGE_SECONDS = 2.0  # typing merges into one undo step until the clerk pauses this long (fields, words)


class SetCellsCommand(QUndoCommand):
    """Set several cells of one table at once (typing, paste, delete, fill with 0): one undo step."""

    def __init__(self, model, changes: dict[tuple[str, str], tuple[tuple[Cell, str | None], tuple[Cell, None]]],
                 text: str) -> None:
        super().__init__(text)
        self._model = model
        self._old = {cell: old for cell, (old, _new) in changes.items()}
        self._new = {cell: new for cell, (_old, new) in changes.items()}

    def redo(self) -> None:
        self._model.write_cells(self._new)

    def undo(self) -> None:
        self._model.write_cells(self._old)


class SetManualCommand(QUndoCommand):
    """Switch a total between manual entry and auto-total (undo restores the typed figure)."""

    def __init__(self, model, row: str, col: str, manual: bool) -> None:
        super().__init__("改为手工填写合计" if manual else "恢复自动计算合计")
        self._model, self._row, self._col, self._manual = model, row, col, manual
        self._old = model.snapshot(row, col)

    def redo(self) -> None:
        self._model.set_manual(self._row, self._col, self._manual)

    def undo(self) -> None:
        self._model.set_manual(self._row, self._col, not self._manual)
        self._model.write_cells({(self._row, self._col): self._old})


def text_change(old: str, new: str) -> tuple[int, str, str]:
    """Where two texts differ: (position, removed text, inserted text); C-speed on long narratives."""
    limit = min(len(old), len(new))
    low, high = 0, limit
    while low < high:  # longest common prefix by halving (slice comparisons run in C)
        mid = (low + high + 1) // 2
        if old[:mid] == new[:mid]:
            low = mid
        else:
            high = mid - 1
    start = low
    low, high = 0, limit - start
    while low < high:  # longest common suffix not overlapping the prefix
        mid = (low + high + 1) // 2
        if old[len(old) - mid:] == new[len(new) - mid:]:
            low = mid
        else:
            high = mid - 1
    return start, old[start:len(old) - low], new[start:len(new) - low]


def _word_char(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char == "_")


class SetTextCommand(QUndoCommand):
    """Change a narrative section. Undo goes back by word, as in Word: single Latin letters and digits
    typed in a row merge into one step until a space or punctuation ends the word or the clerk pauses;
    each input-method commit (a Chinese word or phrase), paste or cut is a step of its own; a run of
    Backspace or Delete presses merges."""

    def __init__(self, session, section: str, old: str, new: str) -> None:
        super().__init__("编辑正文")
        self._session, self._section, self._old, self._new = session, section, old, new
        self._when = time.monotonic()
        self._pos, self._removed, self._inserted = text_change(old, new)

    def id(self) -> int:
        return _TEXT_ID

    def _continues(self, other: SetTextCommand) -> bool:
        if other._section != self._section or other._when - self._when > MERGE_SECONDS:
            return False
        if not self._removed and not other._removed and len(other._inserted) == 1:
            typed = other._inserted
            return (_word_char(typed) or typed == " ") and self._inserted != "" and _word_char(self._inserted[-1]) \
                and other._pos == self._pos + len(self._inserted)
        if not self._inserted and not other._inserted and len(other._removed) == 1:
            return other._pos in (self._pos, self._pos - 1)  # Delete, Backspace
        return False

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetTextCommand) or not self._continues(other):
            return False
        if other._inserted:
            self._inserted += other._inserted
        else:
            self._removed = other._removed + self._removed if other._pos < self._pos else self._removed + other._removed
            self._pos = min(self._pos, other._pos)
        self._new, self._when = other._new, other._when
        return True

    def redo(self) -> None:
        self._session.apply_text(self._section, self._new)

    def undo(self) -> None:
        self._session.apply_text(self._section, self._old)


class SetFieldsCommand(QUndoCommand):
    """Change report metadata (organ, year, title); typing in the same field merges."""

    def __init__(self, session, old: dict[str, object], new: dict[str, object]) -> None:
        super().__init__("编辑基本信息")
        self._session, self._old, self._new = session, old, new
        self._when = time.monotonic()

    def id(self) -> int:
        return _FIELD_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetFieldsCommand) or set(other._new) != set(self._new) \
                or other._when - self._when > MERGE_SECONDS:
            return False
        self._new, self._when = other._new, other._when
        return True

    def redo(self) -> None:
        self._session.apply_fields(self._new)

    def undo(self) -> None:
        self._session.apply_fields(self._old)


class SetReviewsCommand(QUndoCommand):
    """Explain a finding or withdraw an explanation (the report's list of reviews, before and after)."""

    def __init__(self, session, old: list, new: list, text: str) -> None:
        super().__init__(text)
        self._session, self._old, self._new = session, list(old), list(new)

    def redo(self) -> None:
        self._session.apply_reviews(self._new)

    def undo(self) -> None:
        self._session.apply_reviews(self._old)


class RouteUndoShortcuts(QObject):
    """Event filter for text widgets: leave Ctrl+Z / Ctrl+Y to the window's undo stack."""

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and _is_undo_or_redo(event):
            event.ignore()
            return True
        return False


def _is_undo_or_redo(event) -> bool:
    from PySide6.QtGui import QKeySequence  # noqa: PLC0415 - see the imports

    return (event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)
            or (event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier))
