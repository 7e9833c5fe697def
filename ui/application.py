"""The QApplication (Chinese buttons, CJK fonts, icon, look) and a first-paint hook for start-up.

Light on purpose: nothing here imports the core, so the window frame can show before it loads.
"""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QLibraryInfo, QObject, QTimer, QTranslator
from PySide6.QtGui import QFont  # QIcon (its class, ~1 ms) with the window icon, after the first paint
from PySide6.QtWidgets import QApplication



def _skip_feature_scan() -> None:
    """PySide6 reads the source of every module imported after it (``inspect.getsource``, to learn whether
    it says ``from __feature__ import …``): ~0.2 ms a module, 20–50 ms for the core and its libraries at
    start-up. No module of this program selects a feature, so none needs the scan: with no feature ever
    selected a module marked "ignore" behaves as one marked "no feature". Does nothing if PySide changes."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = lambda module: False  # noqa: ARG005 - PySide's signature


_skip_feature_scan()

from app.paths import RESOURCES  # noqa: E402 - after the scan is skipped
from ui import crash_log, look  # noqa: E402

APP_NAME = "政务公开年报助手"
ICON = RESOURCES / "icons" / "app.png"  # 256 px from app.svg: an SVG icon loads Qt's SVG plugin at start (~1 ms)
FONT_FAMILIES = ["Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC",
                 "Source Han Sans SC", "WenQuanYi Micro Hei", "Droid Sans Fallback", "SimSun", "sans-serif"]


class FirstPaint(QObject):
    """Calls ``then`` once, in the event-loop turn after ``widget`` is first painted."""

    def __init__(self, widget, then) -> None:
        super().__init__(widget)
        self.then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self.then)
        return False


# Qt 6 added access keys to these labels of its file dialog; qtbase_zh_CN.qm still translates the old
# texts only, so they showed in English ("&Look in:", "Files of &type:").
_MISSING = {("QFileDialog", "&Look in:"): "查找范围(&L)：", ("QFileDialog", "Files of &type:"): "文件类型(&T)："}


class _MissingTexts(QTranslator):
    """Chinese for the few standard-dialog texts the shipped catalogue lacks."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002 - Qt's signature
        return _MISSING.get((context, source), "")

    def isEmpty(self) -> bool:
        return False


def _install_translations(app: QApplication) -> None:
    """Qt's Chinese for its standard dialogs and buttons (our copy first, then PySide6's own)."""
    app.installTranslator(_MissingTexts(app))
    for folder in (RESOURCES / "translations", Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))):
        translator = QTranslator(app)
        if translator.load("qtbase_zh_CN", str(folder)):
            app.installTranslator(translator)
            return


def app_icon():
    from PySide6.QtGui import QIcon  # noqa: PLC0415 - see the imports

    return QIcon(str(ICON))


def set_window_icon() -> None:
    """The application's icon on its windows. A started window sets it once its form is usable: QIcon's class
    and the picture (~1.8 ms) need not delay the frame or the form; the title bar shows it a moment later
    (the task bar shows the program's own icon: the installed .exe's or the .desktop file's)."""
    app = QApplication.instance()
    if app is not None and ICON.is_file():
        app.setWindowIcon(app_icon())


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with Chinese standard buttons, CJK font stack, icon, class-wide look and crash log."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("nianbao")
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName("nianbao")
    crash_log.install()
    _install_translations(app)
    set_fonts(app)
    return app


def set_fonts(app: QApplication) -> None:
    """The CJK font stack at 10 pt for everything; plain-text editors larger (``look.application``)."""
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSize(10)
    app.setFont(font)
    look.application(app)
