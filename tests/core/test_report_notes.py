"""Notes kept with a report: the optional ``import_notes`` key of the report file, and their places."""
import json

import pytest

from app.errors import ReportFileError
from app.report import new_report
from app.report_json import dumps_report, report_from_dict
from app.report_notes import ReportNote, place_of


def test_notes_and_ticks_round_trip_and_the_key_is_absent_without_notes():
    report = new_report("2021", "阁山镇人民政府", 2021)
    assert "import_notes" not in json.loads(dumps_report(report))
    report.import_notes = [ReportNote(level="warning", message="没有找到报告年度，请补填", checked=True),
                           ReportNote(message="文件编码识别为 GBK", where="第 1 行")]
    data = json.loads(dumps_report(report))
    assert list(data)[-1] == "import_notes"
    assert data["import_notes"] == [{"level": "warning", "message": "没有找到报告年度，请补填", "checked": True},
                                    {"level": "info", "message": "文件编码识别为 GBK", "where": "第 1 行",
                                     "checked": False}]
    assert report_from_dict(data).import_notes == report.import_notes


@pytest.mark.parametrize("bad", ["说明", [{"message": 1, "level": "info"}], [{"message": "x", "level": "note"}],
                                 [{"message": "x", "level": "info", "checked": "yes"}],
                                 [{"message": "x", "level": "info", "extra": 1}]])
def test_malformed_notes_are_refused_with_a_chinese_message(bad):
    data = json.loads(dumps_report(new_report("2021", "阁山镇人民政府", 2021)))
    data["import_notes"] = bad
    with pytest.raises(ReportFileError, match="import_notes"):
        report_from_dict(data)


@pytest.mark.parametrize("message, where, place", [
    ("三、（七）总计 · 自然人：“l2”不是数字，已留空", None, "cell:requests.results_total.natural"),
    ("x", "requests.new.natural", "cell:requests.new.natural"),
    ("没有找到发布机关（如“XX镇人民政府”），请补填", None, "field:organ"),
    ("没有找到表格“三、收到和处理政府信息公开申请情况”的数据，该表留空", None, "table:requests"),
    ("标题“一、总体情况”按“一、总体情况”读取（自动编号）", "第 3 行", "section:overview"),
    ("文件编码识别为 GBK", None, None),
])
def test_a_note_knows_the_place_it_is_about(message, where, place):
    assert place_of("2021", ReportNote(message=message, where=where)) == place
