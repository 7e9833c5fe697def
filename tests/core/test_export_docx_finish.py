"""The .docx finish a county reviewer checks: 28 characters a line, titles broken between words,
labels that do not leave a character alone, clean properties, 2021-edition round trip, and
(where LibreOffice is installed) pages that are not left half empty."""
from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from app.editions import get_edition
from app.formats import export_report, import_report
from app.report_json import load_report_json, report_to_dict
from app.write.column_widths import CHAR_MM, column_widths, fits_without_orphan, mm_to_chars
from app.write.docx_style import TEXT_WIDTH
from app.write.table_layout import table_layout
from app.write.title_lines import title_lines

SAMPLES = Path(__file__).parent.parent / "data" / "samples"
ALL_STEMS = ["2020_checun_town", "2020_geshan_town", "2020_huashan_town", "2022_pingtan_web"]


def export(stem: str, tmp_path: Path) -> tuple[object, Path]:
    report = load_report_json(SAMPLES / f"{stem}.json")
    path = tmp_path / f"{stem}.docx"
    export_report(report, path)
    return report, path


def part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8") if name in archive.namelist() else ""


# ---------------------------------------------------------------- 1. title read back

def test_a_2021_report_whose_title_is_broken_over_two_lines_reads_back_whole(tmp_path):
    report, path = export("2022_pingtan_web", tmp_path)
    title = Document(str(path)).paragraphs[0]
    assert title.text == "平潭综合实验区2022年度\n政府信息公开工作年度报告"      # a w:br in the title
    again = import_report(path).report
    assert again.title == report.title
    assert again.sections["preamble"] == report.sections["preamble"]
    assert report_to_dict(again) == report_to_dict(report)


# ---------------------------------------------------------------- 2. 28 characters a line

def test_body_headings_set_28_characters_of_size_3_on_a_line_of_22(tmp_path):
    _, path = export("2020_checun_town", tmp_path)
    doc = Document(str(path))
    grid = doc.sections[0]._sectPr.find(qn("w:docGrid"))
    type_area_pt = (297 - 37 - 35) / 25.4 * 72
    assert int(type_area_pt / (int(grid.get(qn("w:linePitch"))) / 20)) == 22
    for name in ("年报正文", "一级标题", "二级标题"):
        style = doc.styles[name]
        spacing = style.element.rPr.find(qn("w:spacing"))
        advance = style.font.size.pt + int(spacing.get(qn("w:val"))) / 20
        assert int(TEXT_WIDTH.pt / advance) == 28, name


# ---------------------------------------------------------------- 3. titles between words

@pytest.mark.parametrize("title, lines", [
    ("2020年广州市花都区花山镇人民政府信息公开年度报告", ["2020年广州市花都区花山镇", "人民政府信息公开年度报告"]),
    ("福州市长乐区花山镇人民政府信息公开年度报告", ["福州市长乐区花山镇人民政府", "信息公开年度报告"]),
    ("阁山镇人民政府2020年政府信息公开工作年度报告", ["阁山镇人民政府2020年", "政府信息公开工作年度报告"]),
    ("某某市市场监督管理局2020年政府信息公开工作年度报告", ["某某市市场监督管理局2020年", "政府信息公开工作年度报告"]),
    ("政府信息公开工作年度报告", ["政府信息公开工作年度报告"]),
])
def test_long_titles_break_between_words_never_inside_one(title, lines):
    assert title_lines(title) == lines


def test_a_three_line_title_is_a_diamond_or_trapezoid_of_whole_words():
    lines = title_lines("福建省福州市长乐区花山镇人民政府2020年度政府信息公开工作年度报告")
    assert "".join(lines) == "福建省福州市长乐区花山镇人民政府2020年度政府信息公开工作年度报告"
    assert len(lines) == 3 and all(len(line) <= 16 for line in lines)
    assert lines[-1] == "政府信息公开工作年度报告" and lines[0].endswith("镇")


def test_the_exported_title_carries_the_word_breaks(tmp_path):
    report = load_report_json(SAMPLES / "2020_huashan_town.json")
    report.title = "福州市长乐区花山镇人民政府信息公开年度报告"
    path = tmp_path / "花山.docx"
    export_report(report, path)
    assert Document(str(path)).paragraphs[0].text == "福州市长乐区花山镇人民政府\n信息公开年度报告"


# ---------------------------------------------------------------- 5. label columns

@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_no_label_leaves_one_character_alone_at_size_5(edition, tmp_path):
    for table in get_edition(edition).all_tables():
        layout = table_layout(table)
        widths = column_widths(layout, TEXT_WIDTH.mm, {c: ["999"] for c in range(layout.cols)})
        assert sum(widths) == pytest.approx(TEXT_WIDTH.mm)
        for box in layout.boxes:
            if box.left == box.right and box.role != "note":
                assert fits_without_orphan(box.text, mm_to_chars(widths[box.left]), False), (table.id, box.text)
    # the complaints: （三）不予公/开, （四）无法提/供, 自然/人
    layout = table_layout(get_edition(edition).table("requests"))
    widths = column_widths(layout, TEXT_WIDTH.mm)
    assert mm_to_chars(widths[1]) >= 5 and mm_to_chars(widths[3]) >= 3


def test_the_docx_table_grid_uses_the_sized_columns(tmp_path):
    _, path = export("2020_huashan_town", tmp_path)
    requests = Document(str(path)).tables[1]
    row = requests.rows[1]._tr          # the 自然人 row of headers: one tc per grid column from col 3
    widths = [int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) / 20 / 72 * 25.4 for tc in row.findall(qn("w:tc"))]
    assert widths[1] >= 3 * CHAR_MM + 1.6     # 自然人 on one line, inside the cell margins


# ---------------------------------------------------------------- 6. page numbers, run-in headings

def test_page_number_digits_are_song_not_times(tmp_path):
    _, path = export("2020_checun_town", tmp_path)
    fonts = Document(str(path)).styles["年报页码"].element.rPr.find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia")} == {"宋体"}


def test_a_run_in_subheading_ending_in_a_colon_is_all_kai_and_one_without_an_end_is_all_body(tmp_path):
    report = load_report_json(SAMPLES / "2020_checun_town.json")
    report.sections["problems"] = ("（一）存在的主要问题:" + "一是公开内容不够全面。" * 3 + "\n"
                                   "（二）下一步" + "将进一步加强培训和考核" * 4)
    path = tmp_path / "小标题.docx"
    export_report(report, path)
    doc = Document(str(path))
    first = next(p for p in doc.paragraphs if p.text.startswith("（一）存在"))
    head = first.runs[0]
    assert head.text == "（一）存在的主要问题:"
    assert head._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "楷体_GB2312"
    second = next(p for p in doc.paragraphs if p.text.startswith("（二）下一步"))
    assert all(run._r.rPr is None for run in second.runs) and second.style.name == "年报正文"


# ---------------------------------------------------------------- 7. properties

def test_document_properties_are_clean_and_name_the_organ(tmp_path):
    report, path = export("2020_checun_town", tmp_path)
    core, app = part(path, "docProps/core.xml"), part(path, "docProps/app.xml")
    doc = Document(str(path))
    assert "python-docx" not in core and "Microsoft Macintosh Word" not in app and "政务公开年报助手" in app
    with zipfile.ZipFile(path) as archive:
        assert not [n for n in archive.namelist() if "thumbnail" in n]
        assert "thumbnail" not in archive.read("_rels/.rels").decode()
    props = doc.core_properties
    assert props.title == report.title and props.author == report.organ and props.comments == ""
    assert props.created is not None and props.modified is not None
    assert props.keywords.startswith("nianbao-report/1;edition=2019")


# ---------------------------------------------------------------- 4. rendered pages (LibreOffice)

def page_fill(pdf: Path) -> list[float]:
    """Per page, how far down the type area the lowest text reaches (0 … 1), page numbers left out."""
    pypdf = pytest.importorskip("pypdf", reason="pypdf (test dependency) is needed to measure rendered pages")
    top, bottom = (297 - 37) / 25.4 * 72, 35 / 25.4 * 72
    fills = []
    for page in pypdf.PdfReader(str(pdf)).pages:
        lowest = [top]

        def visit(text, cm, tm, font, size, lowest=lowest):
            y = tm[5] * cm[3] + cm[5]
            if text.strip() and bottom - 2 <= y <= top + 2:
                lowest.append(y)
        page.extract_text(visitor_text=visit)
        fills.append((top - min(lowest)) / (top - bottom))
    return fills


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_no_rendered_page_is_less_than_half_full_but_the_last(tmp_path):
    paths = [export(stem, tmp_path)[1] for stem in ALL_STEMS]
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, paths)],
                   check=True, capture_output=True, timeout=240)
    for path in paths:
        fills = page_fill(path.with_suffix(".pdf"))
        assert len(fills) >= 3, path.name
        assert all(fill >= 0.5 for fill in fills[:-1]), (path.name, [round(f, 2) for f in fills])
