"""Files dragged onto a text field go to the window, which opens them.

Text fields (the narrative editors, organ, title, year) accept drops of text; a file manager's drag of a
report carries its path as text too (``text/uri-list``, often ``text/plain``), so without this filter the
field under the mouse inserted ``file:///…/报告.json`` into the report instead of the window opening it.
Dragged text is still inserted as before.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QObject

_DRAG_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


def brings_local_files(mime: QMimeData | None) -> bool:
    return mime is not None and any(url.isLocalFile() for url in mime.urls())


class PassFileDrops(QObject):
    """Event filter: a drag that brings local files is ignored by the field, so it reaches the window."""

    def eventFilter(self, watched, event) -> bool:
        if event.type() in _DRAG_EVENTS and brings_local_files(event.mimeData()):
            event.ignore()
            return True
        return False
