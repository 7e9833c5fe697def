"""Placing the rows of a table (Word grids, cells of a web table) in the edition's rows and columns:
labels in any cell, merged cells repeated over the grid, labels split over two cells or two rows,
header rows that reorder or space out the columns, rows with too many or too few cells, rows seen twice.
Each test feeds the rows a reader would give the collector and looks at where every value lands and at
the import notes the clerk reads."""
from __future__ import annotations

import pytest

from app.editions import get_edition
from app.recognize.table_rows import TableCollector

EDITION = get_edition("2021")
APPLICANTS = ["natural", "commercial", "research", "nonprofit", "legal", "other_org", "total"]


def collect(*rows: list[str], run_together: bool = False, context: str | None = None) -> TableCollector:
    collector = TableCollector(EDITION, [])
    collector.context = context
    for n, row in enumerate(rows, 1):
        collector.process_row(row, f"第{n}行", run_together)
    return collector


def placed(collector: TableCollector, table: str, row: str) -> dict[str, str]:
    raw = collector.rows[(table, row)]
    assert raw.table == table and not raw.run_together
    return {col: value for (row_id, col), value in zip(raw.cells, raw.values) if row_id == row}


def notes(collector: TableCollector, level: str | None = None) -> list[str]:
    return [n.message for n in collector.notes if level is None or n.level == level]


def said(collector: TableCollector) -> list[tuple[str, str]]:
    """Every note with its level: a remark ("info": what was interpreted) or a warning the clerk must check."""
    return [(n.level, n.message) for n in collector.notes]


def where(collector: TableCollector) -> list[str | None]:
    return [n.where for n in collector.notes]


GRANTED = ["（一）予以公开", "10", "1", "0", "0", "0", "0", "11"]
# The applicants' header spread over a grid of two columns each: blank second cells, or merged cells
# (a merged cell's text in both of its columns, as a Word or web table reads).
SPACED_HEADER = ["申请人情况", "", "自然人", "", "商业企业", "", "科研机构", "", "社会公益组织", "", "法律服务机构", "",
                 "其他", "", "总计", ""]
MERGED_HEADER = ["申请人情况", "自然人", "自然人", "商业企业", "商业企业", "科研机构", "科研机构", "社会公益组织",
                 "社会公益组织", "法律服务机构", "法律服务机构", "其他", "其他", "总计", "总计"]


# -- labelled rows --------------------------------------------------------------------------------

def test_a_labelled_row_fills_its_cells_in_the_statutory_order():
    collector = collect(GRANTED)
    later = TableCollector(EDITION, [])
    later.position = 5
    later.process_row(GRANTED, "w")
    assert later.first_seen == {"requests": 5}
    assert placed(collector, "requests", "granted") == dict(zip(APPLICANTS, GRANTED[1:]))
    assert collector.rows[("requests", "granted")].label == "（一）予以公开"
    assert collector.rows[("requests", "granted")].where == "第1行"
    assert collector.context == "requests" and collector.first_seen == {"requests": 0}
    assert notes(collector) == []


def test_the_label_may_stand_after_its_path_and_repeat_across_merged_cells():
    row = ["三、本年度办理结果", "（一）予以公开", "（一）予以公开", "4", "0", "0", "0", "0", "0", "4"]
    assert placed(collect(row), "requests", "granted") == dict(zip(APPLICANTS, ["4", "0", "0", "0", "0", "0", "4"]))


def test_process_row_says_whether_the_row_belongs_to_a_table():
    collector = TableCollector(EDITION, [])
    assert collector.process_row(GRANTED, "w") is True
    assert collector.process_row(["本镇认真贯彻落实条例"], "w") is False              # text, no label, no value
    assert collector.process_row(["", " "], "w") is False
    assert collector.process_row(["自然人", "商业企业"], "w") is True                # a header row
    assert collector.process_row(["1", "2"], "w") is True                          # values: noted, not lost silently
    one_row = TableCollector(EDITION, [])
    assert one_row.process_row(["行政复议", "行政诉讼"], "w") is True
    assert one_row.process_row([str(n) for n in range(15)], "w") is True         # the one-row table's values
    label_alone = TableCollector(EDITION, [])
    assert label_alone.process_row(["（一）予以公开"], "w") is True
    assert label_alone.process_row(["5", "0", "0", "0", "0", "0", "5"], "w") is True


def test_a_variant_or_a_typo_of_a_label_is_read_with_a_note():
    collector = collect(["（二）部分公开", "1", "0", "0", "0", "0", "0", "1"],
                        ["4.保护第三方合法权利", "2", "0", "0", "0", "0", "0", "2"])
    assert placed(collector, "requests", "partial")["natural"] == "1"
    assert placed(collector, "requests", "withheld_4")["total"] == "2"
    assert notes(collector, "info") == ["“（二）部分公开”按“（二）部分公开（区分处理的，只计这一情形，不计其他情形）”读取"]
    assert notes(collector, "warning") == [
        "“4.保护第三方合法权利”与规定的“4.保护第三方合法权益”不一致（疑为笔误），已按“4.保护第三方合法权益”读取"]
    assert where(collector) == ["第1行", "第2行"]


def test_a_label_split_over_two_cells_is_joined():
    collector = collect(["4.保护第三方", "合法权益", "2", "0", "0", "0", "0", "0", "2"])
    assert placed(collector, "requests", "withheld_4") == dict(zip(APPLICANTS, ["2", "0", "0", "0", "0", "0", "2"]))
    assert said(collector) == [("info", "标签“4.保护第三方”与“合法权益”分在两处，已合并读取")]
    assert collector.joined == {"4.保护第三方"}
    assert where(collector) == ["第1行"]


def test_two_cells_that_only_nearly_make_a_label_are_not_joined():
    collector = collect(["4.保护第三方", "合法权利", "2", "0", "0", "0", "0", "0", "2"])
    assert collector.rows == {} and collector.joined == set()
    assert notes(collector, "warning") == ["无法确定这一行数据属于表格的哪一行，未导入：4.保护第三方 合法权利 2 0 0 0 0 0 2"]


def test_a_label_split_over_two_rows_is_joined():
    collector = collect(["2.没有现成信息需要"], ["另行制作", "3", "0", "0", "0", "0", "0", "3"], context="requests")
    assert placed(collector, "requests", "unavailable_2")["natural"] == "3"
    assert said(collector) == [("info", "标签“2.没有现成信息需要”与“另行制作”分在两处，已合并读取")]
    assert where(collector) == ["第2行"]                                      # where the label ends


def test_a_first_half_in_two_cells_or_beside_an_invisible_cell_is_joined_with_the_next_row():
    for first in (["2.没有现成信息", "需要"], ["2.没有现成信息需要", "\u200b"]):   # a zero-width space: an empty cell
        collector = collect(first, ["另行制作", "3", "0", "0", "0", "0", "0", "3"], context="requests")
        assert placed(collector, "requests", "unavailable_2")["total"] == "3"
        assert notes(collector) == ["标签“2.没有现成信息需要”与“另行制作”分在两处，已合并读取"]


def test_a_numbering_above_a_label_makes_one_label_with_it():
    # "总计" and "其他" alone are column labels; under their numbering they are rows of the results
    for numbering, label, row in (("（七）", "总计", "results_total"), ("3.", "其他", "other_3")):
        collector = collect([numbering], [label, "5", "0", "0", "0", "0", "0", "5"], context="requests")
        assert placed(collector, "requests", row) == dict(zip(APPLICANTS, ["5", "0", "0", "0", "0", "0", "5"]))
        assert said(collector) == [("info", f"标签“{numbering}”与“{label}”分在两处，已合并读取")]


def test_a_near_label_completed_by_the_row_above_is_no_typo():
    # "收费金额（单位：万元）" alone nearly names 本年收费金额: joined with "本年" above it, it names it exactly
    collector = collect(["本年"], ["收费金额（单位：万元）"], context="active")
    assert said(collector) == [("info", "标签“本年”与“收费金额（单位：万元）”分在两处，已合并读取")]
    assert collector.joined == {"本年"}


def test_a_near_label_completed_by_the_next_cell_is_no_typo():
    collector = collect(["4.保护第三方合法", "权益", "2", "0", "0", "0", "0", "0", "2"])
    assert placed(collector, "requests", "withheld_4") == dict(zip(APPLICANTS, ["2", "0", "0", "0", "0", "0", "2"]))
    assert said(collector) == [("info", "标签“4.保护第三方合法”与“权益”分在两处，已合并读取")]


def test_a_label_split_over_the_last_two_cells_takes_the_values_of_the_next_row():
    collector = collect(["4.保护第三方", "合法权益"], ["2", "0", "0", "0", "0", "0", "2"])
    assert placed(collector, "requests", "withheld_4") == dict(zip(APPLICANTS, ["2", "0", "0", "0", "0", "0", "2"]))
    assert collector.joined == {"4.保护第三方"}


def test_a_blank_marker_before_text_is_a_value_not_the_start_of_a_label():
    # "无" + "正当理由大量反复申请" would name 4.无正当理由大量反复申请: the values stay in their labelled row
    collector = collect(["（一）予以公开", "无", "正当理由大量反复申请", "1", "0", "0", "0", "0", "1"])
    assert list(collector.rows) == [("requests", "granted")]
    assert placed(collector, "requests", "granted")["natural"] == "无"


def test_a_stray_label_of_another_table_before_the_row_label_does_not_move_the_row():
    collector = collect(["行政复议", "（一）予以公开", "1", "0", "0", "0", "0", "0", "1"])
    assert placed(collector, "requests", "granted") == dict(zip(APPLICANTS, ["1", "0", "0", "0", "0", "0", "1"]))


def test_a_label_alone_keeps_waiting_over_a_header_row_of_its_table():
    # the two bands of the header repeated on a new page; the second names columns of this table only
    bands = (["申请人情况", "自然人", "法人或其他组织", "", "", "", "", "总计"],
             ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"])
    collector = collect(["（一）予以公开"], *bands, ["5", "0", "0", "0", "0", "0", "5"])
    assert placed(collector, "requests", "granted") == dict(zip(APPLICANTS, ["5", "0", "0", "0", "0", "0", "5"]))
    assert notes(collector) == []


def test_long_text_before_a_row_is_not_joined_to_its_label():
    prose = "本年度本机关共收到各类政府信息公开申请并依法按时答复了申请人，其中部分申请涉及" * 2
    collector = collect([prose], ["合法权益", "3", "0", "0", "0", "0", "0", "3"], context="requests")
    assert ("requests", "withheld_4") not in collector.rows
    assert any("无法确定这一行数据属于表格的哪一行" in m for m in notes(collector, "warning"))


def test_a_label_alone_takes_the_values_of_the_next_row():
    collector = collect(["（一）予以公开"], ["5", "0", "0", "0", "0", "0", "5"])
    assert placed(collector, "requests", "granted") == dict(zip(APPLICANTS, ["5", "0", "0", "0", "0", "0", "5"]))
    raw = collector.rows[("requests", "granted")]
    assert (raw.where, raw.label) == ("第2行", "（一）予以公开")             # where its values stand


def test_a_label_alone_in_another_table_is_forgotten():
    collector = collect(["（一）予以公开"], ["行政复议"], ["5", "0", "0", "0", "0", "0", "5"])
    assert ("requests", "granted") not in collector.rows
    assert [raw.table for raw in collector.rows.values()] == ["appeals"]      # the one-row table takes them


def test_a_typo_alone_in_its_row_followed_by_another_label_is_not_noted():
    collector = collect(["4.保护第三方合法权利"], GRANTED)
    assert notes(collector) == []
    assert list(collector.rows) == [("requests", "granted")]


def test_a_typo_alone_in_its_row_is_noted_once_the_values_come():
    collector = collect(["4.保护第三方合法权利"], ["2", "0", "0", "0", "0", "0", "2"])
    assert placed(collector, "requests", "withheld_4")["natural"] == "2"
    assert notes(collector, "warning") == [
        "“4.保护第三方合法权利”与规定的“4.保护第三方合法权益”不一致（疑为笔误），已按“4.保护第三方合法权益”读取"]


def test_values_without_any_label_are_not_imported_and_say_so():
    collector = collect(["7", "0", "0", "0", "0", "0", "7"])
    assert collector.rows == {}
    assert notes(collector, "warning") == ["无法确定这一行数据属于表格的哪一行，未导入：7 0 0 0 0 0 7"]
    assert where(collector) == ["第1行"]
    after_a_row = collect(GRANTED, ["7", "0", "0", "0", "0", "0", "7"])            # the label was used up
    assert list(after_a_row.rows) == [("requests", "granted")]
    assert notes(after_a_row, "warning") == ["无法确定这一行数据属于表格的哪一行，未导入：7 0 0 0 0 0 7"]
    long = collect(["1234567890"] * 6)
    assert notes(long, "warning") == ["无法确定这一行数据属于表格的哪一行，未导入：" + " ".join(["1234567890"] * 6)[:40]]


def test_text_cells_that_name_no_label_are_not_joined_or_noted():
    collector = TableCollector(EDITION, [])
    assert collector.process_row(["填报单位：桃源镇", "填报日期：2021年"], "w") is False
    assert collector.process_row(["备注"], "w") is False
    assert collector.notes == [] and collector.joined == set()


def test_a_long_first_half_of_a_label_is_still_joined_up_to_forty_characters():
    first = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开"
    first = first.replace("、", " " * (40 - len(first)) + "、")          # spaced out as PDFs do: 40 characters
    assert len(first) == 40
    collector = collect([first], ["申请", "1", "0", "0", "0", "0", "0", "1"], context="requests")
    assert placed(collector, "requests", "other_2")["total"] == "1"
    longer = collect([" " + first.replace("、", " 、")], ["申请", "1", "0", "0", "0", "0", "0", "1"], context="requests")
    assert not any("分在两处" in m for m in notes(longer))                   # 41 characters: not joined
    assert any("分在两处" in m for m in notes(collector))


def test_the_one_row_table_takes_its_values_after_its_headers():
    collector = collect(["行政复议", "行政诉讼"], [str(n) for n in range(15)])
    raw = collector.rows[("appeals", "*")]
    assert raw.values == [str(n) for n in range(15)]
    assert raw.cells[0] == ("review", "upheld") and raw.cells[-1] == ("suit_after_review", "total")
    assert raw.label == "行政复议、未经复议直接起诉、复议后起诉"
    assert raw.where == "第2行"


def test_the_one_row_table_with_its_label_and_values_in_one_row():
    collector = collect(["行政复议", "结果维持"] + [str(n) for n in range(15)])
    assert collector.rows[("appeals", "*")].values == [str(n) for n in range(15)]
    assert (collector.rows[("appeals", "*")].label, collector.rows[("appeals", "*")].where) == (
        "行政复议、未经复议直接起诉、复议后起诉", "第1行")
    assert collect(["行政复议", "结果维持", "", ""]).rows == {}          # no value yet


# -- header rows ---------------------------------------------------------------------------------

def test_a_header_in_another_order_places_the_values_by_the_header():
    header = ["申请人情况", "商业企业", "自然人", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    collector = collect(header, GRANTED, context="requests")
    assert placed(collector, "requests", "granted") == dict(zip(
        ["commercial", "natural", "research", "nonprofit", "legal", "other_org", "total"], GRANTED[1:]))
    assert said(collector) == [("info", "表格“三、收到和处理政府信息公开申请情况”的列顺序与规定不同，已按表头读取")]
    assert where(collector) == [None]                                  # the whole table


def test_a_header_in_the_statutory_order_adds_no_note():
    header = ["申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    collector = collect(header, GRANTED, context="requests")
    assert placed(collector, "requests", "granted") == dict(zip(APPLICANTS, GRANTED[1:]))
    assert notes(collector) == []


def test_a_header_naming_some_columns_only_changes_nothing():
    collector = collect(["商业企业", "自然人"], GRANTED, context="requests")
    assert placed(collector, "requests", "granted") == dict(zip(APPLICANTS, GRANTED[1:]))


def test_a_header_of_one_block_orders_that_block():
    collector = collect(["信息内容", "现行有效件数", "本年制发件数", "本年废止件数"], ["规章", "9", "1", "2"],
                        context="active")
    assert placed(collector, "active", "rules") == {"in_force": "9", "issued": "1", "repealed": "2"}


def test_a_header_of_labels_shared_by_two_tables_before_any_table_is_ignored():
    collector = TableCollector(EDITION, [])
    assert collector.process_row(["总计", "合计"], "w") is True
    assert collector.context is None
    collector.process_row(GRANTED, "w")
    assert placed(collector, "requests", "granted") == dict(zip(APPLICANTS, GRANTED[1:]))


def test_a_header_naming_a_column_twice_does_not_reorder():
    header = ["申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计", "自然人"]
    collector = collect(header, GRANTED, context="requests")
    assert placed(collector, "requests", "granted") == dict(zip(APPLICANTS, GRANTED[1:]))
    assert notes(collector) == []


def test_a_header_of_some_columns_before_any_table_changes_nothing():
    collector = collect(["商业企业", "自然人", "科研机构", "社会公益组织", "法律服务机构", "其他"], GRANTED)
    assert placed(collector, "requests", "granted") == dict(zip(APPLICANTS, GRANTED[1:]))


def test_values_are_read_under_their_header_cells_in_a_spaced_grid():
    # the header spreads over a grid of 16 columns; the row leaves its first cell blank
    header = SPACED_HEADER
    row = ["（一）予以公开", "", "", "", "3", "", "0", "", "0", "", "0", "", "0", "", "3", ""]
    collector = collect(header, row, context="requests")
    assert placed(collector, "requests", "granted") == dict(zip(APPLICANTS, ["", "3", "0", "0", "0", "0", "3"]))
    assert notes(collector) == []


def test_merged_cells_under_a_spread_header_are_read_once_with_a_note():
    header = MERGED_HEADER
    row = ["（一）予以公开", "3", "3", "", "", "0", "0", "0", "0", "0", "0", "0", "0", "3", "3"]
    collector = collect(header, row, context="requests")
    assert placed(collector, "requests", "granted") == dict(zip(APPLICANTS, ["3", "", "0", "0", "0", "0", "3"]))
    assert said(collector) == [("info", "“（一）予以公开”一行的数值是跨列合并的单元格，每格按一个数值读取")]
    assert where(collector) == ["第2行"]


def test_a_merged_value_anywhere_in_the_row_is_noted_and_single_cells_are_not():
    header = MERGED_HEADER[:-1]       # the last merged cell cut off
    merged_first = ["（一）予以公开", "3", "3", "", "", "0", "0", "0", "0", "0", "0", "0", "0", "3"]
    collector = collect(header, merged_first, context="requests")
    assert placed(collector, "requests", "granted") == dict(zip(APPLICANTS, ["3", "", "0", "0", "0", "0", "3"]))
    assert said(collector) == [("info", "“（一）予以公开”一行的数值是跨列合并的单元格，每格按一个数值读取")]
    single = ["（一）予以公开", "3", "", "", "", "0", "", "0", "", "0", "", "0", "", "3"]
    collector = collect(header, single, context="requests")
    assert placed(collector, "requests", "granted") == dict(zip(APPLICANTS, ["3", "", "0", "0", "0", "0", "3"]))
    assert notes(collector) == []


def test_two_values_under_one_merged_header_cell_are_not_lined_up():
    header = MERGED_HEADER
    row = ["（一）予以公开", "3", "4", "", "", "0", "0", "0", "0", "0", "0", "0", "0", "7", "7"]
    collector = collect(header, row, context="requests")
    assert placed(collector, "requests", "granted") == dict(zip(APPLICANTS, ["3", "4", "", "", "0", "0", "0"]))
    assert any("多于 7 个" in m for m in notes(collector, "warning"))


def test_a_row_that_does_not_line_up_with_the_header_is_read_in_order():
    header = SPACED_HEADER
    shorter = ["（一）予以公开", "3", "0", "0", "0", "0", "0", "3"]
    assert placed(collect(header, shorter, context="requests"), "requests", "granted") == \
        dict(zip(APPLICANTS, shorter[1:]))
    # two different values under one header cell: not lined up either, read in order (and noted as too many)
    two = ["（一）予以公开", "", "3", "4", "", "0", "", "0", "", "0", "", "0", "", "0", "", "3"]
    collector = collect(header, two, context="requests")
    assert placed(collector, "requests", "granted") == dict(zip(APPLICANTS, ["3", "4", "", "0", "", "0", ""]))
    assert any("多于 7 个" in m for m in notes(collector, "warning"))
    # a value outside the header's cells
    outside = ["（一）予以公开", "9", "3", "", "0", "", "0", "", "0", "", "0", "", "0", "", "3", ""]
    collector = collect(header, outside, context="requests")
    assert placed(collector, "requests", "granted")["natural"] == "9"


def test_values_under_a_header_that_starts_right_after_the_label():
    header = ["申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计", ""]
    row = ["（一）予以公开", "", "1", "0", "0", "0", "0", "1", ""]
    collector = collect(header, row, context="requests")
    assert placed(collector, "requests", "granted") == dict(zip(APPLICANTS, ["", "1", "0", "0", "0", "0", "1"]))


def test_a_header_of_another_grid_is_not_used():
    header = SPACED_HEADER
    row = ["（一）予以公开", "", "", "", "3", "", "0", "", "0", "", "0", "", "0", "", "3", ""]
    collector = TableCollector(EDITION, [])
    collector.context = "requests"
    collector.process_row(header, "w")
    collector.position = 7                                      # the row stands in another grid
    collector.process_row(row, "w")
    assert placed(collector, "requests", "granted")["natural"] == "3"     # in order: no header to line up with


# -- rows with too many or too few cells ------------------------------------------------------------

def test_only_as_many_blank_end_cells_are_dropped_as_the_row_has_too_many():
    one_extra = collect(GRANTED + [""])
    assert placed(one_extra, "requests", "granted") == dict(zip(APPLICANTS, GRANTED[1:]))
    assert notes(one_extra) == []
    # one blank grid cell too many at the start: the blank first value stays where it stands
    blank_first = collect(["（一）予以公开", "", "", "1", "0", "0", "0", "0", "1"])
    assert placed(blank_first, "requests", "granted") == dict(zip(APPLICANTS, ["", "1", "0", "0", "0", "0", "1"]))
    # one at the start, and blank last values: they stay too
    blank_last = collect(["（一）予以公开", "", "1", "0", "0", "0", "0", "", ""])
    assert placed(blank_last, "requests", "granted") == dict(zip(APPLICANTS, ["1", "0", "0", "0", "0", "", ""]))
    assert notes(blank_first) == notes(blank_last) == []


def test_a_blank_last_cell_of_a_row_of_the_right_width_stays_in_place():
    row = ["（一）予以公开", "1", "0", "0", "0", "0", "0", ""]
    collector = collect(row)
    assert placed(collector, "requests", "granted") == dict(zip(APPLICANTS, ["1", "0", "0", "0", "0", "0", ""]))
    assert notes(collector) == []


def test_blank_cells_at_both_ends_are_dropped():
    row = ["", "（一）予以公开", "", "1", "0", "0", "0", "0", "0", "1", "", ""]
    collector = collect(row)
    assert placed(collector, "requests", "granted") == dict(zip(APPLICANTS, ["1", "0", "0", "0", "0", "0", "1"]))
    assert notes(collector) == []


def test_a_blank_cell_inside_a_row_of_the_right_width_stays_in_place():
    row = ["（一）予以公开", "", "1", "0", "0", "0", "0", "1"]
    assert placed(collect(row), "requests", "granted") == dict(zip(APPLICANTS, ["", "1", "0", "0", "0", "0", "1"]))


def test_a_merged_cell_repeated_over_the_grid_is_read_once():
    row = ["（一）予以公开"] + [v for v in ["2", "0", "0", "0", "0", "0", "2"] for _ in range(2)]
    collector = collect(row)
    assert placed(collector, "requests", "granted") == dict(zip(APPLICANTS, ["2", "0", "0", "0", "0", "0", "2"]))
    assert said(collector) == [("info", "“（一）予以公开”一行的数值是跨列合并的单元格，每格按一个数值读取")]
    assert where(collector) == ["第1行"]


def test_a_merged_cell_keeps_the_text_of_its_first_grid_column():
    # copies that differ only in width or spacing are one merged value: the first copy's text is the one kept
    row = ["（一）予以公开"] + [v for pair in [("１２", "12"), ("0", "0"), ("0", "0"), ("0", "0"), ("0", "0"),
                                              ("0", "0"), ("1 2", "12")] for v in pair]
    assert placed(collect(row), "requests", "granted") == dict(zip(APPLICANTS, ["１２", "0", "0", "0", "0", "0", "1 2"]))


def test_more_cells_than_the_row_has_keep_the_first_and_say_what_was_dropped():
    row = GRANTED + ["8", "9"]
    collector = collect(row)
    assert placed(collector, "requests", "granted") == dict(zip(APPLICANTS, GRANTED[1:]))
    assert notes(collector, "warning") == ["“（一）予以公开”一行的单元格多于 7 个，多出的已忽略：8 9"]
    assert where(collector) == ["第1行"]
    many = collect(GRANTED + ["123456789"] * 4)
    assert notes(many, "warning") == ["“（一）予以公开”一行的单元格多于 7 个，多出的已忽略："
                                      + " ".join(["123456789"] * 4)[:30]]


def test_twice_as_many_different_cells_are_not_taken_for_merged_ones():
    row = ["（一）予以公开"] + ["1", "2"] * 7
    collector = collect(row)
    assert placed(collector, "requests", "granted") == dict(zip(APPLICANTS, ["1", "2", "1", "2", "1", "2", "1"]))
    assert notes(collector, "warning") == ["“（一）予以公开”一行的单元格多于 7 个，多出的已忽略：2 1 2 1 2 1 2"]


def test_fewer_cells_fill_the_first_columns_and_say_so():
    collector = collect(["（一）予以公开", "5", "0", "5"])
    assert placed(collector, "requests", "granted") == dict(zip(APPLICANTS, ["5", "0", "5", "", "", "", ""]))
    assert notes(collector, "warning") == [
        "“（一）予以公开”一行只有 3 个数值，应有 7 个；已按顺序填入前 3 列，其余留空，请核对"]
    assert where(collector) == ["第1行"]


def test_digits_run_together_in_text_rows_are_kept_for_splitting():
    collector = collect(["（一）予以公开", "1000001"], run_together=True)
    raw = collector.rows[("requests", "granted")]
    assert raw.run_together and raw.values == ["1000001"]
    assert raw.cells == [("granted", c) for c in APPLICANTS]
    assert notes(collector) == []
    spaced = collect(["（一）予以公开", "1 000", "00 1"], run_together=True).rows[("requests", "granted")]
    assert spaced.run_together and spaced.values == ["1000", "001"]


@pytest.mark.parametrize("cells, run_together", [
    (["（一）予以公开", "1000001"], False),            # a Word cell is one value, whatever its digits
    (["（一）予以公开", "1", "0"], True),               # one digit a cell: nothing ran together
    (["（一）予以公开", "1-0"], True),                  # not digits
])
def test_other_short_rows_are_not_split(cells, run_together):
    raw = collect(cells, run_together=run_together).rows[("requests", "granted")]
    assert not raw.run_together and len(raw.values) == 7


def test_grid_rows_are_not_split_unless_the_reader_says_the_digits_ran_together():
    collector = TableCollector(EDITION, [])
    collector.process_row(["（一）予以公开", "1000001"], "w")               # as the recognizer passes grid rows
    assert collector.rows[("requests", "granted")].values == ["1000001", "", "", "", "", "", ""]


# -- rows seen twice ------------------------------------------------------------------------------

def test_a_row_seen_twice_keeps_the_first_values_and_warns_if_they_differ():
    other = ["（一）予以公开", "9", "0", "0", "0", "0", "0", "9"]
    collector = collect(GRANTED, other, GRANTED)
    assert placed(collector, "requests", "granted")["natural"] == "10"
    assert notes(collector, "warning") == ["“（一）予以公开”出现了不止一次，已采用第一次出现的数值"]
    assert where(collector) == ["第2行"]
    assert collect(GRANTED, GRANTED).notes == []


def test_rows_from_the_text_walk_are_kept_like_grid_rows():
    table = EDITION.table("requests")
    collector = TableCollector(EDITION, [])
    collector.position = 42
    cells = [("granted", c) for c in APPLICANTS]
    collector.add_raw(table, "granted", cells, ["1"] * 7, "w", "（一）予以公开", False)
    collector.add_raw(table, "granted", cells, ["1"] * 7, "w", "（一）予以公开", False)
    assert collector.notes == []
    collector.add_raw(table, "granted", cells, ["2"] * 7, "w2", "（一）予以公开", False)
    raw = collector.rows[("requests", "granted")]
    assert (raw.values, raw.where, raw.run_together, collector.first_seen) == (["1"] * 7, "w", False, {"requests": 42})
    assert (raw.table, raw.cells, raw.label) == ("requests", cells, "（一）予以公开")
    assert notes(collector, "warning") == ["“（一）予以公开”出现了不止一次，已采用第一次出现的数值"]
    assert where(collector) == ["w2"]
    collector.add_raw(EDITION.table("appeals"), None, [], ["0"] * 15, "w", "行政复议", True)
    assert collector.rows[("appeals", "*")].run_together


def test_label_notes_of_the_text_walk():
    collector = TableCollector(EDITION, [])
    index = collector.index
    collector.note_label("4.保护第三方\n合法权益", index.find("4.保护第三方合法权益"), "w")
    collector.note_label("（二）部分  公开", index.find("（二）部分公开"), "w")
    collector.note_label("（二）部分公开", index.find("（二）部分公开"), "w")     # said once
    assert notes(collector) == ["标签“4.保护第三方”与“合法权益”分在两处，已合并读取",
                                "“（二）部分 公开”按“（二）部分公开（区分处理的，只计这一情形，不计其他情形）”读取",
                                "“（二）部分公开”按“（二）部分公开（区分处理的，只计这一情形，不计其他情形）”读取"]
    assert [(n.level, n.where) for n in collector.notes] == [("info", "w")] * 3
    three = TableCollector(EDITION, [])
    three.note_label("4.保护\n第三方\n合法权益", index.find("4.保护第三方合法权益"), "w")
    assert notes(three)[0].startswith("标签“4.保护”与“第三方")             # the first line, then the rest
    collector.warn("注意", None)
    collector.info("提示", "")
    assert [(n.level, n.where) for n in collector.notes[-2:]] == [("warning", None), ("info", None)]
    collector.warn("请核对第3行", "第3行")
    collector.info("已按第4行读取", "第4行")
    assert [(n.level, n.message, n.where) for n in collector.notes[-2:]] == [
        ("warning", "请核对第3行", "第3行"), ("info", "已按第4行读取", "第4行")]
