"""Print, PDF export and 复制为网页表格: what clerks do with a finished report."""
from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication, QPageSize
from PySide6.QtPrintSupport import QPrinter

from app.report_json import load_report_json
from gui_reports import SAMPLES
from ui.pdf_export import export_pdf, render
from ui.print_actions import full_page_printer

A4_PT = (595, 842)
REPO = Path(__file__).resolve().parents[2]


def file_action(window, text: str):
    """A 文件 menu action by its text without the access letter (打印(&P)… → 打印…)."""
    return next(a for a in window.menuBar().actions()[0].menu().actions() if re.sub(r"\(&.\)", "", a.text()) == text)


def has_chinese_font() -> bool:
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def pdf_pages(path: Path) -> list[tuple[tuple[int, int], str]]:
    reader = pypdf.PdfReader(str(path))
    # NFKC: fonts map some characters to look-alike radicals (⼯ for 工) in their ToUnicode tables
    return [((round(float(p.mediabox.width)), round(float(p.mediabox.height))),
             unicodedata.normalize("NFKC", p.extract_text())) for p in reader.pages]


def test_pdf_is_a4_with_a_page_number_on_every_page_and_the_report_text(qtbot, tmp_path):
    report = load_report_json(SAMPLES / "2022_pingtan_web.json")
    path = tmp_path / "年报.pdf"
    export_pdf(report, path)
    pages = pdf_pages(path)
    assert 5 <= len(pages) <= 9                     # the .docx of this report has 7 pages
    for number, (size, text) in enumerate(pages, start=1):
        assert size == A4_PT
        assert f"{number}" in text.split()[-2:] or f"— {number} —" in text or f"{number} —" in text
    text = "".join(t for _, t in pages)
    assert str(report.get("requests", "new", "total")) in text
    if has_chinese_font():
        flat = text.replace("\n", "").replace(" ", "")
        assert "平潭综合实验区2022年度政府信息公开" in flat and "三、收到和处理政府信息公开申请情况" in flat
        # table 三 flows onto the next page under its repeated header row
        assert sum("申请人情况" in t for _, t in pages) >= 2


def test_print_renders_the_same_pages_onto_a_printer(qtbot, tmp_path):
    report = load_report_json(SAMPLES / "2020_huashan_town.json")
    printer = full_page_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "打印.pdf"))
    pages = render(report, printer)
    assert printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.A4
    export_pdf(report, tmp_path / "导出.pdf")
    assert pages == len(pdf_pages(tmp_path / "导出.pdf")) == len(pdf_pages(tmp_path / "打印.pdf"))


def test_convert_writes_a_pdf_from_the_command_line_without_a_display(tmp_path):
    out = tmp_path / "命令行.pdf"
    env = {k: v for k, v in __import__("os").environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "app", "convert", str(SAMPLES / "2020_checun_town.json"), str(out)],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert len(pdf_pages(out)) >= 3


def test_copy_as_web_tables_puts_html_with_merges_and_tab_text_on_the_clipboard(make_window, qtbot):
    window = make_window(load_report_json(SAMPLES / "2020_huashan_town.json"))
    QGuiApplication.clipboard().clear()
    action = file_action(window, "复制为网页表格")
    assert action.shortcut().toString() == "Ctrl+Shift+C"
    action.trigger()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasHtml() and mime.hasText()
    assert mime.html().count("<table") == 3 and 'colspan="7"' in mime.html()
    lines = mime.text().split("\n")
    row = next(line for line in lines if line.startswith("一、本年新收政府信息公开申请数量"))
    assert row.split("\t")[-1] == str(window.session.report.get("requests", "new", "total"))
    assert "已复制三张统计表" in window.statusBar().currentMessage()


def test_export_pdf_action_writes_the_file_chosen(make_window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog
    window = make_window(load_report_json(SAMPLES / "2020_checun_town.json"))
    target = tmp_path / "导出" / "年报"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF 文件 (*.pdf)"))
    file_action(window, "导出 PDF…").trigger()
    assert len(pdf_pages(target.with_suffix(".pdf"))) >= 3
    assert "已导出 PDF" in window.statusBar().currentMessage()


@pytest.mark.parametrize("name", ["打印预览…", "打印…"])
def test_print_actions_are_in_the_file_menu(make_window, name):
    window = make_window(load_report_json(SAMPLES / "2020_checun_town.json"))
    assert file_action(window, name).isEnabled()


def test_word_export_ends_with_the_closing_dated_as_set_and_the_setting_turns_it_off(make_window, qtbot, tmp_path,
                                                                                     monkeypatch):
    from docx import Document
    from PySide6.QtWidgets import QInputDialog
    window = make_window(load_report_json(SAMPLES / "2020_checun_town.json"))
    organ = window.session.report.organ
    offered = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (offered.append(k.get("text")), ("2021年1月20日", True))[1])
    file_action(window, "落款日期…").trigger()
    assert offered and offered[0].endswith("日")             # today's date offered at first
    signed = tmp_path / "落款.docx"
    window.files.export_to(signed)
    qtbot.wait_until(signed.exists, timeout=10000)
    lines = [p.text for p in Document(str(signed)).paragraphs if p.text.strip()]
    assert lines[-2:] == [organ, "2021年1月20日"]
    action = file_action(window, "Word 文档末尾加落款（发布机关、成文日期）")
    assert action.isChecked()
    action.trigger()                                         # off, remembered in the settings
    assert not window.settings.signature()
    plain = tmp_path / "无落款.docx"
    window.files.export_to(plain)
    qtbot.wait_until(plain.exists, timeout=10000)
    assert [p.text for p in Document(str(plain)).paragraphs if p.text.strip()][-1] != organ


def test_pdf_chosen_in_the_export_dialog_is_written_in_the_background(make_window, qtbot, tmp_path):
    window = make_window(load_report_json(SAMPLES / "2020_checun_town.json"))
    target = tmp_path / "后台.pdf"
    window.files.export_to(target)
    qtbot.wait_until(target.exists, timeout=20000)
    window.files.wait()
    assert len(pdf_pages(target)) >= 3


def test_copy_while_still_typing_in_a_cell_copies_the_typed_value(qtbot, make_window):
    from gui_input import activate, type_text
    from gui_reports import zero_report

    window = make_window(zero_report("2021"))
    activate(qtbot, window)
    window.view.show_page("requests")
    editor = window.view.tables["requests"]
    editor.select_cell("new", "natural")
    type_text(window, "7")                  # no Enter: the cell editor is still open
    assert editor.state() == editor.State.EditingState
    file_action(window, "复制为网页表格").trigger()
    assert window.session.report.get("requests", "new", "natural") == 7
    text = QGuiApplication.clipboard().mimeData().text()
    row = next(line.split("\t") for line in text.splitlines() if line.startswith("一、本年新收"))
    assert [cell for cell in row[1:] if cell][0] == "7"          # 自然人, the first value of the row
