"""Where the main window opens and how tall the findings panel is, across restarts.

The first window fits the screen it opens on (on a laptop of 1366×768 or less it opens maximised); a
remembered geometry is restored, but never larger than that screen. The findings panel's height is
remembered as a number and capped at a share of the window, so it cannot grow from one start to the next
(``QMainWindow.restoreState`` alone re-applies dock sizes computed for another window size).
"""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize  # Qt (its ~90 enums, ~35 ms) is imported after the frame shows
from PySide6.QtGui import QGuiApplication

PREFERRED = QSize(1440, 920)     # enough for table 三 with the findings panel
MAXIMISE_BELOW = QSize(1440, 900)  # screens smaller than this (1366×768 laptops) open maximised
DOCK_DEFAULT = 150               # findings panel: about five findings
DOCK_MIN = 90
DOCK_SHARE = 0.4                 # the panel never takes more than this share of the window height


def first_geometry(available: QRect) -> tuple[QRect, bool]:
    """The window rectangle for a first start on a screen with ``available`` space, and whether to
    maximise (small screens)."""
    maximise = available.width() < MAXIMISE_BELOW.width() or available.height() < MAXIMISE_BELOW.height()
    width = min(PREFERRED.width(), int(available.width() * 0.92))
    height = min(PREFERRED.height(), int(available.height() * 0.92))
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    return rect, maximise


def dock_height(saved: int | None, window_height: int) -> int:
    """The findings panel's height: the remembered one (default at first), within bounds."""
    wanted = saved if saved is not None and saved > 0 else DOCK_DEFAULT
    return max(DOCK_MIN, min(wanted, int(window_height * DOCK_SHARE)))


def available_space(window) -> QRect:
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def place_window(window, settings) -> bool:
    """Restore the remembered geometry or fit the screen; returns whether the window should open maximised."""
    geometry = settings.geometry()
    available = available_space(window)
    if geometry is not None and window.restoreGeometry(geometry):
        if window.width() > available.width() or window.height() > available.height():
            window.resize(window.size().boundedTo(available.size()))
        return window.isMaximized()
    rect, maximise = first_geometry(available)
    window.setGeometry(rect)
    return maximise


def restore_dock(window, dock, settings) -> None:
    """Put the findings panel where it was (bottom at first) with its remembered height, capped.

    ``restoreState`` is not used: it re-applies the panel size saved for the previous window size and
    central widget, which made the panel grow on every start."""
    from PySide6.QtCore import Qt  # noqa: PLC0415 - after the frame (see the imports)

    areas, horizontal_areas = _areas()
    area = areas.get(settings.dock_area(), Qt.DockWidgetArea.BottomDockWidgetArea)
    window.addDockWidget(area, dock)
    orientation = Qt.Orientation.Vertical if area in horizontal_areas else Qt.Orientation.Horizontal
    extent = window.height() if orientation == Qt.Orientation.Vertical else window.width()
    window.resizeDocks([dock], [dock_height(settings.dock_height(), extent)], orientation)


def save_layout(window, dock, settings) -> None:
    """Remember the geometry and the findings panel's place and height."""
    settings.set_geometry(window.saveGeometry(), window.saveState())
    if dock.isHidden():  # closed with F8 (or never shown): keep the height it had when it was last open
        return
    areas, horizontal_areas = _areas()
    area = window.dockWidgetArea(dock)
    vertical = area in horizontal_areas
    settings.set_dock(next((k for k, v in areas.items() if v == area), "bottom"),
                      dock.height() if vertical else dock.width())


def _areas() -> tuple[dict, tuple]:
    """The dock areas by their name in the settings, and the two that lie across the window."""
    from PySide6.QtCore import Qt  # noqa: PLC0415

    area = Qt.DockWidgetArea
    return ({"bottom": area.BottomDockWidgetArea, "top": area.TopDockWidgetArea, "left": area.LeftDockWidgetArea,
             "right": area.RightDockWidgetArea}, (area.BottomDockWidgetArea, area.TopDockWidgetArea))
