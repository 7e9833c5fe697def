"""Every report we have, laid out as text in every layout class (tests/core/text_layouts.py), imports
to exactly the same report: both editions, the four real samples and reports with every cell distinct."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app.formats import import_report
from app.report_json import report_to_dict
from tests.core.test_import_txt import OTHER, OVERVIEW, PROBLEMS, report_values
from tests.core.text_layouts import LAYOUTS, render

SAMPLES = Path(__file__).parents[1] / "data" / "samples"
STEMS = ["2020_checun_town", "2020_geshan_town", "2020_huashan_town", "2022_pingtan_web"]


def _distinct(edition: str) -> dict:
    """A report in which every cell differs (a value read into the wrong cell shows)."""
    year = int(edition) + 1
    tables: dict = {}
    for (table, row, col), value in report_values(edition).items():
        tables.setdefault(table, {}).setdefault(row, {})[col] = format(value, "f") if table == "active" and \
            col == "amount" else value
    return {"format": "nianbao-report/1", "edition": edition, "organ": "桃源镇人民政府", "year": year,
            "title": f"桃源镇人民政府{year}年政府信息公开工作年度报告",
            "sections": {"preamble": "", "overview": OVERVIEW, "problems": PROBLEMS, "other": OTHER},
            "tables": tables}


REPORTS = {stem: json.loads((SAMPLES / f"{stem}.json").read_text(encoding="utf-8")) for stem in STEMS}
REPORTS.update({"distinct_2019": _distinct("2019"), "distinct_2021": _distinct("2021")})


def _comparable(report: dict, layout: str) -> dict:
    if layout != "one_line":
        return report
    flat = {k: re.sub(r"\s+", " ", v) for k, v in report["sections"].items()}
    return {**report, "sections": flat}


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("name", list(REPORTS))
def test_every_report_in_every_text_layout_imports_exactly(name, layout, tmp_path):
    expected = REPORTS[name]
    path = tmp_path / "report.txt"
    path.write_text(render(expected, layout), encoding="utf-8")
    imported = import_report(path)
    got = report_to_dict(imported.report)
    assert _comparable(got, layout) == _comparable(expected, layout)
    assert not [n.message for n in imported.notes if "未导入" in n.message]
