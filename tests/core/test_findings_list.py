"""The reviewer's list (check --docx/--xlsx) and the check command with explained findings."""
import datetime
import json
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook

from app.checks import run_checks
from app.cli import main
from app.report_json import save_report_json
from app.reviews import explain
from app.write.findings_docx import write_list as write_docx_list
from app.write.findings_rows import HEADERS, finding_rows
from tests.core.helpers import zero_report

DAY = datetime.date(2026, 1, 20)


def _reviewed_report(explain_error: bool = False):
    """阁山镇 with 169100 万元 (a warning, explained) and 5 requests without a total (two errors)."""
    report = zero_report("2019", organ="阁山镇人民政府")
    report.tables["active"]["procurement"]["amount"] = Decimal("169100")
    report.tables["requests"]["new"]["natural"] = 5
    findings = run_checks(report)
    magnitude = next(f for f in findings if f.rule == "value.magnitude")
    report.reviews = explain([], magnitude, "原报告确按元填写", "2026-01-15")
    if explain_error:
        error = next(f for f in findings if f.rule == "requests.row_total")
        report.reviews = explain(report.reviews, error, "待核实", "2026-01-16")
    return report


def _saved(report, tmp_path):
    path = tmp_path / "report.json"
    save_report_json(report, path)
    return path


def test_check_prints_explained_findings_in_their_own_group_with_the_reason(tmp_path, capsys):
    report = _reviewed_report()
    report.tables["requests"]["new"]["natural"] = 0     # no error left: only the explained warning
    code = main(["check", str(_saved(report, tmp_path))])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    group = out.index("【已说明】")
    assert out[group + 1].startswith("  警告：二、政府集中采购 · 采购总金额：169100 万元明显过大")
    assert out[group + 2] == "    说明：原报告确按元填写（2026-01-15）"
    assert not any("169100" in line for line in out[:group])
    assert out[-1] == "共 0 个错误、0 个警告（另有 1 个已说明）：通过"


def test_an_explained_error_still_fails_the_check(tmp_path, capsys):
    code = main(["check", str(_saved(_reviewed_report(explain_error=True), tmp_path))])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[-1].startswith("共 2 个错误（其中 1 个已说明）") and out[-1].endswith("：未通过")


def test_check_json_adds_reviewed_to_explained_findings(tmp_path, capsys):
    assert main(["check", str(_saved(_reviewed_report(), tmp_path)), "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    reviewed = [f for f in findings if "reviewed" in f]
    assert [(f["rule"], f["reviewed"]) for f in reviewed] == [
        ("value.magnitude", {"reason": "原报告确按元填写", "date": "2026-01-15"})]
    assert list(reviewed[0]) == ["rule", "level", "cell", "expected", "found", "message", "reviewed"]


def test_rows_put_open_errors_first_and_explained_findings_last_with_reasons():
    report = _reviewed_report()
    rows = finding_rows(report, run_checks(report))
    assert [r.level for r in rows] == ["错误", "错误", "警告"]
    assert [r.explained for r in rows] == [False, False, True]
    first, last = rows[0], rows[-1]
    assert (first.place, first.expected, first.found, first.reason) == (
        "三、一、本年新收政府信息公开申请数量 · 总计", "5", "0", "")
    assert first.problem == "应为 5（各类申请人之和），实为 0"
    assert (last.place, last.found, last.reason) == ("二、政府集中采购 · 采购总金额", "169100",
                                                    "已说明：原报告确按元填写（2026年1月15日）")


def test_docx_list_has_the_facts_and_one_row_per_finding(tmp_path):
    report = _reviewed_report()
    path = tmp_path / "list.docx"
    write_docx_list(report, run_checks(report), path, today=DAY)
    doc = Document(path)
    text = [p.text for p in doc.paragraphs]
    assert text[0] == "阁山镇人民政府2020年\n政府信息公开工作年度报告检查结果"
    assert "发布机关：阁山镇人民政府" in text and "检查日期：2026年1月20日" in text
    assert "检查结论：共 2 个错误、0 个警告（另有 1 个已说明）：未通过" in text
    [table] = doc.tables
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert tuple(cells[0]) == HEADERS
    assert len(cells) == 1 + 3 and cells[1][6] == "" and cells[3][6] == "已说明：原报告确按元填写（2026年1月15日）"
    assert doc.paragraphs[0].style.name == "年报标题"


def test_cli_writes_the_xlsx_list_with_filters(tmp_path, capsys):
    out = tmp_path / "list.xlsx"
    assert main(["check", str(_saved(_reviewed_report(), tmp_path)), "--xlsx", str(out)]) == 1
    sheet = load_workbook(out)["检查结果"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    head = next(i for i, r in enumerate(rows) if tuple(r) == HEADERS)
    assert sheet.auto_filter.ref == f"A{head + 1}:G{head + 4}"
    assert rows[head + 3][1:4] == ["警告", "二、政府集中采购 · 采购总金额", rows[head + 3][3]]
    assert rows[head + 3][6] == "已说明：原报告确按元填写（2026年1月15日）"
    assert rows[head + 1][6] is None


def test_cli_writes_the_docx_list_and_refuses_both_at_once(tmp_path, capsys):
    path = _saved(_reviewed_report(), tmp_path)
    assert main(["check", str(path), "--docx", str(tmp_path / "l.docx")]) == 1
    assert Document(tmp_path / "l.docx").tables[0].rows[1].cells[1].text == "错误"
    with pytest.raises(SystemExit) as refused:
        main(["check", str(path), "--docx", str(tmp_path / "a.docx"), "--xlsx", str(tmp_path / "a.xlsx")])
    assert refused.value.code == 2 and not (tmp_path / "a.docx").exists()
    assert "参数有误" in capsys.readouterr().err
