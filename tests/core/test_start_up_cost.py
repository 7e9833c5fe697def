"""What keeps the first import of a process short (benchmarks/bench_import_txt.py measures it): the report and
edition records are plain classes, the editions come from their snapshot, and neither a .txt import nor
what the window's start imports of the core loads PyYAML or pydantic (pydantic validates an edition's YAML
file only, app/edition_schema.py). ``Report(...)`` still reads and validates every cell as it always has,
and a report file's reviews are still refused field by field."""
import json
import random
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from app.errors import ReportFileError, ValueRejected
from app.report import Report
from app.report_json import load_report_json, save_report_json
from tests.core.helpers import zero_report

ROOT = Path(__file__).parents[2]
SAMPLE = ROOT / "tests" / "data" / "samples" / "2020_huashan_town.txt"


def _fields() -> dict:
    return {"edition": "2021", "organ": "桃源镇人民政府", "year": 2021, "title": "桃源镇人民政府2021年政府信息公开工作年度报告",
            "sections": {"overview": "总体情况", "problems": ""},
            "tables": {"requests": {"new": {"natural": 3}}, "active": {"fees": {"amount": Decimal("19.830")}}}}


def test_a_report_fills_every_section_and_cell_and_keeps_none_of_the_callers_dicts():
    fields = _fields()
    report = Report(**fields)
    assert report.get("requests", "new", "natural") == 3 and report.get("requests", "new", "legal") is None
    assert report.sections["other"] == "" and report.sections["overview"] == "总体情况"
    assert report.get("active", "fees", "amount") == Decimal("19.830")
    assert str(report.get("active", "fees", "amount")) == "19.830"         # the digits as written
    report.set_cell("requests", "new", "natural", 5)
    report.sections["overview"] = "改写"
    assert fields == _fields()                                              # the caller's data untouched
    assert report.copy_report() == report and report.copy_report().tables is not report.tables


# (value, what a count cell, an amount cell and a signed cell of 2019 hold; "refused: …" the message)
_CELLS = [
    ("5", 5, Decimal("5"), 5),
    (" 5 ", 5, Decimal("5"), 5),
    ("5.0", 5, Decimal("5"), 5),
    ("1e3", 1000, Decimal("1000"), 1000),
    ("19.830", "refused: “19.830”不是整数", Decimal("19.830"), "refused: “19.830”不是整数"),
    ("x", "refused: “x”不是数值", "refused: “x”不是数值", "refused: “x”不是数值"),
    ("", "refused: “”不是数值", "refused: “”不是数值", "refused: “”不是数值"),
    (-1, "refused: -1 是负数，此处只能填写不小于 0 的整数", "refused: “-1”不是不小于 0 的金额（万元）", -1),
    (1.5, "refused: “1.5”不是整数", Decimal("1.5"), "refused: “1.5”不是整数"),
    (2.0, 2, Decimal("2"), 2),
    (True, 1, Decimal("1"), 1),
    (Decimal("2"), 2, Decimal("2"), 2),
    (Decimal("2.50"), "refused: “2.50”不是整数", Decimal("2.50"), "refused: “2.50”不是整数"),
    (10 ** 20, "refused: 数值位数过多（超过 15 位），不是合理的数量", Decimal(10 ** 20),
     "refused: 数值位数过多（超过 15 位），不是合理的数量"),
    (float("nan"), "refused: “nan”不是数值", "refused: “nan”不是数值", "refused: “nan”不是数值"),
    ([1], "refused: “[1]”不是数值", "refused: “[1]”不是数值", "refused: “[1]”不是数值"),
]


def _cell(edition: str, table: str, row: str, col: str, value) -> object:
    try:
        return Report(edition=edition, tables={table: {row: {col: value}}}).get(table, row, col)
    except ValueRejected as error:
        return f"refused: {error}"


@pytest.mark.parametrize("value, count, amount, signed", _CELLS)
def test_a_cell_value_given_to_a_report_is_read_and_validated_for_its_column(value, count, amount, signed):
    got = (_cell("2021", "requests", "new", "natural", value), _cell("2021", "active", "fees", "amount", value),
           _cell("2019", "active", "fees", "change", value))
    assert got == (count, amount, signed)
    assert [type(v) for v in got] == [type(count), type(amount), type(signed)]


@pytest.mark.parametrize("field, value", [("rule", None), ("cell", 3), ("found", True), ("found", [1]),
                                          ("reason", "  "), ("reason", None), ("date", 20260115)])
def test_a_review_in_a_report_file_is_refused_naming_its_wrong_field(tmp_path, field, value):
    path = tmp_path / "报告.json"
    save_report_json(zero_report("2021"), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["reviews"] = [{"rule": "value.magnitude", "cell": None, "found": 1, "reason": "理由", "date": "2026-01-15",
                        field: value}]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ReportFileError, match=f"报告.json：reviews 第 1 项 的 {field} 有误"):
        load_report_json(path)
    data["reviews"][0][field] = {"rule": "value.magnitude", "cell": None, "found": "169100", "reason": "确有此数",
                                 "date": "2026-01-15"}[field]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert load_report_json(path).reviews[0].to_json() == data["reviews"][0]


_PROBE = """
import json, sys
from app.formats import import_report
imported = import_report(sys.argv[1])
print(json.dumps({"organ": imported.report.organ, "yaml": "yaml" in sys.modules, "pydantic": "pydantic" in sys.modules}))
"""
# What the window's start imports of the core (ui/ imports these), and a report file with a review read.
_GUI_CORE_PROBE = """
import json, sys, tempfile
from pathlib import Path
import app.audit, app.checks, app.compare, app.editions, app.formats, app.new_year, app.report, app.report_json
import app.report_notes, app.reviews, app.working_copy, app.write.findings_rows, app.write.html
from app.checks import run_checks
from app.editions import get_edition
from app.report import new_report
from app.report_json import load_report_json, save_report_json
from app.reviews import explain
report = new_report(get_edition("2021").id, "桃源镇人民政府", 2021)
report.reviews = explain([], run_checks(report)[0], "理由")
path = Path(tempfile.mkdtemp()) / "r.json"
save_report_json(report, path)
loaded = load_report_json(path)
print(json.dumps({"reviews": len(loaded.reviews), "yaml": "yaml" in sys.modules, "pydantic": "pydantic" in sys.modules}))
"""


def _probe(code: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_importing_a_txt_report_in_a_fresh_process_loads_neither_yaml_nor_pydantic():
    assert _probe(_PROBE, str(SAMPLE)) == {"organ": "花山镇人民政府", "yaml": False, "pydantic": False}, \
        "PyYAML or pydantic loaded: is templates/editions/snapshot.json missing or stale? `make` writes it"


def test_the_core_the_window_starts_with_and_a_report_file_with_reviews_load_neither_yaml_nor_pydantic():
    assert _probe(_GUI_CORE_PROBE) == {"reviews": 1, "yaml": False, "pydantic": False}


def test_chinese_characters_are_counted_on_utf8_bytes_exactly_as_the_pattern_counts_them():
    from app.read.txt import hanzi_count

    edges = "\u3400\u4000\u4dff\u4e00\u4e01\u4fff\u5000\u8fff\u9000\u9fff\ua000\uac00\uff10\U00020000\U0001f600"
    rng = random.Random(5)
    for _ in range(300):
        text = "".join(rng.choice(edges + "年报告ab1 \n、。") for _ in range(rng.randint(0, 60)))
        assert hanzi_count(text) == len(re.findall(r"[\u4e00-\u9fff]", text)), text
    assert hanzi_count("政府信息公开\ud800") == 6                  # a lone surrogate is no character of it
