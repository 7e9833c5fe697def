"""The three real 2020 township reports: JSON round trip and the findings a careful reader expects."""
import json
from pathlib import Path

import pytest

from app.checks import run_checks
from app.report_json import dumps_report, load_report_json

SAMPLES = Path(__file__).parent.parent / "data" / "samples"
STEMS = ["2020_checun_town", "2020_geshan_town", "2020_huashan_town", "2022_pingtan_web"]


@pytest.mark.parametrize("stem", STEMS)
def test_json_round_trip_is_lossless(stem, tmp_path):
    source = SAMPLES / f"{stem}.json"
    report = load_report_json(source)
    again = tmp_path / "again.json"
    again.write_text(dumps_report(report), encoding="utf-8")
    assert json.loads(again.read_text(encoding="utf-8")) == json.loads(source.read_text(encoding="utf-8"))
    assert load_report_json(again) == report


def test_checun_passes_every_check():
    assert run_checks(load_report_json(SAMPLES / "2020_checun_town.json")) == []


def test_huashan_passes_every_check():
    assert run_checks(load_report_json(SAMPLES / "2020_huashan_town.json")) == []


def test_geshan_flags_procurement_in_yuan_and_the_empty_other_column():
    findings = run_checks(load_report_json(SAMPLES / "2020_geshan_town.json"))
    magnitude = [f for f in findings if f.rule == "value.magnitude"]
    assert [(f.cell, f.found) for f in magnitude] == [("active.procurement.amount", __import__("decimal").Decimal("169100"))]
    blanks = [f for f in findings if f.rule == "value.blank"]
    assert len(blanks) == 23
    assert {f.cell.split(".")[2] for f in blanks} == {"other_org"}
    assert blanks[0].message == "三、一、本年新收政府信息公开申请数量 · 其他：空白，应填写数字（没有请填 0）"
    assert {f.rule for f in findings} == {"value.magnitude", "value.blank"}


def test_amount_keeps_its_digits():
    report = load_report_json(SAMPLES / "2020_checun_town.json")
    assert str(report.get("active", "procurement", "amount")) == "19.8303"


def test_pingtan_is_flagged_only_for_the_figure_its_overview_states():
    """The overview says 收到政府信息公开申请75件: 74 new plus 1 carried over; the check queries it."""
    findings = run_checks(load_report_json(SAMPLES / "2022_pingtan_web.json"))
    assert [(f.rule, f.cell) for f in findings] == [("text.figures", "sections.overview")]
