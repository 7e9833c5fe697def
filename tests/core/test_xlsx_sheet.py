""".xlsx sheets are read without openpyxl's merged-cell binding: merged ranges come back as bounds,
covered cells read as empty, and a hostile merged range is refused quickly and in Chinese."""
import re
import time
import zipfile
from pathlib import Path

import pytest

from app.errors import ImportFailed
from app.formats import export_report, import_report
from app.read.xlsx_sheet import read_sheets
from app.report_json import load_report_json

SAMPLES = Path(__file__).parent.parent / "data" / "samples"


def _exported(tmp_path: Path, stem: str = "2020_geshan_town") -> tuple[Path, object]:
    report = load_report_json(SAMPLES / f"{stem}.json")
    path = tmp_path / f"{stem}.xlsx"
    export_report(report, path)
    return path, report


def _rewrite(path: Path, target: Path, member: str, edit) -> None:
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            out.writestr(info, edit(data.decode("utf-8")).encode("utf-8") if info.filename == member else data)


def _sheet(sheets, title):
    return next(sheet for sheet in sheets if sheet.title == title)


def test_merged_headers_come_back_as_bounds_with_their_label_in_the_anchor(tmp_path):
    path, _ = _exported(tmp_path)
    requests = _sheet(read_sheets(path), "依申请公开")
    anchors = {requests.cell(r1, c1).value: (r1, c1, r2, c2) for r1, c1, r2, c2 in requests.merged}
    assert anchors["申请人情况"] == (2, 4, 2, 10)           # D2:J2
    assert anchors["自然人"] == (3, 4, 4, 4)                 # D3:D4
    assert requests.cell(2, 5).value is None                 # E2 is covered by D2:J2


def test_a_stray_value_in_a_covered_cell_is_ignored_as_excel_does(tmp_path):
    path, report = _exported(tmp_path)
    stray = tmp_path / "残留.xlsx"
    # E2 lies under the merged 申请人情况 header (D2:J2); a value left there is invisible in Excel.
    _rewrite(path, stray, "xl/worksheets/sheet3.xml",
             lambda xml: re.sub(r'<c r="E2"[^>]*>(?:</c>)?', '<c r="E2" t="inlineStr"><is><t>法人或其他组织</t></is></c>',
                                xml, count=1))
    with zipfile.ZipFile(stray) as archive:
        assert "法人或其他组织</t></is></c>" in archive.read("xl/worksheets/sheet3.xml").decode("utf-8")
    requests = _sheet(read_sheets(stray), "依申请公开")
    assert requests.cell(2, 5).value is None
    assert import_report(stray).report.tables == report.tables


def test_a_huge_merged_range_is_refused_quickly_in_chinese(tmp_path):
    path, _ = _exported(tmp_path)
    hostile = tmp_path / "巨大合并.xlsx"
    _rewrite(path, hostile, "xl/worksheets/sheet3.xml",
             lambda xml: re.sub(r'<mergeCells count="(\d+)">',
                                lambda m: f'<mergeCells count="{int(m.group(1)) + 1}"><mergeCell ref="A200:XFD1048576"/>',
                                xml, count=1))
    start = time.perf_counter()
    with pytest.raises(ImportFailed) as caught:
        import_report(hostile)
    assert time.perf_counter() - start < 10
    assert hostile.name in str(caught.value) and "过大" in str(caught.value)


def test_amount_formats_and_formulas_survive_the_read(tmp_path):
    path, report = _exported(tmp_path, "2020_huashan_town")
    sheets = read_sheets(path)
    formulas = [cell for sheet in sheets for cell in sheet.cells.values() if cell.data_type == "f"]
    assert formulas and all(str(cell.value).startswith("=") for cell in formulas)
    assert import_report(path).report.tables == report.tables
