"""Last year against this year: every shared statistic with its change, jumps, the main figures."""
from decimal import Decimal
from pathlib import Path

from app.compare import compare, main_figures
from app.new_year import next_year_draft
from app.report import new_report
from app.report_json import load_report_json

SAMPLES = Path(__file__).parent.parent / "data" / "samples"


def _pair_2021():
    last = new_report("2021", "阁山镇人民政府", 2021)
    this = new_report("2021", "阁山镇人民政府", 2022)
    return last, this


def _row(rows, ref):
    return next(r for r in rows if r.ref == ref)


def test_same_edition_compares_every_cell_with_labels_and_change():
    last, this = _pair_2021()
    last.set_cell("requests", "results_total", "natural", 12)
    this.set_cell("requests", "results_total", "natural", 9)
    rows = compare(last, this)
    every = sum(len(t.cells()) for t in this.spec.all_tables())
    assert len(rows) == every
    row = _row(rows, "requests.results_total.natural")
    assert (row.last, row.this, row.change) == (12, 9, -3)
    assert (row.table_label, row.row_label, row.column_label) == ("三、收到和处理政府信息公开申请情况", "（七）总计", "自然人")


def test_blank_on_either_side_has_no_change():
    last, this = _pair_2021()
    this.set_cell("active", "licensing", "decisions", 4)
    row = _row(compare(last, this), "active.licensing.decisions")
    assert (row.last, row.this, row.change, row.jump) == (None, 4, None, False)


def test_amounts_compare_exactly():
    last, this = _pair_2021()
    last.set_cell("active", "fees", "amount", Decimal("1.2500"))
    this.set_cell("active", "fees", "amount", Decimal("1.5"))
    assert _row(compare(last, this), "active.fees.amount").change == Decimal("0.2500")


def test_a_large_change_is_a_jump_and_a_small_one_is_not():
    last, this = _pair_2021()
    for col, (before, after) in {"natural": (10, 30), "commercial": (20, 24), "research": (0, 5),
                                 "nonprofit": (1, 4), "legal": (40, 10)}.items():
        last.set_cell("requests", "new", col, before)
        this.set_cell("requests", "new", col, after)
    rows = compare(last, this)
    jumps = {r.column for r in rows if r.jump}
    assert jumps == {"natural", "research", "legal"}


def test_across_editions_only_shared_statistics_are_compared():
    last = load_report_json(SAMPLES / "2020_geshan_town.json")
    this = next_year_draft(last).report
    refs = {r.ref for r in compare(last, this)}
    assert "requests.new.total" in refs and "appeals.review.total" in refs
    assert "active.licensing.decisions" in refs
    assert not any(ref.startswith(("requests.other_", "active.rules.", "active.fees.")) for ref in refs)
    assert _row(compare(last, this), "requests.carried_in.total").this == last.get("requests", "carried_out", "total")


def test_main_figures_sum_the_right_cells():
    last = load_report_json(SAMPLES / "2020_geshan_town.json")
    this = new_report("2021", last.organ, 2021)
    this.set_cell("requests", "new", "total", 7)
    this.set_cell("requests", "granted", "total", 4)
    this.set_cell("requests", "withheld_1", "total", 1)
    this.set_cell("requests", "withheld_4", "total", 2)
    this.set_cell("appeals", "review", "total", 1)
    this.set_cell("appeals", "suit_after_review", "total", 2)
    figures = {f.key: f for f in main_figures(last, this)}
    assert [f.label for f in figures.values()] == ["收到申请", "予以公开", "不予公开", "复议和诉讼"]
    withheld_last = sum(last.get("requests", f"withheld_{n}", "total") or 0 for n in range(1, 9))
    assert (figures["received"].last, figures["received"].this) == (last.get("requests", "new", "total"), 7)
    assert (figures["granted"].this, figures["withheld"].this, figures["appeals"].this) == (4, 3, 3)
    assert figures["withheld"].last == withheld_last
    assert figures["received"].change == 7 - last.get("requests", "new", "total")


def test_main_figure_is_blank_only_when_every_part_is_blank():
    last, this = _pair_2021()
    this.set_cell("appeals", "suit_direct", "total", 0)
    figures = {f.key: f for f in main_figures(last, this)}
    assert figures["appeals"].last is None and figures["appeals"].this == 0
    assert figures["appeals"].change is None
