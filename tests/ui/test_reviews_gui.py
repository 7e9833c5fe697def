"""Explaining findings in the window: panel and cell right-click, reason required, undo, expiry, export."""
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog

from gui_reports import zero_report

REASON = "原报告确按元填写，已与财政所核实"
MAGNITUDE_CELL = "active.procurement.amount"


@pytest.fixture
def reasons(monkeypatch):
    """Answers for the reason dialog (the only thing patched: its static call); records each prompt."""
    answers, prompts = [], []

    def ask(parent, title, label, text="", *args, **kwargs):
        prompts.append(label)
        return answers.pop(0) if answers else ("", False)

    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(ask))
    return answers, prompts


def _window(make_window, amount="169100", natural=None):
    report = zero_report("2019")
    report.set_cell("active", "procurement", "amount", Decimal(amount))
    if natural is not None:
        report.set_cell("requests", "new", "natural", natural)
    window = make_window(report)
    window.session.mark_saved(None)
    return window


def _choose(qtbot, widget, pos: QPoint, text: str) -> list[str]:
    """Right-click ``widget`` at ``pos`` and choose ``text`` from the popup menu by keyboard; returns
    the texts the menu offered."""
    offered = []

    def pick():
        menu = QApplication.activePopupWidget()
        offered.extend(a.text() for a in menu.actions() if a.isEnabled() and a.text())
        action = next(a for a in menu.actions() if a.text() == text)
        menu.setActiveAction(action)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, pick)
    QApplication.sendEvent(widget, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, widget.mapToGlobal(pos)))
    return offered


def _activate(qtbot, window):
    """Give the window the activation back (the popup menus took it), so shortcuts and typing reach it."""
    window.activateWindow()
    qtbot.wait_until(lambda: QApplication.activeWindow() is window, timeout=3000)


def _has_mark(index) -> bool:
    """The cell's background carries the corner mark (a gradient brush) of an explained finding."""
    brush = index.data(Qt.ItemDataRole.BackgroundRole)
    return brush is not None and brush.gradient() is not None


def _panel_row(window, cell):
    model = window.panel.model
    return next(r for r in range(model.rowCount()) if model.finding(r).cell == cell)


def _right_click_finding(qtbot, window, cell, text):
    view = window.panel.view
    rect = view.visualRect(window.panel.model.index(_panel_row(window, cell), 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    return _choose(qtbot, view.viewport(), rect.center(), text)


def _cell(window, table, row, col):
    editor = window.view.tables[table]
    window.view.go_to(next(f for f in window.session.findings if f.cell == f"{table}.{row}.{col}"))
    return editor, editor.model_.index_of(row, col)


def test_explaining_a_warning_in_the_panel_requires_a_reason_and_greys_it(qtbot, make_window, reasons):
    window = _window(make_window)
    assert window.verdict.text() == "✔ 通过（1 个警告）"
    answers, prompts = reasons
    answers += [("   ", True), (REASON, True)]
    offered = _right_click_finding(qtbot, window, MAGNITUDE_CELL, "已核实，附说明…")
    assert offered == ["已核实，附说明…"]
    assert len(prompts) == 2 and "说明不能为空" in prompts[1] and "二、政府集中采购 · 采购总金额" in prompts[0]
    [review] = window.session.report.reviews
    assert (review.rule, review.cell, review.found, review.reason) == ("value.magnitude", MAGNITUDE_CELL,
                                                                      "169100", REASON)
    model, row = window.panel.model, _panel_row(window, MAGNITUDE_CELL)
    assert model.index(row, 0).data() == "已说明"
    assert model.index(row, 2).data().endswith(f"说明：{REASON}")
    assert model.index(row, 2).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#7a7a7a"
    assert window.verdict.text() == "✔ 通过（1 个警告已说明）"
    assert "1 个警告已说明" in window.windowTitle() and window.isWindowModified()


def test_explained_cell_keeps_a_mark_and_the_reason_in_its_tooltip(qtbot, make_window, reasons):
    window = _window(make_window)
    editor, index = _cell(window, "active", "procurement", "amount")
    assert not _has_mark(index)
    warning_bg = index.data(Qt.ItemDataRole.BackgroundRole)
    reasons[0].append((REASON, True))
    rect = editor.visualRect(index)
    offered = _choose(qtbot, editor.viewport(), rect.center(), "已核实，附说明…")
    assert "已核实，附说明…" in offered and "复制" in offered
    assert _has_mark(index)
    assert f"已说明：{REASON}" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.BackgroundRole) != warning_bg
    offered = _choose(qtbot, editor.viewport(), rect.center(), "撤销说明")
    assert window.session.report.reviews == []
    assert not _has_mark(index)
    assert index.data(Qt.ItemDataRole.BackgroundRole) == warning_bg


def test_cancelling_the_reason_changes_nothing(qtbot, make_window, reasons):
    window = _window(make_window)
    _right_click_finding(qtbot, window, MAGNITUDE_CELL, "已核实，附说明…")
    assert window.session.report.reviews == [] and window.session.undo_stack.count() == 0
    assert not window.isWindowModified()


def test_explaining_and_withdrawing_are_undoable_with_the_keyboard(qtbot, make_window, reasons):
    window = _window(make_window)
    reasons[0].append((REASON, True))
    _right_click_finding(qtbot, window, MAGNITUDE_CELL, "已核实，附说明…")
    _right_click_finding(qtbot, window, MAGNITUDE_CELL, "撤销说明")
    assert window.session.report.reviews == []
    _activate(qtbot, window)
    view = window.panel.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)      # undo 撤销说明
    window.session.flush()
    assert [r.reason for r in window.session.report.reviews] == [REASON]
    assert window.panel.model.index(_panel_row(window, MAGNITUDE_CELL), 0).data() == "已说明"
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)      # undo the explanation
    window.session.flush()
    assert window.session.report.reviews == []
    assert window.panel.model.index(_panel_row(window, MAGNITUDE_CELL), 0).data() == "警告"
    qtbot.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)      # redo
    window.session.flush()
    assert window.verdict.text() == "✔ 通过（1 个警告已说明）"


def test_typing_a_new_value_brings_the_finding_back_as_new(qtbot, make_window, reasons):
    window = _window(make_window)
    reasons[0].append((REASON, True))
    _right_click_finding(qtbot, window, MAGNITUDE_CELL, "已核实，附说明…")
    _activate(qtbot, window)
    window.view.show_page("active")
    editor, index = _cell(window, "active", "procurement", "amount")
    editor.select_cell("procurement", "amount")
    qtbot.keyClick(editor, Qt.Key.Key_2)                  # typing replaces: the first key opens the editor
    qtbot.keyClicks(editor.focusWidget(), "50000")
    qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_Return)
    qtbot.wait_until(lambda: window.session.report.get("active", "procurement", "amount") == 250000, timeout=2000)
    window.session.flush()
    assert window.panel.model.index(_panel_row(window, MAGNITUDE_CELL), 0).data() == "警告"
    assert window.verdict.text() == "✔ 通过（1 个警告）"
    assert not _has_mark(index)


def test_an_explained_error_still_counts_in_the_verdict(qtbot, make_window, reasons):
    window = _window(make_window, natural=5)
    assert window.verdict.text().startswith("✘ 2 个错误")
    reasons[0].append(("申请数以登记簿为准", True))
    _right_click_finding(qtbot, window, "requests.new.total", "已核实，附说明…")
    assert window.verdict.text() == "✘ 2 个错误（其中 1 个已说明），1 个警告"
    assert "✘ 2 个错误（其中 1 个已说明）" in window.windowTitle()
    assert "1 个问题已说明" in window.panel.summary.text()


def test_reason_reaches_the_cell_after_typing_chinese_in_a_real_dialog(qtbot, make_window, monkeypatch):
    """Without the patch: the real QInputDialog gets the reason by an input-method commit."""
    window = _window(make_window)

    def answer():
        dialog = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QInputDialog) and w.isVisible()),
                      None)
        if dialog is None:              # the menu is still open: look again shortly
            QTimer.singleShot(20, answer)
            return
        editor = dialog.findChild(QPlainTextEditType)
        event = QInputMethodEvent()
        event.setCommitString(REASON)
        QApplication.sendEvent(editor, event)
        dialog.accept()

    from PySide6.QtWidgets import QPlainTextEdit as QPlainTextEditType  # noqa: N814
    QTimer.singleShot(50, answer)
    _right_click_finding(qtbot, window, MAGNITUDE_CELL, "已核实，附说明…")
    assert [r.reason for r in window.session.report.reviews] == [REASON]


def test_export_findings_list_from_the_file_menu(qtbot, make_window, reasons, monkeypatch, tmp_path):
    window = _window(make_window, natural=5)
    reasons[0].append((REASON, True))
    _right_click_finding(qtbot, window, MAGNITUDE_CELL, "已核实，附说明…")
    target = tmp_path / "检查结果"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "Excel 工作簿（可筛选） (*.xlsx)")))
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "导出检查结果(&J)…")
    action.trigger()
    sheet = load_workbook(tmp_path / "检查结果.xlsx")["检查结果"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "阁山镇人民政府2020年政府信息公开工作年度报告检查结果"
    assert [r[1] for r in rows if r[0] in (1, 2, 3, 4)] == ["错误", "错误", "警告"]
    assert rows[-1][6] and REASON in rows[-1][6]


def test_an_explained_text_finding_is_listed_with_its_reason_under_the_editor(qtbot, make_window, reasons):
    report = zero_report("2019")
    report.sections["problems"] = "无"
    window = make_window(report)
    [finding] = [f for f in window.session.findings if f.cell == "sections.problems"]
    reasons[0].append(("本年度确无问题，已请示", True))
    _right_click_finding(qtbot, window, "sections.problems", "已核实，附说明…")
    window.view.show_page("problems")
    notes = window.view.narratives["problems"].notes.text()
    assert notes.startswith("✔ 已说明：") and "（说明：本年度确无问题，已请示）" in notes
    assert finding.message in notes
