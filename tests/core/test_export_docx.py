"""The .docx export: reopened with python-docx, it must look like an official document (GB/T 9704)."""
from __future__ import annotations

import datetime
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

from app.editions import get_edition
from app.formats import export_report, import_report
from app.report_json import report_to_dict
from app.write.docx import export_docx
from app.report import new_report
from app.report_json import load_report_json

SAMPLES = Path(__file__).parent.parent / "data" / "samples"
STEMS = ["2020_checun_town", "2020_geshan_town", "2020_huashan_town"]


def sample(stem: str = "2020_checun_town"):
    return load_report_json(SAMPLES / f"{stem}.json")


def report_2021():
    """A 2021-edition report with every kind of value, a blank cell and sub-headed narrative."""
    report = new_report("2021", "阁山镇人民政府", 2025)
    spec = report.spec
    for table in spec.all_tables():
        for number, (row, col) in enumerate(table.cells()):
            kind = table.column(col).kind
            report.tables[table.id][row][col] = Decimal("12.5000") if kind == "amount" else number % 7
    from app.checks import auto_total
    auto_total(report)
    report.tables["active"]["punishment"]["decisions"] = None
    report.sections["preamble"] = "本报告根据《中华人民共和国政府信息公开条例》编制。"
    report.sections["overview"] = "（一）主动公开情况\n本年主动公开政府信息120条。\n（二）依申请公开情况。本年共收到申请3件。"
    report.sections["problems"] = "一是公开不够及时。\n二是培训不足。"
    report.sections["other"] = "本年度未收取信息处理费。"
    return report


def export(report, tmp_path, name="年报 导出.docx", **options):
    path = tmp_path / name
    if options:
        export_docx(report, path, **options)
    else:
        export_report(report, path)
    return Document(str(path)), path


def fonts(element):
    r_fonts = element.find(qn("w:rPr")).find(qn("w:rFonts")) if element.tag != qn("w:rPr") else element.find(qn("w:rFonts"))
    return {k: r_fonts.get(qn(f"w:{k}")) for k in ("eastAsia", "ascii", "hAnsi", "hint")}


def style_fonts(doc, name):
    return fonts(doc.styles[name].element)


def text_paragraphs(doc):
    return [p for p in doc.paragraphs if p.text.strip()]


# ---------------------------------------------------------------- page and typography

def test_page_is_a4_portrait_with_official_margins(tmp_path):
    doc, _ = export(sample(), tmp_path)
    section = doc.sections[0]
    mm = [round(length.mm, 1) for length in (section.page_width, section.page_height, section.top_margin,
                                             section.bottom_margin, section.left_margin, section.right_margin)]
    assert mm == [210, 297, 37, 35, 28, 26]


def test_title_is_centred_fangzheng_xiaobiaosong_size_2(tmp_path):
    report = sample()
    doc, _ = export(report, tmp_path)
    title = doc.paragraphs[0]
    assert title.text.replace("\n", "") == report.title
    assert title.text.split("\n")[-1] == "政府信息公开工作年度报告"  # broken where official titles break
    style = title.style
    assert style.font.size == Pt(22)
    assert style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert fonts(style.element) == {"eastAsia": "方正小标宋简体", "ascii": "Times New Roman",
                                    "hAnsi": "Times New Roman", "hint": "eastAsia"}


def test_a_report_without_title_gets_the_standard_title(tmp_path):
    report = sample("2020_geshan_town")
    assert report.title == ""
    doc, _ = export(report, tmp_path)
    assert doc.paragraphs[0].text == "阁山镇人民政府2020年\n政府信息公开工作年度报告"


def test_headings_body_and_tables_use_the_official_fonts_and_sizes(tmp_path):
    doc, _ = export(report_2021(), tmp_path)
    heading = next(p for p in doc.paragraphs if p.text == "一、总体情况")
    sub = next(p for p in doc.paragraphs if p.text == "（一）主动公开情况")
    body = next(p for p in doc.paragraphs if p.text == "本年主动公开政府信息120条。")
    expected = {heading: ("黑体", Pt(16)), sub: ("楷体_GB2312", Pt(16)), body: ("仿宋_GB2312", Pt(16))}
    for paragraph, (east_asia, size) in expected.items():
        assert fonts(paragraph.style.element)["eastAsia"] == east_asia
        assert fonts(paragraph.style.element)["ascii"] == "Times New Roman"
        assert paragraph.style.font.size == size
    cell = doc.tables[1].cell(5, 4).paragraphs[0]
    assert fonts(cell.style.element)["eastAsia"] == "宋体"
    assert cell.style.font.size == Pt(10.5)


def test_body_has_two_character_indent_and_fixed_line_spacing(tmp_path):
    doc, _ = export(sample(), tmp_path)
    fmt = doc.styles["年报正文"].paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert Pt(28) <= fmt.line_spacing <= Pt(29)
    ind = doc.styles["年报正文"].element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"
    assert int(ind.get(qn("w:firstLine"))) == 640      # two characters of 16 pt, in twips


def test_run_in_subheading_is_kai_and_the_rest_fangsong(tmp_path):
    doc, _ = export(report_2021(), tmp_path)
    paragraph = next(p for p in doc.paragraphs if p.text.startswith("（二）依申请公开情况"))
    head, rest = paragraph.runs
    assert head.text == "（二）依申请公开情况。"
    assert fonts(head._r.rPr)["eastAsia"] == "楷体_GB2312"
    assert rest.text == "本年共收到申请3件。" and rest._r.rPr is None      # body style: 仿宋


def test_missing_chinese_fonts_degrade_to_chinese_fallbacks(tmp_path):
    _, path = export(sample(), tmp_path)
    with zipfile.ZipFile(path) as archive:
        font_table = archive.read("word/fontTable.xml").decode("utf-8")
        styles = archive.read("word/styles.xml").decode("utf-8")
        settings = archive.read("word/settings.xml").decode("utf-8")
    for name, alt in (("方正小标宋简体", "宋体"), ("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体")):
        block = font_table.split(f'w:name="{name}"')[1].split("</w:font>")[0]
        assert f'w:altName w:val="{alt}"' in block and 'w:charset w:val="86"' in block
    defaults = styles.split("<w:docDefaults>")[1].split("</w:docDefaults>")[0]
    assert 'w:eastAsia="宋体"' in defaults and 'w:eastAsia="zh-CN"' in defaults
    assert "eastAsiaTheme" not in defaults
    assert 'w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"' in settings


def test_page_numbers_are_dashed_page_fields_in_song_size_4(tmp_path):
    doc, _ = export(sample(), tmp_path)
    section = doc.sections[0]
    assert doc.settings.odd_and_even_pages_header_footer
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        paragraph = footer.paragraphs[0]
        assert paragraph.text == "— 1 —"
        assert paragraph.alignment == align
        assert "PAGE" in "".join(t.text for t in paragraph._p.iter(qn("w:instrText")))
        assert paragraph.style.font.size == Pt(14)
        assert fonts(paragraph.style.element)["eastAsia"] == "宋体"


# ---------------------------------------------------------------- content and order

def test_sections_come_in_statutory_order_after_the_preamble(tmp_path):
    report = sample("2020_geshan_town")
    doc, _ = export(report, tmp_path)
    headings = [p.text for p in doc.paragraphs if p.style.name == "一级标题"]
    assert headings == [s.title for s in report.spec.sections if s.number]
    texts = [p.text for p in doc.paragraphs]
    assert texts.index(report.sections["preamble"]) < texts.index("一、总体情况")
    assert texts.index("二、主动公开政府信息情况") < texts.index("三、收到和处理政府信息公开申请情况")
    assert len(doc.tables) == 3


def test_requests_table_has_the_official_merged_headers_and_row_groups(tmp_path):
    report = sample("2020_huashan_town")
    doc, _ = export(report, tmp_path)
    table = doc.tables[1]
    note = report.spec.table("requests").note
    assert table.cell(0, 0).text == note and table.cell(0, 0)._tc is table.cell(2, 2)._tc
    assert table.cell(0, 3).text == "申请人情况" and table.cell(0, 3)._tc is table.cell(0, 9)._tc
    assert table.cell(1, 4).text == "法人或其他组织" and table.cell(1, 4)._tc is table.cell(1, 8)._tc
    assert table.cell(1, 3)._tc is table.cell(2, 3)._tc and table.cell(1, 3).text == "自然人"
    assert [table.cell(2, c).text for c in range(4, 9)] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    labels = [table.cell(r, 2).text for r in range(3, len(table.rows))]
    assert labels[0] == "一、本年新收政府信息公开申请数量" and labels[-1] == "四、结转下年度继续办理"
    # 三、本年度办理结果 spans from （一）予以公开 down to （七）总计; （三）不予公开 over its eight rows.
    first, last = labels.index("（一）予以公开") + 3, labels.index("（七）总计") + 3
    assert table.cell(first, 0).text == "三、本年度办理结果" and table.cell(first, 0)._tc is table.cell(last, 0)._tc
    assert table.cell(first - 1, 0)._tc is not table.cell(first, 0)._tc
    withheld = labels.index("1.属于国家秘密") + 3
    assert table.cell(withheld, 1).text == "（三）不予公开"
    assert table.cell(withheld, 1)._tc is table.cell(withheld + 7, 1)._tc
    total = report.get("requests", "new", "total")
    assert table.cell(3, 9).text == str(total)


def keeps_with_next(row) -> bool:
    return any(c.paragraphs[0].paragraph_format.keep_with_next for c in row.cells)


def test_tables_flow_across_pages_with_rows_unsplit_and_header_rows_repeated(tmp_path):
    doc, _ = export(sample(), tmp_path)
    for table in doc.tables:
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    for requests_or_appeals in (doc.tables[1], doc.tables[2]):
        heads = [row._tr.trPr.find(qn("w:tblHeader")) is not None for row in requests_or_appeals.rows]
        assert heads[:3] == [True] * 3 and not any(heads[3:])
    # Only the header rows keep with the next row: the body of table 三 may break at any row, so the
    # table starts right after its heading instead of jumping whole to a new page.
    keeps = [keeps_with_next(row) for row in doc.tables[1].rows]
    assert keeps[:3] == [True] * 3 and not any(keeps[3:])


def test_each_active_table_block_stays_together_but_the_table_may_break_between_blocks(tmp_path):
    doc, _ = export(report_2021(), tmp_path)
    table = doc.tables[0]
    firsts = [row.cells[0].text for row in table.rows]
    keeps = [keeps_with_next(row) for row in table.rows]
    block_starts = [i for i, text in enumerate(firsts) if text.startswith("第二十条")]
    assert len(block_starts) == 4
    for start, end in zip(block_starts, [*block_starts[1:], len(firsts)]):
        assert keeps[start:end - 1] == [True] * (end - 1 - start) and not keeps[end - 1]


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_active_table_blocks_each_have_their_header_rows(edition, tmp_path):
    report = sample() if edition == "2019" else report_2021()
    doc, _ = export(report, tmp_path)
    table = doc.tables[0]
    first_cells = [row.cells[0].text for row in table.rows]
    spec = get_edition(edition).table("active")
    for block in spec.blocks:
        at = first_cells.index(block.label)
        assert first_cells[at + 1] == "信息内容"
        assert [first_cells[at + 2 + i] for i in range(len(block.rows))] == [spec.row(r).label for r in block.rows]
        header = [c.text for c in table.rows[at + 1].cells[1:]]
        assert [label for label in dict.fromkeys(header)] == [spec.column(c).label for c in block.columns]


def test_amounts_keep_their_digits_and_blank_cells_stay_blank(tmp_path):
    doc, _ = export(sample("2020_checun_town"), tmp_path)
    procurement = next(r for r in doc.tables[0].rows if r.cells[0].text == "政府集中采购")
    assert procurement.cells[2].text == "19.8303"
    doc, _ = export(report_2021(), tmp_path, name="2021.docx")
    punishment = next(r for r in doc.tables[0].rows if r.cells[0].text == "行政处罚")
    assert punishment.cells[1].text == ""
    fees = next(r for r in doc.tables[0].rows if r.cells[0].text == "行政事业性收费")
    assert fees.cells[1].text == "12.5000"


def test_appeals_is_one_row_of_fifteen_cells_under_merged_headers(tmp_path):
    report = sample("2020_huashan_town")
    doc, _ = export(report, tmp_path)
    table = doc.tables[2]
    assert len(table.columns) == 15 and len(table.rows) == 4
    assert table.cell(0, 0).text == "行政复议" and table.cell(0, 0)._tc is table.cell(0, 4)._tc
    assert table.cell(0, 5).text == "行政诉讼" and table.cell(0, 5)._tc is table.cell(0, 14)._tc
    assert table.cell(1, 5).text == "未经复议直接起诉" and table.cell(1, 10).text == "复议后起诉"
    values = [c.text for c in table.rows[3].cells]
    expected = [str(report.get("appeals", g, c)) for g in ("review", "suit_direct", "suit_after_review")
                for c in ("upheld", "corrected", "other", "pending", "total")]
    assert values == expected


def test_the_document_ends_with_organ_and_date_right_aligned_unless_turned_off(tmp_path):
    report = sample()
    signed, _ = export(report, tmp_path)
    dated, _ = export(report, tmp_path, name="日期.docx", date="2021年1月20日")
    plain, _ = export(report, tmp_path, name="无落款.docx", signature=False)
    announced, _ = export(report, tmp_path, name="发布.docx", signature=False, date="2021年1月20日")
    today = datetime.date.today()
    assert [p.text for p in text_paragraphs(signed)[-2:]] == [report.organ, f"{today.year}年{today.month}月{today.day}日"]
    organ, date = text_paragraphs(dated)[-2:]
    assert [organ.text, date.text] == [report.organ, "2021年1月20日"]
    assert organ.alignment == date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    # organ and date centred on each other (GB/T 9704 7.3.5): the date four characters from the right
    # margin, or a longer organ two; the date's digits are half-width (2021年1月20日: 6½ characters)
    date_right, organ_right = date.paragraph_format.right_indent.pt, organ.paragraph_format.right_indent.pt
    assert organ_right + len(report.organ) * 16 / 2 == pytest.approx(date_right + 6.5 * 16 / 2, abs=1)
    assert min(date_right, organ_right) == (4 * 16 if len(report.organ) <= 6.5 else 2 * 16)
    assert text_paragraphs(plain)[-1].text != report.organ
    assert text_paragraphs(announced)[-1].text == "发布日期：2021年1月20日"


def test_the_closing_lines_are_not_read_back_as_report_text(tmp_path):
    report = report_2021()
    _, path = export(report, tmp_path, date="2026年1月20日")
    again = import_report(path).report
    assert again.sections["other"] == report.sections["other"]


def test_document_properties_name_title_and_organ(tmp_path):
    report = sample()
    doc, _ = export(report, tmp_path)
    assert doc.core_properties.title == report.title
    assert doc.core_properties.subject == report.organ
    assert "edition=2019" in doc.core_properties.keywords


@pytest.mark.parametrize("stem", [*STEMS, "2021"])
def test_docx_export_then_import_is_lossless(stem, tmp_path):
    report = report_2021() if stem == "2021" else sample(stem)
    _, path = export(report, tmp_path)
    again = import_report(path).report
    assert report_to_dict(again) == report_to_dict(report)


def test_untitled_report_is_exported_with_a_standard_title_and_read_back_untitled(tmp_path):
    report = sample("2020_geshan_town")
    assert report.title == ""
    doc, path = export(report, tmp_path)
    assert doc.paragraphs[0].text == "阁山镇人民政府2020年\n政府信息公开工作年度报告"
    imported = import_report(path)
    assert imported.report.title == ""
    assert any("原报告没有标题" in note.message for note in imported.notes)


def test_control_characters_pasted_into_text_do_not_break_the_export(tmp_path):
    report = sample()
    report.sections["problems"] = "一是公开不及时。\x0c二是\x00培训不足。"
    report.invalid["requests.new.legal"] = "约\x0b5件"
    doc, _ = export(report, tmp_path)
    assert any(p.text == "一是公开不及时。二是培训不足。" for p in doc.paragraphs)
    assert any(c.text == "约5件" for row in doc.tables[1].rows for c in row.cells)
