"""A report pasted from the clipboard (app/read/clipboard.py): the browser's HTML first, else the text."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import ImportFailed
from app.read.clipboard import import_clipboard
from app.report_json import load_report_json, report_to_dict
from tests.core.docx_fixtures import report_2021
from tests.core.html_fixtures import Page, report_html

SAMPLES = Path(__file__).parent.parent / "data" / "samples"


def test_windows_cf_html_header_before_the_markup_is_skipped():
    report = report_2021()
    markup = report_html(report, Page())
    header = "Version:0.9\r\nStartHTML:0000000105\r\nEndHTML:0000099999\r\nStartFragment:0000000141\r\n"
    assert report_to_dict(import_clipboard(header + markup, "").report) == report_to_dict(report)


def test_markup_without_a_report_falls_back_to_the_plain_text():
    text = (SAMPLES / "2020_checun_town.txt").read_text(encoding="utf-8")
    imported = import_clipboard("<img src='x.png'>", text)
    assert imported.report.tables == load_report_json(SAMPLES / "2020_checun_town.json").tables


@pytest.mark.parametrize("html, text, message", [
    ("", "", "剪贴板：剪贴板是空的"),
    ("<p>今天天气很好。</p>", "", "剪贴板：没有找到"),
    ("", "x" * 10_000_001, "剪贴板：内容过大"),
])
def test_nothing_usable_on_the_clipboard_says_so(html, text, message):
    with pytest.raises(ImportFailed, match=message):
        import_clipboard(html, text)
