"""Auditing a folder of reports: every report read and checked as `check` would, the folder's own findings."""
from pathlib import Path

import pytest

from app import parallel
from app.audit import audit_folder, name_key
from app.checks import run_checks
from app.errors import ImportFailed
from app.formats import import_report
from app.report_json import save_report_json
from tests.core.audit_folders import (MESSY_REPORTS, MESSY_SKIPPED, MESSY_UNREADABLE, SAMPLES, clean_folder,
                                      messy_folder)
from tests.core.helpers import zero_report


@pytest.fixture(scope="module")
def messy(tmp_path_factory):
    return messy_folder(tmp_path_factory.mktemp("messy") / "收集")


def test_every_report_file_is_read_recursively_and_other_files_are_skipped(messy):
    audit = audit_folder(messy)
    assert [e.file for e in audit.reports] == MESSY_REPORTS
    assert sorted(e.file for e in audit.unreadable) == sorted(MESSY_UNREADABLE)
    assert audit.skipped == MESSY_SKIPPED
    assert all("x.json" not in name for name in [*audit.skipped, *(e.file for e in audit.reports)])


def test_unreadable_files_say_why_in_chinese(messy):
    reasons = {e.file: e.error for e in audit_folder(messy).unreadable}
    assert "损坏" in reasons["损坏.docx"]
    assert "另存为" in reasons["旧格式.doc"]


def test_a_reports_findings_are_exactly_those_of_check_alone(messy):
    audit = audit_folder(messy)
    for entry in audit.reports:
        imported = import_report(entry.path)
        assert entry.findings == run_checks(imported.report), entry.file
        assert entry.notes == imported.notes
    wrong = next(e for e in audit.reports if e.file == "乙镇.json")
    assert (wrong.errors, wrong.organ, wrong.year, wrong.edition) == (2, "乙镇人民政府", 2020, "2019")
    assert wrong.first_error.startswith("三、一、本年新收政府信息公开申请数量 · 总计：应为 3")


def test_duplicate_organs_and_mixed_years_are_findings_of_the_audit(messy):
    findings = {f.rule: f for f in audit_folder(messy).findings}
    assert set(findings) == {"audit.duplicate_organ", "audit.mixed_years"}
    assert findings["audit.duplicate_organ"].files == ("街道/阁山镇 报告.txt", "街道/阁山镇.json")
    assert "阁山镇人民政府有 2 份报告" in findings["audit.duplicate_organ"].message
    assert findings["audit.mixed_years"].files == ("丙镇2019.json",)


def test_mixed_editions_are_a_finding(tmp_path):
    clean_folder(tmp_path)
    save_report_json(zero_report("2021", organ="新镇人民政府", year=2020), tmp_path / "新镇.json")
    findings = {f.rule: f for f in audit_folder(tmp_path).findings}
    assert findings["audit.mixed_editions"].files == ("新镇.json",)


def test_a_clean_folder_has_no_errors_and_its_key_figures_are_read(tmp_path):
    audit = audit_folder(clean_folder(tmp_path))
    assert not audit.has_errors and not audit.findings and audit.complete
    huashan = next(e for e in audit.reports if e.file == "花山镇.docx")
    assert huashan.figures["新收申请"] == 1 and "规范性文件现行有效" not in huashan.figures


def test_a_missing_folder_is_refused_in_chinese(tmp_path):
    with pytest.raises(ImportFailed, match="文件夹不存在"):
        audit_folder(tmp_path / "没有")


def _carried(organ: str, year: int, carried: int):
    """A balanced report; last year's (2019) carries ``carried`` out, this year's (2020) carries it in and on."""
    report = zero_report("2019", organ=organ, year=year)
    rows = ("new", "carried_out") if year == 2019 else ("carried_in", "carried_out")
    for row in rows:
        report.tables["requests"][row].update(natural=carried, total=carried)
    return report


def test_last_year_is_paired_by_organ_then_by_file_name(tmp_path):
    this, last = tmp_path / "2020", tmp_path / "2019"
    this.mkdir(), last.mkdir()
    save_report_json(_carried("甲镇人民政府", 2020, 2), this / "a.json")         # last year said 1: error
    save_report_json(_carried("甲镇人民政府", 2019, 1), last / "jia.json")
    save_report_json(_carried("乙镇", 2020, 5), this / "2020_yi.json")            # organ renamed: by file name
    save_report_json(_carried("乙镇人民政府", 2019, 4), last / "2019_yi.json")
    save_report_json(_carried("丙镇人民政府", 2020, 0), this / "bing.json")       # nothing last year
    audit = audit_folder(this, last)
    by_file = {e.file: e for e in audit.reports}
    assert by_file["a.json"].last_file == "jia.json"
    assert by_file["2020_yi.json"].last_file == "2019_yi.json"
    for name in ("a.json", "2020_yi.json"):
        assert "carry.requests" in {f.rule for f in by_file[name].findings}, name
    assert by_file["bing.json"].last_file is None
    assert [(f.rule, f.files) for f in audit.findings] == [("audit.last_missing", ("bing.json",))]
    assert "carry.requests" not in {f.rule for f in audit_folder(this).reports[0].findings}


def test_file_names_pair_across_years():
    assert name_key(Path("2020_geshan_town.docx")) == name_key(Path("2021_GESHAN_town.txt")) == "geshan_town"


def test_worker_processes_give_the_same_audit_as_one_process(messy, monkeypatch):
    monkeypatch.setattr(parallel, "POOL_MIN_ITEMS", 2)
    pooled = audit_folder(messy, workers=2)
    alone = audit_folder(messy, workers=1)
    assert [(e.file, e.findings, e.figures) for e in pooled.reports] == \
           [(e.file, e.findings, e.figures) for e in alone.reports]
    assert [(e.file, e.error) for e in pooled.unreadable] == [(e.file, e.error) for e in alone.unreadable]
    assert pooled.findings == alone.findings


def test_cancelling_stops_reading_and_says_the_audit_is_incomplete(messy):
    seen = []
    audit = audit_folder(messy, on_entry=seen.append, cancelled=lambda: len(seen) >= 2)
    assert not audit.complete
    assert len(audit.reports) + len(audit.unreadable) == 2


def test_a_reader_crash_is_one_unreadable_file_not_a_failed_audit(tmp_path, monkeypatch):
    from app import audit as audit_module

    def crash(path, edition=None):
        raise RuntimeError("bug")
    (tmp_path / "a.json").write_text((SAMPLES / "2020_checun_town.json").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(audit_module, "import_report", crash)
    audit = audit_folder(tmp_path)
    assert [e.file for e in audit.unreadable] == ["a.json"]
    assert "意外错误" in audit.unreadable[0].error
