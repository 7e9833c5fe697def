"""Run-together digits (text copied from a web page loses the cell borders): every way of cutting them
into the row's cells, the row sums, and the column identities (column sums, the requests balance
一 + 二 = 三 + 四) decide which split is imported. Small direct inputs on the 2021 edition's tables."""
from __future__ import annotations

from decimal import Decimal

from app.editions import get_edition
from app.recognize.digit_split import MAX_PART, Pending, candidates, cut, resolve

EDITION = get_edition("2021")
REQUESTS = EDITION.table("requests")
APPEALS = EDITION.table("appeals")
COLUMNS = [c.id for c in REQUESTS.columns]      # natural … other_org, total


def checks_of(table_id: str):
    return [c for c in EDITION.checks if c.table == table_id]


def request_row(row: str, *values) -> dict:
    """A requests row as known cells: the applicant columns given (the rest 0) and their total."""
    values = list(values) + [0] * (6 - len(values))
    return {**{(row, c): v for c, v in zip(COLUMNS, values)}, (row, "total"): sum(values)}


def pending_row(row: str, digits: str) -> Pending:
    pending = Pending(row, [(row, c) for c in COLUMNS])
    candidates(pending, [digits], REQUESTS, checks_of("requests"))
    return pending


def split(candidate: dict, row: str) -> list:
    return [candidate[(row, c)] for c in COLUMNS]


# -- cut: every way to cut the digits -----------------------------------------------------------

def test_every_cut_into_the_cells_is_listed_in_order():
    assert cut(["123"], ["count", "count"]) == [["1", "23"], ["12", "3"]]
    assert cut(["1234"], ["count"] * 3) == [["1", "2", "34"], ["1", "23", "4"], ["12", "3", "4"]]


def test_separate_tokens_are_never_joined_into_one_cell():
    assert cut(["1", "23"], ["count", "count"]) == [["1", "23"]]
    assert cut(["12", "3"], ["count"] * 3) == [["1", "2", "3"]]
    assert cut(["12", "34"], ["count"] * 2) == [["12", "34"]]
    assert cut(["1", "2", "3"], ["count"] * 3) == [["1", "2", "3"]]
    assert cut(["12", "3", "45"], ["count"] * 4) == [["1", "2", "3", "45"], ["12", "3", "4", "5"]]


def test_a_cell_never_starts_with_a_zero_but_a_lone_zero_is_a_value():
    assert cut(["105"], ["count", "count"]) == [["10", "5"]]          # not 1 | 05
    assert cut(["100"], ["count", "count"]) == [["10", "0"]]
    assert cut(["05"], ["count"]) == []
    assert cut(["0"], ["count"]) == [["0"]]
    assert cut(["1007"], ["count"] * 3) == [["10", "0", "7"]]


def test_amount_cells_take_decimals_and_counts_do_not():
    assert cut(["0.51"], ["amount", "count"]) == [["0.5", "1"]]
    assert cut(["20.5"], ["count", "amount"]) == [["2", "0.5"]]
    assert cut(["1.5"], ["count"]) == []
    assert cut(["1.52"], ["amount"]) == [["1.52"]]


def test_more_cells_than_digits_or_digits_left_over_give_no_cut():
    assert cut(["12"], ["count"] * 3) == []
    assert cut(["123"], ["count"]) == [["123"]]
    assert cut(["12", "3"], ["count"]) == []
    assert cut([], ["count"]) == []


def test_a_cell_holds_at_most_twelve_digits():
    assert MAX_PART == 12
    assert cut(["1" * 12], ["count"]) == [["1" * 12]]
    assert cut(["1" * 13], ["count"]) is None                         # too long to try at all
    assert cut(["1" * 12, "1"], ["count"] * 2) == [["1" * 12, "1"]]
    assert cut(["1" * 13, "1"], ["count"] * 2) == []                 # 13 digits never make one cell
    assert cut(["1" * 24], ["count"] * 2) == [["1" * 12, "1" * 12]]
    assert cut(["1" * 25], ["count"] * 2) is None                    # too long to try at all


def test_more_cuts_than_the_limit_give_none_instead_of_a_partial_list():
    assert len(cut(["1111"], ["count"] * 2, limit=3)) == 3           # 1|111, 11|11, 111|1
    assert cut(["1111"], ["count"] * 2, limit=2) is None
    assert cut(["11111"], ["count"] * 3, limit=5) is None           # six cuts
    assert len(cut(["11111"], ["count"] * 3, limit=6)) == 6


# -- candidates: the row's own sums ---------------------------------------------------------------

def test_a_row_sum_leaves_the_one_split_that_adds_up():
    pending = pending_row("results_total", "723000075")
    assert [split(c, "results_total") for c in pending.candidates] == [[72, 3, 0, 0, 0, 0, 75]]
    assert not pending.overflow


def test_every_split_that_adds_up_stays_a_candidate():
    pending = pending_row("results_total", "151000016")
    assert sorted(split(c, "results_total") for c in pending.candidates) == [
        [1, 5, 10, 0, 0, 0, 16], [15, 1, 0, 0, 0, 0, 16]]


def test_values_are_integers_for_counts_and_decimals_for_amounts():
    fees = EDITION.table("active")
    pending = Pending("行政事业性收费", [("fees", "amount")])
    candidates(pending, ["12.5"], fees, checks_of("active"))
    assert pending.candidates == [{("fees", "amount"): Decimal("12.5")}]
    assert type(pending_row("new", "1000001").candidates[0][("new", "natural")]) is int


def test_too_many_ways_to_cut_marks_the_row_as_overflow():
    pending = pending_row("new", "1" * 60)
    assert pending.overflow and pending.candidates == []


def test_row_sums_of_a_one_row_table_hold_for_each_of_its_rows():
    cells = [(row.id, c.id) for row in APPEALS.rows for c in APPEALS.columns]
    pending = Pending("行政复议", cells)
    # review 1 0 0 0 1 | suit_direct 0 0 0 0 0 | suit_after_review 2 0 0 0 2, run together
    candidates(pending, ["100010000020002"], APPEALS, checks_of("appeals"))
    assert len(pending.candidates) == 1
    assert pending.candidates[0][("review", "total")] == 1
    assert pending.candidates[0][("suit_after_review", "upheld")] == 2
    wrong = Pending("行政复议", cells)
    candidates(wrong, ["100020000020002"], APPEALS, checks_of("appeals"))   # review 1 … total 2
    assert wrong.candidates == []


# -- resolve: column identities across rows ------------------------------------------------------

def balance_known(carried_in_natural: int = 2) -> dict:
    """一 new, 二 carried_in and 四 carried_out known; 三 results_total must be their balance."""
    return {**request_row("new", 14, 1), **request_row("carried_in", carried_in_natural),
            **request_row("carried_out", 1)}


def test_the_balance_with_last_years_carry_over_picks_the_split():
    pending = pending_row("results_total", "151000016")     # 15 1 0 … 16 or 1 5 10 … 16
    resolve([pending], balance_known(), REQUESTS, checks_of("requests"))
    assert [split(c, "results_total") for c in pending.candidates] == [[15, 1, 0, 0, 0, 0, 16]]


def test_a_split_against_the_balance_is_dropped_rather_than_imported():
    # 14 + 3 − 1 = 16 natural: neither split holds, so the row is not imported
    pending = pending_row("results_total", "151000016")
    known = balance_known(carried_in_natural=3)
    known[("carried_out", "total")] = 2                    # keep the total column consistent
    resolve([pending], known, REQUESTS, checks_of("requests"))
    assert pending.candidates == []


def test_the_balance_counts_terms_on_each_side_with_their_sign():
    # 四 carried_out is the unknown: 一 + 二 − 三 = 四
    pending = pending_row("carried_out", "151000016")
    known = {**request_row("new", 20, 1), **request_row("carried_in", 4),
             **request_row("results_total", 9)}
    resolve([pending], known, REQUESTS, checks_of("requests"))
    assert [split(c, "carried_out") for c in pending.candidates] == [[15, 1, 0, 0, 0, 0, 16]]


def test_a_blank_known_cell_counts_as_zero_in_the_balance():
    pending = pending_row("results_total", "151000016")
    known = {**request_row("new", 14, 1), **request_row("carried_in", 1)}
    known.update({("carried_out", c): None for c in COLUMNS})
    resolve([pending], known, REQUESTS, checks_of("requests"))
    assert [split(c, "results_total") for c in pending.candidates] == [[15, 1, 0, 0, 0, 0, 16]]


def test_an_unread_cell_in_the_identity_decides_nothing():
    pending = pending_row("results_total", "151000016")
    known = {**request_row("new", 14, 1), **request_row("carried_in", 2)}     # 四 not read at all
    resolve([pending], known, REQUESTS, checks_of("requests"))
    assert len(pending.candidates) == 2


def test_a_row_settled_by_its_own_sums_helps_settle_another():
    settled = pending_row("carried_in", "2000002")            # one candidate: 2 0 0 0 0 0 2
    assert len(settled.candidates) == 1
    open_row = pending_row("results_total", "151000016")
    known = {**request_row("new", 14, 1), **request_row("carried_out", 1)}
    resolve([settled, open_row], known, REQUESTS, checks_of("requests"))
    assert [split(c, "results_total") for c in open_row.candidates] == [[15, 1, 0, 0, 0, 0, 16]]


def test_two_open_rows_narrow_each_other_through_one_identity():
    results = pending_row("results_total", "151000016")      # 15 1 0 … 16 or 1 5 10 … 16
    carried_out = pending_row("carried_out", "3000003")      # one candidate, kept open below
    carried_out.candidates.append(dict(carried_out.candidates[0]))   # two equal candidates: stays open
    known = {**request_row("new", 17, 1), **request_row("carried_in", 1)}
    resolve([results, carried_out], known, REQUESTS, checks_of("requests"))
    assert [split(c, "results_total") for c in results.candidates] == [[15, 1, 0, 0, 0, 0, 16]]
    assert len(carried_out.candidates) == 2


def test_column_sums_settle_the_total_row_of_the_results():
    pending = pending_row("results_total", "151000016")
    known = {}
    for row in [r.id for r in REQUESTS.rows][2:-2]:           # （一）予以公开 … （六）3.其他
        known.update(request_row(row))
    known.update(request_row("granted", 15, 1))
    resolve([pending], known, REQUESTS, checks_of("requests"))
    assert [split(c, "results_total") for c in pending.candidates] == [[15, 1, 0, 0, 0, 0, 16]]


def test_a_row_sum_whose_cells_are_not_all_in_the_split_is_not_applied():
    without_total = Pending("（一）予以公开", [("granted", c) for c in COLUMNS[:-1]])
    candidates(without_total, ["100000"], REQUESTS, checks_of("requests"))
    assert len(without_total.candidates) == 1
    # a one-row table: review lacks its total (not checked), suit_direct is complete and must add up
    cells = [("review", c) for c in ["upheld", "corrected"]] + [("suit_direct", c.id) for c in APPEALS.columns]
    holds, fails = Pending("行政复议", cells), Pending("行政复议", cells)
    candidates(holds, ["10", "10001"], APPEALS, checks_of("appeals"))
    candidates(fails, ["10", "10002"], APPEALS, checks_of("appeals"))
    assert len(holds.candidates) == 1 and fails.candidates == []


def test_the_search_over_other_rows_sums_is_bounded_but_settles_what_it_can():
    """Three open rows in the balance of the 自然人 column: 一 + 二 − 三 = 四 (四 is 0). 一 with 三 and
    二 with 三 reach more than 20 000 totals (not listed); 一 with 二 exactly 20 000 (listed): that
    settles 三, then the others, one pass after another."""
    def open_row(row: str, values) -> Pending:       # 自然人 open; 商业企业 0 whatever the split
        pending = Pending(row, [(row, "natural"), (row, "commercial")])
        pending.candidates = [{(row, "natural"): v, (row, "commercial"): 0} for v in values]
        return pending

    new = open_row("new", range(100))                                    # 0 … 99
    carried_in = open_row("carried_in", range(0, 20_000, 100))           # 0, 100, … 19 900
    results = open_row("results_total", range(0, 4_000_000, 20_000))     # 0, 20 000, …
    known = {("carried_out", "natural"): 0, ("carried_out", "commercial"): 0}
    resolve([new, carried_in, results], known, REQUESTS, checks_of("requests"))
    assert [[c[(p.key, "natural")] for c in p.candidates] for p in (new, carried_in, results)] == [[0], [0], [0]]


def test_a_row_settled_by_its_own_sums_is_kept_even_against_the_balance():
    settled = pending_row("carried_in", "2000002")            # the checks report the balance later
    known = {**request_row("new", 14, 1), **request_row("results_total", 1), **request_row("carried_out", 1)}
    resolve([settled], known, REQUESTS, checks_of("requests"))
    assert [split(c, "carried_in") for c in settled.candidates] == [[2, 0, 0, 0, 0, 0, 2]]


def test_rows_that_are_all_open_settle_each_other_through_the_balance():
    def open_row(row: str, values) -> Pending:
        pending = Pending(row, [(row, "natural")])
        pending.candidates = [{(row, "natural"): v} for v in values]
        return pending

    rows = [open_row("new", [5, 7]), open_row("carried_in", [1, 100]), open_row("results_total", [4, 50]),
            open_row("carried_out", [2, 1000])]                            # 5 + 1 = 4 + 2 only
    resolve(rows, {}, REQUESTS, checks_of("requests"))
    assert [[c[(p.key, "natural")] for c in p.candidates] for p in rows] == [[5], [1], [4], [2]]
