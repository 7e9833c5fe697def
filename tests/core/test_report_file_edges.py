"""The report file at its edges: the largest year a file may hold, and the note a user reads when text
no file can hold (a lone UTF-16 surrogate, ``\\ud800``) was replaced while the report was opened."""
import json
from pathlib import Path

import pytest

from app.errors import ReportFileError
from app.report_json import load_report_json

SAMPLE = Path(__file__).parent.parent / "data" / "samples" / "2020_geshan_town.json"
LONE = "\ud800"


def _written(tmp_path, change, name="r.json") -> Path:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")   # ascii: "\ud800" as written
    return path


# -- the year -------------------------------------------------------------------------------------

@pytest.mark.parametrize("year", [9999, -9999, 0])
def test_a_year_of_up_to_four_digits_opens_as_written(tmp_path, year):
    assert load_report_json(_written(tmp_path, lambda d: d.update(year=year))).year == year


@pytest.mark.parametrize("year, digits", [(10000, 5), (-10000, 5), (123456789, 9)])
def test_a_year_of_five_or_more_digits_is_refused_by_its_length(tmp_path, year, digits):
    with pytest.raises(ReportFileError) as err:
        load_report_json(_written(tmp_path, lambda d: d.update(year=year), "年份.json"))
    assert str(err.value) == f"年份.json：year 应为年份，实为一个 {digits} 位的数"


# -- text no file can hold ------------------------------------------------------------------------

def _opened_with_notes(path: Path) -> tuple[object, list[str]]:
    notes: list[str] = []
    return load_report_json(path, notes), notes


def test_a_lone_surrogate_is_replaced_and_the_note_names_where_it_was(tmp_path):
    report, notes = _opened_with_notes(_written(tmp_path, lambda d: d.update(organ=f"阁山镇{LONE}人民政府")))
    assert report.organ == "阁山镇\ufffd人民政府"
    assert notes == ["organ 含有无法保存的字符（孤立的 UTF-16 代理码），已替换为“\ufffd”，请核对"]


def test_three_places_with_lone_surrogates_are_all_named(tmp_path):
    def change(data):
        data.update(organ=f"甲{LONE}", title=f"乙{LONE}")
        data["sections"]["overview"] = f"丙{LONE}"
    _, notes = _opened_with_notes(_written(tmp_path, change))
    assert notes == ["organ、title、sections.overview 含有无法保存的字符（孤立的 UTF-16 代理码），"
                     "已替换为“\ufffd”，请核对"]


def test_more_than_three_places_are_named_by_the_first_three_and_so_on(tmp_path):
    def change(data):
        data.update(organ=f"甲{LONE}", title=f"乙{LONE}")
        data["sections"].update(overview=f"丙{LONE}", problems=f"丁{LONE}")
    report, notes = _opened_with_notes(_written(tmp_path, change))
    assert notes == ["organ、title、sections.overview等 含有无法保存的字符（孤立的 UTF-16 代理码），"
                     "已替换为“\ufffd”，请核对"]
    assert report.sections["problems"] == "丁\ufffd"


def test_a_file_without_lone_surrogates_adds_no_note(tmp_path):
    _, notes = _opened_with_notes(_written(tmp_path, lambda d: None))
    assert notes == []


def test_a_repaired_file_opens_when_no_list_for_notes_is_given(tmp_path):
    path = _written(tmp_path, lambda d: d.update(organ=f"阁山镇{LONE}人民政府"))
    assert load_report_json(path).organ == "阁山镇\ufffd人民政府"
