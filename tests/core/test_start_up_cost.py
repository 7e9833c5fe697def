"""What keeps the first import of a process short (benchmarks/bench_import_txt.py measures it): a report
read by the program is built with ``Report.trusted`` (the same report as ``Report(...)``, no validators
built), the editions come from their snapshot, and a .txt import loads neither PyYAML nor pydantic's
validators. Reading a report file still validates it exactly as before."""
import json
import random
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from app.errors import ValueRejected
from app.report import Report

ROOT = Path(__file__).parents[2]
SAMPLE = ROOT / "tests" / "data" / "samples" / "2020_huashan_town.txt"


def _fields() -> dict:
    return {"edition": "2021", "organ": "桃源镇人民政府", "year": 2021, "title": "桃源镇人民政府2021年政府信息公开工作年度报告",
            "sections": {"overview": "总体情况", "problems": ""},
            "tables": {"requests": {"new": {"natural": 3}}, "active": {"regulations": {"made": 2, "amount": None}},
                       "charges": {"charges": {"amount": Decimal("19.830")}}}}


def test_a_trusted_report_is_the_report_validation_builds():
    trusted, validated = Report.trusted(**_fields()), Report(**_fields())
    assert trusted.model_dump() == validated.model_dump()
    assert trusted.model_fields_set == validated.model_fields_set
    assert trusted.get("requests", "new", "natural") == 3 and trusted.get("requests", "new", "legal") is None
    assert trusted.sections["other"] == ""                           # filled like a validated report
    assert type(trusted.get("charges", "charges", "amount")) is Decimal


def _outcome(build, value) -> tuple:
    fields = _fields()
    fields["tables"]["requests"]["new"]["natural"] = value
    try:
        return "report", build(**fields).model_dump()
    except (ValidationError, ValueRejected) as error:
        return "refused", type(error), str(error)


@pytest.mark.parametrize("value", ["5", "x", -1, 1.5, True, Decimal("2"), 10 ** 20])
def test_a_cell_value_reads_the_same_in_a_trusted_report_and_a_validated_one(value):
    assert _outcome(Report.trusted, value) == _outcome(Report, value)


_PROBE = """
import json, sys
from app.formats import import_report
from app.errors import ValueRejected
from app.report import Report
imported = import_report(sys.argv[1])
print(json.dumps({"organ": imported.report.organ, "yaml": "yaml" in sys.modules,
                  "validators_built": Report.__pydantic_complete__}))
"""


def test_importing_a_txt_report_in_a_fresh_process_parses_no_yaml_and_builds_no_validator():
    done = subprocess.run([sys.executable, "-c", _PROBE, str(SAMPLE)], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"organ": "花山镇人民政府", "yaml": False, "validators_built": False}, \
        "PyYAML loaded: is templates/editions/snapshot.json missing or stale? `make` writes it"


def test_chinese_characters_are_counted_on_utf8_bytes_exactly_as_the_pattern_counts_them():
    from app.read.txt import hanzi_count

    edges = "\u3400\u4000\u4dff\u4e00\u4e01\u4fff\u5000\u8fff\u9000\u9fff\ua000\uac00\uff10\U00020000\U0001f600"
    rng = random.Random(5)
    for _ in range(300):
        text = "".join(rng.choice(edges + "年报告ab1 \n、。") for _ in range(rng.randint(0, 60)))
        assert hanzi_count(text) == len(re.findall(r"[\u4e00-\u9fff]", text)), text
    assert hanzi_count("政府信息公开\ud800") == 6                  # a lone surrogate is no character of it
