"""Importing web pages (.html/.htm, .mhtml/.mht): exact grids from merged cells, charsets, site chrome
dropped, hostile pages refused in bounded time and memory."""
from __future__ import annotations

import base64
import html
import quopri
import shutil
from pathlib import Path

import pytest

from app.errors import ImportFailed
from app.formats import import_report
from app.read.html import html_to_stream
from app.read.stream import Grid, Paragraph
from app.recognize.recognizer import recognize
from app.report_json import load_report_json, report_to_dict
from tests.core.docx_fixtures import our_docx_converted_by_libreoffice, report_2021
from tests.core.fuzz_engine import run_case
from tests.core.html_fixtures import Page, report_html, table_html

SAMPLES = Path(__file__).parent.parent / "data" / "samples"
STEMS = ["2020_checun_town", "2020_geshan_town", "2020_huashan_town", "2022_pingtan_web"]
PAGES = {
    "plain": Page(chrome=False),
    "site": Page(),
    "old-site": Page(heading_tag="p-strong", wrapped_cells=True, broken_lines=True, layout_table=True),
}
DEADLINE = 15.0


def expected(report) -> dict:
    data = report_to_dict(report)
    if report.organ and not report.organ.endswith(("人民政府", "办事处")):
        data.pop("organ")        # 管理委员会: the recognizer names only town governments from the text
    return data


def imported_dict(path: Path, report) -> dict:
    data = report_to_dict(import_report(path).report)
    return {k: v for k, v in data.items() if k in expected(report)}


def write_page(path: Path, markup: str, charset: str = "utf-8") -> Path:
    path.write_bytes(markup.encode(charset))
    return path


# ---------------------------------------------------------------- whole reports, both editions

@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("stem", STEMS)
def test_published_page_imports_to_the_expected_report(stem, page, tmp_path):
    report = load_report_json(SAMPLES / f"{stem}.json")
    path = write_page(tmp_path / f"{stem}.html", report_html(report, PAGES[page]))
    assert imported_dict(path, report) == expected(report)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_2021_page_with_every_cell_different_imports_exactly(page, tmp_path):
    report = report_2021()
    path = write_page(tmp_path / "阁山镇2021年报.htm", report_html(report, PAGES[page]))
    imported = import_report(path).report
    assert imported.edition == "2021"
    assert report_to_dict(imported) == report_to_dict(report)


def test_rowspan_and_colspan_repeat_labels_and_give_values_once():
    report = report_2021()
    markup = table_html(report, "requests") + table_html(report, "appeals")
    requests, appeals = [b for b in html_to_stream(markup, "剪贴板").blocks if isinstance(b, Grid)]
    rows = requests.rows
    assert all(len(r) == len(rows[0]) for r in rows)
    assert rows[1][3:] == ["自然人"] + ["法人或其他组织"] * 5 + ["总计"]
    results = [r for r in report.spec.table("requests").rows if r.path[:1] == ("三、本年度办理结果",)]
    assert len(results) > 20
    assert sum(1 for r in rows if r[0] == "三、本年度办理结果") == len(results)       # rowspan expanded down
    assert appeals.rows[0] == ["行政复议"] * 5 + ["行政诉讼"] * 10             # colspan=5, colspan=10
    merged_value = "<table><tr><td>a</td><td>b</td><td>c</td></tr><tr><td>x</td><td colspan=2>7</td></tr></table>"
    assert html_to_stream(merged_value, "x").blocks[0].rows[1] == ["x", "7", ""]


# ---------------------------------------------------------------- charsets and page furniture

@pytest.mark.parametrize("declared", ["gb2312", "GBK", None])
def test_chinese_charsets_are_read_declared_or_detected(declared, tmp_path):
    report = load_report_json(SAMPLES / "2020_checun_town.json")
    report.sections["other"] = "镕基、堃、喆：这些字在 GBK 中而不在 GB2312 中。"
    markup = report_html(report, Page(charset=declared or "x"))
    if declared is None:
        markup = markup.replace('<meta http-equiv="Content-Type" content="text/html; charset=x">', "")
    path = write_page(tmp_path / "gbk.html", markup, "gbk")
    imported = import_report(path)
    assert imported.report.sections["other"] == report.sections["other"]
    assert imported.report.tables == report.tables
    assert any("编码" in n.message for n in imported.notes)


def test_navigation_scripts_hidden_text_and_footer_are_not_read():
    report = report_2021()
    stream = html_to_stream(report_html(report, Page(chrome=True)), "page.html")
    texts = [b.text for b in stream.blocks if isinstance(b, Paragraph)]
    assert texts[0] == report.title
    joined = "\n".join(texts)
    for chrome in ("首页", "当前位置", "var x", "99", "网站标识码", "2019年年度报告"):
        assert chrome not in joined


def test_chinese_text_wrapped_in_the_source_reads_as_one_line_but_english_words_keep_their_space():
    stream = html_to_stream("<p>本年度共受理\n   申请12件\nPDF\n  file</p>", "x")
    assert [b.text for b in stream.blocks] == ["本年度共受理申请12件 PDF file"]


def test_a_page_with_no_report_says_so(tmp_path):
    path = write_page(tmp_path / "新闻.html", "<html><body><h1>镇里召开会议</h1><p>会议强调。</p></body></html>")
    with pytest.raises(ImportFailed, match="新闻.html.*不是一份政府信息公开工作年度报告"):
        import_report(path)


# ---------------------------------------------------------------- .mhtml

@pytest.mark.parametrize("encoding", ["quoted-printable", "base64"])
def test_mhtml_single_file_page_reads_its_html_part(encoding, tmp_path):
    report = report_2021()
    html_bytes = report_html(report, Page(charset="gb2312")).encode("gbk")
    body = quopri.encodestring(html_bytes) if encoding == "quoted-printable" else base64.encodebytes(html_bytes)
    image = base64.encodebytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    mime = (b'From: <Saved by Blink>\r\nSubject: report\r\nMIME-Version: 1.0\r\n'
            b'Content-Type: multipart/related; type="text/html"; boundary="----BOUNDARY"\r\n\r\n'
            b'------BOUNDARY\r\nContent-Type: text/html; charset="gb2312"\r\n'
            b"Content-Transfer-Encoding: " + encoding.encode() + b"\r\nContent-Location: http://example.gov.cn/nb.html\r\n\r\n"
            + body + b"\r\n------BOUNDARY\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
            b"Content-Location: http://example.gov.cn/logo.png\r\n\r\n" + image + b"\r\n------BOUNDARY--\r\n")
    path = tmp_path / "年度报告.mhtml"
    path.write_bytes(mime)
    assert report_to_dict(import_report(path).report) == report_to_dict(report)


def test_mht_without_a_web_page_is_refused_by_name(tmp_path):
    path = tmp_path / "空.mht"
    path.write_bytes(b"MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nhello\r\n")
    with pytest.raises(ImportFailed, match="空.mht"):
        import_report(path)


# ---------------------------------------------------------------- hostile pages

def assert_refused(path: Path) -> str:
    outcome = run_case(path, path.suffix, path.name, DEADLINE)
    assert outcome.kind == "error", outcome.detail
    assert path.name in outcome.detail
    return outcome.detail


def test_deeply_nested_page_is_refused(tmp_path):
    path = write_page(tmp_path / "深.html", "<html><body>" + "<div>" * 100_000 + "一、总体情况" + "</div>" * 100_000)
    assert "嵌套过深" in assert_refused(path)


def test_page_with_a_million_cells_is_refused(tmp_path):
    row = "<tr>" + "<td>1</td>" * 100 + "</tr>"
    path = write_page(tmp_path / "百万.html", "<table>" + row * 10_000 + "</table>")
    assert "表格大得异常" in assert_refused(path)


def test_huge_colspan_and_rowspan_are_bounded(tmp_path):
    row = '<tr><td colspan="1000000000">一、本年新收政府信息公开申请数量</td><td rowspan="65534">1</td></tr>'
    path = write_page(tmp_path / "跨列.html", "<table>" + row * 2_000 + "</table>")
    assert "表格大得异常" in assert_refused(path)
    small = html_to_stream("<table><tr><td rowspan=99999>1</td><td colspan=99999>a</td></tr><tr><td>b</td></tr></table>",
                           "x").blocks[0]
    assert len(small.rows) == 2 and len(small.rows[0]) == 256      # cut at the table's end, 256 columns at most
    assert small.rows[1][:2] == ["1", "b"]


def test_entities_are_not_expanded_and_nothing_is_fetched(tmp_path):
    laughs = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    markup = (f'<!DOCTYPE html [<!ENTITY l0 "哈">{laughs}<!ENTITY x SYSTEM "file:///etc/passwd">]>'
              '<html><body><link rel="stylesheet" href="http://127.0.0.1:9/x.css"><img src="http://127.0.0.1:9/a.png">'
              "<p>&l9;&x;</p></body></html>")
    stream = html_to_stream(markup, "x")
    text = "".join(b.text for b in stream.blocks)
    assert "哈哈" not in text and "root:" not in text


def test_title_only_in_the_page_title_is_read_and_link_lists_in_the_text_are_kept():
    report = report_2021()
    markup = report_html(report, Page()).replace(f"<h1>{report.title}</h1>", "")
    markup = markup.replace("_政府网</title>", "_阁山镇人民政府网</title>")
    markup = markup.replace("<h2>六、其他需要报告的事项</h2>",
                            '<h2>六、其他需要报告的事项</h2><p>附件：<a href="a.doc">收费标准</a>、<a href="b.doc">办事指南</a></p>')
    imported = recognize(html_to_stream(markup, "page.html")).report
    assert imported.title == report.title
    assert imported.sections["other"].startswith("附件：收费标准、办事指南")


def test_sliver_columns_left_by_a_word_processor_are_dropped():
    markup = ('<table><tr><td colspan="4">行政复议</td><td colspan="3">行政诉讼</td></tr>'
              '<tr><td>结果维持</td><td>尚未审结</td><td colspan="2">总计</td><td>结果维持</td><td>尚未审结</td><td>总计</td></tr>'
              '<tr><td>1</td><td>0</td><td colspan="2">1</td><td>0</td><td>2</td><td>2</td></tr></table>')
    rows = html_to_stream(markup, "x").blocks[0].rows
    assert rows == [["行政复议"] * 3 + ["行政诉讼"] * 3, ["结果维持", "尚未审结", "总计"] * 2, ["1", "0", "1", "0", "2", "2"]]
    blank_column = "<table><tr><td>甲</td><td>乙</td><td>其他</td></tr><tr><td>1</td><td>2</td><td></td></tr></table>"
    assert html_to_stream(blank_column, "x").blocks[0].rows == [["甲", "乙", "其他"], ["1", "2", ""]]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_our_word_export_saved_as_a_web_page_by_libreoffice_reads_like_the_word_file(tmp_path):
    reports = our_docx_converted_by_libreoffice(tmp_path, SAMPLES, "html")
    for stem, report in reports.items():
        page = import_report(tmp_path / f"{stem}.html").report
        word = import_report(tmp_path / f"{stem}.docx").report
        assert page.tables == report.tables, stem
        assert (page.edition, page.organ, page.year, page.title) == (word.edition, word.organ, word.year, word.title)


@pytest.mark.parametrize("stem", ["2020_geshan_town", "2020_huashan_town"])
def test_plain_text_report_published_in_pre_reads_like_the_text_file(stem, tmp_path):
    text = (SAMPLES / f"{stem}.txt").read_text(encoding="utf-8")
    markup = f"<html><body><h1>政府信息公开</h1><pre>{html.escape(text)}</pre></body></html>"
    page = write_page(tmp_path / f"{stem}.html", markup)
    assert import_report(page).report.tables == load_report_json(SAMPLES / f"{stem}.json").tables


def test_table_caption_is_read_as_the_heading_before_the_table():
    report = report_2021()
    markup = report_html(report, Page(chrome=False)).replace(
        "<h2>三、收到和处理政府信息公开申请情况</h2>\n<table border=\"1\" cellspacing=\"0\">",
        "<table border=\"1\" cellspacing=\"0\"><caption>三、收到和处理政府信息公开申请情况</caption>")
    assert "<caption>" in markup
    assert recognize(html_to_stream(markup, "x")).report.tables == report.tables


def test_two_column_layout_table_around_the_article_is_read_as_the_page():
    text = (SAMPLES / "2020_huashan_town.txt").read_text(encoding="utf-8")
    markup = (f'<html><body><table width="100%"><tr><td width="200"><a href="/">首页</a><br><a href="/x">通知公告</a></td>'
              f"<td><h1>政府信息公开年报</h1><pre>{html.escape(text)}</pre></td></tr></table></body></html>")
    imported = recognize(html_to_stream(markup, "x")).report
    assert imported.tables == load_report_json(SAMPLES / "2020_huashan_town.json").tables
