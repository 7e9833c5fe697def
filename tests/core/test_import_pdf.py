"""Importing PDF reports: ruled tables with merged cells, tables over page breaks, paragraphs rebuilt
from lines; scanned, encrypted, broken and hostile files refused in Chinese, in bounded time and memory."""
from __future__ import annotations

import difflib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.errors import ImportFailed
from app.formats import import_report
from app.read.pdf import SCANNED, read_pdf_stream
from app.read.stream import Grid
from app.report_json import load_report_json, report_to_dict
from tests.core import hostile_pdfs as hp
from tests.core.docx_fixtures import our_docx_converted_by_libreoffice, report_2021
from tests.core.fuzz_engine import run_case
from tests.core.pdf_fixtures import Print, report_pdf
from tests.core.pdf_writer import Page, build_pdf

ROOT = Path(__file__).parents[2]
SAMPLES = ROOT / "tests" / "data" / "samples"
STEMS = ["2020_checun_town", "2020_geshan_town", "2020_huashan_town", "2022_pingtan_web"]
PRINTS = {
    "a4-lines": Print(),
    "word-bars-over-pages-open-sides": Print(page_height=500, bars=True, open_sides=True),
    "over-pages-no-repeated-header": Print(page_height=420, repeat_header=False),
    "wps-running-header-fake-bold": Print(page_height=600, running_header="阁山镇人民政府政务公开", fake_bold=True),
    "landscape-turned-90": Print(page_height=595, turned=90, space_indent=True),
    "landscape-turned-270": Print(page_height=595, turned=270),
}
DEADLINE = 15.0


def expected(report) -> dict:
    data = report_to_dict(report)
    if report.organ and not report.organ.endswith(("人民政府", "办事处")):
        data.pop("organ")        # 管理委员会: the recognizer names only town governments from the text
    return data


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def grids(path: Path) -> list[Grid]:
    return [b for b in read_pdf_stream(path).blocks if isinstance(b, Grid)]


# ---------------------------------------------------------------- whole reports, both editions

@pytest.mark.parametrize("style", sorted(PRINTS))
@pytest.mark.parametrize("stem", STEMS)
def test_printed_report_imports_to_the_expected_report(stem, style, tmp_path):
    report = load_report_json(SAMPLES / f"{stem}.json")
    path = write(tmp_path / f"{stem}.pdf", report_pdf(report, PRINTS[style]))
    want = expected(report)
    got = {k: v for k, v in report_to_dict(import_report(path).report).items() if k in want}
    assert got == want


@pytest.mark.parametrize("style", sorted(PRINTS))
def test_2021_report_with_every_cell_different_imports_exactly(style, tmp_path):
    report = report_2021()
    path = write(tmp_path / "阁山镇2021年报.pdf", report_pdf(report, PRINTS[style]))
    imported = import_report(path).report
    assert imported.edition == "2021"
    assert report_to_dict(imported) == report_to_dict(report)


def test_table_continued_over_pages_is_one_table_with_its_header_once(tmp_path):
    report = report_2021()
    one_page = grids(write(tmp_path / "一页.pdf", report_pdf(report, Print())))
    split = grids(write(tmp_path / "多页.pdf", report_pdf(report, Print(page_height=420))))
    requests = [g for g in split if any("申请人情况" in c for c in g.rows[0])]
    assert len(requests) == 1 and "页" in requests[0].where and "、" in requests[0].where   # pieces on several pages
    single = next(g for g in one_page if any("申请人情况" in c for c in g.rows[0]))
    assert len(requests[0].rows) == len(single.rows)
    assert [row[3:] for row in requests[0].rows] == [row[3:] for row in single.rows]
    assert sum(1 for row in requests[0].rows if "申请人情况" in row) == 1             # repeated header read once
    notes = import_report(tmp_path / "多页.pdf").notes
    assert any("表格跨页" in n.message and n.where == requests[0].where for n in notes)


def test_merged_cells_repeat_labels_and_give_values_once(tmp_path):
    report = report_2021()
    path = write(tmp_path / "r.pdf", report_pdf(report, Print(bars=True)))
    requests, appeals = [g for g in grids(path) if "申请人情况" in g.rows[0] or "行政复议" in g.rows[0]]
    assert requests.rows[1][3:] == ["自然人"] + ["法人或其他组织"] * 5 + ["总计"]
    results = [r for r in report.spec.table("requests").rows if r.path[:1] == ("三、本年度办理结果",)]
    assert sum(1 for r in requests.rows if r[0] == "三、本年度办理结果") == len(results)
    assert appeals.rows[0] == ["行政复议"] * 5 + ["行政诉讼"] * 10


def test_page_numbers_running_headers_and_fake_bold_are_not_read_and_wrapped_paragraphs_joined(tmp_path):
    report = load_report_json(SAMPLES / "2020_geshan_town.json")
    style = Print(page_height=500, running_header="阁山镇人民政府政务公开", fake_bold=True)
    stream = read_pdf_stream(write(tmp_path / "g.pdf", report_pdf(report, style)))
    texts = [b.text for b in stream.blocks if not isinstance(b, Grid)]
    assert not any("—" in t or "政务公开（第" in t for t in texts)
    assert "五、存在的主要问题及改进情况" in texts                      # drawn twice, read once (PDFium)
    imported = import_report(tmp_path / "g.pdf").report
    assert imported.sections == report.sections


# ---------------------------------------------------------------- files that are not readable reports

@pytest.mark.parametrize("stamp", ["", "阁山镇人民政府办公室 2021年1月20日"], ids=["no-text", "stamp-added"])
def test_scanned_pdf_says_so_and_the_cli_exits_2(stamp, tmp_path):
    path = write(tmp_path / "扫描件.pdf", hp.scanned(stamp))
    with pytest.raises(ImportFailed, match=f"扫描件.pdf：{SCANNED}"):
        import_report(path)
    done = subprocess.run([sys.executable, "-m", "app", "check", str(path)], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 2
    assert SCANNED in done.stdout + done.stderr and "Traceback" not in done.stderr


def test_encrypted_pdf_has_its_own_message(tmp_path):
    path = write(tmp_path / "加密.pdf", build_pdf([Page()], encrypted=True))
    with pytest.raises(ImportFailed, match="加密.pdf：PDF 文件已加密"):
        import_report(path)


@pytest.mark.parametrize("data", [hp.truncated(report_pdf(report_2021())), b"%PDF-1.7\n garbage " * 50,
                                  b"<html>not a pdf</html>"], ids=["truncated", "garbage", "not-pdf"])
def test_broken_pdf_is_refused_by_name(data, tmp_path):
    path = write(tmp_path / "坏文件.pdf", data)
    with pytest.raises(ImportFailed, match="坏文件.pdf："):
        import_report(path)


def test_pdf_that_is_not_a_report_says_so(tmp_path):
    page = Page()
    page.text(80, 700, "关于召开全镇安全生产工作会议的通知")
    page.text(80, 680, "各村（社区）：定于下周一召开会议。")
    with pytest.raises(ImportFailed, match="通知.pdf：.*不是一份政府信息公开工作年度报告"):
        import_report(write(tmp_path / "通知.pdf", build_pdf([page])))


# ---------------------------------------------------------------- hostile files

@pytest.mark.parametrize("make", [hp.page_count_bomb, lambda: hp.many_pages(5000), hp.self_drawing_form,
                                  hp.looping_object_stream, hp.huge_page, hp.page_of_paths, hp.page_of_characters],
                         ids=["page-count-bomb", "5000-pages", "self-drawing-form", "looping-object-stream",
                              "huge-page", "150000-paths", "120000-characters"])
def test_hostile_pdf_is_refused_in_chinese_quickly_in_bounded_memory(make, tmp_path):
    path = write(tmp_path / "恶意.pdf", make())
    outcome = run_case(path, ".pdf", path.name, DEADLINE)
    assert outcome.kind == "error", outcome.detail
    assert path.name in outcome.detail


def test_absurd_numbers_of_pages_and_drawings_are_named(tmp_path):
    with pytest.raises(ImportFailed, match="5000 页"):
        import_report(write(tmp_path / "a.pdf", hp.many_pages(5000)))
    with pytest.raises(ImportFailed, match="图形多得异常"):
        import_report(write(tmp_path / "b.pdf", hp.page_of_paths()))


# ---------------------------------------------------------------- our export, printed by LibreOffice

@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_samples_exported_to_docx_and_converted_by_libreoffice_import_back_cell_for_cell(tmp_path):
    reports = our_docx_converted_by_libreoffice(tmp_path, SAMPLES, "pdf")
    for stem, report in reports.items():
        imported = import_report(tmp_path / f"{stem}.pdf").report
        assert imported.tables == report.tables, stem
        assert (imported.edition, imported.organ, imported.year, imported.title) == \
               (report.edition, report.organ, report.year, report.title), stem
        for section, text in report.sections.items():      # LibreOffice may drop a comma at a line end
            assert difflib.SequenceMatcher(None, imported.sections[section], text).ratio() > 0.98, (stem, section)


def test_cli_converts_a_pdf_report(tmp_path):
    report = report_2021()
    path = write(tmp_path / "r.pdf", report_pdf(report))
    out = tmp_path / "r.json"
    done = subprocess.run([sys.executable, "-m", "app", "convert", str(path), str(out)], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(out.read_text(encoding="utf-8")) == report_to_dict(report)


def test_a_first_line_indent_typed_as_full_width_spaces_starts_a_paragraph(tmp_path):
    page = Page()
    for y, text in ((700, "\u3000\u3000" + "甲" * 34), (682, "乙" * 36), (664, "\u3000\u3000丙丙丙。"), (646, "丁" * 36),
                    (628, "戊戊。")):
        page.text(80, y, text)
    texts = [b.text for b in read_pdf_stream(write(tmp_path / "段落.pdf", build_pdf([page]))).blocks]
    assert texts == ["甲" * 34 + "乙" * 36, "丙丙丙。", "丁" * 36 + "戊戊。"]
