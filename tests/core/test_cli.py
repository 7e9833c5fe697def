"""The command line contract: exit codes, JSON output, Chinese messages without tracebacks."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.report_json import save_report_json
from tests.core.helpers import zero_report

ROOT = Path(__file__).parents[2]
SAMPLES = ROOT / "tests" / "data" / "samples"


def nianbao(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def test_check_json_output_follows_the_contract():
    result = nianbao("check", SAMPLES / "2020_geshan_town.json", "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert list(out) == ["file", "edition", "year", "organ", "import_notes", "findings"]
    assert (out["edition"], out["year"], out["organ"]) == ("2019", 2020, "阁山镇人民政府")
    magnitude = [f for f in out["findings"] if f["rule"] == "value.magnitude"]
    assert magnitude == [{"rule": "value.magnitude", "level": "warning", "cell": "active.procurement.amount",
                          "expected": 10000, "found": "169100", "message": magnitude[0]["message"]}]


def test_check_exit_code_is_1_with_errors(tmp_path):
    report = zero_report("2019")
    report.tables["requests"]["new"]["natural"] = 1
    path = tmp_path / "r.json"
    save_report_json(report, path)
    result = nianbao("check", path)
    assert result.returncode == 1
    assert "错误：三、一、本年新收政府信息公开申请数量 · 总计：应为 1" in result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("共 ")
    assert "未通过" in result.stdout.splitlines()[-1]


def test_check_with_last_year(tmp_path):
    last = zero_report("2019", year=2019)
    last.tables["requests"]["carried_out"].update(natural=1, total=1)
    this = zero_report("2019", year=2020)
    save_report_json(last, tmp_path / "last.json")
    save_report_json(this, tmp_path / "this.json")
    result = nianbao("check", tmp_path / "this.json", "--last", tmp_path / "last.json", "--json")
    assert result.returncode == 1
    cells = [f["cell"] for f in json.loads(result.stdout)["findings"] if f["rule"] == "carry.requests"]
    assert cells == ["requests.carried_in.natural", "requests.carried_in.total"]


@pytest.mark.parametrize("name,content", [
    ("missing.json", None),
    ("broken.json", "{"),
    ("report.pdf", "%PDF-1.4"),
])
def test_unreadable_file_exits_2_with_a_chinese_line_and_no_traceback(tmp_path, name, content):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = nianbao("check", path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert name in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_convert_json_to_json(tmp_path):
    out = tmp_path / "输出 文件.json"
    result = nianbao("convert", SAMPLES / "2020_checun_town.json", out)
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(
        (SAMPLES / "2020_checun_town.json").read_text(encoding="utf-8"))


def test_convert_to_unknown_format_exits_2(tmp_path):
    result = nianbao("convert", SAMPLES / "2020_checun_town.json", tmp_path / "x.odt")
    assert result.returncode == 2 and "不支持导出" in result.stderr


def test_bad_arguments_exit_2_in_chinese():
    result = nianbao("check")
    assert result.returncode == 2 and "参数有误" in result.stderr


def test_opening_the_window_without_a_display_says_so_in_chinese():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run([sys.executable, "-m", "app", str(SAMPLES / "2020_checun_town.json")], cwd=ROOT, env=env,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 2
    assert "未检测到图形显示环境" in result.stderr and "Traceback" not in result.stderr


def test_converting_a_report_with_blank_cells_to_word_warns(tmp_path):
    out = tmp_path / "阁山.docx"
    result = nianbao("convert", SAMPLES / "2020_geshan_town.json", out)
    assert result.returncode == 0 and out.is_file()
    assert "有 23 个单元格空白" in result.stderr
    assert "三、一、本年新收政府信息公开申请数量 · 其他" in result.stderr
    clean = nianbao("convert", SAMPLES / "2020_checun_town.json", tmp_path / "车村.docx")
    assert "空白" not in clean.stderr
