"""Rows read from text (a .txt, a PDF, a web page without cell borders): the values after a label are
fitted to the row's cells, digits run together are kept for splitting, too many or too few values are
handled with a note and never guessed, and a row whose label cannot be read is placed only when the
statutory order leaves exactly one row for it. Small texts walked by the real lexer and grammar."""
from __future__ import annotations

import pytest

from app.editions import get_edition
from app.recognize.fold import fold
from app.recognize.grammar import GrammarWalk, fit
from app.recognize.lexer import Token, lex
from app.recognize.table_rows import TableCollector

EDITION = get_edition("2021")
APPLICANTS = ["natural", "commercial", "research", "nonprofit", "legal", "other_org", "total"]


def walk(text: str, table: str | None = "requests", one_line: bool = False) -> TableCollector:
    """The rows the grammar walk reads from ``text`` (``one_line``: every value counts as on its label's line)."""
    collector = TableCollector(EDITION, [])
    lines = [0]
    for n, ch in enumerate(text):
        if ch == "\n":
            lines.append(n + 1)

    def line_of(i: int) -> int:
        return sum(1 for start in lines if start <= i)

    grammar = GrammarWalk(EDITION, collector, lambda i: f"第{line_of(i)}行", lambda token, context: None,
                          lambda a, b: one_line or line_of(a) == line_of(b))
    grammar.walk(lex(fold(text), text, 0, len(text), EDITION.id), table)
    grammar.place_orphans()
    return collector


def row(collector: TableCollector, row_id: str, table: str = "requests") -> dict[str, str]:
    raw = collector.rows[(table, row_id)]
    return {col: value for (_, col), value in zip(raw.cells, raw.values)}


def warnings(collector: TableCollector) -> list[str]:
    return [n.message for n in collector.notes if n.level == "warning"]


def tokens(*texts: str, kind: str = "num", bordered: bool = False) -> list[Token]:
    return [Token("blank" if t in ("", "/") else kind, t, i, i + 1, bordered=bordered) for i, t in enumerate(texts)]


def fitted(values: list[Token], n: int, **options):
    collector = TableCollector(EDITION, [])
    result = fit(values, n, "规章", "第1行", collector, **options)
    return result, [(note.level, note.message, note.where) for note in collector.notes]


# -- fit: values to cells --------------------------------------------------------------------------

def test_as_many_values_as_cells_are_read_in_order():
    assert fitted(tokens("1", "2", "3"), 3) == ((["1", "2", "3"], False), [])


def test_blank_cells_at_the_ends_are_dropped_only_when_there_are_too_many():
    assert fitted(tokens("", "1", "2", "3", "/"), 3) == ((["1", "2", "3"], False), [])
    assert fitted(tokens("", "/", "1"), 2) == ((["/", "1"], False), [])
    assert fitted(tokens("", "/", "", "1", "2"), 2) == ((["1", "2"], False), [])
    assert fitted(tokens("", "1", "2"), 3) == ((["", "1", "2"], False), [])
    assert fitted(tokens("1", "2", "/"), 3) == ((["1", "2", "/"], False), [])


def test_values_repeated_over_merged_cells_are_read_once():
    assert fitted(tokens("1", "1", "2", "2", "3", "3"), 3) == (
        (["1", "2", "3"], False), [("info", "“规章”一行的数值是跨列合并的单元格，每格按一个数值读取", "第1行")])


def test_too_many_values_keep_the_first_and_name_the_rest():
    assert fitted(tokens("1", "2", "1", "2", "1", "2"), 3) == (
        (["1", "2", "1"], False), [("warning", "“规章”一行的数值多于 3 个，多出的已忽略：2 1 2", "第1行")])
    assert fitted(tokens("1", "2", "3", "4"), 3)[0] == (["1", "2", "3"], False)


@pytest.mark.parametrize("text", ["123", "1.5", "12.75"])
def test_one_number_where_several_cells_are_expected_is_a_digit_run(text):
    assert fitted(tokens(text), 3) == (([text], True), [])


@pytest.mark.parametrize("text, options", [
    ("7", {}), ("1,234", {}), ("+12", {}), ("-12", {}), ("123", {"digit_runs": False}),
])
def test_other_single_values_are_not_split_and_the_row_is_not_imported(text, options):
    result, notes = fitted(tokens(text), 3, **options)
    assert result is None
    assert notes == [("warning", f"“规章”一行只有 1 个数值（{text}），应有 3 个，无法确定各属哪一列，该行未导入，请手工填写",
                      "第1行")]


def test_a_blank_or_unreadable_single_value_is_no_digit_run():
    assert fitted([Token("invalid", "约12", 0, 3)], 3)[0] is None
    assert fitted([Token("blank", "", 0, 0)], 3)[0] is None


def test_without_any_value_the_row_is_not_imported():
    assert fitted([], 3) == (None, [("warning", "“规章”一行只有 0 个数值（没有数值），应有 3 个，无法确定各属哪一列，"
                                               "该行未导入，请手工填写", "第1行")])


def test_bordered_cells_on_the_labels_line_fill_the_first_columns():
    assert fitted(tokens("1", "2", bordered=True), 3, anchored=True) == (
        (["1", "2", ""], False),
        [("warning", "“规章”一行只有 2 个数值，应有 3 个；已按单元格的位置填入前 2 列，其余留空，请核对", "第1行")])


@pytest.mark.parametrize("values, anchored", [
    (tokens("1", "2", bordered=True), False),                         # not on the label's line
    (tokens("1", "2", bordered=True), None),                          # (the default)
    (tokens("1", "2"), True),                                          # no borders
    (tokens("1") + tokens("2", bordered=True), True),                  # not all bordered
    (tokens("", "2", bordered=True), True),                            # a blank first cell: position unknown
])
def test_fewer_values_without_certain_positions_are_not_placed(values, anchored):
    result, notes = fitted(values, 3, **({} if anchored is None else {"anchored": anchored}))
    assert result is None and "无法确定各属哪一列" in notes[0][1]


# -- the walk: rows of one stretch of text ------------------------------------------------------

def test_rows_are_read_after_their_labels():
    collector = walk("（一）予以公开 1 0 0 0 0 0 1\n（二）部分公开 2 0 0 0 0 0 2")
    assert row(collector, "granted") == dict(zip(APPLICANTS, "1000001"))
    assert row(collector, "partial") == dict(zip(APPLICANTS, "2000002"))
    assert collector.rows[("requests", "partial")].where == "第2行"
    assert collector.first_seen == {"requests": 8}                     # where the first values stand


def test_a_run_of_digits_is_kept_for_splitting_when_no_row_shows_separate_values():
    collector = walk("（一）予以公开 1000001\n（二）部分公开 2000002")
    raw = collector.rows[("requests", "granted")]
    assert raw.run_together and raw.values == ["1000001"]
    assert raw.cells == [("granted", c) for c in APPLICANTS]


def test_a_single_number_among_rows_with_separate_values_is_one_value():
    collector = walk("（一）予以公开 1 0 0 0 0 0 1\n（二）部分公开 2000002")
    assert ("requests", "partial") not in collector.rows
    assert any("（二）部分公开" in m and "只有 1 个数值" in m for m in warnings(collector))
    assert [n.where for n in collector.notes if n.level == "warning"] == ["第2行"]


def test_separate_values_in_another_table_do_not_stop_digit_runs():
    collector = walk("规章 1 2 3\n（一）予以公开 1000001", table=None)
    assert collector.rows[("requests", "granted")].run_together


def test_the_one_row_table_takes_its_values_after_its_headers_as_one_run_or_many():
    collector = walk("行政复议 结果维持 结果纠正 " + " ".join(["1"] + ["0"] * 14), table="appeals")
    raw = collector.rows[("appeals", "*")]
    assert raw.values == ["1"] + ["0"] * 14 and not raw.run_together
    assert raw.cells[0] == ("review", "upheld") and len(raw.cells) == 15
    run = walk("行政复议 结果维持 100010000000000", table="appeals").rows[("appeals", "*")]
    assert run.run_together and run.values == ["100010000000000"]


def test_bordered_cells_on_the_label_line_are_placed_by_position():
    collector = walk("（一）予以公开\t1\t0\t1\n")
    assert row(collector, "granted") == dict(zip(APPLICANTS, ["1", "0", "1", "", "", "", ""]))
    assert any("已按单元格的位置填入前 3 列" in m for m in warnings(collector))
    below = walk("（一）予以公开\n1\t0\t1\n")                            # on the next line: not anchored
    assert ("requests", "granted") not in below.rows


# -- rows whose label cannot be read --------------------------------------------------------------

def test_an_unreadable_label_between_two_rows_is_read_as_the_row_between_them():
    collector = walk("（一）予以公开 1 0 0 0 0 0 1\n部分地公开的 2 0 0 0 0 0 2\n1.属于国家秘密 3 0 0 0 0 0 3")
    assert row(collector, "partial") == dict(zip(APPLICANTS, "2000002"))
    assert warnings(collector) == [
        "“部分地公开的”不是规定的行名，按表格的行序读作“（二）部分公开（区分处理的，只计这一情形，不计其他情形）”，请核对"]
    assert collector.notes[0].where == "第2行"


@pytest.mark.parametrize("text", [
    "（一）予以公开 1 0 0 0 0 0 1\n无法识别的行 2 0 0 0 0 0 2\n2.其他法律行政法规禁止公开 3 0 0 0 0 0 3",   # two rows missing
    "（一）予以公开 1 0 0 0 0 0 1\n无法识别的行 2 0 0 0 0 0 2",                                      # nothing after
    "无法识别的行 2 0 0 0 0 0 2\n（一）予以公开 1 0 0 0 0 0 1",                                      # nothing before
    "（一）予以公开 1 0 0 0 0 0 1\n无法识别的行 2 0 0 0 0 0 2\n（一）予以公开 1 0 0 0 0 0 1",          # no row between
    "（一）予以公开 1 0 0 0 0 0 1\n（二）部分公开 5 0 0 0 0 0 5\n（一）予以公开 1 0 0 0 0 0 1\n"
    "无法识别的行 2 0 0 0 0 0 2\n1.属于国家秘密 3 0 0 0 0 0 3",                                       # that row was read
    "（一）予以公开 1 0 0 0 0 0 1\n无法识别的行 2 0 0 0 0 0 2\n行政复议 结果维持 " + " ".join("0" * 15),  # one-row table
    "（一）予以公开 1 0 0 0 0 0 1\n无法识别的行 2 0 0 0 0 0 2\n规章 1 2 3",                                # another table
])
def test_an_unreadable_label_is_not_guessed_when_the_order_leaves_doubt(text):
    collector = walk(text, table=None)
    assert [m for m in warnings(collector) if "无法识别的行" in m] == [
        "无法确定这一行数据属于表格的哪一行，未导入：无法识别的行 2 0 0 0 0 0 2"]
    assert all(raw.values != list("2000002") for raw in collector.rows.values())



def test_an_unreadable_label_before_the_last_row_is_read_as_the_row_between():
    collector = walk("3.其他 0 0 0 0 0 0 0\n无法识别的行 9 0 0 0 0 0 9\n四、结转下年度继续办理 1 0 0 0 0 0 1")
    assert row(collector, "results_total")["total"] == "9"
    assert warnings(collector) == ["“无法识别的行”不是规定的行名，按表格的行序读作“（七）总计”，请核对"]


@pytest.mark.parametrize("before", ["（七）总计 9 0 0 0 0 0 9", "四、结转下年度继续办理 1 0 0 0 0 0 1"])
def test_an_unreadable_label_after_the_last_rows_is_not_guessed(before):
    collector = walk(f"{before}\n无法识别的行 2 0 0 0 0 0 2\n四、结转下年度继续办理 1 0 0 0 0 0 1")
    assert any("无法确定这一行数据属于表格的哪一行，未导入：无法识别的行" in m for m in warnings(collector))
