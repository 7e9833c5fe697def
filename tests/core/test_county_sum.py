"""Compiling the county's report: cell-wise sums of one year's reports, cells left for the office, refusals."""
from decimal import Decimal

import pytest

from app.checks import run_checks
from app.county_sum import sum_folder, sum_reports
from app.errors import ImportFailed
from app.formats import import_report
from app.report_json import load_report_json, save_report_json
from tests.core.audit_folders import SAMPLES, clean_folder, messy_folder
from tests.core.helpers import zero_report


def test_compiled_totals_equal_the_sums_of_the_inputs(tmp_path):
    folder = clean_folder(tmp_path / "in")
    compiled = sum_folder(folder, "某县人民政府").report
    inputs = [import_report(p).report for p in sorted(folder.iterdir())]
    spec = compiled.spec
    for table in spec.all_tables():
        for row, col in table.cells():
            values = [r.get(table.id, row, col) for r in inputs]
            if not table.column(col).summable:
                assert compiled.get(table.id, row, col) is None
            elif all(v is None for v in values):
                assert compiled.get(table.id, row, col) is None
            else:
                assert compiled.get(table.id, row, col) == sum(v or 0 for v in values), (table.id, row, col)
    assert compiled.get("requests", "new", "total") == 1 and compiled.get("active", "procurement", "amount") > 0
    assert (compiled.organ, compiled.year, compiled.edition) == ("某县人民政府", 2020, "2019")
    assert compiled.title == "某县人民政府2020年政府信息公开工作年度报告"
    assert all(text == "" for text in compiled.sections.values())


def test_amounts_are_summed_exactly_and_blank_stays_blank_only_when_blank_everywhere():
    a, b = zero_report("2021", "甲镇人民政府"), zero_report("2021", "乙镇人民政府")
    a.tables["active"]["fees"]["amount"] = Decimal("0.1")
    b.tables["active"]["fees"]["amount"] = Decimal("19.8303")
    a.tables["requests"]["new"]["natural"] = None                   # blank in one input only: counts as 0
    b.tables["requests"]["new"]["natural"] = 4
    a.tables["requests"]["new"]["research"] = b.tables["requests"]["new"]["research"] = None
    compiled, notes = sum_reports([("a.json", a), ("b.json", b)], "某县人民政府", 2025)
    assert compiled.get("active", "fees", "amount") == Decimal("19.9303")
    assert str(compiled.get("active", "fees", "amount")) == "19.9303"
    assert compiled.get("requests", "new", "natural") == 4
    assert compiled.get("requests", "new", "research") is None
    assert any("部分报告中为空白" in n.message and "自然人" in n.message for n in notes)


def test_cells_the_edition_marks_not_summable_are_left_for_the_office_and_named():
    a, b = zero_report("2021", "甲镇人民政府"), zero_report("2021", "乙镇人民政府")
    a.tables["active"]["normative_docs"]["in_force"] = 12
    b.tables["active"]["normative_docs"]["in_force"] = 30
    compiled, notes = sum_reports([("a.json", a), ("b.json", b)], "某县人民政府", 2025)
    assert compiled.get("active", "normative_docs", "in_force") is None
    assert compiled.get("active", "normative_docs", "issued") == 0
    left = next(n.message for n in notes if "已留空" in n.message)
    assert "二、行政规范性文件 · 现行有效件数" in left and "二、规章 · 现行有效件数" in left


def test_notes_list_every_input_and_every_file_left_out(tmp_path):
    folder = messy_folder(tmp_path / "in")
    compiled = sum_folder(folder, "某县人民政府", 2020)
    text = "\n".join(n.message for n in compiled.notes)
    for name in ["乙镇.json", "甲镇.xlsx", "花山镇.docx", "街道/阁山镇 报告.txt", "车村镇.json"]:
        assert name in text.split("\n")[0], name
    assert "丙镇2019.json" in text and "不是 2020 年度" in text
    assert "损坏.docx" in text and "旧格式.doc" in text and "说明.md" in text
    assert "阁山镇人民政府有 2 份报告" in text
    assert "对外公开总数量" in text


def test_mixed_years_are_refused_unless_a_year_is_chosen(tmp_path):
    folder = clean_folder(tmp_path / "in")
    save_report_json(zero_report("2019", organ="丙镇人民政府", year=2019), folder / "丙镇.json")
    with pytest.raises(ImportFailed, match="报告年度不一致.*丙镇.json（2019）"):
        sum_folder(folder)
    assert sum_folder(folder, year=2019).report.year == 2019


def test_mixed_editions_are_refused(tmp_path):
    folder = clean_folder(tmp_path / "in")
    save_report_json(zero_report("2021", organ="丁镇人民政府", year=2020), folder / "丁镇.json")
    with pytest.raises(ImportFailed, match="格式版本不一致"):
        sum_folder(folder)


def test_nothing_readable_is_refused(tmp_path):
    (tmp_path / "x.docx").write_bytes(b"broken")
    with pytest.raises(ImportFailed, match="没有可读取的报告"):
        sum_folder(tmp_path)


def test_the_compiled_report_is_checked_like_any_other(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    good, bad = zero_report("2019", "甲镇人民政府"), zero_report("2019", "乙镇人民政府")
    bad.tables["requests"]["new"]["natural"] = 2                      # its total still says 0
    save_report_json(good, folder / "a.json")
    save_report_json(bad, folder / "b.json")
    compiled = sum_folder(folder, "某县人民政府").report
    rules = {f.rule for f in run_checks(compiled)}
    assert "requests.row_total" in rules and "section.empty" in rules


def test_the_output_file_is_never_one_of_the_inputs(tmp_path):
    folder = clean_folder(tmp_path / "in")
    previous = load_report_json(SAMPLES / "2020_checun_town.json")
    save_report_json(previous, folder / "汇总.json")
    compiled = sum_folder(folder, exclude=folder / "汇总.json")
    assert "汇总.json" not in compiled.notes[0].message
