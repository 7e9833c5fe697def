"""Cross-year checks (carry.requests, active.in_force, active.items, text.repetition), each firing
and not firing, in both editions and across the change of edition (a 2020 report as last year's
for 2021)."""
from pathlib import Path

import pytest

from app.checks import run_checks
from app.new_year import next_year_draft
from app.report import new_report
from app.report_json import load_report_json

SAMPLES = Path(__file__).parent.parent / "data" / "samples"
REPEATED = "一是信息公开的及时性有待提高，个别栏目更新滞后。二是工作人员业务水平有待提升，培训不够系统。"
CROSS_YEAR = ("carry.requests", "active.in_force", "active.items", "text.repetition")


def _sample(stem: str = "2020_huashan_town"):
    return load_report_json(SAMPLES / f"{stem}.json")


def _findings(report, last, rule: str):
    return [f for f in run_checks(report, last) if f.rule == rule]


def _last_2021():
    last = new_report("2021", "花山镇人民政府", 2021)
    for col in ("commercial", "research", "nonprofit", "legal", "other_org"):
        last.set_cell("requests", "carried_out", col, 0)
    last.set_cell("requests", "carried_out", "natural", 2)
    last.set_cell("requests", "carried_out", "total", 2)
    last.set_cell("active", "rules", "in_force", 4)
    last.set_cell("active", "normative_docs", "in_force", 10)
    return last


def _pairs():
    """(last, this) for: 2021 → 2022, 2020 → 2021 (edition change), 2019 → 2020."""
    last_2019 = _sample()
    last_2019.year = 2019
    return {
        "2021": (_last_2021(), next_year_draft(_last_2021()).report),
        "2020→2021": (_sample(), next_year_draft(_sample()).report),
        "2019": (last_2019, next_year_draft(last_2019).report),
    }


@pytest.mark.parametrize("case", ["2021", "2020→2021", "2019"])
def test_carry_requests_is_quiet_when_carried_in_matches(case):
    last, this = _pairs()[case]
    assert _findings(this, last, "carry.requests") == []


@pytest.mark.parametrize("case", ["2021", "2020→2021", "2019"])
def test_carry_requests_fires_when_carried_in_differs(case):
    last, this = _pairs()[case]
    last.set_cell("requests", "carried_out", "legal", 3)
    findings = _findings(this, last, "carry.requests")
    assert [(f.cell, f.expected, f.found, f.level.value) for f in findings] == [
        ("requests.carried_in.legal", 3, 0, "error")]
    assert "上年报告“结转下年度继续办理”" in findings[0].message


def test_active_in_force_is_quiet_when_last_plus_issued_minus_repealed():
    last, this = _pairs()["2021"]
    this.set_cell("active", "rules", "issued", 2)
    this.set_cell("active", "rules", "repealed", 1)
    this.set_cell("active", "rules", "in_force", 5)
    assert _findings(this, last, "active.in_force") == []


def test_active_in_force_fires_when_the_baseline_is_not_adjusted():
    last, this = _pairs()["2021"]
    this.set_cell("active", "normative_docs", "issued", 3)
    findings = _findings(this, last, "active.in_force")
    assert [(f.cell, f.expected, f.found) for f in findings] == [("active.normative_docs.in_force", 13, 10)]
    assert findings[0].level.value == "warning"


def test_active_in_force_has_nothing_to_compare_with_a_2019_edition_last_year():
    last, this = _pairs()["2020→2021"]
    this.set_cell("active", "rules", "in_force", 7)
    assert _findings(this, last, "active.in_force") == []


def test_active_items_is_quiet_when_prev_items_follow_on():
    last, this = _pairs()["2019"]
    assert _findings(this, last, "active.items") == []


def test_active_items_fires_when_prev_items_do_not_follow_on():
    last, this = _pairs()["2019"]
    this.set_cell("active", "punishment", "prev_items", 8)
    findings = _findings(this, last, "active.items")
    assert [(f.cell, f.expected, f.found) for f in findings] == [("active.punishment.prev_items", 9, 8)]
    assert "上年“上一年项目数量”加“本年增/减”" in findings[0].message


@pytest.mark.parametrize("case", ["2021", "2020→2021", "2019"])
def test_text_repetition_fires_on_last_years_text(case):
    last, this = _pairs()[case]
    last.sections["problems"] = REPEATED
    this.sections["problems"] = last.sections["problems"]
    findings = _findings(this, last, "text.repetition")
    assert "sections.problems" in [f.cell for f in findings]
    assert "100% 的文字与上年报告相同" in next(f for f in findings if f.cell == "sections.problems").message


@pytest.mark.parametrize("case", ["2021", "2020→2021", "2019"])
def test_text_repetition_is_quiet_on_rewritten_text(case):
    last, this = _pairs()[case]
    last.sections["problems"] = REPEATED
    this.sections["problems"] = ("一是部分栏目的更新仍然不够及时，群众反映较多。二是政策解读材料的形式还比较单一，"
                                "图解和视频解读偏少。")
    assert "sections.problems" not in [f.cell for f in _findings(this, last, "text.repetition")]


def test_no_cross_year_findings_without_last_years_report():
    _last, this = _pairs()["2021"]
    this.set_cell("requests", "carried_in", "natural", 9)
    assert [f for f in run_checks(this) if f.rule in CROSS_YEAR] == []
