"""Render the main window and a table with findings offscreen into docs/ (needs a CJK font installed).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtGui import QFontDatabase  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.paths import SAMPLE_REPORT_JSON  # noqa: E402
from app.report_json import load_report_json  # noqa: E402
from ui.main_window import MainWindow, create_application  # noqa: E402
from ui.settings import Settings  # noqa: E402

DOCS = ROOT / "docs"
SIZE = (1280, 820)
# The window's client area when maximised on a 1366×768 laptop and a 1920×1080 screen (taskbar, title bar).
SCREENS = {"1366x768": (1366, 700), "1920x1080": (1920, 1012)}


def _has_cjk_font() -> bool:
    return any(QFontDatabase.writingSystems(family).count(QFontDatabase.WritingSystem.SimplifiedChinese)
               for family in QFontDatabase.families())


def _window(folder: Path, size=SIZE) -> MainWindow:
    window = MainWindow(Settings(folder / "settings.ini"), folder / "autosave", load_report_json(SAMPLE_REPORT_JSON))
    window.resize(*size)
    window.show()
    QApplication.processEvents()
    return window


def _settle(window: MainWindow) -> None:
    window.session.flush()
    for _ in range(3):
        QApplication.processEvents()


def _with_findings(window: MainWindow) -> None:
    """Typical slips: a result typed in the wrong row, a published total that does not add up, a wrong year."""
    requests = window.session.models["requests"]
    requests.setData(requests.index_of("granted", "natural"), "3")
    window.session.set_manual("requests", "results_total", "total", True)
    requests.setData(requests.index_of("results_total", "total"), "2")
    text = window.session.report.sections["overview"]
    window.session.edit_text("overview", text.replace("2020年", "2019年", 1))
    _settle(window)
    window.view.show_page("requests")
    editor = window.view.tables["requests"]
    editor.scrollTo(editor.model_.index_of("carried_out", "natural"))
    editor.clearSelection()
    window.panel.view.selectRow(0)
    _settle(window)


def main() -> int:
    app = create_application()
    if not _has_cjk_font():
        print("警告：未找到中文字体，截图中的汉字将显示为方框（apt-get install -y fonts-wqy-microhei）")
    DOCS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        window = _window(Path(tmp))
        window.view.show_page("requests")
        _settle(window)
        window.grab().save(str(DOCS / "screenshot_main.png"))
        _with_findings(window)
        window.grab().save(str(DOCS / "screenshot_findings.png"))
        window.session.mark_saved(window.session.path)
        window.close()
        for name, size in SCREENS.items():
            window = _window(Path(tmp), size)
            _with_findings(window)
            window.grab().save(str(DOCS / f"screenshot_{name}.png"))
            window.session.mark_saved(window.session.path)
            window.close()
    app.processEvents()
    print(f"已生成：{DOCS / 'screenshot_main.png'}、{DOCS / 'screenshot_findings.png'} 及 {len(SCREENS)} 个屏幕尺寸的截图")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
