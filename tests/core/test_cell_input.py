"""One rule reads a number written in a cell, whether typed, pasted or imported: never altered."""
from decimal import Decimal

import pytest

from app.cell_input import parse_cell_input
from app.checks import run_checks
from app.editions import get_edition
from app.errors import ValueRejected
from app.recognize.cell_values import read_cell
from app.report import new_report, parse_cell_text

ACTIVE = get_edition("2019").table("active")
COUNT, SIGNED, AMOUNT = ACTIVE.column("items"), ACTIVE.column("change"), ACTIVE.column("amount")


@pytest.mark.parametrize("column, written, value", [
    (COUNT, "12", 12), (COUNT, "１２", 12), (COUNT, " 1,234 ", 1234), (COUNT, "1234567890", 1234567890),
    (COUNT, "0", 0), (COUNT, "/", None), (COUNT, "", None), (SIGNED, "-5", -5), (SIGNED, "－５", -5),
    (SIGNED, "+3", 3), (AMOUNT, "19.83", Decimal("19.83")), (AMOUNT, "19。83", Decimal("19.83")),
    (AMOUNT, "１９．８３", Decimal("19.83")), (AMOUNT, "19.830356", Decimal("19.830356")),
    (AMOUNT, "19.8300", Decimal("19.8300")), (AMOUNT, "19.83万元", Decimal("19.83")),
])
def test_what_was_written_is_read_exactly(column, written, value):
    read = parse_cell_input(column, written)
    assert read == value and str(read) == str(value)


@pytest.mark.parametrize("column, written, reason", [
    (COUNT, "12.5", "有小数"), (COUNT, "-5", "负数"), (COUNT, "1e9", "不是数字"), (COUNT, "12a", "不是数字"),
    (COUNT, "1,2", "不是数字"), (COUNT, "12。", "不是数字"), (SIGNED, "5.5", "有小数"),
    (AMOUNT, "-1.5", "负数"), (AMOUNT, "1.2.3", "不是"), (AMOUNT, "19,83", "不是"),
    (COUNT, "1" * 16, "位数过多"),
])
def test_anything_else_is_refused_with_a_chinese_reason(column, written, reason):
    with pytest.raises(ValueRejected) as caught:
        parse_cell_input(column, written)
    assert reason in str(caught.value) and f"“{written}”" in str(caught.value)


@pytest.mark.parametrize("written", ["19。83", "12.5", "-5", "1e9", "１２", "19.830356", "/", "1,234"])
def test_typing_pasting_and_importing_agree(written):
    for column in (COUNT, SIGNED, AMOUNT):
        try:
            typed = parse_cell_text(column, written)
        except ValueRejected:
            typed = "refused"
        read = read_cell(column, written)
        imported = "refused" if read.status == "invalid" else read.value
        assert typed == imported, (column.id, written)


def test_an_amount_with_more_than_four_decimals_is_kept_and_warned_about():
    report = new_report("2019", "阁山镇人民政府", 2020)
    report.set_cell("active", "procurement", "amount", parse_cell_input(AMOUNT, "19.830356"))
    warnings = [f for f in run_checks(report) if f.rule == "value.decimals"]
    assert [f.cell for f in warnings] == ["active.procurement.amount"]
    assert warnings[0].level.value == "warning" and "6 位小数" in warnings[0].message
    report.set_cell("active", "procurement", "amount", Decimal("19.8303"))
    assert not [f for f in run_checks(report) if f.rule == "value.decimals"]
