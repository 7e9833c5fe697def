"""Every rule kind fires on a report with one fault of each kind, and a check whose edition names no
level gets its kind's default level (editions are data: a new edition may leave the level out)."""
from decimal import Decimal

import pytest

from app.checks import Level, run_checks
from app.checks.rules import RULES
from tests.core.helpers import zero_report

REPEATED = "本镇认真贯彻落实政府信息公开条例，持续推进决策、执行、管理、服务、结果公开，主动回应群众关切。"


def _faulty_pair():
    """(this year's 2021 report with one fault of every kind, last year's report)."""
    last = zero_report("2021", year=2024)
    last.tables["requests"]["carried_out"]["natural"] = 3          # this year's carried_in stays 0
    last.tables["active"]["rules"]["in_force"] = 2                 # this year's in_force stays 0
    last.sections["overview"] = REPEATED
    report = zero_report("2021", organ="", year=2025)              # meta_missing: no organ
    report.tables["requests"]["new"]["natural"] = 5                # row_sum, column_sum, balance
    report.tables["requests"]["granted"]["natural"] = 1
    report.tables["active"]["fees"]["amount"] = Decimal("2000000")  # magnitude
    report.tables["appeals"]["review"]["upheld"] = None            # value_blank
    report.tables["appeals"]["review"]["corrected"] = 1            # row_sum of appeals
    report.tables["appeals"]["review"]["other"] = None
    report.invalid["appeals.review.other"] = "两件"                  # value_invalid
    report.title = "2024年政府信息公开工作年度报告"                    # text_year
    report.sections["overview"] = REPEATED + "全年共收到政府信息公开申请99件。"  # text_figures, text_repetition
    report.sections["problems"] = "无"                              # section_empty
    report.sections["other"] = "无"                                 # text_mentions (fee)
    return report, last


def _all_blank(report, last):
    for rows in report.tables.values():
        for cells in rows.values():
            cells.update(dict.fromkeys(cells))


# Faults that cannot share one report with the others (each applied to a fresh pair).
SEPARATE_FAULTS = {
    "year_plausible": lambda report, last: setattr(report, "year", 1990),
    "last_year_matches": lambda report, last: setattr(last, "year", 2020),
    "count_limit": lambda report, last: report.tables["requests"]["new"].update(legal=100000000),
    "decimals": lambda report, last: report.tables["active"]["fees"].update(amount=Decimal("1.23456")),
    "tables_empty": _all_blank,
}


@pytest.mark.parametrize("kind", sorted(RULES))
def test_each_rule_kind_fires_with_its_default_level_when_the_edition_names_none(kind):
    report, last = _faulty_pair()
    SEPARATE_FAULTS.get(kind, lambda report, last: None)(report, last)
    checks = [c for c in report.spec.checks if c.kind == kind]
    assert checks, f"the 2021 edition has no {kind} check"
    func, default = RULES[kind]
    for check in checks:
        findings = func(report, check._replace(level=None), last)
        assert findings, check.id
        assert {f.level for f in findings} == {default}, check.id


def test_a_cell_last_years_report_lacks_is_skipped_and_the_rest_of_the_row_still_compared():
    report, last = _faulty_pair()
    del last.tables["requests"]["carried_out"]["natural"]     # as in an older edition without that column
    last.tables["requests"]["carried_out"]["legal"] = 4
    carry = [f for f in run_checks(report, last) if f.rule == "carry.requests"]
    assert [(f.cell, f.expected, f.found) for f in carry] == [("requests.carried_in.legal", 4, 0)]
    assert all(f.level is Level.ERROR for f in carry)
