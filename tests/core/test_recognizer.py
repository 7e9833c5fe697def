"""The one recognizer on streams a Word reader produces: merged cells repeated or left empty, header
rows with repeated group labels, a statistics table split over several grids, headings out of place."""
from __future__ import annotations

from decimal import Decimal

import pytest

from app.checks import run_checks
from app.editions import get_edition
from app.errors import ImportFailed
from app.recognize.digit_split import cut
from app.recognize.recognizer import recognize
from app.read.stream import Grid, Paragraph, Stream

REQUEST_VALUES = ["2", "1", "0", "0", "0", "0", "3"]


def _request_rows(edition_id: str, merged: str) -> list[list[str]]:
    """Requests rows as a Word table: three label columns, merged cells repeated or left empty."""
    rows = []
    for row in get_edition(edition_id).table("requests").rows:
        labels = [*row.path, row.label]
        labels += [labels[-1]] * (3 - len(labels))
        if merged == "empty":
            labels = [text if i == 0 or text != labels[i - 1] else "" for i, text in enumerate(labels)]
        values = REQUEST_VALUES if row.id in ("new", "granted", "results_total") else ["0"] * 7
        rows.append(labels + values)
    return rows


def _request_header(merged: str) -> list[list[str]]:
    fill = (lambda text: text) if merged == "repeated" else (lambda text: "")
    return [["申请人情况", fill("申请人情况"), fill("申请人情况"), "自然人", "法人或其他组织", *[fill("法人或其他组织")] * 4, "总计"],
            [fill("申请人情况")] * 3 + [fill("自然人"), "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", fill("总计")]]


def _active_2021() -> list[list[str]]:
    return [["第二十条第（一）项"] * 4,
            ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章", "0", "0", "3"], ["行政规范性文件", "1", "0", "5"],
            ["第二十条第（五）项"] * 4, ["信息内容", *["本年处理决定数量"] * 3], ["行政许可", *["12"] * 3],
            ["第二十条第（六）项"] * 4, ["信息内容", *["本年处理决定数量"] * 3],
            ["行政处罚", *["3"] * 3], ["行政强制", *["0"] * 3],
            ["第二十条第（八）项"] * 4, ["信息内容", *["本年收费金额（单位：万元）"] * 3], ["行政事业性收费", *["1.2500"] * 3]]


def _appeals() -> list[list[str]]:
    groups = ["行政复议"] * 5 + ["行政诉讼"] * 10
    return [groups, ["行政复议"] * 5 + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5,
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3, ["1", "0", "0", "0", "1"] + ["0"] * 10]


def _stream(merged: str, split_requests: bool = True) -> Stream:
    requests = _request_header(merged) + _request_rows("2021", merged)
    grids = [Grid(requests[:12], where="第 2 张表"), Grid(_request_header(merged) + requests[12:], where="第 3 张表")] \
        if split_requests else [Grid(requests, where="第 2 张表")]
    return Stream(blocks=[
        Paragraph("桃源镇人民政府2025年政府信息公开工作年度报告", "第 1 段"),
        Paragraph("一、总体情况", "第 2 段"), Paragraph("全年共收到申请3件。", "第 3 段"),
        Paragraph("二、主动公开政府信息情况", "第 4 段"), Grid(_active_2021(), where="第 1 张表"),
        Paragraph("三、收到和处理政府信息公开申请情况", "第 5 段"), *grids,
        Grid(_appeals(), where="第 4 张表"), Paragraph("四、政府信息公开行政复议、行政诉讼情况", "第 6 段"),
        Paragraph("五、存在的主要问题及改进情况", "第 7 段"), Paragraph("公开不够及时。", "第 8 段"),
        Paragraph("六、其他需要报告的事项", "第 9 段"), Paragraph("本年度未收取信息处理费。", "第 10 段"),
    ], source="report.docx")


@pytest.mark.parametrize("merged", ["repeated", "empty"])
def test_word_grids_with_merged_cells_import_every_cell(merged):
    imported = recognize(_stream(merged))
    report = imported.report
    assert (report.edition, report.organ, report.year) == ("2021", "桃源镇人民政府", 2025)
    requests = report.tables["requests"]
    expected = dict(zip(["natural", "commercial", "research", "nonprofit", "legal", "other_org", "total"],
                        [int(v) for v in REQUEST_VALUES]))
    assert requests["new"] == requests["granted"] == requests["results_total"] == expected
    assert requests["other_3"] == dict.fromkeys(expected, 0)
    assert report.tables["active"]["licensing"] == {"decisions": 12}
    assert report.get("active", "fees", "amount") == Decimal("1.2500")
    assert report.tables["appeals"]["review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}
    assert report.sections["overview"] == "全年共收到申请3件。"
    assert [n.message for n in imported.notes if n.level == "warning"] == []
    assert [f.rule for f in run_checks(report) if f.level.value == "error"] == []


def test_a_heading_placed_after_its_table_is_noted():
    imported = recognize(_stream("repeated"))
    notes = [n.message for n in imported.notes]
    assert any("四、政府信息公开行政复议、行政诉讼情况" in m and "表格之后" in m for m in notes)
    assert not any("三、收到和处理政府信息公开申请情况" in m and "表格之后" in m for m in notes)


def test_a_table_in_one_grid_or_split_over_two_gives_the_same_report():
    one = recognize(_stream("repeated", split_requests=False)).report
    two = recognize(_stream("repeated", split_requests=True)).report
    assert one.tables == two.tables


def test_unreadable_cell_text_is_left_blank_and_reported_by_value_invalid():
    stream = _stream("repeated")
    grid = stream.blocks[6]
    grid.rows[2] = grid.rows[2][:3] + ["两件", *REQUEST_VALUES[1:]]
    imported = recognize(stream)
    assert imported.report.get("requests", "new", "natural") is None
    assert imported.report.invalid == {"requests.new.natural": "两件"}
    invalid = [f for f in run_checks(imported.report) if f.rule == "value.invalid"]
    assert [f.cell for f in invalid] == ["requests.new.natural"]
    assert any("“两件”不是数字" in n.message and n.where for n in imported.notes)


def test_a_row_that_cannot_be_placed_is_not_imported_and_is_noted():
    stream = _stream("repeated")
    stream.blocks[6].rows.append(["合计（不知何项）", "", "", "9", "9", "9", "9", "9", "9", "9"])
    imported = recognize(stream)
    assert any("无法确定这一行数据属于表格的哪一行" in n.message for n in imported.notes if n.level == "warning")
    assert 9 not in {v for row in imported.report.tables["requests"].values() for v in row.values()}


def test_a_stream_without_headings_or_tables_is_not_a_report():
    stream = Stream(blocks=[Paragraph("从前有座山，山里有座庙。"), Paragraph("庙里有个老和尚。")], source="故事.docx")
    with pytest.raises(ImportFailed, match="故事.docx：没有找到年度报告"):
        recognize(stream)


def test_organ_and_year_come_from_the_contact_text_when_there_is_no_title():
    stream = _stream("repeated")
    stream.blocks[0] = Paragraph("本报告所列数据的统计期限自2025年1月1日起至2025年12月31日止。"
                                 "如对本报告有任何疑问，请与阁山镇人民政府办公室联系。")
    report = recognize(stream).report
    assert (report.title, report.organ, report.year) == ("", "阁山镇人民政府", 2025)
    assert report.sections["preamble"].startswith("本报告所列数据的统计期限")


def test_every_cut_of_run_together_digits_is_listed_without_leading_zeros():
    assert cut(["0000000"], ["count"] * 7) == [["0"] * 7]
    assert ["80", "1", "0", "0", "0", "0", "81"] in cut(["801000081"], ["count"] * 7)
    assert all(not p.startswith("0") or p == "0" for parts in cut(["801000081"], ["count"] * 7) for p in parts)
    assert cut(["22", "198303"], ["count", "amount"]) == [["22", "198303"]]
    assert cut(["12"], ["count"] * 3) == []


def test_the_edition_is_told_by_the_labels_inside_word_grids():
    stream = _stream("repeated")
    stream.blocks[0] = Paragraph("桃源镇人民政府2020年政府信息公开工作年度报告", "第 1 段")   # a 2019-edition year
    imported = recognize(stream)
    assert imported.report.edition == "2021"
    assert any("2020 年应使用 2019 版" in n.message for n in imported.notes)
    assert imported.report.tables["active"]["licensing"] == {"decisions": 12}
