"""The report file: strict reading with Chinese messages, atomic saving."""
import json
import os
from pathlib import Path

import pytest

from app.errors import ReportFileError
from app.report_json import dumps_report, load_report_json, save_report_json
from tests.core.helpers import zero_report

SAMPLE = Path(__file__).parent.parent / "data" / "samples" / "2020_geshan_town.json"


def write(tmp_path, data, name="r.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def sample_dict():
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def mutate(change):
    data = sample_dict()
    change(data)
    return data


@pytest.mark.parametrize("data,expected", [
    ("{not json", "不是有效的 JSON 报告文件"),
    ("[]", "不是一个 JSON 对象"),
    (mutate(lambda d: d.update(format="nianbao-report/9")), "nianbao-report/9"),
    (mutate(lambda d: d.update(edition="2030")), "未知的格式版本“2030”"),
    (mutate(lambda d: d["tables"]["requests"].update(bogus={})), "未知的行“bogus”"),
    (mutate(lambda d: d["tables"]["requests"]["new"].update(bogus=1)), "未知的列“bogus”"),
    (mutate(lambda d: d["tables"]["requests"]["new"].update(natural="1")), "tables.requests.new.natural 应为整数"),
    (mutate(lambda d: d["tables"]["requests"]["new"].update(natural=1.5)), "tables.requests.new.natural 应为整数"),
    (mutate(lambda d: d["tables"]["requests"]["new"].update(natural=-1)), "负数"),
    (mutate(lambda d: d["tables"]["active"]["procurement"].update(amount=19.83)), "写成字符串的金额"),
    (mutate(lambda d: d["tables"]["active"]["procurement"].update(amount="abc")), "不是不小于 0 的金额"),
    (mutate(lambda d: d["tables"]["requests"].pop("new")), "缺少行 tables.requests.new"),
    (mutate(lambda d: d.update(year="2020")), "year 应为整数年份"),
    (mutate(lambda d: d["sections"].update(summary="x")), "未知的部分“summary”"),
    (mutate(lambda d: d["tables"].update(extra={})), "没有的表“extra”"),
])
def test_bad_files_are_rejected_with_a_chinese_message_naming_the_file(tmp_path, data, expected):
    path = write(tmp_path, data, "坏 报告.json")
    with pytest.raises(ReportFileError) as err:
        load_report_json(path)
    assert str(err.value).startswith("坏 报告.json：")
    assert expected in str(err.value)


def test_signed_change_may_be_negative(tmp_path):
    data = mutate(lambda d: d["tables"]["active"]["licensing"].update(change=-2))
    report = load_report_json(write(tmp_path, data))
    assert report.get("active", "licensing", "change") == -2


def test_blank_and_zero_stay_distinct(tmp_path):
    report = load_report_json(SAMPLE)
    assert report.get("requests", "new", "other_org") is None
    assert report.get("requests", "new", "legal") == 0
    again = tmp_path / "again.json"
    save_report_json(report, again)
    data = json.loads(again.read_text(encoding="utf-8"))
    assert data["tables"]["requests"]["new"]["other_org"] is None
    assert list(data) == ["format", "edition", "organ", "year", "title", "sections", "tables"]


def test_atomic_save_keeps_the_old_file_when_the_write_fails(tmp_path, monkeypatch):
    path = tmp_path / "报告.json"
    old = zero_report("2019")
    save_report_json(old, path)
    before = path.read_bytes()
    new = zero_report("2019")
    new.organ = "另一个镇人民政府"

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(ReportFileError) as err:
        save_report_json(new, path)
    assert "磁盘空间已满" in str(err.value) and "原文件未被改动" in str(err.value)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["报告.json"]  # no temporary file left behind


def test_save_then_load_gives_the_same_report(tmp_path):
    report = zero_report("2021")
    report.sections["overview"] = "第一段\n=SUM(A1)\n第三段"
    path = tmp_path / "a b 报告.nianbao.json"
    save_report_json(report, path)
    assert load_report_json(path) == report
    assert path.read_text(encoding="utf-8") == dumps_report(report)


def test_huge_file_is_refused_quickly(tmp_path):
    path = tmp_path / "big.json"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(ReportFileError) as err:
        load_report_json(path)
    assert "文件过大" in str(err.value)


def test_saved_file_is_readable_like_any_other_file(tmp_path):
    path = tmp_path / "新.json"
    save_report_json(zero_report("2019"), path)
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
    os.chmod(path, 0o640)
    save_report_json(zero_report("2021"), path)
    assert path.stat().st_mode & 0o777 == 0o640


def _our_temporary(path, tag: str):
    from app.atomic import TEMP_SUFFIX, _temporary_prefix
    return path.parent / f"{_temporary_prefix(path.name)}{tag}{TEMP_SUFFIX}"


def test_temporary_file_left_by_a_killed_save_is_removed_by_the_next_save(tmp_path):
    path = tmp_path / "年报 [草稿].json"
    stale, fresh = _our_temporary(path, "abc123"), _our_temporary(path, "def456")
    stale.write_text("{half a report", encoding="utf-8")
    fresh.write_text("{a save in progress", encoding="utf-8")
    old = os.path.getmtime(stale) - 3600
    os.utime(stale, (old, old))
    save_report_json(zero_report("2019"), path)
    assert not stale.exists()
    assert fresh.exists()  # a save still running elsewhere is left alone


def test_saving_never_deletes_another_programs_file_that_looks_like_a_temporary(tmp_path):
    path = tmp_path / "年报.json"
    theirs = [tmp_path / f".{path.name}.backup.tmp", tmp_path / f".{path.name}.abc123.tmp"]
    for file in theirs:
        file.write_text("另一个程序的文件", encoding="utf-8")
        os.utime(file, (1, 1))  # decades old
    save_report_json(zero_report("2019"), path)
    assert all(file.exists() for file in theirs)


def test_a_legal_long_file_name_can_be_saved(tmp_path):
    name = "年" * 80 + ".json"          # 245 bytes in UTF-8: within the usual 255-byte limit
    assert len(name.encode("utf-8")) == 245
    path = tmp_path / name
    save_report_json(zero_report("2019"), path)
    assert load_report_json(path).edition == "2019"
    assert [p.name for p in tmp_path.iterdir()] == [name]


@pytest.mark.parametrize("text,expected", [
    ('{"format": ', "第 1 行第 12 列有格式错误"),
    ("\\ufeff", "第 1 行"),
])
def test_broken_json_is_described_in_chinese(tmp_path, text, expected):
    path = write(tmp_path, text)
    with pytest.raises(ReportFileError) as err:
        load_report_json(path)
    assert expected in str(err.value)
    assert "Expecting" not in str(err.value)


def test_a_long_unknown_key_is_cut_in_the_message(tmp_path):
    path = write(tmp_path, mutate(lambda d: d.update({"x" * 10000: 1})))
    with pytest.raises(ReportFileError) as err:
        load_report_json(path)
    assert len(str(err.value)) < 120


def test_text_that_is_not_a_number_is_kept_in_the_file(tmp_path):
    from tests.core.helpers import zero_report

    report = zero_report("2021")
    report.tables["requests"]["new"]["natural"] = None
    report.invalid = {"requests.new.natural": "十二"}
    path = tmp_path / "r.nianbao.json"
    save_report_json(report, path)
    assert json.loads(path.read_text(encoding="utf-8"))["invalid_cells"] == {"requests.new.natural": "十二"}
    assert load_report_json(path).invalid == {"requests.new.natural": "十二"}
    report.invalid = {}
    save_report_json(report, path)
    assert "invalid_cells" not in json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("invalid, problem", [
    ({"requests.nope.natural": "x"}, "invalid_cells 中有不存在的单元格“requests.nope.natural”"),
    ({"requests.new.natural": 12}, "invalid_cells.requests.new.natural 应为文字"),
    ({"requests.new.commercial": "x"}, "invalid_cells.requests.new.commercial：该单元格已有数值，不能同时记录无效内容"),
    (["x"], "invalid_cells 应为对象"),
])
def test_a_wrong_invalid_cells_entry_is_refused_in_chinese(tmp_path, invalid, problem):
    from tests.core.helpers import zero_report

    report = zero_report("2021")
    report.tables["requests"]["new"]["natural"] = None
    data = json.loads(dumps_report(report))
    data["invalid_cells"] = invalid
    path = tmp_path / "r.nianbao.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ReportFileError) as caught:
        load_report_json(path)
    assert str(caught.value) == f"r.nianbao.json：{problem}"
