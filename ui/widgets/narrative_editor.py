"""Editor of one narrative section: plain text, findings highlighted, word count."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor  # QTextCharFormat, QTextCursor (~5 ms of enums) where findings are marked
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from app.checks import Finding, Level
from ui import look

_MARKS = {Level.ERROR: QColor("#f9d6d5"), Level.WARNING: QColor("#fde7b0")}


def word_count(text: str) -> int:
    """Characters a Chinese word count counts: everything but white space."""
    return sum(1 for ch in text if not ch.isspace())


class NarrativeEditor(QWidget):
    """Plain-text editor of a section; edits go to the session as undoable commands.

    Signals:
        text_edited(str, str): section id and the new full text after the clerk typed.
    """

    text_edited = Signal(str, str)

    def __init__(self, section_id: str, title: str, parent=None) -> None:
        super().__init__(parent)
        self.section_id = section_id
        self._updating = False
        self.heading = QLabel(title, self)
        self.heading.setObjectName("sectionHeading")
        look.heading(self.heading)
        self.edit = QPlainTextEdit(self)
        self.edit.setUndoRedoEnabled(False)  # the session's QUndoStack handles undo
        self.edit.setTabChangesFocus(True)
        self.edit.setPlaceholderText("在此填写本部分正文（段落之间换行）")
        self.notes = QLabel(self)
        self.notes.setObjectName("sectionNotes")
        look.notes(self.notes)
        self.notes.setWordWrap(True)
        self.count = QLabel(self)
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.notes)
        layout.addWidget(self.count)
        self.edit.textChanged.connect(self._on_text_changed)
        self._update_count()

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        """Show a text from the report (load, undo) without recording an edit."""
        current = self.text()
        if text == current:
            return
        self._updating = True
        if current:  # the cursor stays where it was (undo, reload)
            cursor_pos = self.edit.textCursor().position()
            self.edit.setPlainText(text)
            cursor = self.edit.textCursor()
            cursor.setPosition(min(cursor_pos, len(text)))
            self.edit.setTextCursor(cursor)
        else:
            self.edit.setPlainText(text)  # an empty editor (a new page): the cursor starts at the top
        self._updating = False
        self._update_count()

    def _on_text_changed(self) -> None:
        self._update_count()
        if not self._updating:
            self.text_edited.emit(self.section_id, self.text())

    def _update_count(self) -> None:
        self.count.setText(f"字数：{word_count(self.text())}")

    def set_findings(self, findings: list[Finding], reviewed: dict | None = None) -> None:
        """Highlight the words findings point at; list the messages under the editor. Explained
        findings (``reviewed``: finding → review) are listed with their reason and not highlighted."""
        reviewed = reviewed or {}
        mine = [f for f in findings if f.cell == f"sections.{self.section_id}"]
        self.edit.setExtraSelections([self._marked(f) for f in mine if f.span is not None and f not in reviewed])
        self.notes.setText("\n".join(_note(f, reviewed.get(f)) for f in mine))
        self.notes.setVisible(bool(mine))

    def _marked(self, finding: Finding) -> QTextEdit.ExtraSelection:
        """The words ``finding`` points at, with its colour and message."""
        from PySide6.QtGui import QTextCharFormat, QTextCursor  # noqa: PLC0415 - see the imports

        selection = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(_MARKS[finding.level])
        fmt.setToolTip(finding.message)
        selection.format = fmt
        cursor = QTextCursor(self.edit.document())
        cursor.setPosition(finding.span[0])
        cursor.setPosition(min(finding.span[1], len(self.text())), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        return selection

    def show_finding(self, finding: Finding) -> None:
        """Select the words a finding points at (or just focus the editor)."""
        from PySide6.QtGui import QTextCursor  # noqa: PLC0415 - see the imports

        cursor = self.edit.textCursor()
        if finding.span is not None:
            cursor.setPosition(finding.span[0])
            cursor.setPosition(min(finding.span[1], len(self.text())), QTextCursor.MoveMode.KeepAnchor)
            self.edit.setTextCursor(cursor)
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)


def _note(finding: Finding, review) -> str:
    if review is not None:
        return f"✔ 已说明：{finding.message}（说明：{review.reason}）"
    return ("✘ " if finding.level is Level.ERROR else "⚠ ") + finding.message
