"""工具 › 批量检查与汇总: the table fills in with progress, cancels, opens a report, exports, compiles a draft."""
import shutil

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from tests.core.audit_folders import SAMPLES, clean_folder, messy_folder
from ui.audit_model import ERRORS_COLUMN, AuditModel
from ui.widgets.audit_dialog import AuditDialog

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
TIMEOUT = 60_000


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def dialog(qtbot, window):
    widget = AuditDialog(window)
    qtbot.add_widget(widget)
    widget.show()
    return widget


def _run(qtbot, dialog, folder):
    with qtbot.wait_signal(dialog.audit_finished, timeout=TIMEOUT) as blocker:
        dialog.start(folder)
    return blocker.args[0]


def _row_of(dialog, name):
    proxy = dialog.proxy
    return next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == name)


def test_the_table_fills_in_with_progress_and_marks_errors_red(qtbot, dialog, tmp_path):
    folder = messy_folder(tmp_path / "收集")
    audit = _run(qtbot, dialog, folder)
    assert dialog.proxy.rowCount() == 9 == len(audit.reports) + len(audit.unreadable)
    assert dialog.progress.value() == dialog.progress.maximum() == 9
    assert not dialog.cancel_button.isEnabled() and dialog.export_button.isEnabled()
    wrong = dialog.proxy.index(_row_of(dialog, "乙镇.json"), ERRORS_COLUMN)
    assert wrong.data() == "2" and wrong.data(Qt.ItemDataRole.BackgroundRole) is not None
    clean = dialog.proxy.index(_row_of(dialog, "车村镇.json"), ERRORS_COLUMN)
    assert clean.data() == "0" and clean.data(Qt.ItemDataRole.BackgroundRole) is None
    broken = dialog.proxy.index(_row_of(dialog, "损坏.docx"), 6)
    assert broken.data().startswith("无法读取：") and broken.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "阁山镇人民政府有 2 份报告" in dialog.summary.text() and "未通过" in dialog.summary.text()


def test_clicking_a_header_sorts_numbers_as_numbers(qtbot, dialog, tmp_path):
    _run(qtbot, dialog, messy_folder(tmp_path / "收集"))
    header = dialog.table.horizontalHeader()
    pos = header.rect().topLeft()
    pos.setX(header.sectionViewportPosition(ERRORS_COLUMN) + 5)
    pos.setY(header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    if dialog.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.AscendingOrder:
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    firsts = [dialog.proxy.index(r, 0).data() for r in range(3)]
    assert set(firsts[:2]) == {"损坏.docx", "旧格式.doc"} and firsts[2] == "乙镇.json"


def test_cancel_stops_reading_and_keeps_what_was_read(qtbot, dialog, tmp_path):
    folder = tmp_path / "多"
    folder.mkdir()
    for n in range(300):
        shutil.copyfile(SAMPLES / "2020_geshan_town.txt", folder / f"{n:03d}.txt")
    with qtbot.wait_signal(dialog.audit_finished, timeout=TIMEOUT) as blocker:
        dialog.start(folder)
        qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=TIMEOUT)
        assert dialog.cancel_button.isEnabled()
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    audit = blocker.args[0]
    assert not audit.complete
    assert 0 < dialog.model.rowCount() < 300
    assert dialog.summary.text().startswith("已取消")


def test_double_click_opens_the_report_in_the_main_window_with_its_findings(qtbot, dialog, window, tmp_path):
    _run(qtbot, dialog, messy_folder(tmp_path / "收集"))
    index = dialog.proxy.index(_row_of(dialog, "乙镇.json"), 0)
    rect = dialog.table.visualRect(index)
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.session.report.organ == "乙镇人民政府", timeout=TIMEOUT)
    window.session.flush()
    assert window.session.path == tmp_path / "收集" / "乙镇.json"
    assert "requests.row_total" in {f.rule for f in window.session.findings}


def test_export_writes_the_audit_list(qtbot, dialog, tmp_path):
    _run(qtbot, dialog, messy_folder(tmp_path / "收集"))
    out = tmp_path / "清单.xlsx"
    with qtbot.wait_signal(dialog.list_exported, timeout=TIMEOUT):
        dialog.export_to(out)
    names = [row[0].value for row in load_workbook(out)["报告清单"].iter_rows(min_row=2)]
    assert "乙镇.json" in names and names[-1] == "合计"


def test_compile_opens_the_sum_as_a_new_unsaved_draft(qtbot, dialog, window, tmp_path):
    _run(qtbot, dialog, clean_folder(tmp_path / "收集"))
    dialog.organ.clear()
    event = QInputMethodEvent()
    event.setCommitString("某县人民政府")
    QApplication.sendEvent(dialog.organ, event)
    qtbot.mouseClick(dialog.sum_button, Qt.MouseButton.LeftButton)
    report = window.session.report
    assert (report.organ, report.year) == ("某县人民政府", 2020)
    assert report.get("requests", "new", "total") == 1
    assert window.session.path is None and window.session.is_modified
    assert window.notes_dock.isVisible() and window.notes.list.count() >= 3  # the notes panel, kept


def test_compile_refuses_mixed_years_with_a_message(qtbot, dialog, window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("ui.widgets.audit_dialog.QMessageBox.warning",
                        staticmethod(lambda parent, title, text: shown.append(text)))
    _run(qtbot, dialog, messy_folder(tmp_path / "收集"))
    before = window.session.report
    qtbot.mouseClick(dialog.sum_button, Qt.MouseButton.LeftButton)
    assert shown and "报告年度不一致" in shown[0]
    assert window.session.report is before


def test_the_tools_menu_opens_the_dialog_on_a_chosen_folder(qtbot, window, tmp_path, monkeypatch):
    folder = clean_folder(tmp_path / "收集")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *args, **kwargs: str(folder)))
    action = next(a for a in window.menuBar().actions() if a.text().startswith("工具"))
    item = next(a for a in action.menu().actions() if a.text() == "批量检查与汇总(&B)…")
    item.trigger()
    dialog = window.audit_dialog
    qtbot.waitUntil(lambda: dialog.audit is not None, timeout=TIMEOUT)
    assert dialog.isVisible() and dialog.model.rowCount() == 3


def test_the_model_passes_qt_model_tests(qtmodeltester, tmp_path):
    from app.audit import audit_folder

    model = AuditModel()
    for entry in [*audit_folder(messy_folder(tmp_path / "m")).reports]:
        model.add_entry(entry)
    qtmodeltester.check(model)
