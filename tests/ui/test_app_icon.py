"""The window icon (a PNG, so start-up loads no SVG renderer) shows the application's mark at every size."""
from ui.application import app_icon


def _opaque_share(image) -> float:
    pixels = [image.pixelColor(x, y).alpha() for x in range(image.width()) for y in range(image.height())]
    return sum(1 for a in pixels if a > 0) / len(pixels)


def test_the_window_icon_draws_the_mark_at_title_bar_and_task_bar_sizes(qapp):
    icon = app_icon()       # what a started window sets (create_application here would restyle the tests' app)
    assert not icon.isNull()
    for side in (16, 32, 48, 256):
        image = icon.pixmap(side, side).toImage()
        assert (image.width(), image.height()) == (side, side)
        assert 0.3 < _opaque_share(image) <= 1.0, side       # the mark, not an empty or missing picture


def test_a_started_window_shows_the_icon_once_its_report_is_usable(qtbot, tmp_path):
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow
    from ui.settings import Settings

    QApplication.setWindowIcon(QIcon())                     # as a fresh process starts: no icon yet
    window = MainWindow.start(None, Settings(tmp_path / "settings.ini"), tmp_path / "autosave")
    qtbot.add_widget(window)
    with qtbot.waitSignal(window.ready, timeout=10000):
        pass
    assert 0.3 < _opaque_share(window.windowIcon().pixmap(32, 32).toImage()) <= 1.0
