"""Small hostile files (devices, FIFOs, numbering, formulas, sheet shapes, deep nesting) end in a
Chinese message or a report within 5 s and under 300 MB, each in a fresh process (tests/core/refusal_worker.py)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.registry import import_suffixes
import app.formats  # noqa: F401 - registers every format
from tests.core import tiny_hostile as th

ROOT = Path(__file__).parents[2]
SECONDS, MEGABYTES = 5.0, 300


def outcome(path: Path) -> dict:
    result = subprocess.run([sys.executable, "-m", "tests.core.refusal_worker", str(path)], cwd=ROOT,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def assert_in_bounds(path: Path, kind: str | None = "error") -> str:
    """The file ends as ``kind`` (error: a Chinese message naming it; None: a report or an error) in time
    and memory; the detail."""
    found = outcome(path)
    assert found["kind"] == kind if kind else found["kind"] in ("report", "error"), found["detail"]
    assert found["seconds"] < SECONDS, found
    assert found["mb"] < MEGABYTES, found
    if found["kind"] == "error":
        assert path.name in found["detail"] and th.has_cjk(found["detail"]), found["detail"]
    return found["detail"]


# ---------------------------------------------------------------- item 11: devices and FIFOs

@pytest.mark.parametrize("suffix", import_suffixes())
def test_a_link_to_an_endless_device_is_refused(tmp_path, suffix):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    link = tmp_path / f"年报{suffix}"
    link.symlink_to("/dev/zero")
    assert "不是普通文件" in assert_in_bounds(link)


@pytest.mark.parametrize("suffix", import_suffixes())
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path, suffix):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / f"年报{suffix}"
    os.mkfifo(fifo)
    assert "不是普通文件" in assert_in_bounds(fifo)


# ---------------------------------------------------------------- item 8: list numbering

@pytest.mark.parametrize("fmt,start", [("upperRoman", 10 ** 15), ("upperLetter", 10 ** 15), ("lowerLetter", 10 ** 10),
                                       ("ideographDigital", -5), ("chineseCounting", -(10 ** 18)),
                                       ("decimalZero", 10 ** 30), ("decimalEnclosedCircle", 0)])
def test_list_numbering_with_absurd_start_values_is_read_in_bounds(tmp_path, fmt, start):
    assert_in_bounds(th.numbered_list(tmp_path / f"编号{fmt}.docx", fmt, start), kind=None)


def test_many_level_placeholders_in_a_list_number_are_bounded(tmp_path):
    path = th.numbered_list(tmp_path / "占位符.docx", "upperLetter", 30000, level_text="%1" * 20000, items=200)
    assert_in_bounds(path, kind=None)


# ---------------------------------------------------------------- item 9: Word shapes

def test_ten_thousand_tiny_continued_tables_are_joined_in_linear_time(tmp_path):
    assert_in_bounds(th.many_tables(tmp_path / "一万张表.docx", 10_000), kind=None)


def test_many_styles_in_a_large_styles_part_are_looked_up_once(tmp_path):
    assert_in_bounds(th.many_styles(tmp_path / "样式.docx", 2000, filler_mb=20), kind=None)


def test_millions_of_empty_paragraphs_are_refused_before_building_a_tree(tmp_path):
    detail = assert_in_bounds(th.empty_paragraphs(tmp_path / "空段落.docx", 2_000_000))
    assert "元素" in detail


def test_tables_nested_200_deep_are_refused_naming_the_limit(tmp_path):
    detail = assert_in_bounds(th.nested_tables(tmp_path / "嵌套.docx", 200))
    assert "嵌套过深" in detail and "256" in detail and "不是有效的 XML" not in detail


# ---------------------------------------------------------------- item 10 and 12: Excel shapes and formulas

def test_formula_fan_out_is_evaluated_once_per_cell(tmp_path):
    detail = assert_in_bounds(th.formula_fan_out(tmp_path / "公式扇出.xlsx"), kind="report")
    assert "公式" not in detail


def test_thousands_of_nested_sums_are_refused_in_a_note(tmp_path):
    detail = assert_in_bounds(th.nested_sums(tmp_path / "嵌套求和.xlsx"), kind="report")
    assert "SUM" in detail and "Recursion" not in detail


def test_a_date_in_a_count_cell_is_a_note_not_a_crash(tmp_path):
    detail = assert_in_bounds(th.date_in_count_cell(tmp_path / "日期.xlsx"), kind="report")
    assert "日期或时间" in detail


def test_a_megabyte_string_in_hundreds_of_continued_rows_is_refused_while_joining(tmp_path):
    detail = assert_in_bounds(th.continued_rows(tmp_path / "续行.xlsx"))
    assert "超过 1,000,000 字" in detail


def test_thousands_of_overlapping_merged_ranges_are_refused(tmp_path):
    detail = assert_in_bounds(th.many_merged_ranges(tmp_path / "合并.xlsx"))
    assert "合并单元格" in detail


def test_a_million_cells_are_refused_while_reading(tmp_path):
    detail = assert_in_bounds(th.many_cells(tmp_path / "百万格.xlsx", 1_000_000))
    assert "单元格" in detail


def test_one_stray_cell_far_away_does_not_make_the_sheet_too_large(tmp_path):
    detail = assert_in_bounds(th.stray_cell(tmp_path / "远处.xlsx"), kind="report")
    assert "过大" not in detail
