"""Importing Word reports: faithful grids from real Word layouts, exact reports, hostile files refused."""
from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from app.errors import ImportFailed
from app.read import docx as docx_importer
from app.formats import import_report
from app.read import zip_guard
from app.read.docx_reader import read_docx_stream
from app.read.stream import Grid, Paragraph
from app.report_json import load_report_json, report_to_dict
from tests.core.docx_fixtures import Layout, build_docx, replace_part, report_2021

SAMPLES = Path(__file__).parent.parent / "data" / "samples"

SAMPLE_LAYOUTS = {
    # The official template's merges, plain bold headings.
    "2020_checun_town": Layout(ascii_parens=True),
    # No title, headings and the 1.…8. labels by Word automatic numbering, blank cells holding a
    # non-breaking space, numbers with stray spaces.
    "2020_geshan_town": Layout(heading_style="numbered", title_lines=[], stray_spaces=True, blank_text="\u00a0",
                               numbered_labels=True),
    # Title over two lines, heading styles, the requests table split over two Word tables with the
    # header repeated, empty rows and an empty column, 六 inside a one-cell table, no blank line
    # after the tables, the heading of 四 written after its table.
    "2020_huashan_town": Layout(title_lines=["2020年广州市花都区花山镇人民政府", "信息公开年度报告"],
                                heading_style="heading", split_requests_after="withheld_4", empty_rows=True,
                                layout_table_for={"other"}, tight_tables=True, headings_after_tables={"appeals"}),
}


def grids(path: Path) -> list[Grid]:
    return [b for b in read_docx_stream(path).blocks if isinstance(b, Grid)]


def paragraphs(path: Path) -> list[str]:
    return [b.text for b in read_docx_stream(path).blocks if isinstance(b, Paragraph)]


def requests_grid(path: Path) -> Grid:
    return next(g for g in grids(path) if any("申请人情况" in c for c in g.rows[0]))


@pytest.fixture(scope="module")
def checun(tmp_path_factory) -> Path:
    report = load_report_json(SAMPLES / "2020_checun_town.json")
    return build_docx(report, tmp_path_factory.mktemp("checun") / "车村镇 2020 年报.docx")


# ---------------------------------------------------------------- whole reports, exact JSON

@pytest.mark.parametrize("stem", sorted(SAMPLE_LAYOUTS))
def test_sample_in_a_word_layout_imports_to_the_expected_report(stem, tmp_path):
    expected = json.loads((SAMPLES / f"{stem}.json").read_text(encoding="utf-8"))
    path = build_docx(load_report_json(SAMPLES / f"{stem}.json"), tmp_path / f"{stem}.docx", SAMPLE_LAYOUTS[stem])
    assert report_to_dict(import_report(path).report) == expected


@pytest.mark.parametrize("layout", [
    Layout(),
    Layout(nested_requests=True),
    Layout(tracked_changes=True, decorations=True),
    Layout(block_labels_outside=True, empty_rows=True, headings_after_tables={"appeals"}),
    Layout(numbered_labels=True, heading_style="numbered", stray_spaces=True),
], ids=["official", "nested-rows", "tracked-and-decorated", "blocks-outside", "auto-numbered"])
def test_2021_report_imports_exactly(layout, tmp_path):
    report = report_2021()
    path = build_docx(report, tmp_path / "阁山镇2021年报.docx", layout)
    imported = import_report(path).report
    assert imported.edition == "2021"
    assert report_to_dict(imported) == report_to_dict(report)


def test_old_doc_extension_holding_a_docx_is_read_as_docx(tmp_path):
    report = report_2021()
    path = build_docx(report, tmp_path / "其实是新格式.doc")
    assert report_to_dict(import_report(path).report) == report_to_dict(report)


def test_cli_checks_and_converts_a_word_report(checun, tmp_path, capsys):
    from app.cli import main as cli_main

    assert cli_main(["check", str(checun), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["organ"], result["year"], result["edition"], result["findings"]) == ("车村镇人民政府", 2020, "2019", [])
    out = tmp_path / "车村.json"
    assert cli_main(["convert", str(checun), str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(
        (SAMPLES / "2020_checun_town.json").read_text(encoding="utf-8"))


# ---------------------------------------------------------------- merged cells and grids

def test_vertical_and_horizontal_merges_repeat_the_text_in_every_position(checun):
    rows = requests_grid(checun).rows
    assert all(len(r) == 10 for r in rows)
    assert rows[0] == ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"] * 3 + ["申请人情况"] * 7
    assert rows[1][3:] == ["自然人"] + ["法人或其他组织"] * 5 + ["总计"]
    assert rows[2][3:] == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    withheld = [r for r in rows if r[1] == "(三) 不予公开"] or [r for r in rows if r[1] == "（三）不予公开"]
    assert len(withheld) == 8 and withheld[-1][2] == "8.属于行政查询事项"
    results = [r for r in rows if r[0] == "三、本年度办理结果"]
    assert len(results) == 20      # （一） to （七）, the vMerge covers every result row
    with zipfile.ZipFile(checun) as archive:     # the fixture really merges (continuation cells are empty)
        xml = archive.read("word/document.xml").decode("utf-8")
    assert xml.count("<w:vMerge/>") > 30 and xml.count('<w:gridSpan w:val="7"/>') == 1
    assert rows[3][:3] == ["一、本年新收政府信息公开申请数量"] * 3


def test_appeals_header_merges_line_up_with_the_fifteen_columns(checun):
    appeals = next(g for g in grids(checun) if g.rows[0][0] == "行政复议")
    first, second, third, values = appeals.rows
    assert first == ["行政复议"] * 5 + ["行政诉讼"] * 10
    assert second == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5
    assert third[:5] == second[:5] and third[5:10] == third[10:] == third[:5]
    assert values == ["0"] * 15


def test_a_value_cell_spanning_columns_is_given_once(checun):
    active = grids(checun)[0]
    assert ["政府集中采购", "22", "19.8303", ""] in active.rows
    assert ["信息内容", "采购项目数量", "采购总金额", "采购总金额"] in active.rows


def test_split_table_with_repeated_header_becomes_one_grid(tmp_path):
    report = load_report_json(SAMPLES / "2020_huashan_town.json")
    whole = requests_grid(build_docx(report, tmp_path / "a.docx"))
    split = build_docx(report, tmp_path / "b.docx", Layout(split_requests_after="withheld_4"))
    assert requests_grid(split).rows == whole.rows
    assert len([g for g in grids(split)]) == 3


def test_empty_rows_and_columns_are_dropped(tmp_path):
    report = load_report_json(SAMPLES / "2020_huashan_town.json")
    plain = grids(build_docx(report, tmp_path / "a.docx"))
    padded = grids(build_docx(report, tmp_path / "b.docx", Layout(empty_rows=True)))
    assert [g.rows for g in padded] == [g.rows for g in plain]


def test_rows_held_in_nested_tables_make_one_grid(tmp_path):
    report = report_2021()
    plain = requests_grid(build_docx(report, tmp_path / "a.docx"))
    nested = requests_grid(build_docx(report, tmp_path / "b.docx", Layout(nested_requests=True)))
    assert nested.rows == plain.rows


def test_one_cell_layout_table_is_read_as_paragraphs(tmp_path):
    report = load_report_json(SAMPLES / "2020_huashan_town.json")
    path = build_docx(report, tmp_path / "a.docx", Layout(layout_table_for={"problems", "other"}))
    texts = paragraphs(path)
    for line in report.sections["problems"].split("\n") + [report.sections["other"]]:
        assert line in texts
    assert len(grids(path)) == 3


@pytest.mark.parametrize("stem", sorted(SAMPLE_LAYOUTS))
def test_one_pass_and_careful_table_readers_agree(stem, tmp_path, monkeypatch):
    from app.read import docx_reader

    report = load_report_json(SAMPLES / f"{stem}.json")
    path = build_docx(report, tmp_path / "a.docx", SAMPLE_LAYOUTS[stem])
    fast = read_docx_stream(path).blocks

    class CarefulTags(docx_reader._Tags):
        def __init__(self, ns: str) -> None:
            super().__init__(ns)
            self.not_simple = (self.p,)        # every table has paragraphs: all go the careful way

    monkeypatch.setattr(docx_reader, "_Tags", CarefulTags)
    assert read_docx_stream(path).blocks == fast


def test_row_where_names_the_word_table_and_row(checun):
    grid = requests_grid(checun)
    assert grid.where == "第 2 张表"
    assert grid.row_where[3] == "第 2 张表第 4 行"


# ---------------------------------------------------------------- cell and paragraph text

def test_tracked_changes_keep_the_inserted_text_and_skip_the_deleted(tmp_path):
    report = report_2021()
    path = build_docx(report, tmp_path / "a.docx", Layout(tracked_changes=True))
    row = next(r for r in requests_grid(path).rows if r[0].startswith("一、本年新收"))
    assert row[3] == str(report.get("requests", "new", "natural"))
    assert "9" + row[3] not in row


def test_pending_revisions_and_text_boxes_are_told_in_import_notes(tmp_path):
    path = build_docx(report_2021(), tmp_path / "a.docx", Layout(tracked_changes=True, decorations=True))
    messages = [n.message for n in import_report(path).notes]
    assert "文档中有尚未接受的修订，已按接受全部修订后的文字读取" in messages
    assert "文档中文本框里的文字不属于报告正文，未导入" in messages
    plain = build_docx(report_2021(), tmp_path / "b.docx")
    assert not [n for n in import_report(plain).notes if "修订" in n.message or "文本框" in n.message]


def test_text_boxes_headers_footers_and_comments_are_ignored(tmp_path):
    path = build_docx(report_2021(), tmp_path / "a.docx", Layout(decorations=True))
    text = "\n".join(paragraphs(path))
    for foreign in ("内部草稿", "页眉", "第 1 页", "这里的数字"):
        assert foreign not in text


def test_automatic_numbering_is_shown_as_in_word(tmp_path):
    report = load_report_json(SAMPLES / "2020_geshan_town.json")
    path = build_docx(report, tmp_path / "a.docx", Layout(heading_style="numbered", numbered_labels=True))
    texts = paragraphs(path)
    assert ["一、总体情况", "二、主动公开政府信息情况", "六、其他需要报告的事项"] == [
        t for t in texts if t in ("一、总体情况", "二、主动公开政府信息情况", "六、其他需要报告的事项")]
    labels = [r[2] for r in requests_grid(path).rows]
    assert "8.属于行政查询事项" in labels and "3.补正后申请内容仍不明确" in labels
    assert "5.要求行政机关确认或重新出具已获取信息" in labels


def test_numbering_given_by_the_paragraph_style_is_shown(tmp_path):
    from docx import Document

    doc = Document()
    for text in ("总体情况", "主动公开政府信息情况"):
        doc.add_paragraph(text, style="List Number")     # the style, not the paragraph, carries the list
    doc.save(str(tmp_path / "s.docx"))
    assert paragraphs(tmp_path / "s.docx") == ["1.总体情况", "2.主动公开政府信息情况"]


def test_numbers_with_stray_spaces_are_compacted_and_nbsp_cells_are_blank(tmp_path):
    report = load_report_json(SAMPLES / "2020_geshan_town.json")
    path = build_docx(report, tmp_path / "a.docx", Layout(stray_spaces=True, blank_text="\u00a0"))
    active = grids(path)[0]
    assert ["规范性文件", "18", "18", "104"] in active.rows
    first = next(r for r in requests_grid(path).rows if r[0].startswith("一、本年新收"))
    assert first[3:] == ["1", "0", "0", "0", "0", "", "1"]


def _raw_docx(tmp_path: Path, body_xml: str) -> Path:
    """A .docx whose body is exactly ``body_xml`` (python-docx makes the rest of the package)."""
    from docx import Document

    base = tmp_path / "base.docx"
    Document().save(str(base))
    with zipfile.ZipFile(base) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    start, end = xml.index("<w:body>") + len("<w:body>"), xml.index("<w:sectPr")
    return replace_part(base, tmp_path / "raw.docx", "word/document.xml",
                        (xml[:start] + body_xml + xml[end:]).encode("utf-8"))


def _p(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _tc(inner: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{inner}</w:tc>"


def test_cell_paragraphs_and_line_breaks_are_joined(tmp_path):
    label = _p(_r("（二）部分公开")) + _p(_r("（区分处理的，只计这一情形，"), "<w:r><w:br/></w:r>", _r("不计其他情形）"))
    body = f"<w:tbl><w:tr>{_tc(label)}{_tc(_p(_r(' 1 ')))}</w:tr></w:tbl>"
    grid = grids(_raw_docx(tmp_path, body))[0]
    assert grid.rows == [["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "1"]]


def test_body_line_breaks_split_paragraphs_and_field_codes_and_hidden_text_are_skipped(tmp_path):
    body = (_p(_r("2020年花山镇人民政府"), "<w:r><w:br/></w:r>", _r("信息公开年度报告"))
            + _p('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
                 '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', _r("一、总体情况"),
                 '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
                 '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的批注</w:t></w:r>'))
    assert paragraphs(_raw_docx(tmp_path, body)) == ["2020年花山镇人民政府", "信息公开年度报告", "一、总体情况"]


def test_grid_before_and_legacy_horizontal_merge_keep_columns_aligned(tmp_path):
    rows = ("<w:tr>" + _tc(_p(_r("信息内容"))) + _tc(_p(_r("上一年项目数量"))) + _tc(_p(_r("本年增/减"))) + "</w:tr>"
            + '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + _tc(_p(_r("1")))
            + _tc(_p(_r("2"))) + "</w:tr>"
            + "<w:tr>" + _tc(_p(_r("行政事业性收费")), '<w:hMerge w:val="restart"/>') + _tc(_p(), "<w:hMerge/>")
            + _tc(_p(_r("3"))) + "</w:tr>")
    grid = grids(_raw_docx(tmp_path, f"<w:tbl>{rows}</w:tbl>"))[0]
    assert grid.rows == [["信息内容", "上一年项目数量", "本年增/减"], ["", "1", "2"],
                         ["行政事业性收费", "行政事业性收费", "3"]]


def test_deleted_table_row_and_content_control_rows(tmp_path):
    rows = ("<w:tr>" + _tc(_p(_r("规章"))) + _tc(_p(_r("1"))) + "</w:tr>"
            + '<w:tr><w:trPr><w:del w:id="1" w:author="a" w:date="2021-01-01T00:00:00Z"/></w:trPr>'
            + _tc(_p(_r("规章"))) + _tc(_p(_r("7"))) + "</w:tr>"
            + "<w:sdt><w:sdtContent><w:tr>" + _tc(_p(_r("行政规范性文件"))) + _tc(_p(_r("2")))
            + "</w:tr></w:sdtContent></w:sdt>")
    grid = grids(_raw_docx(tmp_path, f"<w:tbl>{rows}</w:tbl>"))[0]
    assert grid.rows == [["规章", "1"], ["行政规范性文件", "2"]]


def test_deeply_nested_layout_tables_are_read_once_each(tmp_path):
    depth = 40
    body = "<w:tbl><w:tr><w:tc>" * depth + _p(_r("一、总体情况")) + "</w:tc></w:tr></w:tbl>" * depth
    assert paragraphs(_raw_docx(tmp_path, body)) == ["一、总体情况"]


def test_list_numbers_inside_a_layout_table_are_counted_once(tmp_path):
    from tests.core.docx_fixtures import WordReport

    builder = WordReport(report_2021(), Layout())
    doc = builder.doc
    cell = doc.add_table(rows=1, cols=1).cell(0, 0)
    builder._number(cell.paragraphs[0], "h", "chineseCounting", "%1、")
    cell.paragraphs[0].add_run("总体情况")
    builder._number(doc.add_paragraph("主动公开政府信息情况"), "h", "chineseCounting", "%1、")
    doc.save(str(tmp_path / "n.docx"))
    assert paragraphs(tmp_path / "n.docx") == ["一、总体情况", "二、主动公开政府信息情况"]


def test_a_table_with_millions_of_cells_is_refused(tmp_path, monkeypatch):
    from app.read import docx_grid

    monkeypatch.setattr(docx_grid, "MAX_CELLS", 50)
    row = "<w:tr>" + _tc(_p(_r("1")), '<w:gridSpan w:val="9999"/>') + "</w:tr>"
    path = _raw_docx(tmp_path, "<w:tbl>" + row * 3 + "</w:tbl>")
    assert "大得异常" in refused(path)


# ---------------------------------------------------------------- hostile and broken files

def refused(path: Path) -> str:
    with pytest.raises(ImportFailed) as caught:
        import_report(path)
    message = str(caught.value)
    assert message.startswith(path.name + "："), message
    return message


def test_not_a_zip_is_refused(tmp_path):
    path = tmp_path / "记事本改名.docx"
    path.write_text("车村镇人民政府2020年政府信息公开工作年度报告", encoding="utf-8")
    assert "不是有效的 Word 文档" in refused(path)


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "空.docx"
    path.write_bytes(b"")
    assert "不是有效的 Word 文档" in refused(path)


def test_truncated_download_is_refused(checun, tmp_path):
    path = tmp_path / "下载中断.docx"
    path.write_bytes(checun.read_bytes()[: checun.stat().st_size // 2])
    assert "不完整或已损坏" in refused(path)


def test_zip_bomb_is_refused_before_inflating(checun, tmp_path):
    body = b'<?xml version="1.0"?>' + b" " * (64 * 1024 * 1024)
    path = replace_part(checun, tmp_path / "炸弹.docx", "word/document.xml", body)
    assert path.stat().st_size < 1024 * 1024
    assert "压缩炸弹" in refused(path)


def test_part_larger_than_the_cap_is_refused(checun, tmp_path, monkeypatch):
    monkeypatch.setattr(zip_guard, "MAX_PART_BYTES", 4096)
    assert "压缩炸弹" in refused(checun)


def test_member_inflating_beyond_its_declared_size_is_refused(checun, tmp_path):
    """A central directory that lies about the size: reading stops at the declared size."""
    path = tmp_path / "谎报大小.docx"
    data = bytearray(checun.read_bytes())
    with zipfile.ZipFile(checun) as archive:
        info = archive.getinfo("word/document.xml")
    name = b"word/document.xml"
    central = data.find(name, data.find(b"PK\x01\x02")) - 46
    assert data[central:central + 4] == b"PK\x01\x02"
    data[central + 24:central + 28] = (info.file_size // 10).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    message = refused(path)
    assert "损坏" in message or "压缩炸弹" in message


@pytest.mark.parametrize("doctype, reference", [
    (b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', b"&xxe;"),
    (b'<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
     b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>', b"&d;"),
], ids=["external-entity", "billion-laughs"])
def test_xml_with_entity_declarations_is_refused(checun, tmp_path, doctype, reference):
    with zipfile.ZipFile(checun) as archive:
        xml = archive.read("word/document.xml")
    end = xml.index(b"?>") + 2
    xml = xml[:end] + doctype + xml[end:].replace(b"</w:t>", reference + b"</w:t>", 1)
    path = replace_part(checun, tmp_path / "实体.docx", "word/document.xml", xml)
    assert "不安全的 XML 声明" in refused(path)


def test_a_500_mb_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "巨大.docx"
    path.write_bytes(b"PK\x03\x04")
    os.truncate(path, 500 * 1024 * 1024)     # sparse: nothing is written
    assert "文件过大" in refused(path)


def test_an_xlsx_renamed_docx_says_it_is_a_workbook(tmp_path):
    import openpyxl

    path = tmp_path / "其实是表格.docx"
    openpyxl.Workbook().save(str(path))
    assert "Excel 工作簿" in refused(path)


def test_a_zip_without_word_body_is_refused(tmp_path):
    path = tmp_path / "压缩包.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "没有 Word 正文" in refused(path)


def test_broken_xml_is_refused(checun, tmp_path):
    path = replace_part(checun, tmp_path / "坏XML.docx", "word/document.xml", b"<w:document><w:body>")
    assert "不是有效的 XML" in refused(path)


def test_old_word_binary_renamed_docx_asks_to_save_as_docx(tmp_path):
    path = tmp_path / "旧格式.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048))
    assert "另存为" in refused(path)


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_doc_and_wps_ask_to_save_as_docx(suffix, tmp_path, monkeypatch):
    path = tmp_path / f"去年的年报{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048))
    monkeypatch.setattr(docx_importer.shutil, "which", lambda name: None)
    message = refused(path)
    assert "另存为" in message and ".docx" in message and "soffice" not in message


def test_doc_message_offers_libreoffice_when_installed(tmp_path, monkeypatch):
    path = tmp_path / "去年的年报.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048))
    monkeypatch.setattr(docx_importer.shutil, "which", lambda name: "/usr/bin/soffice" if name == "soffice" else None)
    message = refused(path)
    assert "另存为" in message and "soffice --headless --convert-to docx" in message


# ---------------------------------------------------------------- regressions found by the property tests

def _export_import(report, tmp_path: Path, name: str = "年报 回读.docx"):
    from app.formats import export_report

    path = tmp_path / name
    export_report(report, path)
    return path, import_report(path)


def test_a_blank_cell_before_a_merged_value_keeps_both_in_their_columns(tmp_path):
    from decimal import Decimal

    from tests.core.helpers import zero_report

    report = zero_report("2019")
    report.tables["active"]["fees"].update(prev_items=None, change=17)
    report.tables["active"]["procurement"].update(items=None, amount=Decimal("2.50"))
    path, imported = _export_import(report, tmp_path)
    # The reader keeps the blank cell where it stands; the merged value is given once.
    fees = next(r for g in grids(path) for r in g.rows if r[0] == "行政事业性收费")
    assert fees == ["行政事业性收费", "", "17", ""]
    assert imported.report.tables["active"]["fees"] == {"prev_items": None, "change": 17}
    assert imported.report.tables["active"]["procurement"] == {"items": None, "amount": Decimal("2.50")}


def test_a_value_merged_over_the_first_columns_is_read_under_its_header(tmp_path):
    def row(*cells: tuple[str, int]) -> str:
        return "<w:tr>" + "".join(_tc(_p(_r(text)) if text else _p(), f'<w:gridSpan w:val="{span}"/>')
                                  for text, span in cells) + "</w:tr>"
    rows = (row(("第二十条第（八）项", 4)) + row(("信息内容", 1), ("上一年项目数量", 2), ("本年增/减", 1))
            + row(("行政事业性收费", 1), ("5", 2), ("3", 1)))
    imported = import_report(_raw_docx(tmp_path, f"<w:tbl>{rows}</w:tbl>"), edition="2019")
    assert imported.report.tables["active"]["fees"] == {"prev_items": 5, "change": 3}
    assert not [n for n in imported.notes if "fees" in n.message or "行政事业性收费" in n.message]


def test_a_paragraph_reading_like_a_heading_stays_text_of_its_section(tmp_path):
    from tests.core.helpers import zero_report

    report = zero_report("2021")
    report.sections["overview"] = "全年工作如下。\n总体情况\n二、主动公开政府信息情况\n五、存在的主要问题及改进情况\n详见下表。"
    report.sections["problems"] = "一、总体情况\n五、存在的主要问题及改进情况\n一是公开不够及时。"
    report.sections["other"] = "六、其他需要报告的事项\n无。"
    _, imported = _export_import(report, tmp_path)
    assert imported.report.sections == report.sections
    assert imported.report.tables == report.tables
    kept = [n for n in imported.notes if "的标题相同" in n.message]
    assert len(kept) == 6 and all("已作为" in n.message and n.where for n in kept)
    assert any("二、主动公开政府信息情况" in n.message and "后文另有" in n.message for n in kept)


def test_organ_written_with_its_county_comes_back_whole(tmp_path):
    from tests.core.helpers import zero_report

    report = zero_report("2021", organ="某某县 某某乡人民政府", year=2025)
    report.title = "某某县 某某乡人民政府2025年政府信息公开工作年度报告"
    path, imported = _export_import(report, tmp_path)
    assert (imported.report.organ, imported.report.title) == (report.organ, report.title)
    # The title gives the organ as written, also in a file some other program wrote (no properties).
    bare = replace_part(path, tmp_path / "无属性.docx", "docProps/core.xml", None)
    assert import_report(bare).report.organ == "某某县 某某乡人民政府"


def test_organ_missing_from_the_text_is_taken_from_our_document_properties(tmp_path):
    from tests.core.helpers import zero_report

    report = zero_report("2021", organ="某某县 某某乡人民政府", year=2025)
    report.title = "2025年政府信息公开工作年度报告"
    path, imported = _export_import(report, tmp_path)
    assert imported.report.organ == "某某县 某某乡人民政府"
    assert any("文档属性" in n.message and "某某县 某某乡人民政府" in n.message for n in imported.notes)
    # The organ renamed in Word afterwards (subject left stale): the text wins over the property.
    edited = zero_report("2021", organ="新华镇人民政府", year=2025)
    edited.title = "新华镇人民政府2025年政府信息公开工作年度报告"
    path, _ = _export_import(edited, tmp_path, "新华镇.docx")
    with zipfile.ZipFile(path) as archive:
        core = archive.read("docProps/core.xml").decode("utf-8").replace("新华镇人民政府</dc:subject>",
                                                                           "旧城镇人民政府</dc:subject>")
    stale = replace_part(path, tmp_path / "改过.docx", "docProps/core.xml", core.encode("utf-8"))
    assert import_report(stale).report.organ == "新华镇人民政府"
