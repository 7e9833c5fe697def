"""Messages that say what is wrong, as the user wrote it (items 12–13 of issue 13), and the checks that
catch absurd years, counts and last-year reports (item 14)."""
from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from app.checks import run_checks
from app.cli import format_findings
from app.cli import main as cli_main
from app.errors import AppError, ReportFileError
from app.formats import export_report, import_report
from app.report_json import load_report_json, save_report_json
from tests.core.helpers import zero_report

SAMPLES = Path(__file__).parents[2] / "tests" / "data" / "samples"


def _json(tmp_path: Path, edit, name: str = "r.json") -> Path:
    path = tmp_path / name
    save_report_json(zero_report("2021"), path)
    text = path.read_text(encoding="utf-8")
    path.write_text(edit(text), encoding="utf-8")
    return path


def _refusal(path: Path) -> str:
    with pytest.raises(AppError) as err:
        import_report(path)
    return str(err.value)


# ---------------------------------------------------------------- item 13: messages

@pytest.mark.parametrize("written,shown", [("18.0", "实为 18.0"), ("true", "实为 true"), ('"18"', '实为 "18"')])
def test_a_wrong_json_count_is_quoted_as_the_file_writes_it(tmp_path, written, shown):
    path = _json(tmp_path, lambda t: t.replace('"research": 0', f'"research": {written}', 1))
    message = _refusal(path)
    assert shown in message and "Decimal" not in message and "True" not in message


def test_a_key_given_twice_in_a_json_report_is_refused_naming_it(tmp_path):
    path = _json(tmp_path, lambda t: re.sub(r'"organ": "[^"]*"', '"organ": "甲镇", "organ": "乙镇"', t, count=1))
    message = _refusal(path)
    assert "organ" in message and "两次" in message


def test_a_year_of_400_digits_is_refused_at_input(tmp_path):
    path = _json(tmp_path, lambda t: re.sub(r'"year": \d+', f'"year": {10 ** 400}', t, count=1))
    assert "401 位" in _refusal(path)


def test_a_path_through_a_file_is_explained_in_chinese(tmp_path):
    report = tmp_path / "r.json"
    save_report_json(zero_report("2021"), report)
    message = _refusal(report / "x.json")
    assert "不是文件夹" in message and "Not a directory" not in message


def test_a_symbolic_link_loop_is_explained_in_chinese(tmp_path):
    loop = tmp_path / "环.json"
    loop.symlink_to(loop)
    message = _refusal(loop)
    assert "符号链接" in message and "Too many levels" not in message


def test_a_stray_control_character_in_utf8_text_is_removed_not_an_encoding_problem(tmp_path):
    text = (SAMPLES / "2020_huashan_town.txt").read_text(encoding="utf-8")
    at = text.index("。") + 1
    path = tmp_path / "响铃.txt"
    path.write_text(text[:at] + "\x07" + text[at:], encoding="utf-8")
    plain = import_report(SAMPLES / "2020_huashan_town.txt").report
    imported = import_report(path)
    assert imported.report.tables == plain.tables
    assert "\x07" not in "".join(imported.report.sections.values())
    assert any("控制字符" in n.message for n in imported.notes)


def test_an_invisible_mark_between_digits_is_removed_with_a_note(tmp_path):
    report = zero_report("2021")
    report.organ, report.year = "华山镇人民政府", 2021
    report.set_cell("requests", "granted", "research", 104)
    path = tmp_path / "隐形字符.docx"
    export_report(report, path)
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    body, count = re.subn(rb"(<w:t[^>]*>)104</w:t>", "\\g<1>1\u200f04</w:t>".encode(), members["word/document.xml"])
    assert count == 1
    members["word/document.xml"] = body
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    imported = import_report(path)
    assert imported.report.get("requests", "granted", "research") == 104
    assert any("不可见的格式字符" in n.message for n in imported.notes)


@pytest.mark.parametrize("year", [0, -2020])
@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".json"])
def test_an_implausible_year_exports_without_a_traceback(tmp_path, year, suffix):
    report = zero_report("2021")
    report.year = year
    export_report(report, tmp_path / f"r{suffix}")
    assert (tmp_path / f"r{suffix}").stat().st_size > 0


# ---------------------------------------------------------------- item 14: checks

@pytest.mark.parametrize("year", [0, -2020, 1900, 3000])
def test_an_implausible_year_is_an_error_finding(year):
    report = zero_report("2021")
    report.organ, report.year = "华山镇人民政府", year
    findings = [f for f in run_checks(report) if f.rule == "meta.year"]
    assert len(findings) == 1 and findings[0].level.value == "error" and str(year) in findings[0].message


def test_year_zero_is_shown_as_zero_not_as_missing():
    report = zero_report("2021")
    report.organ, report.year = "华山镇人民政府", 0
    text = format_findings(report, run_checks(report), [], "r.json")
    assert "华山镇人民政府 0 年度报告" in text and "未填写年度" not in text


def test_a_plausible_year_has_no_year_finding():
    report = zero_report("2021")
    report.organ, report.year = "华山镇人民政府", 2021
    assert not [f for f in run_checks(report) if f.rule in ("meta.year", "value.count_limit")]


def test_an_absurd_count_is_an_error_finding():
    report = zero_report("2021")
    report.set_cell("requests", "granted", "research", 10 ** 12)
    findings = [f for f in run_checks(report) if f.rule == "value.count_limit"]
    assert [f.cell for f in findings] == ["requests.granted.research"]


def test_check_with_last_given_the_same_years_report_is_a_finding(tmp_path, capsys):
    report = zero_report("2021")
    report.organ, report.year = "华山镇人民政府", 2021
    path = tmp_path / "2021.json"
    save_report_json(report, path)
    assert cli_main(["check", str(path), "--last", str(path), "--json"]) == 1
    found = json.loads(capsys.readouterr().out)["findings"]
    assert [f["rule"] for f in found if f["rule"] == "meta.last_year"] == ["meta.last_year"]


def test_a_last_year_report_of_the_previous_year_has_no_finding():
    this, last = zero_report("2021"), zero_report("2021")
    this.year, last.year = 2021, 2020
    assert not [f for f in run_checks(this, last) if f.rule == "meta.last_year"]
