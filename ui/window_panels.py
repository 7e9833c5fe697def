"""The main window's panels: the findings dock (视图 › 检查结果面板, F8) and the notes dock tabbed with it.

The findings dock's title shows the verdict; its place and height are restored by ``ui.window_layout``.
The notes dock is shown (in front) while some note is not ticked and goes once all are.
"""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDockWidget
from shiboken6 import isValid

from ui.widgets.notes_panel import add_notes_dock
from ui.window_layout import restore_dock


class WindowPanels(QObject):
    """Builds the docks of ``window`` (sets ``window.dock``, ``window.notes_dock``, ``window.notes``)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        dock = window.dock = QDockWidget("检查结果", window)
        dock.setObjectName("checkDock")
        dock.setWidget(window.panel)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        restore_dock(window, dock, window.settings)
        self.panel_action = window.view_menu.addAction("检查结果面板(&C)")  # not toggleViewAction: its text is the title
        self.panel_action.setCheckable(True)
        self.panel_action.setChecked(True)
        window.shortcut_later(self.panel_action, "F8")
        self.panel_action.triggered.connect(self._toggle_panel)
        dock.visibilityChanged.connect(self._panel_visibility)
        outline_action = window.view.outline_action(window)
        window.view_menu.addAction(outline_action)
        window.shortcut_later(outline_action, "F7")
        window.notes = add_notes_dock(window, self.notes_open_changed)

    def _toggle_panel(self) -> None:
        self.window.dock.setVisible(self.panel_action.isChecked())

    def _panel_visibility(self) -> None:
        if not isValid(self.panel_action):      # the window is being torn down: the menu went first
            return
        self.panel_action.setChecked(not self.window.dock.isHidden())  # behind the notes tab it is still open

    def notes_open_changed(self, open_count: int) -> None:
        window = self.window
        dock = window.notes_dock
        dock.setWindowTitle(f"导入说明（{open_count} 条待核对）" if open_count else "导入说明")
        if not window.form_shown:
            dock.hide()
        elif open_count and not dock.isVisible():
            dock.show()
            dock.raise_()
        elif not open_count and dock.isVisible():
            dock.hide()
            window.dock.raise_()
