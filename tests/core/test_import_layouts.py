"""Every report we have, laid out as text in every layout class (tests/core/text_layouts.py), imports
to exactly the same report: both editions, the four real samples and reports with every cell distinct."""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from app.editions import get_edition
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


def _random_report(seed: int, blank_rate: float) -> dict:
    """A report with random values (some blank): 0 most often, then 1–2 digit counts, large counts,
    signed changes and amounts with and without decimals."""
    rnd = random.Random(seed)
    report = json.loads(json.dumps(REPORTS[rnd.choice(["distinct_2019", "distinct_2021"])]))
    for table in get_edition(report["edition"]).all_tables():
        for row, col in table.cells():
            kind = table.column(col).kind
            if rnd.random() < blank_rate:
                value = None
            elif kind == "amount":
                value = str(rnd.choice([0, 1, 12, 123456])) + rnd.choice(["", ".5", ".1234"])
            elif kind == "signed":
                value = rnd.choice([-3, 0, 5, 17])
            else:
                value = rnd.choice([0, 0, 0, 1, 2, 9, 10, 19, 100, 12345])
            report["tables"][table.id][row][col] = value
    return report


@pytest.mark.parametrize("seed", range(6))
def test_random_reports_in_every_layout_get_no_cell_wrong(seed, tmp_path):
    """Blank cells make some rows ambiguous (they may be left blank, with a note), but no value is
    ever read into a wrong cell; without blanks every cell is read."""
    report = _random_report(seed, blank_rate=0.05 if seed % 2 else 0.0)
    path = tmp_path / "report.txt"
    for layout in LAYOUTS:
        path.write_text(render(report, layout), encoding="utf-8")
        got = report_to_dict(import_report(path).report)["tables"]
        for table, rows in report["tables"].items():
            for row, values in rows.items():
                for col, value in values.items():
                    read = got[table][row][col]
                    assert read is None or read == value, (layout, table, row, col, value, read)
                    if not seed % 2:
                        assert read == value, (layout, table, row, col, value, read)
