"""Real input for the desktop tests: what a person's keyboard, mouse and input method send.

Keys and clicks go through the window (``QTest`` on the window handle), so shortcuts, focus and context
menus take the same path as on a desktop; dialogs are answered by patching only their static call.
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QWidget

CTRL = Qt.KeyboardModifier.ControlModifier


def activate(qtbot, window) -> None:
    """Make ``window`` the active window (a popup or dialog took it), so shortcuts and typing reach it."""
    window.activateWindow()
    qtbot.wait_until(lambda: QApplication.activeWindow() is window, timeout=3000)


def press(window, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed while ``window`` is active: it goes to the focus widget, shortcuts first."""
    QTest.keyClick(window.windowHandle(), key, modifiers)


def type_text(window, text: str) -> None:
    """ASCII typed on the keyboard into whatever has the focus."""
    for char in text:
        QTest.keyClick(window.windowHandle(), char)


def compose(preedit: str, commit: str, target=None) -> None:
    """A Chinese input method: first the half-typed text (preedit, underlined, not yet text), then the
    chosen candidate (commit); both sent to the focus object, as the platform input context does."""
    for event in (QInputMethodEvent(preedit, []), _commit_event(commit)):
        QApplication.sendEvent(target or QApplication.focusObject(), event)


def _commit_event(text: str) -> QInputMethodEvent:
    event = QInputMethodEvent()
    event.setCommitString(text)
    return event


def click(window, widget: QWidget, pos: QPoint | None = None, button=Qt.MouseButton.LeftButton) -> None:
    """A mouse click on ``widget`` (at ``pos`` in its coordinates, its centre by default), sent to the
    window as the platform sends it, so a right click opens the context menu as on a desktop."""
    pos = widget.rect().center() if pos is None else pos
    QTest.mouseClick(window.windowHandle(), button, Qt.KeyboardModifier.NoModifier, widget.mapTo(window, pos))


def open_menu(qtbot, window, letter) -> QMenu:
    """Alt and a menu's access letter (Alt+F: 文件); returns the open menu."""
    press(window, letter, Qt.KeyboardModifier.AltModifier)
    qtbot.wait_until(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=2000)
    return QApplication.activePopupWidget()


def choose_by_letter(qtbot, window, menu_letter, entry_letter) -> None:
    """Open a menu and choose an entry with their access letters (Alt+F, O: 文件 › 打开)."""
    qtbot.keyClick(open_menu(qtbot, window, menu_letter), entry_letter)


def when_open(owner, find, then) -> None:
    """Call ``then(widget)`` once ``find()`` returns a widget (a modal dialog or popup opening); the
    watch ends with ``owner`` (the test's window), so it never reaches into the next test."""

    def look() -> None:
        widget = find()
        if widget is None:
            QTimer.singleShot(10, owner, look)
        else:
            then(widget)

    QTimer.singleShot(0, owner, look)


def choose_in_popup(qtbot, owner, text: str, offered: list[str] | None = None) -> None:
    """When the next popup menu opens, choose the entry ``text`` with the keyboard (records the entries)."""

    def pick(menu) -> None:
        entries = [a for a in menu.actions() if a.text() and a.isEnabled()]
        if offered is not None:
            offered.extend(a.text() for a in entries)
        match = next((a for a in entries if a.text() == text), None)
        if match is None:
            menu.close()
            return
        menu.setActiveAction(match)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    when_open(owner, QApplication.activePopupWidget, pick)


class Dialogs:
    """Answers for the dialogs' static calls, recording what each asked."""

    def __init__(self, monkeypatch) -> None:
        self.open_names: list[str] = []
        self.save_names: list[str] = []
        self.answers: list = []
        self.asked: list[dict] = []
        self.warnings: list[str] = []
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(self._open))
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(self._save))
        monkeypatch.setattr(QMessageBox, "question", staticmethod(self._question))
        monkeypatch.setattr(QMessageBox, "warning", staticmethod(self._warning))

    def _open(self, parent, caption="", folder="", filters="", *args, **kwargs):
        self.asked.append({"dialog": "open", "caption": caption, "filters": filters})
        return (self.open_names.pop(0) if self.open_names else ""), ""

    def _save(self, parent, caption="", proposed="", filters="", selected="", *args, **kwargs):
        self.asked.append({"dialog": "save", "caption": caption, "proposed": proposed})
        return (self.save_names.pop(0) if self.save_names else ""), selected

    def _question(self, parent, title, text, *args, **kwargs):
        self.asked.append({"dialog": "question", "title": title, "text": text})
        return self.answers.pop(0) if self.answers else QMessageBox.StandardButton.Cancel

    def _warning(self, parent, title, text, *args, **kwargs):
        self.warnings.append(f"{title}：{text}")
        return QMessageBox.StandardButton.Ok

    def kinds(self) -> list[str]:
        return [a["dialog"] for a in self.asked]
