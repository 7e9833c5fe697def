"""Hand-written text fixtures for the oddities of real reports, both editions: traditional characters,
organ forms, the web page around a report, heading and label variants, headers broken over lines,
run-together digits settled (or not) by the narrative, the split-search bound, unreadable labels,
and reports whose tables hold no value at all."""
from __future__ import annotations

from pathlib import Path

import opencc
import pytest

from app.checks import run_checks
from app.formats import import_report
from tests.core.test_import_txt import OTHER, OVERVIEW, PROBLEMS, render, replace_once, report_values

SAMPLES = Path(__file__).parents[1] / "data" / "samples"
EDITIONS = ["2019", "2021"]


def load(tmp_path: Path, text: str):
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return import_report(path)


def cells(report) -> dict:
    return {key: report.get(*key) for key in report_values(report.edition)}


def messages(imported, level: str | None = None) -> list[str]:
    return [n.message for n in imported.notes if level is None or n.level == level]


# -- traditional characters ----------------------------------------------------------------------

@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("layout", ["rows", "web"])
def test_a_report_in_traditional_characters_is_read_and_kept_as_written(tmp_path, edition, layout):
    to_traditional = opencc.OpenCC("s2t").convert
    text = to_traditional(render(edition, layout))
    assert "總體情況" in text and "桃源鎮" in text
    imported = load(tmp_path, text)
    report = imported.report
    assert cells(report) == report_values(edition)
    assert report.organ == "桃源鎮人民政府"
    assert report.title == to_traditional(f"桃源镇人民政府{int(edition) + 1}年政府信息公开工作年度报告")
    assert report.sections["overview"] == to_traditional(OVERVIEW)
    assert report.sections["other"] == to_traditional(OTHER)
    assert messages(imported, "warning") == []


# -- organs --------------------------------------------------------------------------------------

@pytest.mark.parametrize("title, contact, organ", [
    ("金寨县汤家汇镇2020年政府信息公开工作年度报告", "", "汤家汇镇人民政府"),
    ("", "如对本报告有疑问，请与汤家汇镇党政办联系。", "汤家汇镇人民政府"),
    ("", "2020年，汤家汇镇认真贯彻落实条例。", "汤家汇镇人民政府"),
    ("", "2020年，全镇认真贯彻落实条例。", ""),
    ("", "如有疑问，请与城关街道党工委联系。", "城关街道办事处"),
    ("城关街道2020年政府信息公开工作年度报告", "", "城关街道办事处"),
    ("平潭综合实验区管委会2020年政府信息公开工作年度报告", "", "平潭综合实验区管理委员会"),
    ("", "如有疑问，请与平潭综合实验区管委会办公室联系。", "平潭综合实验区管理委员会"),
    ("金寨县人民政府2020年政府信息公开工作年度报告", "", "金寨县人民政府"),
    ("福州市生态环境局2020年政府信息公开工作年度报告", "", "福州市生态环境局"),
    ("桃源镇人民政府2020年政府信息公开工作年度报告", "", "桃源镇人民政府"),
])
def test_the_organ_is_named_as_the_report_names_it(tmp_path, title, contact, organ):
    text = render("2019", "rows").split("\n", 1)[1]
    text = (title + "\n" if title else "") + (contact + "\n" if contact else "") + text
    report = load(tmp_path, text).report
    assert (report.organ, report.title) == (organ, title)


def test_a_breadcrumb_is_neither_title_nor_organ(tmp_path):
    text = "首页 > 政务公开 > 金寨县人民政府 > 政府信息公开年报\n" + render("2021", "rows", organ="桃源镇人民政府")
    report = load(tmp_path, text).report
    assert (report.title, report.organ) == ("桃源镇人民政府2022年政府信息公开工作年度报告", "桃源镇人民政府")
    assert report.sections["preamble"] == ""


@pytest.mark.parametrize("end", list("。；;"))   # lines are matched folded: ；→; (！？→!? end none)
def test_a_line_holding_a_sentence_is_neither_the_title_nor_its_first_half(tmp_path, end):
    body = render("2019", "rows").split("\n", 1)[1]
    title = "桃源镇人民政府2020年政府信息公开工作年度报告"
    ends_like_a_title = f"本报告依条例编制{end}现公布年度报告"
    report = load(tmp_path, f"{ends_like_a_title}\n{title}\n{body}").report
    assert (report.title, report.sections["preamble"]) == (title, ends_like_a_title)
    names_the_organ = f"桃源镇人民政府依条例编制{end}现予公布"          # not joined to a title without the organ
    report = load(tmp_path, f"{names_the_organ}\n2020年政府信息公开工作年度报告\n{body}").report
    assert (report.title, report.sections["preamble"]) == ("2020年政府信息公开工作年度报告", names_the_organ)


# -- the page around the report ------------------------------------------------------------------

PREAMBLE = "本报告根据《中华人民共和国政府信息公开条例》编制。"


@pytest.mark.parametrize("edition, space", [("2019", " "), ("2021", " "), ("2021", "")])
def test_a_whole_web_page_on_one_line_loses_its_chrome(tmp_path, edition, space):
    year = int(edition) + 1
    body = render(edition, "web").replace("\n", space)
    title, rest = body.split(space or "\u3000", 1) if space else body.split("年度报告", 1)
    title = title if space else title + "年度报告"
    chrome = (f"首页 > 政务公开 > 政府信息公开年报 {title} 发布日期：{year + 1}-01-20 来源：桃源镇 "
              f"字体：大 中 小 打印 分享至： ") if space else title
    page = f"{chrome}{PREAMBLE}{space}{rest} 【打印】 【关闭】"
    imported = load(tmp_path, page)
    report = imported.report
    assert (report.title, report.organ, report.year) == (title, "桃源镇人民政府", year)
    assert report.sections["preamble"] == PREAMBLE
    assert report.sections == {"preamble": PREAMBLE, "overview": OVERVIEW, "problems": PROBLEMS, "other": OTHER}
    assert cells(report) == report_values(edition)


def test_a_saving_tools_header_gives_the_title_when_the_body_has_none(tmp_path):
    body = render("2021", "tabs").split("\n", 1)[1]
    header = ("标题: 桃源镇人民政府2022年政府信息公开工作年度报告\n发布时间: 2023-01-20 09:00\n文号: \n"
              "原文链接: https://example.gov.cn/nb/2023.htm\n==================== 正文 ====================\n")
    report = load(tmp_path, header + PREAMBLE + "\n" + body).report
    assert report.title == "桃源镇人民政府2022年政府信息公开工作年度报告"
    assert report.sections["preamble"] == PREAMBLE
    assert report.organ == "桃源镇人民政府"


@pytest.mark.parametrize("indent", ["", "  ", "\u3000\u3000", "\t", "\u00a0", "\u2003"])
def test_a_saving_tools_header_is_dropped_however_it_is_indented(tmp_path, indent):
    body = render("2021", "tabs").split("\n", 1)[1]
    header = ["标题：桃源镇人民政府2022年政府信息公开工作年度报告", "发布时间: 2023-01-20 09:00", "保存时间：2023-02-01",
              "来源 ：桃源镇", "=====  正文  ====="]
    text = "".join(f"{indent}{line}\n" for line in [*header, PREAMBLE, "本地目录的说明不是页头"]) + body
    report = load(tmp_path, text).report
    assert report.title == "桃源镇人民政府2022年政府信息公开工作年度报告"
    assert report.sections["preamble"] == PREAMBLE + "\n本地目录的说明不是页头"


# -- headings and labels as real reports write them ----------------------------------------------

@pytest.mark.parametrize("edition", EDITIONS)
def test_heading_variants_and_ascii_punctuation(tmp_path, edition):
    text = render(edition, "rows")
    for old, new in [("一、总体情况", "一、总体工作开展情况"), ("二、主动公开政府信息情况", "二、行政机关主动公开政府信息情况"),
                     ("四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开申请行政复议、提起行政诉讼的情况"),
                     ("（一）予以公开", "(一)予以公开"), ("（区分处理的，只计这一情形，不计其他情形）", "(区分处理的,只计这一情形,不计其他情形)"),
                     ("第二十条第（一）项", "第二十条第(一)项"), ("六、其他需要报告的事项\n", "六、其他需要报告的事项:")]:
        text = replace_once(text, old, new)
    imported = load(tmp_path, text)
    assert cells(imported.report) == report_values(edition)
    assert imported.report.sections == {"preamble": "", "overview": OVERVIEW, "problems": PROBLEMS, "other": OTHER}
    assert messages(imported, "warning") == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_headers_broken_over_lines_and_labels_with_the_templates_notes(tmp_path, edition):
    text = render(edition, "cells")
    column = "本年新制作数量" if edition == "2019" else "本年制发件数"
    text = replace_once(text, f"\t{column}", f"\t{column[:3]}\n\t{column[3:]}")
    text = replace_once(text, "\t商业企业", "\t商业\n\t企业")
    text = replace_once(text, "\t规章\n", "\t规章(设区的市、自治州人民政府应提供相关数据)\n")
    imported = load(tmp_path, text)
    assert cells(imported.report) == report_values(edition)
    assert messages(imported, "warning") == []


def test_headings_in_the_middle_of_a_line_start_their_sections(tmp_path):
    text = render("2021", "rows").replace("\n一、总体情况\n", "\n本报告依据条例编制。一、总体情况")
    report = load(tmp_path, text).report
    assert report.sections["preamble"] == "本报告依据条例编制。"
    assert report.sections["overview"] == OVERVIEW


@pytest.mark.parametrize("layout", ["rows", "web"])
def test_a_row_label_is_not_a_section_heading(tmp_path, layout):
    """Without its heading, the requests table is still read by its labels; its rows 三、本年度办理结果
    and 四、结转下年度继续办理 are not taken for the missing heading 三 (or for 四)."""
    text = replace_once(render("2021", layout), "三、收到和处理政府信息公开申请情况", "")
    imported = load(tmp_path, text)
    assert cells(imported.report) == report_values("2021")
    assert imported.report.sections["problems"] == PROBLEMS
    assert not any("三、" in m and "读取" in m and "标题" in m for m in messages(imported))


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("layout", ["rows", "plain"])
def test_a_table_whose_heading_is_missing_is_read_out_of_the_text_before_it(tmp_path, edition, layout):
    text = replace_once(render(edition, layout), "二、主动公开政府信息情况\n", "")
    imported = load(tmp_path, text)
    assert cells(imported.report) == report_values(edition)
    assert imported.report.sections["overview"] == OVERVIEW


@pytest.mark.parametrize("edition", EDITIONS)
def test_row_labels_that_lost_their_automatic_numbering_are_read(tmp_path, edition):
    """Word's automatic list numbers (1. 2. …, （一）…) are often lost when a table is copied as text."""
    import re as regex
    text = regex.sub(r"(?m)^(?:\d\.|（[一二三四五六七]）)(?=\S)", "", render(edition, "rows"))
    assert "\n属于国家秘密\t" in text
    imported = load(tmp_path, text)
    values = report_values(edition)
    got = cells(imported.report)
    assert {k: v for k, v in got.items() if k[1] != "results_total" and k[1] != "other_3"} == \
        {k: v for k, v in values.items() if k[1] != "results_total" and k[1] != "other_3"}


# -- values ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("edition", EDITIONS)
def test_a_multi_digit_value_among_separate_values_is_not_split(tmp_path, edition):
    text = render(edition, "web")
    label = "行政许可"
    start = text.index(label) + len(label)
    end = start + len(text[start:].split("第")[0].split("行政")[0])
    text = text[:start] + "19 0" + text[end:] if edition == "2019" else text
    if edition == "2021":
        text = replace_once(text, "行政事业性收费19.8303", "行政事业性收费 19")
        text = replace_once(text, "规章1 2 3", "规章19 2")
    imported = load(tmp_path, text)
    report = imported.report
    row = "licensing" if edition == "2019" else "rules"
    assert set(report.tables["active"][row].values()) == {None}
    assert any("只有 2 个数值" in m and "未导入" in m for m in messages(imported, "warning"))
    assert 1 not in report.tables["active"][row].values() and 9 not in report.tables["active"][row].values()


def _pingtan(text_change=None) -> str:
    text = (SAMPLES / "2022_pingtan_web.txt").read_text(encoding="utf-8")
    return text_change(text) if text_change else text


def test_run_together_digits_are_settled_by_the_figures_the_narrative_states(tmp_path):
    imported = load(tmp_path, _pingtan())
    assert imported.report.tables["active"]["normative_docs"] == {"issued": 88, "repealed": 55, "in_force": 698}
    assert any("8855698" in m and "正文写明了 88、698" in m for m in messages(imported, "info"))


def test_without_the_narrative_figures_an_ambiguous_row_is_left_blank_with_a_note(tmp_path):
    def drop(text):
        return text.replace("现行有效行政规范性文件698件", "现行有效行政规范性文件若干件").replace(
            "制发的规范性文件88件", "制发的规范性文件若干件")
    imported = load(tmp_path, _pingtan(drop))
    assert set(imported.report.tables["active"]["normative_docs"].values()) == {None}
    assert any("8855698" in m and "种拆分都符合" in m and "未导入" in m for m in messages(imported, "warning"))
    assert imported.report.tables["requests"]["new"]["total"] == 74        # the rest is still read


def test_a_digit_run_beyond_the_split_search_bound_is_not_imported_and_says_so(tmp_path):
    imported = load(tmp_path, _pingtan(lambda t: t.replace("（七）总计 723000075", "（七）总计 " + "1" * 40)))
    assert set(imported.report.tables["requests"]["results_total"].values()) == {None}
    assert any("（七）总计" in m and "搜索上限" in m for m in messages(imported, "warning"))


# -- rows whose label cannot be read ----------------------------------------------------------------

def test_one_unreadable_label_between_two_rows_is_placed_by_the_statutory_order(tmp_path):
    values = report_values("2019")
    values[("requests", "withheld_4", "natural")] = 0
    text = replace_once(render("2019", "rows"), "4.保护第三方合法权益", "4.涉及他人隐私的")
    imported = load(tmp_path, text)
    assert imported.report.get("requests", "withheld_4", "total") == 0
    assert cells(imported.report) == report_values("2019")
    assert any("涉及他人隐私" in m and "按表格的行序读作“4.保护第三方合法权益”" in m for m in messages(imported, "warning"))


def test_two_unreadable_labels_in_a_row_are_not_guessed(tmp_path):
    text = render("2019", "rows")
    text = replace_once(text, "4.保护第三方合法权益", "4.涉及他人隐私的")
    text = replace_once(text, "5.属于三类内部事务信息", "5.内部的事务")
    imported = load(tmp_path, text)
    assert imported.report.get("requests", "withheld_4", "total") is None
    assert imported.report.get("requests", "withheld_5", "total") is None
    assert sum("无法确定这一行数据属于表格的哪一行" in m for m in messages(imported, "warning")) == 2


# -- no statistics at all ------------------------------------------------------------------------

@pytest.mark.parametrize("edition", EDITIONS)
def test_a_report_whose_tables_hold_no_value_fails_the_check(tmp_path, edition):
    lines = [f"桃源镇人民政府{int(edition) + 1}年政府信息公开工作年度报告", "一、总体情况", OVERVIEW,
             "二、主动公开政府信息情况", "（图片）", "三、收到和处理政府信息公开申请情况", "（图片）",
             "四、政府信息公开行政复议、行政诉讼情况", "（图片）", "五、存在的主要问题及改进情况", PROBLEMS,
             "六、其他需要报告的事项", OTHER]
    report = load(tmp_path, "\n".join(lines)).report
    empty = [f for f in run_checks(report) if f.rule == "tables.empty"]
    assert [(f.level.value, f.cell) for f in empty] == [("error", None)]
    assert "统计数据缺失" in empty[0].message


def test_a_report_with_values_does_not_trip_the_empty_tables_rule(tmp_path):
    report = load(tmp_path, render("2021", "rows")).report
    assert not [f for f in run_checks(report) if f.rule == "tables.empty"]
