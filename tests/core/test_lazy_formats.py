"""Formats load lazily: checking a .json report never imports python-docx, openpyxl or lxml (they
cost a `nianbao check` process most of its start time), yet every format is listed and works."""
import importlib
import json
import subprocess
import sys
from pathlib import Path

import app.formats
from app import registry
from app.checks import has_errors, run_checks

from app.formats import export_report, import_report
from app.report_json import load_report_json

ROOT = Path(__file__).parents[2]
SAMPLES = ROOT / "tests" / "data" / "samples"
HEAVY = ("docx", "openpyxl", "lxml", "pypdfium2")

_PROBE = """
import contextlib, io, json, sys
import app.formats
from app.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(["check", sys.argv[1]])
loaded = sorted({name.split(".")[0] for name in sys.modules} & set(sys.argv[2].split(",")))
print(json.dumps({"code": code, "loaded": loaded}))
"""


def _probe(path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", _PROBE, str(path), ",".join(HEAVY)], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _expected_exit_code(report) -> int:
    return 1 if has_errors(run_checks(report)) else 0


def test_checking_a_json_report_loads_no_office_library():
    path = SAMPLES / "2020_checun_town.json"
    result = _probe(path)
    assert result["code"] == _expected_exit_code(load_report_json(path))
    assert result["loaded"] == []


def test_checking_an_xlsx_report_loads_openpyxl_on_demand(tmp_path):
    path = tmp_path / "报告.xlsx"
    export_report(load_report_json(SAMPLES / "2020_geshan_town.json"), path)
    result = _probe(path)
    assert result["code"] == _expected_exit_code(load_report_json(SAMPLES / "2020_geshan_town.json"))
    assert "openpyxl" in result["loaded"] and "docx" not in result["loaded"]


def test_every_format_is_listed_before_any_is_loaded():
    assert set(registry.import_suffixes()) >= {".json", ".txt", ".docx", ".docm", ".doc", ".wps", ".xlsx", ".xlsm",
                                               ".html", ".htm", ".mhtml", ".mht", ".pdf"}
    assert set(registry.export_suffixes()) >= {".json", ".docx", ".xlsx"}


def test_the_list_in_app_formats_matches_what_the_format_modules_register():
    for module in set(registry._LAZY_IMPORTERS.values()) | set(registry._LAZY_EXPORTERS.values()):
        importlib.import_module(module)
    ours = {s for s, f in registry._IMPORTERS.items() if f.__module__.startswith(("app.read.", "app.write."))}
    assert ours == set(registry._LAZY_IMPORTERS)
    assert {s: f.__module__ for s, f in registry._IMPORTERS.items() if s in ours} == registry._LAZY_IMPORTERS
    assert {s: f.__module__ for s, f in registry._EXPORTERS.items()
            if f.__module__.startswith(("app.read.", "app.write."))} == registry._LAZY_EXPORTERS


def test_a_lazily_loaded_format_round_trips(tmp_path):
    report = load_report_json(SAMPLES / "2020_huashan_town.json")
    for suffix in (".xlsx", ".docx", ".json"):
        path = tmp_path / f"报告{suffix}"
        export_report(report, path)
        assert import_report(path).report.tables == report.tables
    assert app.formats.__all__ == ["ImportNote", "Imported", "export_report", "import_report"]
