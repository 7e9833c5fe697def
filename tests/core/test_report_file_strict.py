"""The report file, read strictly and written readably: each kind of wrong content is refused with
a Chinese message naming where it is; a saved file is UTF-8 text a person can read and diff."""
import json
from pathlib import Path

import pytest

from app.editions import load_editions
from app.errors import ReportFileError
from app.report_json import load_report_json, save_report_json
from tests.core.helpers import zero_report

SAMPLE = Path(__file__).parent.parent / "data" / "samples" / "2020_geshan_town.json"


def _sample():
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def _refusal(tmp_path, data) -> str:
    path = tmp_path / "坏.json"
    path.write_bytes(data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False).encode("utf-8"))
    with pytest.raises(ReportFileError) as err:
        load_report_json(path)
    message = str(err.value)
    assert message.startswith("坏.json："), message
    return message


def _changed(change):
    data = _sample()
    change(data)
    return data


@pytest.mark.parametrize("change, expected", [
    (lambda d: d.update(year=True), "year 应为整数年份"),
    (lambda d: d.update(organ=5), "organ 应为文字"),
    (lambda d: d.update(title=None), "title 应为文字"),
    (lambda d: d.update(sections=[]), "sections 应为对象"),
    (lambda d: d["sections"].update(overview=3), "sections.overview 应为文字"),
    (lambda d: d.pop("tables"), "缺少 tables"),
    (lambda d: d["tables"].pop("appeals"), "缺少表 tables.appeals"),
    (lambda d: d["tables"]["requests"]["new"].pop("legal"), "缺少单元格 tables.requests.new.legal"),
    (lambda d: d["tables"]["requests"]["new"].update(legal=True), "tables.requests.new.legal 应为整数"),
    (lambda d: d.update(reviews={}), "reviews 应为列表"),
    (lambda d: d.update(reviews=[{"rule": "x"}]), "reviews 第 1 项 应为含 rule、cell、found、reason、date 的对象"),
    (lambda d: d.update(reviews=[{"rule": "value.magnitude", "cell": None, "found": 1, "reason": "理由",
                                  "date": 20260115}]), "reviews 第 1 项 的 date 有误（20260115）"),
    (lambda d: d.update(reviews=[{"rule": "value.magnitude", "cell": None, "found": [1], "reason": "理由",
                                  "date": "2026-01-15"}]), "reviews 第 1 项 的 found 有误（[1]）"),
])
def test_wrong_content_is_refused_naming_the_place(tmp_path, change, expected):
    assert _refusal(tmp_path, _changed(change)).startswith(f"坏.json：{expected}")


def test_a_file_that_is_not_utf8_is_named_as_such(tmp_path):
    assert "（文件不是 UTF-8 编码）" in _refusal(tmp_path, json.dumps(_sample(), ensure_ascii=False).encode("gbk"))


def test_absurdly_deep_nesting_is_refused_in_chinese(tmp_path):
    assert "（嵌套层数过多）" in _refusal(tmp_path, b"[" * 200000 + b"]" * 200000)


def test_a_number_too_long_to_read_is_refused_in_chinese(tmp_path):
    assert "（数值无法读取）" in _refusal(tmp_path, b'{"year": ' + b"1" * 5000 + b"}")


def test_a_long_value_is_quoted_by_its_first_forty_characters(tmp_path):
    message = _refusal(tmp_path, _changed(lambda d: d.update(edition="版" * 100)))
    assert "“" + "版" * 40 + "…”" in message


def test_a_file_saved_by_notepad_with_a_bom_opens(tmp_path):
    path = tmp_path / "记事本.json"
    path.write_bytes("\ufeff".encode("utf-8") + SAMPLE.read_bytes())
    assert load_report_json(path).organ == "阁山镇人民政府"


def test_a_review_whose_found_amount_was_written_as_a_number_keeps_its_digits(tmp_path):
    data = _sample()
    data["reviews"] = [{"rule": "value.magnitude", "cell": "active.procurement.amount", "found": 169100.50,
                        "reason": "原报告确按元填写", "date": "2026-01-15"}]
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data, ensure_ascii=False).replace("169100.5", "169100.50"), encoding="utf-8")
    assert load_report_json(path).reviews[0].found == "169100.50"


def test_a_saved_report_is_readable_utf8_text_indented_by_two_spaces(tmp_path):
    report = zero_report("2021", organ="阁山镇人民政府")
    path = tmp_path / "r.json"
    save_report_json(report, path)
    text = path.read_bytes().decode("utf-8")
    assert '\n  "organ": "阁山镇人民政府",\n' in text
    assert text.startswith('{\n  "format": "nianbao-report/1",\n') and text.endswith("}\n")


def test_a_tiny_amount_is_saved_in_plain_digits_and_reads_back_the_same(tmp_path):
    report = zero_report("2019")
    report.set_cell("active", "procurement", "amount", "0.0000001")
    path = tmp_path / "r.json"
    save_report_json(report, path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["tables"]["active"]["procurement"]["amount"] == "0.0000001"
    assert load_report_json(path).get("active", "procurement", "amount") == report.get("active", "procurement", "amount")


@pytest.mark.parametrize("length, quoted", [(40, "版" * 40), (41, "版" * 40 + "…")])
def test_a_value_of_forty_characters_is_quoted_whole_and_longer_ones_are_cut(tmp_path, length, quoted):
    message = _refusal(tmp_path, _changed(lambda d: d.update(edition="版" * length)))
    assert f"“{quoted}”" in message


def test_a_missing_file_is_named_with_the_reason(tmp_path):
    with pytest.raises(ReportFileError) as err:
        load_report_json(tmp_path / "不存在.json")
    message = str(err.value)
    assert message.startswith("不存在.json：") and message.endswith("（文件或文件夹不存在）")


def test_a_file_of_exactly_twenty_megabytes_is_not_refused_as_too_large(tmp_path):
    path = tmp_path / "大.json"
    text = json.dumps(_sample(), ensure_ascii=False).encode("utf-8")
    path.write_bytes(text + b" " * (20 * 1024 * 1024 - len(text)))     # trailing spaces are valid JSON
    assert load_report_json(path).organ == "阁山镇人民政府"


def test_a_file_with_only_format_edition_and_tables_opens_with_the_rest_blank(tmp_path):
    data = {key: value for key, value in _sample().items() if key in ("format", "edition", "tables")}
    path = tmp_path / "最少.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = load_report_json(path)
    assert (report.organ, report.title, report.year, report.reviews) == ("", "", None, [])
    assert set(report.sections.values()) == {""}


def test_a_blank_year_opens_as_blank(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps(_changed(lambda d: d.update(year=None)), ensure_ascii=False), encoding="utf-8")
    assert load_report_json(path).year is None


def test_an_unknown_edition_lists_the_supported_ones(tmp_path):
    supported = "、".join(load_editions())          # 2019、2021
    assert f"未知的格式版本“2030”（支持：{supported}）" in _refusal(tmp_path, _changed(lambda d: d.update(edition="2030")))


@pytest.mark.parametrize("cell, value, shown", [("new.natural", "1", '实为 "1"'), ("new.natural", 1.5, "实为 1.5"),
                                                 ("new.legal", "一", '实为 "一"'), ("new.legal", False, "实为 false")])
def test_a_count_of_the_wrong_type_is_quoted_as_the_file_has_it(tmp_path, cell, value, shown):
    row, col = cell.split(".")
    message = _refusal(tmp_path, _changed(lambda d: d["tables"]["requests"][row].update({col: value})))
    assert message.endswith(shown)


def test_an_amount_written_as_a_number_is_quoted_as_the_file_has_it(tmp_path):
    message = _refusal(tmp_path, _changed(lambda d: d["tables"]["active"]["procurement"].update(amount=19.83)))
    assert message.endswith("实为 19.83")


def test_a_review_amount_written_in_exponent_form_is_read_in_plain_digits(tmp_path):
    data = _sample()
    data["reviews"] = [{"rule": "value.magnitude", "cell": "active.procurement.amount", "found": 0,
                        "reason": "原报告确按元填写", "date": "2026-01-15"}]
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data, ensure_ascii=False).replace('"found": 0', '"found": 1.691E+5'), encoding="utf-8")
    assert load_report_json(path).reviews[0].found == "169100"


def test_a_json_list_is_refused_as_not_a_report_object(tmp_path):
    assert _refusal(tmp_path, b"[]") == "坏.json：文件内容不是一个 JSON 对象"


def test_an_unknown_top_level_key_is_named(tmp_path):
    assert _refusal(tmp_path, _changed(lambda d: d.update(remark="备注"))) == "坏.json：未知的字段“remark”"


def test_a_count_in_exponent_form_is_quoted_in_plain_digits(tmp_path):
    text = json.dumps(_sample(), ensure_ascii=False).replace('"legal": 0', '"legal": 1.5E+3', 1)
    assert _refusal(tmp_path, text.encode("utf-8")).endswith("应为整数，实为 1500")


def test_a_year_written_as_a_list_is_quoted_as_the_file_has_it_not_as_python_shows_it(tmp_path):
    message = _refusal(tmp_path, _changed(lambda d: d.update(year=[2020.5, "年"])))
    assert message == '坏.json：year 应为整数年份，实为 [2020.5, "年"]'      # not [Decimal('2020.5'), '年']


def test_a_key_given_twice_is_named_and_refused(tmp_path):
    text = json.dumps(_sample(), ensure_ascii=False).replace('"organ":', '"organ": "甲镇", "organ":', 1)
    assert _refusal(tmp_path, text.encode("utf-8")) == "坏.json：键“organ”在同一处出现了两次，无法确定以哪个为准"
