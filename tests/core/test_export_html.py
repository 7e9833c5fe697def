"""The web page export (convert X.json X.html) and the tables put on the clipboard."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import lxml.html
import pytest

from app import registry
from app.formats import export_report, import_report
from app.report import new_report
from app.report_json import load_report_json, report_to_dict
from app.write.html import page_html, tables_for_clipboard

SAMPLES = Path(__file__).parent.parent / "data" / "samples"
TOWNSHIPS = ["2020_checun_town", "2020_geshan_town", "2020_huashan_town"]


def sample(stem: str = "2020_huashan_town"):
    return load_report_json(SAMPLES / f"{stem}.json")


def report_2021():
    report = new_report("2021", "阁山镇人民政府", 2025)
    for table in report.spec.all_tables():
        for number, (row, col) in enumerate(table.cells()):
            kind = table.column(col).kind
            report.tables[table.id][row][col] = Decimal("12.5000") if kind == "amount" else number % 7
    from app.checks import auto_total
    auto_total(report)
    report.title = "阁山镇人民政府2025年政府信息公开工作年度报告"
    report.sections.update(preamble="本报告根据《条例》编制。", overview="（一）主动公开情况\n本年主动公开信息120条。",
                           problems="一是公开不够及时。", other="本年度未收取信息处理费。")
    return report


def page(report, tmp_path, name="年报.html"):
    path = tmp_path / name
    export_report(report, path)
    return path, lxml.html.fromstring(path.read_bytes())


def test_the_page_is_standalone_utf8_without_scripts(tmp_path):
    path, root = page(sample(), tmp_path)
    data = path.read_bytes()
    assert data.decode("utf-8").startswith("<!DOCTYPE html>")
    assert root.find(".//meta[@charset]").get("charset") == "utf-8"
    assert not root.xpath("//script|//link|//img|//iframe|//@src|//@onload|//@onclick")
    assert "http" not in data.decode("utf-8").split("<body>")[1]


def test_the_page_has_the_title_and_the_six_sections_in_order(tmp_path):
    report = sample()
    _, root = page(report, tmp_path)
    assert root.findtext(".//h1") == report.title
    assert [h.text_content() for h in root.iter("h2")] == [s.title for s in report.spec.sections if s.number]
    lines = [el.text_content() for el in root.iter("p", "h3")]
    expected = [line for s in report.spec.text_sections for line in report.sections[s.id].split("\n") if report.sections[s.id]]
    assert lines == expected
    assert len(root.findall(".//table")) == 3


def test_tables_have_the_official_merges_as_rowspan_and_colspan(tmp_path):
    report = sample()
    _, root = page(report, tmp_path)
    requests = root.findall(".//table")[1]
    head = requests.find("thead")
    assert len(head.findall("tr")) == 3
    applicant = next(th for th in head.iter("th") if th.text_content() == "申请人情况")
    assert applicant.get("colspan") == "7"
    natural = next(th for th in head.iter("th") if th.text_content() == "自然人")
    assert natural.get("rowspan") == "2"
    group = next(td for td in requests.iter("td") if td.text_content() == "三、本年度办理结果")
    assert int(group.get("rowspan")) >= 20
    first = requests.find("tbody").find("tr")
    assert first.findall("td")[-1].text_content() == str(report.get("requests", "new", "total"))


def test_an_untitled_report_gets_the_standard_title_marked_as_generated(tmp_path):
    report = sample("2020_geshan_town")
    assert report.title == ""
    _, root = page(report, tmp_path)
    assert root.findtext(".//h1") == root.findtext(".//title") == "阁山镇人民政府2020年政府信息公开工作年度报告"
    keywords = root.find(".//meta[@name='keywords']").get("content")
    assert "nianbao-report/1" in keywords and "title=generated" in keywords
    assert root.find(".//meta[@name='subject']").get("content") == report.organ


def test_markup_in_the_report_text_is_escaped(tmp_path):
    report = sample()
    report.sections["other"] = "<script>alert(1)</script> & 《条例》"
    html = page_html(report)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 《条例》" in html


@pytest.mark.skipif(".html" not in registry.import_suffixes(),
                    reason="no .html importer registered yet (issue 15 adds app/read/html.py)")
@pytest.mark.parametrize("stem", [*TOWNSHIPS, "2022_pingtan_web", "2021"])
def test_the_page_imports_back_into_the_same_report(stem, tmp_path):
    report = report_2021() if stem == "2021" else sample(stem)
    path, _ = page(report, tmp_path)
    assert report_to_dict(import_report(path).report) == report_to_dict(report)


def test_clipboard_tables_as_html_with_merges_and_as_tab_separated_text():
    report = sample()
    html, text = tables_for_clipboard(report)
    root = lxml.html.fromstring(f"<div>{html}</div>")
    tables = root.findall(".//table")
    assert len(tables) == 3
    assert all("border" in (cell.get("style") or "") for cell in tables[1].iter("td"))
    assert any(th.get("colspan") == "7" for th in tables[1].iter("th"))
    blocks = text.split("\n\n")
    assert [b.split("\n")[0] for b in blocks if b] == [t.title for t in report.spec.all_tables()]
    requests = blocks[1].split("\n")
    first_body = next(line for line in requests if line.startswith("一、本年新收"))
    cells = first_body.split("\t")
    assert len(cells) == 10 and cells[-1] == str(report.get("requests", "new", "total"))
    header = requests[1].split("\t")        # the note over three columns, then 申请人情况 over seven
    assert header[0] == report.spec.table("requests").note and header[1:3] == ["", ""]
    assert header[3] == "申请人情况" and header[4:] == [""] * 6
