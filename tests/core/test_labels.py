"""Reading the statutory labels as real reports write them: width and punctuation folded, the variants
the edition lists, labels that lost their numbering, and near matches (typos) — never a guess between two
labels. Direct look-ups in the label index, and whole imports for the variants an audit saw go unread."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from app.editions import EDITIONS_DIR, load_edition_file
from app.recognize.labels import LabelIndex, Target, _distance, label_index, norm, numbering
from tests.core.test_import_txt import load, messages, render, replace_once, report_values

EDITIONS = ["2019", "2021"]


def found(text: str, edition: str = "2021"):
    """(how, [(kind, table, id), …]) of the label a cell's text names, or None."""
    match = label_index(edition).find(text)
    return None if match is None else (match.how, [(t.kind, t.table, t.id) for t in match.targets])


# -- the comparison key ------------------------------------------------------------------------------

@pytest.mark.parametrize("written, key", [
    ("（二）部分公开", "(二)部分公开"),                             # full width → half width
    ("3.危及“三安全一稳定”", "3.危及三安全一稳定"),                  # quotes dropped
    ("3.危及「三安全一稳定」", "3.危及三安全一稳定"),
    ("结果 维持", "结果维持"), ("结果\u3000维持\t", "结果维持"),      # spaces of every kind
    ("（七）合计", "(七)总计"), ("2.没有现成信息需要另行制作", "2.没有现成信息需另行制作"),
    ("1、属于国家秘密", "1.属于国家秘密"), ("1 ．属于国家秘密", "1.属于国家秘密"), ("1，重复申请", "1.重复申请"),
    ("12、重复申请", "12.重复申请"), ("123、重复申请", "123、重复申请"),   # three digits are no numbering
    ("三．本年度办理结果", "三、本年度办理结果"), ("三 , 本年度办理结果", "三、本年度办理结果"),
    ("四、结转下年度继续办理：", "四、结转下年度继续办理"), ("结果维持。。；", "结果维持"), ("结果维持,", "结果维持"),
    ("：", ""), ("", ""),
])
def test_labels_are_compared_by_a_folded_key(written, key):
    assert norm(written) == key


@pytest.mark.parametrize("key, prefix", [
    ("1.属于国家秘密", "1."), ("12.重复申请", "12."), ("(二)部分公开", "(二)"), ("三、本年度办理结果", "三、"),
    ("(十一)其他", "(十一)"), ("结果维持", ""), ("1、重复申请", ""), ("(1)重复申请", ""),
])
def test_the_numbering_prefix_of_a_key(key, prefix):
    assert numbering(key) == prefix


# -- what the index knows ------------------------------------------------------------------------------

@pytest.mark.parametrize("edition", EDITIONS)
def test_the_row_variants_of_the_audit_are_read_as_their_rows(edition):
    assert found("（二）部分公开", edition) == ("variant", [("row", "requests", "partial")])
    assert found("5.要求确认或重新出具已获取信息", edition) == ("variant", [("row", "requests", "not_processed_5")])
    match = label_index(edition).find("（二）部分公开")
    assert match.targets[0].label == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"   # named in notes


def test_every_kind_of_label_is_indexed_with_its_official_wording():
    assert found("（二）部分公开（区分处理的，只计这一情形，不计其他情形）") == ("exact", [("row", "requests", "partial")])
    assert found("本年收费金额") == ("variant", [("column", "active", "amount")])
    assert label_index("2021").find("本年收费金额").targets == (
        Target("column", "active", "amount", "本年收费金额（单位：万元）"),)
    assert found("三、本年度办理结果") == ("exact", [("path", "requests", "三、本年度办理结果")])
    assert found("法人或其他组织") == ("exact", [("group", "requests", "法人或其他组织")])
    assert found("第二十条第（一）项") == ("exact", [("block", "active", "0")])
    assert found("第二十条第（八）项") == ("exact", [("block", "active", "3")])
    assert found("申请人情况") == ("exact", [("corner", "requests", "corner")])
    assert found("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）") == (
        "exact", [("note", "requests", "note")])
    index = label_index("2021")
    assert index.find("三、本年度办理结果").targets == (Target("path", "requests", "三、本年度办理结果", "三、本年度办理结果"),)
    assert index.find("法人或其他组织").targets == (Target("group", "requests", "法人或其他组织", "法人或其他组织"),)
    assert index.find("第二十条第（五）项").targets == (Target("block", "active", "1", "第二十条第（五）项"),)
    assert index.find("信息内容").targets == (Target("corner", "active", "corner", "信息内容"),)
    assert index.find("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）").targets == (
        Target("note", "requests", "note", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"),)
    assert index.find("结果纠正").targets == (Target("column", "appeals", "corrected", "结果纠正"),)
    assert index.find("（一）予以公开").targets == (Target("row", "requests", "granted", "（一）予以公开"),)
    assert index.find("予以公开").targets == (Target("row", "requests", "granted", "（一）予以公开"),)
    assert index.find("5.要求确认或重新出具已获取信息").targets == (
        Target("row", "requests", "not_processed_5", "5.要求行政机关确认或重新出具已获取信息"),)
    assert index.find("结果维护").targets == (Target("column", "appeals", "upheld", "结果维持"),)


def test_a_label_shared_by_two_tables_names_both_once():
    assert found("总计") == ("exact", [("column", "requests", "total"), ("column", "appeals", "total")])
    assert found("合计") == found("总计")
    match = label_index("2021").find("总计")
    assert [t.table for t in match.of_kind("column")] == ["requests", "appeals"]
    assert match.of_kind("row", "path") == []
    assert [t.id for t in label_index("2021").find("（七）合计").of_kind("row", "column")] == ["results_total"]


def test_a_variant_that_folds_to_the_label_itself_is_an_exact_match():
    assert found("3.危及三安全一稳定") == ("exact", [("row", "requests", "withheld_3")])


def test_each_edition_has_its_own_labels():
    assert found("本年增减", "2019") == ("variant", [("column", "active", "change")])
    assert found("本年增减", "2021") is None
    assert label_index("2019") is label_index("2019")                    # built once


def test_text_that_names_no_label_is_none():
    assert found("") is None
    assert found("  ：。") is None
    assert found("本镇认真贯彻落实条例") is None


# -- labels that lost their numbering (Word's automatic numbering) --------------------------------------

def test_a_row_label_without_its_numbering_is_read_as_a_variant():
    assert found("部分公开") == ("variant", [("row", "requests", "partial")])
    assert found("重复申请") == ("variant", [("row", "requests", "not_processed_2")])       # four characters
    assert found("要求确认或重新出具已获取信息") == ("variant", [("row", "requests", "not_processed_5")])
    assert found("本年新收政府信息公开申请数量") == ("variant", [("row", "requests", "new")])


def test_a_path_heading_without_its_numbering_is_not_a_row():
    assert found("本年度办理结果") is None


def edition_with_rows(tmp_path: Path, rows: list[dict]):
    """The 2021 edition with ``rows`` added to its appeals-free requests table (a made-up edition file)."""
    data = yaml.safe_load((EDITIONS_DIR / "2021.yaml").read_text(encoding="utf-8"))
    data["id"] = "test"
    requests = next(t for t in data["tables"] if t["id"] == "requests")
    requests["rows"] = requests["rows"][:-2] + rows + requests["rows"][-2:]
    path = tmp_path / "test.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return LabelIndex(load_edition_file(path))


def test_unnumbered_labels_need_four_characters_and_one_row(tmp_path):
    index = edition_with_rows(tmp_path, [
        {"id": "x1", "label": "1.三个字"}, {"id": "x2", "label": "2.四个字的"},
        {"id": "x3", "label": "3.两行同名", "path": ["甲"]}, {"id": "x4", "label": "4.两行同名", "path": ["乙"]},
        {"id": "x5", "label": "5.结果纠正"}, {"id": "x6", "label": "6.结果维护"},
    ])
    assert index.find("三个字") is None
    assert [(index.find("四个字的").how, index.find("四个字的").targets[0].id)] == [("variant", "x2")]
    assert index.find("两行同名") is None                                # two rows: no guess
    assert [(t.kind, t.id) for t in index.find("结果纠正").targets] == [("column", "corrected")]   # the exact label wins
    assert [(t.kind, t.id) for t in index.find("结果维护").targets] == [("column", "upheld")]     # so does a variant
    assert [t.id for t in index.find("6.结果维护").targets] == ["x6"]


def test_a_row_reached_by_its_label_and_a_variant_is_named_once(tmp_path):
    index = edition_with_rows(tmp_path, [{"id": "x1", "label": "1.同一行名", "variants": ["（一）同一行名"]}])
    match = index.find("同一行名")
    assert (match.how, [t.id for t in match.targets]) == ("variant", ["x1"])
    assert index.find("（一）同一行名").how == "variant"


# -- near matches (typos) -------------------------------------------------------------------------------

def test_a_typo_is_read_as_the_one_label_it_is_close_to():
    assert found("结果纠错") == ("fuzzy", [("column", "appeals", "corrected")])       # one edit in four characters
    assert found("结果纠正了") == ("fuzzy", [("column", "appeals", "corrected")])     # one character more
    assert found("4.保护第三者合法权利") == ("fuzzy", [("row", "requests", "withheld_4")])   # two edits in eleven
    assert found("本年处理决定数目") == ("fuzzy", [("column", "active", "decisions")])    # one edit in eight
    assert found("三、今年度办里结果") == ("fuzzy", [("path", "requests", "三、本年度办理结果")])   # two in nine


def test_too_many_edits_are_not_a_typo():
    assert found("结果改错") is None                                    # two edits in four characters
    assert found("本年处里决定数目") is None                            # two edits in eight characters
    assert found("4.保护第三者合法权利人") is None                        # three edits in twelve
    assert found("1.属于国家秘密的事项") is None                         # three characters more
    # the one label of the same numbering and length, two edits away, is no typo: not read as the total row
    assert found("（七）其他") is None
    assert found("（七）总汁") == ("fuzzy", [("row", "requests", "results_total")])


def test_a_near_match_keeps_the_numbering_and_refuses_digits_and_short_text():
    assert found("5.保护第三方合法权益") is None                         # another number: another row
    assert found("结果纠正1") is None                                   # a figure is no typo
    assert found("结果纠") is None                                      # three characters: too short
    assert found("自然人们") is None                                    # short labels are never near-matched


def test_a_typo_as_close_to_two_labels_is_not_guessed():
    assert found("结果纠持") is None                                    # 结果纠正 and 结果维持 both one edit away


def test_the_closest_of_two_near_labels_wins():
    # one edit from 4.保护第三方合法权益, two from nothing else: and the cached answer stays the same
    assert found("4.保护第三方合法权利") == ("fuzzy", [("row", "requests", "withheld_4")])
    index = label_index("2021")
    assert index.find("4.保护第三方合法权利") == index.find("4.保护第三方合法权利")
    assert found("2.没有现成信息需另行制做") == ("fuzzy", [("row", "requests", "unavailable_2")])


@pytest.mark.parametrize("a, b, limit, distance", [
    ("结果维持", "结果维持", 2, 0), ("结果维持", "结果纠正", 3, 2), ("结果维持", "结果纠正", 2, 2), ("结果维持", "结果维", 2, 1),
    ("结果维", "结果维持", 2, 1), ("维持结果", "结果维持", 9, 4), ("", "结果", 5, 2), ("abc", "", 5, 3),
    ("aaaa", "bbbb", 1, 2), ("kitten", "sitting", 5, 3),
])
def test_edit_distance_gives_up_beyond_its_limit(a, b, limit, distance):
    assert _distance(a, b, limit) == distance


# -- whole imports ----------------------------------------------------------------------------------

@pytest.mark.parametrize("edition", EDITIONS)
def test_a_report_written_with_the_short_variants_imports_every_cell(tmp_path, edition):
    values = report_values(edition)
    values.update({("requests", "partial", "natural"): 3, ("requests", "partial", "total"): 3,
                   ("requests", "not_processed_5", "commercial"): 2, ("requests", "not_processed_5", "total"): 2})
    text = render(edition, "rows", values)
    text = replace_once(text, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开")
    text = replace_once(text, "5.要求行政机关确认或重新出具已获取信息", "5.要求确认或重新出具已获取信息")
    text = replace_once(text, "四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政复议行政诉讼情况")
    imported = load(tmp_path, text)
    report = imported.report
    assert report.tables["requests"]["partial"]["natural"] == 3
    assert report.tables["requests"]["not_processed_5"]["commercial"] == 2
    assert report.tables["appeals"]["review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2}
    assert {key: report.get(*key) for key in values} == values
    notes = messages(imported, "info")
    assert "“（二）部分公开”按“（二）部分公开（区分处理的，只计这一情形，不计其他情形）”读取" in notes
    assert "“5.要求确认或重新出具已获取信息”按“5.要求行政机关确认或重新出具已获取信息”读取" in notes
    assert messages(imported, "warning") == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_labels_written_in_full_are_read_whole_without_notes(tmp_path, edition):
    # the longest label wins: （二）部分公开（区分处理的…） is not read as its short variant plus stray text
    imported = load(tmp_path, render(edition, "plain"))
    assert [m for m in messages(imported) if "读取" in m] == []
