"""Examples the property tests once drew at random (NIANBAO_EXPLORE=1) that lost a clerk's text on the way
out to a file and back: each stays here as an explicit test."""
import tempfile
from pathlib import Path

import pytest

from app.formats import export_report, import_report
from app.read.txt import text_to_stream
from app.recognize.recognizer import recognize
from tests.core.report_strategies import consistent_report


@pytest.mark.parametrize("suffix", [".docx", ".html"])
@pytest.mark.parametrize("text", [":", "：", ":依申请公开", "一是加强培训。\n：二是规范流程。"])
def test_a_section_line_that_starts_with_a_colon_keeps_it(suffix, text):
    report = consistent_report("2021", 3)
    report.sections["problems"] = text
    with tempfile.TemporaryDirectory(prefix="冒号 ") as folder:
        path = Path(folder) / f"年报{suffix}"
        export_report(report, path)
        again = import_report(path).report
    assert again.sections["problems"] == text
    assert again.tables == report.tables


def test_the_heading_s_own_colon_is_still_not_part_of_the_text():
    text = "五、存在的主要问题及改进情况：人员不足。\n六、其他需要报告的事项\n无。"
    report = recognize(text_to_stream(text, "问题.txt")).report
    assert report.sections["problems"] == "人员不足。"


@pytest.mark.parametrize("suffix", [".docx", ".html"])
@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_a_blank_last_row_does_not_take_the_next_table_s_figures(suffix, edition):
    """结转下年度继续办理 left wholly blank: the appeals table's figures after it stay in the appeals table."""
    report = consistent_report(edition, 5)
    for column in report.tables["requests"]["carried_out"]:
        report.tables["requests"]["carried_out"][column] = None
    with tempfile.TemporaryDirectory(prefix="空行 ") as folder:
        path = Path(folder) / f"年报{suffix}"
        export_report(report, path)
        again = import_report(path).report
    assert again.tables["requests"]["carried_out"] == report.tables["requests"]["carried_out"]
    assert again.tables == report.tables
