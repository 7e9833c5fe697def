"""Rows read from text, the finer points a clerk meets: how many ignored values a note quotes, when a
table counts as showing separate values, and rows whose label could not be read — never placed by rows
read after them, placed one by one, each gap filled once, never split as a run of digits.
Small texts walked by the real lexer and grammar (helpers of test_text_rows.py)."""
from __future__ import annotations

from tests.core.test_text_rows import APPLICANTS, fitted, row, tokens, walk, warnings

PARTIAL = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
NOT_PLACED = "无法确定这一行数据属于表格的哪一行，未导入："


# -- fit ------------------------------------------------------------------------------------------

def test_the_note_on_too_many_values_quotes_the_first_thirty_characters_of_the_rest():
    extra = ["1234567"] * 5                                   # "1234567 1234567 …": 39 characters
    result, notes = fitted(tokens("1", *extra), 1)
    assert result == (["1"], False)
    assert notes == [("warning", "“规章”一行的数值多于 1 个，多出的已忽略：1234567 1234567 1234567 123456", "第1行")]


def test_blank_cells_are_dropped_from_the_end_only_while_there_are_more_values_than_cells():
    assert fitted(tokens("", "1", "/", "/"), 2) == ((["1", "/"], False), [])
    assert fitted(tokens("", "", "1", "/", "/", "/"), 3) == ((["1", "/", "/"], False), [])


def test_two_values_for_three_cells_are_no_run_of_digits_even_when_the_first_has_several_digits():
    result, notes = fitted(tokens("12", "3"), 3)
    assert result is None
    assert notes == [("warning", "“规章”一行只有 2 个数值（12、3），应有 3 个，无法确定各属哪一列，该行未导入，请手工填写",
                      "第1行")]


# -- a table that shows separate values -----------------------------------------------------------

def test_a_row_with_just_two_separate_values_shows_the_table_is_not_run_together():
    collector = walk("（一）予以公开 1 2\n（二）部分公开 2000002")
    assert ("requests", "granted") not in collector.rows and ("requests", "partial") not in collector.rows
    assert f"“{PARTIAL}”一行只有 1 个数值（2000002），应有 7 个，无法确定各属哪一列，该行未导入，请手工填写" \
        in warnings(collector)


# -- rows whose label could not be read ------------------------------------------------------------

def test_an_unreadable_first_row_is_not_placed_by_rows_read_after_it():
    collector = walk("无法识别的行 2 0 0 0 0 0 2\n1.属于国家秘密 3 0 0 0 0 0 3\n（一）予以公开 1 0 0 0 0 0 1")
    assert ("requests", "partial") not in collector.rows
    assert warnings(collector) == [f"{NOT_PLACED}无法识别的行 2 0 0 0 0 0 2"]
    assert [note.where for note in collector.notes if note.level == "warning"] == ["第1行"]


def test_a_row_that_cannot_be_placed_does_not_stop_the_next_one_from_being_placed():
    collector = walk("无法识别的行 9 0 0 0 0 0 9\n（一）予以公开 1 0 0 0 0 0 1\n部分地公开的 2 0 0 0 0 0 2\n"
                     "1.属于国家秘密 3 0 0 0 0 0 3")
    assert row(collector, "partial") == dict(zip(APPLICANTS, "2000002"))
    assert collector.rows[("requests", "partial")].where == "第3行"
    assert warnings(collector) == [f"{NOT_PLACED}无法识别的行 9 0 0 0 0 0 9",
                                   f"“部分地公开的”不是规定的行名，按表格的行序读作“{PARTIAL}”，请核对"]


def test_a_gap_already_filled_by_an_unreadable_row_is_not_filled_again():
    text = "（一）予以公开 1 0 0 0 0 0 1\n部分地公开的 2 0 0 0 0 0 2\n1.属于国家秘密 3 0 0 0 0 0 3\n"
    collector = walk(text + text.replace("部分地公开的 2 0 0 0 0 0 2", "另一个看不清的行 5 0 0 0 0 0 5"))
    assert row(collector, "partial") == dict(zip(APPLICANTS, "2000002"))
    assert warnings(collector) == [f"“部分地公开的”不是规定的行名，按表格的行序读作“{PARTIAL}”，请核对",
                                   f"{NOT_PLACED}另一个看不清的行 5 0 0 0 0 0 5"]


def test_an_unreadable_row_placed_by_the_order_is_not_split_as_a_run_of_digits():
    collector = walk("（一）予以公开 1000001\n部分地公开的 2000002\n1.属于国家秘密 3000003")
    assert collector.rows[("requests", "granted")].run_together        # a row read by its label: split later
    assert ("requests", "partial") not in collector.rows                # a guessed row: a guess on a guess
    assert warnings(collector) == [
        f"“部分地公开的”不是规定的行名，按表格的行序读作“{PARTIAL}”，请核对",
        f"“{PARTIAL}”一行只有 1 个数值（2000002），应有 7 个，无法确定各属哪一列，该行未导入，请手工填写"]
