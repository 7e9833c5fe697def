"""`nianbao audit` and `nianbao sum`: exit codes, the JSON contract, the Excel list, no tracebacks."""
import io
import json
import sys

import pytest
from openpyxl import load_workbook

from app.audit import KEY_FIGURES
from app.cli import main as cli_main
from app.report_json import load_report_json
from tests.core.audit_folders import MESSY_REPORTS, MESSY_SKIPPED, MESSY_UNREADABLE, clean_folder, messy_folder
from tests.core.test_cli import nianbao


@pytest.fixture(scope="module")
def messy(tmp_path_factory):
    return messy_folder(tmp_path_factory.mktemp("cli") / "收集")


def test_audit_json_follows_the_contract(messy):
    result = nianbao("audit", messy, "--json")
    assert result.returncode == 1, result.stderr
    out = json.loads(result.stdout)
    assert list(out) == ["reports", "unreadable", "skipped", "audit_findings"]
    assert [r["file"] for r in out["reports"]] == MESSY_REPORTS
    assert sorted(u["file"] for u in out["unreadable"]) == sorted(MESSY_UNREADABLE)
    assert all(u["message"] for u in out["unreadable"])
    assert out["skipped"] == MESSY_SKIPPED
    assert {f["rule"] for f in out["audit_findings"]} == {"audit.duplicate_organ", "audit.mixed_years"}
    assert all(list(f) == ["rule", "message", "files"] for f in out["audit_findings"])
    assert result.stderr == ""                                  # no progress bar with --json


def test_a_report_in_the_audit_is_exactly_what_check_says_of_it(messy):
    reports = {r["file"]: r for r in json.loads(nianbao("audit", messy, "--json").stdout)["reports"]}
    for name in ["乙镇.json", "街道/阁山镇 报告.txt", "花山镇.docx"]:
        alone = json.loads(nianbao("check", messy / name, "--json").stdout)
        entry = reports[name]
        assert entry["findings"] == alone["findings"] and entry["import_notes"] == alone["import_notes"]
        assert (entry["organ"], entry["year"], entry["edition"]) == (alone["organ"], alone["year"], alone["edition"])
        levels = [f["level"] for f in alone["findings"]]
        assert (entry["errors"], entry["warnings"]) == (levels.count("error"), levels.count("warning"))


def test_audit_text_lists_one_line_per_file_and_a_summary(messy):
    result = nianbao("audit", messy)
    lines = result.stdout.strip().splitlines()
    wrong = next(line for line in lines if line.startswith("乙镇.json"))
    assert "乙镇人民政府" in wrong and "2020 年度" in wrong and "错误 2" in wrong and "应为 3" in wrong
    assert any(line.startswith("损坏.docx　无法读取：") for line in lines)
    assert any("已跳过 3 个不是报告的文件" in line for line in lines)
    assert lines[-1].startswith("共 7 份报告（1 份有错误），2 个文件无法读取") and lines[-1].endswith("未通过")
    assert "Traceback" not in result.stderr


def test_audit_exit_codes(tmp_path):
    assert nianbao("audit", clean_folder(tmp_path / "clean")).returncode == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "readme.md").write_text("x", encoding="utf-8")
    result = nianbao("audit", empty)
    assert result.returncode == 2 and "没有报告文件" in result.stderr
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "a.docx").write_bytes(b"no")
    assert nianbao("audit", broken).returncode == 2
    missing = nianbao("audit", tmp_path / "没有这个文件夹")
    assert missing.returncode == 2 and "文件夹不存在" in missing.stderr and "Traceback" not in missing.stderr


def test_audit_xlsx_lists_reports_with_totals_and_every_finding(messy, tmp_path):
    out = tmp_path / "清单.xlsx"
    assert nianbao("audit", messy, "--xlsx", out).returncode == 1
    book = load_workbook(out)
    sheet, findings = book["报告清单"], book["全部问题"]
    header = [c.value for c in sheet[1]]
    assert header[:7] == ["文件", "发布机关", "年度", "格式版本", "错误", "警告", "首个错误"]
    assert header[7:] == [label for label, _ in KEY_FIGURES]
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
    assert rows["乙镇.json"][4].value == 2 and rows["乙镇.json"][4].fill.fgColor.rgb.endswith("FFC7CE")
    assert rows["车村镇.json"][4].value == 0 and rows["车村镇.json"][4].fill.fgColor.rgb != "00FFC7CE"
    assert "无法读取" in rows["损坏.docx"][6].value
    last = sheet.max_row
    assert sheet.cell(last, 1).value == "合计"
    assert sheet.cell(last, 8).value == f"=SUBTOTAL(109,H2:H{last - 1})"
    assert sheet.auto_filter.ref and findings.auto_filter.ref
    listed = [(r[0].value, r[3].value) for r in findings.iter_rows(min_row=2)]
    assert ("乙镇.json", "requests.row_total") in listed
    assert ("损坏.docx", "file.unreadable") in listed and ("街道/阁山镇.json", "audit.duplicate_organ") in listed
    blank = next(r for r in findings.iter_rows(min_row=2) if r[3].value == "value.blank")
    assert blank[4].value.startswith("三、")                           # the cell by its official name


def test_sum_writes_the_compiled_report_and_exits_0(tmp_path):
    folder = clean_folder(tmp_path / "in")
    out = tmp_path / "县汇总.json"
    result = nianbao("sum", folder, out, "--organ", "某县人民政府")
    assert result.returncode == 0, result.stderr
    compiled = load_report_json(out)
    assert compiled.organ == "某县人民政府" and compiled.year == 2020
    assert "由 3 份报告" in result.stderr and "已汇总为" in result.stdout
    assert nianbao("sum", folder, out).returncode == 2             # never overwrites


def test_sum_refuses_mixed_years_with_exit_2(tmp_path, messy):
    result = nianbao("sum", messy, tmp_path / "out.json")
    assert result.returncode == 2 and "报告年度不一致" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.json").exists()
    assert nianbao("sum", messy, tmp_path / "out.docx", "--year", "2020").returncode == 0


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("json_flag,shown", [([], True), (["--json"], False)])
def test_a_progress_bar_shows_on_a_terminal_but_not_with_json(tmp_path, monkeypatch, capsys, json_flag, shown):
    folder = clean_folder(tmp_path / "in")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert cli_main(["audit", str(folder), *json_flag]) == 0
    assert ("检查报告" in terminal.getvalue() and "/3 " in terminal.getvalue()) is shown


def test_explained_findings_in_a_folder_are_reported_as_check_reports_them(tmp_path, capsys):
    """A township's explained warning (reviews in its file) is marked in the audit as in check --json,
    and no longer counts among the folder's warnings."""
    from app.checks import run_checks
    from app.report import Review
    from app.reviews import found_value
    from app.report_json import save_report_json
    from tests.core.helpers import zero_report

    report = zero_report("2019", organ="阁山镇人民政府")
    report.tables["active"]["procurement"]["amount"] = __import__("decimal").Decimal("169100")
    magnitude = next(f for f in run_checks(report) if f.rule == "value.magnitude")
    report.reviews = [Review(rule=magnitude.rule, cell=magnitude.cell, found=found_value(magnitude),
                             reason="原报告确按元填写", date="2026-01-15")]
    save_report_json(report, tmp_path / "阁山镇.nianbao.json")
    assert cli_main(["audit", str(tmp_path), "--json"]) == 0
    entry = json.loads(capsys.readouterr().out)["reports"][0]
    assert entry["warnings"] == 0
    marked = [f for f in entry["findings"] if f["rule"] == "value.magnitude"]
    assert marked and marked[0]["reviewed"] == {"reason": "原报告确按元填写", "date": "2026-01-15"}
