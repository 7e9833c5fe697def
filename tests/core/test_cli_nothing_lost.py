"""The command line never destroys a file it was not asked to replace, and output failures are messages."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main as cli_main
from app.formats import export_report
from app.report_json import save_report_json
from tests.core.helpers import zero_report

ROOT = Path(__file__).parents[2]
SAMPLE = ROOT / "tests" / "data" / "samples" / "2020_geshan_town.json"


def _docx(tmp_path: Path) -> Path:
    path = tmp_path / "report.docx"
    export_report(zero_report("2021"), path)
    return path


def test_convert_refuses_to_write_over_its_own_input(tmp_path, capsys):
    source = _docx(tmp_path)
    before = source.read_bytes()
    assert cli_main(["convert", str(source), str(source), "--force"]) == 2
    assert source.read_bytes() == before
    assert "输出文件就是输入文件" in capsys.readouterr().err


def test_convert_refuses_the_same_file_under_another_name(tmp_path, capsys):
    source = _docx(tmp_path)
    before = source.read_bytes()
    (tmp_path / "link.docx").symlink_to(source)
    assert cli_main(["convert", str(source), str(tmp_path / "sub" / ".." / "link.docx"), "--force"]) == 2
    assert source.read_bytes() == before


def test_convert_refuses_an_existing_output_unless_forced(tmp_path, capsys):
    source = _docx(tmp_path)
    target = tmp_path / "已有.json"
    target.write_text("别人的文件", encoding="utf-8")
    assert cli_main(["convert", str(source), str(target)]) == 2
    err = capsys.readouterr().err
    assert "文件已存在" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "别人的文件"
    assert cli_main(["convert", str(source), str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8").startswith("{")


def test_new_never_overwrites_a_draft_written_by_a_concurrent_run(tmp_path, capsys, monkeypatch):
    """Two runs to one draft: the one that checks first but writes last must fail, not overwrite."""
    import app.new_year as new_year

    source, target = tmp_path / "2020.json", tmp_path / "2021.json"
    save_report_json(zero_report("2021"), source)
    real = new_year.next_year_draft

    def slow_draft(report):
        target.write_text("另一次运行写下的草稿", encoding="utf-8")   # the other run wins the race here
        return real(report)

    monkeypatch.setattr(new_year, "next_year_draft", slow_draft)
    assert cli_main(["new", "--from", str(source), str(target)]) == 2
    assert target.read_text(encoding="utf-8") == "另一次运行写下的草稿"
    assert "文件已存在" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2020.json", "2021.json"]


def test_new_creates_the_draft_when_the_name_is_free(tmp_path):
    source, target = tmp_path / "2020.json", tmp_path / "2021.docx"
    save_report_json(zero_report("2021"), source)
    assert cli_main(["new", "--from", str(source), str(target)]) == 0
    assert target.stat().st_size > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2020.json", "2021.docx"]


def _run(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], cwd=ROOT, capture_output=True,
                          timeout=120, **kwargs)


def test_check_piped_into_a_reader_that_stops_early_exits_quietly():
    command = f"{sys.executable} -m app check {SAMPLE} | head -1"
    result = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=ROOT, capture_output=True, timeout=120)
    assert b"Traceback" not in result.stderr and b"BrokenPipe" not in result.stderr
    assert result.stderr.decode("utf-8") == ""
    assert result.stdout.decode("utf-8").startswith(str(SAMPLE))


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_check_that_cannot_write_its_output_says_so_and_exits_2():
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "app", "check", str(SAMPLE)], cwd=ROOT, stdout=full,
                                stderr=subprocess.PIPE, timeout=120)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert "Traceback" not in err and "无法输出结果" in err and "磁盘空间已满" in err


def test_audit_piped_into_a_reader_that_stops_early_exits_quietly(tmp_path):
    for n in range(3):
        (tmp_path / f"r{n}.json").write_bytes(SAMPLE.read_bytes())
    command = f"{sys.executable} -m app audit {tmp_path} --json | head -1"
    result = subprocess.run(["bash", "-c", command], cwd=ROOT, capture_output=True, timeout=120)
    assert b"Traceback" not in result.stderr and b"BrokenPipe" not in result.stderr
    assert result.stdout.decode("utf-8").strip() == "{"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_audit_that_cannot_write_its_output_says_so_and_exits_2():
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "app", "audit", str(SAMPLE.parent)], cwd=ROOT, stdout=full,
                                stderr=subprocess.PIPE, timeout=120)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and "Traceback" not in err and "无法输出结果" in err
