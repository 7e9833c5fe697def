"""The narrative rules cache what depends only on a text; after any edit, the findings must be the
ones a fresh (cold-cache) check gives — never stale ones from before the edit."""
from decimal import Decimal
from pathlib import Path

import pytest

from app.checks import run_checks
from app.checks.text_rules import clear_text_caches
from app.report_json import load_report_json
from tests.core.helpers import zero_report

SAMPLES = Path(__file__).parent.parent / "data" / "samples"
OVERVIEW = ("2024年，本镇认真贯彻《中华人民共和国政府信息公开条例》，全年共收到政府信息公开申请12件，"
            "予以公开7件。本镇持续加强政务公开平台建设，及时更新公开内容。")


def _report():
    report = zero_report("2021", year=2025)
    report.sections["overview"] = OVERVIEW
    return report


def _cold(report, last=None):
    clear_text_caches()
    return run_checks(report, last)


def _text_findings(findings, rule):
    """Findings of ``rule`` about the narrative sections (not the title)."""
    return [(f.found, f.expected, f.message, f.span) for f in findings if f.rule == rule and f.cell]


def test_a_text_edit_is_seen_with_a_warm_cache():
    report = _report()
    before = run_checks(report)
    assert (12, 0) in [(f.found, f.expected) for f in before if f.rule == "text.figures"]
    report.sections["overview"] = OVERVIEW.replace("申请12件", "申请15件")
    after = run_checks(report)
    figures = [(f.found, f.expected) for f in after if f.rule == "text.figures"]
    assert (15, 0) in figures and (12, 0) not in figures
    assert after == _cold(report)


def test_a_cell_edit_reuses_the_text_but_states_the_new_table_value():
    report = _report()
    run_checks(report)
    report.tables["requests"]["new"]["total"] = 12
    assert not [f for f in run_checks(report) if f.rule == "text.figures" and f.found == 12]
    report.tables["requests"]["new"]["total"] = 13
    warm = run_checks(report)
    stated = [f for f in warm if f.rule == "text.figures" and f.found == 12]
    assert len(stated) == 1 and stated[0].expected == 13 and "为 13" in stated[0].message
    assert warm == _cold(report)


def test_an_equal_value_written_differently_is_not_mistaken_for_the_cached_one():
    report = _report()
    report.tables["requests"]["new"]["total"] = 5
    first = [f.expected for f in run_checks(report) if f.rule == "text.figures" and f.found == 12]
    report.tables["requests"]["new"]["total"] = Decimal("5.0")
    second = [f.expected for f in run_checks(report) if f.rule == "text.figures" and f.found == 12]
    assert first == [5] and type(first[0]) is int
    assert [str(v) for v in second] == ["5.0"]


def test_the_report_year_and_the_year_written_are_both_part_of_the_key():
    report = _report()
    assert _text_findings(run_checks(report), "text.year")        # 2024年 in a 2025 report
    report.year = 2024
    assert not _text_findings(run_checks(report), "text.year")
    report.sections["overview"] = OVERVIEW.replace("2024年，", "2023年，")
    warm = run_checks(report)
    assert [found for found, *_ in _text_findings(warm, "text.year")] == [2023]
    assert warm == _cold(report)


def test_repetition_follows_an_edit_of_either_years_text():
    report, last = _report(), _report()
    assert _text_findings(run_checks(report, last), "text.repetition")
    report.sections["overview"] = "本年度本镇完善了依申请公开办理流程，全部申请均在法定期限内答复完毕。" * 2
    assert not _text_findings(run_checks(report, last), "text.repetition")
    last.sections["overview"] = report.sections["overview"]
    warm = run_checks(report, last)
    assert _text_findings(warm, "text.repetition")
    assert warm == _cold(report, last)


@pytest.mark.parametrize("stem", ["2020_checun_town", "2020_geshan_town", "2020_huashan_town"])
def test_samples_give_the_cold_findings_after_cell_and_text_edits(stem):
    report = load_report_json(SAMPLES / f"{stem}.json")
    last = load_report_json(SAMPLES / "2020_huashan_town.json")
    run_checks(report, last)
    report.tables["requests"]["new"]["total"] = (report.get("requests", "new", "total") or 0) + 1
    warm = run_checks(report, last)
    assert warm == _cold(report, last)
    run_checks(report, last)
    report.sections["overview"] = report.sections["overview"].replace("年", "年度", 1) + "全年共收到申请99件。"
    warm = run_checks(report, last)
    assert any(f.rule == "text.figures" and f.found == 99 for f in warm)
    assert warm == _cold(report, last)
