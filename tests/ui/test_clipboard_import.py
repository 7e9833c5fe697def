"""文件 › 从剪贴板导入 and Ctrl+Shift+V: a report copied from a browser (HTML) or as plain text."""
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from app.report_json import load_report_json, report_to_dict
from gui_reports import SAMPLES, zero_report
from tests.core.docx_fixtures import report_2021
from tests.core.html_fixtures import Page, report_html


def _put_on_clipboard(html: str | None, text: str | None) -> None:
    mime = QMimeData()
    if html is not None:
        mime.setHtml(html)
    if text is not None:
        mime.setText(text)
    QApplication.clipboard().setMimeData(mime)


def _press_ctrl_shift_v(qtbot, window) -> None:
    """The key press as the window system delivers it (Qt 6 matches shortcuts only there)."""
    window.activateWindow()
    qtbot.wait_active(window)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def test_ctrl_shift_v_imports_the_html_a_browser_copied_with_exact_merged_cells(qtbot, make_window):
    report = report_2021()
    # What a browser puts there: the page's markup, and a plain-text rendering that loses the merges.
    _put_on_clipboard(report_html(report, Page()), "阁山镇人民政府2021年政府信息公开工作年度报告\n一、总体情况\n自然人 1 2 3")
    window = make_window(zero_report("2019"))
    _press_ctrl_shift_v(qtbot, window)
    qtbot.wait_until(lambda: window.session.report.edition == "2021", timeout=10000)
    assert report_to_dict(window.session.report) == report_to_dict(report)
    assert window.session.path is None and window.session.is_modified
    assert window.view.tables["requests"].model_.spec.id == "requests"


def test_menu_item_imports_plain_text_and_shows_the_import_notes(qtbot, make_window):
    text = (SAMPLES / "2020_geshan_town.txt").read_text(encoding="utf-8")
    _put_on_clipboard(None, text)
    window = make_window(zero_report("2021"))
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if a.text().startswith("从剪贴板导入"))
    assert action.shortcut().toString() == "Ctrl+Shift+V"
    action.trigger()
    qtbot.wait_until(lambda: window.session.report.year == 2020, timeout=10000)
    expected = load_report_json(SAMPLES / "2020_geshan_town.json")
    assert window.session.report.tables == expected.tables
    notes = window.session.report.import_notes
    assert notes and window.notes.list.count() == len(notes) and window.notes_dock.isVisible()
    assert window.session.is_modified                     # nothing but the window holds the pasted report
    assert "条导入说明待核对" in window.statusBar().currentMessage()


def test_clipboard_without_a_report_says_so_and_keeps_the_open_report(qtbot, make_window, monkeypatch):
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: warned.append((title, text))))
    _put_on_clipboard("<p>今天天气很好。</p>", "今天天气很好。")
    window = make_window(zero_report("2021"))
    _press_ctrl_shift_v(qtbot, window)
    qtbot.wait_until(lambda: bool(warned), timeout=10000)
    assert warned[0][0] == "从剪贴板导入失败" and warned[0][1].startswith("剪贴板：")
    assert window.session.report.edition == "2021" and window.session.report.organ == "阁山镇人民政府"


def test_open_dialogs_list_web_pages_and_pdf_and_a_dropped_web_page_is_imported(qtbot, make_window, tmp_path):
    from PySide6.QtCore import QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    import app.formats  # noqa: F401 - the one list of formats (the window has it loaded by now)
    from app import registry
    from ui.file_actions import file_filter

    listed = file_filter(registry.import_suffixes())
    for part in ("PDF 文件 (*.pdf)", "网页，仅 HTML (*.html)", "网页，仅 HTML (*.htm)", "网页，单个文件 (*.mhtml)",
                 "网页，单个文件 (*.mht)"):
        assert part in listed
    report = report_2021()
    page = tmp_path / "年报.html"
    page.write_text(report_html(report, Page()), encoding="utf-8")
    window = make_window(zero_report("2019"))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(page))])
    window.dropEvent(QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier))
    qtbot.wait_until(lambda: window.session.report.edition == "2021", timeout=10000)
    assert report_to_dict(window.session.report) == report_to_dict(report)
