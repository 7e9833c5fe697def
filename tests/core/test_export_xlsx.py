"""The .xlsx export and import: a workbook a clerk can work in, read back into the identical report."""
from __future__ import annotations

import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from app.checks import auto_total
from app.editions import get_edition
from app.errors import ImportFailed
from app.formats import export_report, import_report
from app.report import new_report
from app.report_json import load_report_json, report_to_dict
from tests.core.xlsx_recompute import recompute

SAMPLES = Path(__file__).parent.parent / "data" / "samples"
AMOUNT_2019 = get_edition("2019").table("active").column("amount").label
STEMS = ["2020_checun_town", "2020_geshan_town", "2020_huashan_town"]


def sample(stem: str = "2020_checun_town"):
    return load_report_json(SAMPLES / f"{stem}.json")


def report_2021():
    """A 2021-edition report with distinct values, balanced totals, a blank and exact amounts."""
    report = new_report("2021", "阁山镇人民政府", 2025)
    for table in report.spec.all_tables():
        for number, (row, col) in enumerate(table.cells()):
            kind = table.column(col).kind
            report.tables[table.id][row][col] = Decimal("12.50") if kind == "amount" else number % 9
    auto_total(report)
    report.tables["active"]["coercion"]["decisions"] = None
    report.sections.update(preamble="本报告依据《条例》编制。", overview="全年收到申请12件。\n\n（一）主动公开",
                           problems="一是……\n二是……", other="本年度未收取信息处理费。")
    return report


def export(report, tmp_path, name="年报 导出.xlsx"):
    path = tmp_path / name
    export_report(report, path)
    return openpyxl.load_workbook(path), path


def find(sheet, text):
    return next(c for row in sheet.iter_rows() for c in row if c.value == text)


def merged_range(sheet, cell):
    return next((str(r) for r in sheet.merged_cells.ranges if cell.coordinate in r), cell.coordinate)


# ---------------------------------------------------------------- layout

def test_sheets_have_chinese_names(tmp_path):
    book, _ = export(sample(), tmp_path)
    assert book.sheetnames == ["报告信息", "主动公开", "依申请公开", "复议诉讼"]


def test_requests_sheet_has_the_official_merged_headers(tmp_path):
    report = sample("2020_huashan_town")
    book, _ = export(report, tmp_path)
    sheet = book["依申请公开"]
    assert sheet["A1"].value == "三、收到和处理政府信息公开申请情况"
    assert merged_range(sheet, find(sheet, report.spec.table("requests").note)) == "A2:C4"
    assert merged_range(sheet, find(sheet, "申请人情况")) == "D2:J2"
    assert merged_range(sheet, find(sheet, "法人或其他组织")) == "E3:I3"
    assert merged_range(sheet, find(sheet, "自然人")) == "D3:D4"
    granted, results = find(sheet, "（一）予以公开"), find(sheet, "（七）总计")
    assert merged_range(sheet, find(sheet, "三、本年度办理结果")) == f"A{granted.row}:A{results.row}"
    withheld = find(sheet, "1.属于国家秘密")
    assert merged_range(sheet, find(sheet, "（三）不予公开")) == f"B{withheld.row}:B{withheld.row + 7}"
    assert merged_range(sheet, find(sheet, "一、本年新收政府信息公开申请数量")) == "A5:C5"
    assert sheet["D5"].value == report.get("requests", "new", "natural")
    assert sheet["D5"].border.left.style == "thin" and sheet["C4"].border.bottom.style == "thin"


def test_label_columns_are_wide_enough_and_labels_wrap(tmp_path):
    book, _ = export(sample(), tmp_path)
    sheet = book["依申请公开"]
    label = find(sheet, "5.要求行政机关确认或重新出具已获取信息")
    assert sheet.column_dimensions["C"].width >= 30
    assert label.alignment.wrap_text
    active = book["主动公开"]
    assert active.column_dimensions["A"].width >= 2 * len("其他对外管理服务事项")


def test_active_sheet_has_each_block_with_its_header_row(tmp_path):
    book, _ = export(report_2021(), tmp_path)
    sheet = book["主动公开"]
    for label in ("第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"):
        block = find(sheet, label)
        assert sheet.cell(block.row + 1, 1).value == "信息内容"
    fees = find(sheet, "本年收费金额（单位：万元）")
    assert merged_range(sheet, fees) == f"B{fees.row}:D{fees.row}"


def test_appeals_sheet_is_one_row_of_fifteen_values(tmp_path):
    report = sample("2020_huashan_town")
    book, _ = export(report, tmp_path)
    sheet = book["复议诉讼"]
    assert merged_range(sheet, find(sheet, "行政复议")) == "A2:E2"
    assert merged_range(sheet, find(sheet, "行政诉讼")) == "F2:O2"
    assert merged_range(sheet, find(sheet, "复议后起诉")) == "K3:O3"
    row = [recompute(sheet, sheet.cell(5, col).value) for col in range(1, 16)]
    assert row == [report.get("appeals", g, c) for g in ("review", "suit_direct", "suit_after_review")
                   for c in ("upheld", "corrected", "other", "pending", "total")]


def test_metadata_sheet_holds_edition_organ_year_and_every_section(tmp_path):
    report = sample("2020_geshan_town")
    book, _ = export(report, tmp_path)
    sheet = book["报告信息"]
    values = {row[0].value: row[1].value for row in sheet.iter_rows(min_row=2)}
    assert values["格式版本"] == "2019" and values["机关名称"] == "阁山镇人民政府" and values["报告年度"] == 2020
    assert values["前言"] == report.sections["preamble"]
    assert values["一、总体情况"] == report.sections["overview"]
    assert values["六、其他需要报告的事项"] == report.sections["other"]


def test_panes_are_frozen_and_pages_print_a4_one_page_wide(tmp_path):
    book, _ = export(sample(), tmp_path)
    requests = book["依申请公开"]
    assert requests.freeze_panes == "D5"
    for sheet in book.worksheets:
        assert int(sheet.page_setup.paperSize) == 9      # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.print_options.horizontalCentered
    assert requests.print_title_rows.replace("$", "") == "1:4"
    assert book["复议诉讼"].page_setup.orientation == "landscape"


# ---------------------------------------------------------------- formulas and validation

@pytest.mark.parametrize("stem", STEMS)
def test_totals_are_sum_formulas_that_give_the_report_totals(stem, tmp_path):
    report = sample(stem)
    book, _ = export(report, tmp_path)
    sheet = book["依申请公开"]
    new_total = sheet.cell(find(sheet, "一、本年新收政府信息公开申请数量").row, 10)
    assert new_total.data_type == "f" and new_total.value.startswith("=SUM(D")
    table = report.spec.table("requests")
    labels = {row.label: find(sheet, row.label).row for row in table.rows}
    results = sheet.cell(labels["（七）总计"], 4)
    assert results.data_type == "f"
    columns = {c.id: i for i, c in enumerate(table.columns, start=4)}
    for row in table.rows:
        for col in ("total",) if row.id != "results_total" else columns:
            cell = sheet.cell(labels[row.label], columns[col])
            assert recompute(sheet, cell.value) == (report.get("requests", row.id, col) or 0), cell.coordinate


def test_every_total_is_a_formula_and_a_written_total_that_differs_is_noted_and_read_back(tmp_path):
    report = sample("2020_huashan_town")
    report.tables["requests"]["new"]["total"] = 99                 # not the sum of its parts
    report.tables["requests"]["carried_in"]["natural"] = None       # a blank total's own part …
    report.tables["requests"]["carried_in"]["total"] = None         # … and a blank total
    book, path = export(report, tmp_path)
    sheet = book["依申请公开"]
    new = sheet.cell(find(sheet, "一、本年新收政府信息公开申请数量").row, 10)
    carried = sheet.cell(find(sheet, "二、上年结转政府信息公开申请数量").row, 10)
    for cell in (new, carried):
        assert cell.data_type == "f" and cell.value.startswith("=SUM(") and cell.font.b
        assert cell.protection.locked and cell.fill.fgColor.rgb.endswith("FFF2CC")
    assert new.comment.text.startswith(f"报告原填：99；导出时各项之和：{recompute(sheet, new.value)}")
    assert carried.comment.text.startswith("报告原填：空白；")
    assert sheet.cell(find(sheet, "二、上年结转政府信息公开申请数量").row, 4).protection.locked is False
    assert report_to_dict(import_report(path).report) == report_to_dict(report)


def test_once_a_part_is_edited_the_formula_wins_over_the_written_total(tmp_path):
    report = sample("2020_huashan_town")
    report.tables["requests"]["new"]["total"] = 99
    _, path = export(report, tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book["依申请公开"]
    row = find(sheet, "一、本年新收政府信息公开申请数量").row
    sheet.cell(row, 4).value = (sheet.cell(row, 4).value or 0) + 1
    book.save(path)
    imported = import_report(path)
    parts = sum(imported.report.get("requests", "new", c) or 0 for c in
                ("natural", "commercial", "research", "social", "legal", "other"))
    assert imported.report.get("requests", "new", "total") == parts
    assert any("导出时报告原填 99" in note.message for note in imported.notes)


def test_input_cells_are_validated_by_kind(tmp_path):
    book, _ = export(sample(), tmp_path)

    def rule_for(sheet, coordinate):
        return next(dv for dv in sheet.data_validations.dataValidation if coordinate in dv.sqref)

    requests = book["依申请公开"]
    count = rule_for(requests, "D5")
    assert (count.type, count.operator, count.formula1) == ("whole", "greaterThanOrEqual", "0")
    assert not any("J5" in dv.sqref for dv in requests.data_validations.dataValidation)   # formula cell
    active = book["主动公开"]
    change = find(active, "本年增/减")
    signed = rule_for(active, active.cell(change.row + 1, change.column).coordinate)
    assert (signed.type, signed.operator, signed.formula1) == ("whole", "between", "-999999999")
    amount = active.cell(find(active, "政府集中采购").row, find(active, AMOUNT_2019).column)
    rule = rule_for(active, amount.coordinate)
    # what the rule accepts is what its message says: ≥ 0 with at most six decimals
    c = amount.coordinate
    assert (rule.type, rule.formula1) == ("custom", f"AND(ISNUMBER({c}),{c}>=0,ROUND({c},6)={c})")
    assert "最多 6 位小数" in rule.error
    assert "整数" in count.error and signed.errorTitle == "数值无效"


def test_table_sheets_are_protected_without_password_and_input_cells_unlocked(tmp_path):
    book, _ = export(sample(), tmp_path)
    for name in ("主动公开", "依申请公开", "复议诉讼"):
        sheet = book[name]
        assert sheet.protection.sheet and not sheet.protection.password
        assert not sheet.protection.formatColumns        # columns may still be resized
        formulas = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
        assert all(c.protection.locked for c in formulas)
        assert formulas or name == "主动公开"
    requests = book["依申请公开"]
    assert requests["D5"].protection.locked is False and requests["A5"].protection.locked
    assert not book["报告信息"].protection.sheet


def test_every_sheet_prints_its_area_with_title_header_and_page_numbers(tmp_path):
    report = sample()
    book, _ = export(report, tmp_path)
    for sheet in book.worksheets:
        assert sheet.print_area
        assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"
        assert sheet.oddHeader.center.text == report.title
    requests = book["依申请公开"]
    area = requests.print_area.replace("$", "").split("!")[-1]
    assert area == f"A1:J{requests.max_row}"


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_a_balance_check_row_shows_pass_or_mismatch_per_column(edition, tmp_path):
    report = sample() if edition == "2019" else report_2021()
    book, _ = export(report, tmp_path)
    sheet = book["依申请公开"]
    label = find(sheet, "勾稽检查：一+二 = 三（七）+四")
    row = [sheet.cell(label.row, col).value for col in range(4, 11)]
    table = report.spec.table("requests")
    rows = {r.label: find(sheet, r.label).row for r in table.rows}
    for col, formula in zip(range(4, 11), row):
        letter = openpyxl.utils.get_column_letter(col)
        new, carried = rows["一、本年新收政府信息公开申请数量"], rows["二、上年结转政府信息公开申请数量"]
        total, out = rows["（七）总计"], rows["四、结转下年度继续办理"]
        assert formula == (f'=IF(SUM({letter}{new},{letter}{carried})=SUM({letter}{total},{letter}{out}),'
                           f'"通过","不一致")')


def test_amounts_keep_their_exact_digits(tmp_path):
    for stem, digits, fmt in (("2020_checun_town", 19.8303, "0.0000"), ("2020_geshan_town", 169100, "0")):
        book, _ = export(sample(stem), tmp_path, name=f"{stem}.xlsx")
        sheet = book["主动公开"]
        cell = sheet.cell(find(sheet, "政府集中采购").row, find(sheet, AMOUNT_2019).column)
        assert (cell.value, cell.number_format) == (digits, fmt)


def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path):
    report = sample()
    report.organ = "=HYPERLINK(\"http://x\",\"点我\")"
    report.sections["problems"] = "+1 问题"
    report.sections["other"] = "-无"
    report.title = "@SUM(A1)"
    book, path = export(report, tmp_path)
    sheet = book["报告信息"]
    for text in (report.organ, "+1 问题", "-无", "@SUM(A1)"):
        cell = find(sheet, text)
        assert cell.data_type == "s" and cell.quotePrefix
    again = import_report(path).report
    assert (again.organ, again.title, again.sections["problems"]) == (report.organ, report.title, "+1 问题")


# ---------------------------------------------------------------- reading back

@pytest.mark.parametrize("stem", [*STEMS, "2021"])
def test_export_then_import_is_lossless(stem, tmp_path):
    report = report_2021() if stem == "2021" else sample(stem)
    _, path = export(report, tmp_path)
    imported = import_report(path)
    assert report_to_dict(imported.report) == report_to_dict(report)
    assert imported.report.invalid == {}


def test_unreadable_cell_text_survives_the_round_trip_as_invalid(tmp_path):
    report = report_2021()
    report.tables["requests"]["new"]["legal"] = None
    report.invalid["requests.new.legal"] = "约5件"
    _, path = export(report, tmp_path)
    again = import_report(path)
    assert again.report.invalid == {"requests.new.legal": "约5件"}
    assert again.report.get("requests", "new", "legal") is None


def test_a_number_edited_in_excel_updates_the_formula_total_on_import(tmp_path):
    report = sample("2020_huashan_town")
    _, path = export(report, tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book["依申请公开"]
    row = find(sheet, "一、本年新收政府信息公开申请数量").row
    sheet.cell(row, 4).value = report.get("requests", "new", "natural") + 5
    book.save(path)
    again = import_report(path).report
    assert again.get("requests", "new", "total") == report.get("requests", "new", "total") + 5
    assert again.get("requests", "results_total", "total") == report.get("requests", "results_total", "total")


def test_someone_elses_sheet_is_read_by_its_labels_not_addresses(tmp_path):
    report = report_2021()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "申请情况"
    sheet["B2"] = "三、收到和处理政府信息公开申请情况"
    table = report.spec.table("requests")
    for col, column in enumerate(table.columns, start=4):
        sheet.cell(5, col, column.label)
    for offset, row in enumerate(table.rows, start=6):
        sheet.cell(offset, 3, f" {row.label} ")
        for col, column in enumerate(table.columns, start=4):
            sheet.cell(offset, col, report.get("requests", row.id, column.id))
    path = tmp_path / "别人的表.xlsx"
    book.save(path)
    imported = import_report(path, edition="2021")
    assert imported.report.tables["requests"] == report.tables["requests"]
    assert any("主动公开" in note.message for note in imported.notes)


def test_hostile_workbooks_are_refused_in_chinese(tmp_path):
    not_zip = tmp_path / "假的.xlsx"
    not_zip.write_text("这不是表格", encoding="utf-8")
    huge = tmp_path / "巨大.xlsx"
    with open(huge, "wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(25 * 1024 * 1024)
    bomb = tmp_path / "炸弹.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    broken = tmp_path / "损坏.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    for path, words in ((not_zip, "不是有效的 Excel"), (huge, "过大"), (bomb, "压缩炸弹"), (broken, "损坏")):
        with pytest.raises(ImportFailed) as caught:
            import_report(path)
        assert path.name in str(caught.value) and words in str(caught.value)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_recalculates_the_same_totals(tmp_path):
    report = sample("2020_huashan_town")
    report.tables["requests"]["carried_out"]["natural"] += 1          # unbalanced in the 自然人 column
    _, path = export(report, tmp_path, name="recalc.xlsx")
    out = tmp_path / "csv"
    subprocess.run(["soffice", "--headless", "--norestore", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                    "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=120)
    rows = next(out.glob("*依申请公开*.csv")).read_text(encoding="utf-8").splitlines()
    line = next(r for r in rows if r.startswith("一、本年新收政府信息公开申请数量"))
    assert line.split(",")[-1] == str(report.get("requests", "new", "total"))
    check = next(r for r in rows if r.startswith("勾稽检查")).split(",")
    assert check[3:10] == ["不一致"] + ["通过"] * 5 + ["不一致"]     # the row total sums the change too


def test_hand_written_formulas_are_evaluated_and_unknown_ones_reported(tmp_path):
    report = sample("2020_huashan_town")
    _, path = export(report, tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book["依申请公开"]
    new = find(sheet, "一、本年新收政府信息公开申请数量").row
    carried = find(sheet, "二、上年结转政府信息公开申请数量").row
    sheet.cell(new, 4).value = "=2+3-1"
    sheet.cell(carried, 4).value = f"=D{new}+1"
    sheet.cell(carried, 5).value = "=VLOOKUP(A1,B:C,2)"
    book.save(path)
    imported = import_report(path)
    assert imported.report.get("requests", "new", "natural") == 4
    assert imported.report.get("requests", "carried_in", "natural") == 5
    assert imported.report.get("requests", "carried_in", "commercial") is None
    assert imported.report.invalid["requests.carried_in.commercial"] == "=VLOOKUP(A1,B:C,2)"
    assert any("无法计算公式" in note.message for note in imported.notes)


def test_a_total_over_an_unreadable_part_keeps_its_formula_and_value(tmp_path):
    report = sample("2020_huashan_town")
    report.tables["requests"]["new"]["commercial"] = None
    report.tables["requests"]["new"]["total"] = report.get("requests", "new", "natural")
    report.invalid["requests.new.commercial"] = "见附件"
    book, path = export(report, tmp_path)
    sheet = book["依申请公开"]
    total = sheet.cell(find(sheet, "一、本年新收政府信息公开申请数量").row, 10)
    assert total.data_type == "f"
    again = import_report(path).report
    assert again.get("requests", "new", "total") == report.get("requests", "new", "total")
    assert again.invalid == {"requests.new.commercial": "见附件"}
