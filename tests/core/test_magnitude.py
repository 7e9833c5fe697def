"""Amounts probably typed in 元 instead of 万元: the limit depends on the organ, the limit itself is
already too much, and check --json states the limit as the expected value."""
from decimal import Decimal

import pytest

from app.checks import Level, run_checks
from app.checks.rules import check_magnitude
from tests.core.helpers import zero_report


def _magnitude(report):
    return [f for f in run_checks(report) if f.rule == "value.magnitude"]


@pytest.mark.parametrize("organ, limit", [("阁山镇人民政府", 10000), ("某某县人民政府", 1000000)])
def test_an_amount_at_the_organs_limit_is_flagged_and_just_below_is_not(organ, limit):
    report = zero_report("2021", organ=organ)
    report.tables["active"]["fees"]["amount"] = Decimal(limit)
    [finding] = _magnitude(report)
    assert (finding.cell, finding.level) == ("active.fees.amount", Level.WARNING)
    assert finding.to_json()["expected"] == limit
    assert f"（应小于 {limit} 万元）" in finding.message
    report.tables["active"]["fees"]["amount"] = Decimal(limit) - Decimal("0.0001")
    assert _magnitude(report) == []


def test_an_edition_without_a_limit_for_the_organ_gives_no_magnitude_warning():
    report = zero_report("2021", organ="某某县人民政府")
    report.tables["active"]["fees"]["amount"] = Decimal("99999999")
    [check] = [c for c in report.spec.checks if c.kind == "magnitude"]
    township_only = check._replace(limits=[lim for lim in check.limits if lim.organ])
    assert check_magnitude(report, township_only, None) == []
