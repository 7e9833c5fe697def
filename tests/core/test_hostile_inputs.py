"""Hostile files and hostile disks: each gives a Chinese message naming the file, and nothing is lost.

Formats whose importer or exporter has not landed yet are skipped by name.
"""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from app.checks import has_errors, run_checks

from app.cli import main as cli_main
from app.errors import AppError
from app.formats import export_report, import_report
from app.registry import export_suffixes, import_suffixes
from app.report_json import dumps_report, save_report_json
from tests.core import hostile_files as hf
from tests.core.fuzz_engine import has_cjk, run_case

OFFICE = [".docx", ".xlsx"]
READERS = [".json", ".txt", ".docx", ".xlsx"]
WRITERS = [".json", ".docx", ".xlsx"]
DEADLINE = 15.0


def need_importer(suffix: str) -> None:
    if suffix not in import_suffixes():
        pytest.skip(f"no importer for {suffix} registered yet")


def need_exporter(suffix: str) -> None:
    if suffix not in export_suffixes():
        pytest.skip(f"no exporter for {suffix} registered yet")


def assert_refused(path: Path, suffix: str) -> str:
    """Importing ``path`` ends, in time and memory, in a Chinese error naming the file."""
    outcome = run_case(path, suffix, path.name, DEADLINE)
    assert outcome.kind == "error", outcome.detail
    assert path.name in outcome.detail
    return outcome.detail


# ---------------------------------------------------------------- hostile files

@pytest.mark.parametrize("suffix", OFFICE)
def test_zip_bomb_disguised_as_office_file_is_refused_quickly(suffix, tmp_path):
    need_importer(suffix)
    path = tmp_path / f"年度报告{suffix}"
    hf.write_zip_bomb(path, suffix, gigabytes=2)
    assert path.stat().st_size < 5 * 1024 * 1024
    assert_refused(path, suffix)


@pytest.mark.parametrize("suffix", OFFICE)
def test_xml_external_entity_does_not_leak_a_local_file(suffix, tmp_path):
    need_importer(suffix)
    secret = tmp_path / "secret.txt"
    secret.write_text("XXE-SECRET-MARKER", encoding="utf-8")
    path = hf.office_file(suffix, tmp_path / f"报告{suffix}")
    hf.rewrite_part(path, hf.MAIN_PART[suffix], lambda b: hf.with_doctype(b, hf.xxe_doctype(secret), b"&xxe;"))
    outcome = run_case(path, suffix, "xxe", DEADLINE)
    if outcome.kind == "report":
        report = import_report(path).report
        assert "XXE-SECRET-MARKER" not in dumps_report(report)
    else:
        assert outcome.kind == "error" and path.name in outcome.detail, outcome.detail


@pytest.mark.parametrize("suffix", OFFICE)
def test_billion_laughs_ends_quickly_in_bounded_memory(suffix, tmp_path):
    need_importer(suffix)
    path = hf.office_file(suffix, tmp_path / f"报告{suffix}")
    hf.rewrite_part(path, hf.MAIN_PART[suffix], lambda b: hf.with_doctype(b, hf.billion_laughs_doctype(), b"&lol9;"))
    outcome = run_case(path, suffix, "billion laughs", DEADLINE)
    assert outcome.kind in ("report", "error"), outcome.detail
    if outcome.kind == "error":
        assert path.name in outcome.detail


@pytest.mark.parametrize("suffix", READERS)
def test_a_500_mb_file_is_refused_without_reading_it(suffix, tmp_path):
    need_importer(suffix)
    path = tmp_path / f"巨大 文件{suffix}"
    head = {".json": b'{"format": "nianbao-report/1", "sections": {"overview": "',
            ".txt": "车村镇人民政府2020年政府信息公开工作年度报告\n一、总体情况\n".encode()}.get(suffix, b"PK\x03\x04")
    path.write_bytes(head)
    os.truncate(path, 500 * 1024 * 1024)   # sparse: no 500 MB is written
    detail = assert_refused(path, suffix)
    assert "过大" in detail or "MB" in detail


@pytest.mark.parametrize("suffix", READERS)
def test_a_binary_file_renamed_is_refused(suffix, tmp_path):
    need_importer(suffix)
    for number, body in enumerate([
        bytes(range(256)) * 64,                                        # arbitrary binary
        b"\x7fELF\x02\x01\x01" + os.urandom(4000),                     # a program
        b"\x89PNG\r\n\x1a\n" + os.urandom(4000),                       # a picture
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000),             # an old .doc/.xls
    ]):
        path = tmp_path / f"改了扩展名 {number}{suffix}"
        path.write_bytes(body)
        assert_refused(path, suffix)


@pytest.mark.parametrize("anchor", ["规章", "\t\t6.属于四类过程性信息"])
@pytest.mark.parametrize("unit", ["，", "x", "9", "\t"])
def test_a_line_of_a_million_characters_in_a_table_does_not_hang(unit, anchor, tmp_path):
    """Regression (found by fuzzing): a long run of punctuation in a table cell made label matching
    quadratic, and a million empty cells before a row's label made trimming the row quadratic."""
    need_importer(".txt")
    sample = (hf.SAMPLES / "2020_checun_town.txt").read_bytes()
    at = sample.index(anchor.encode())
    path = tmp_path / "超长的行.txt"
    path.write_bytes(sample[:at] + unit.encode() * 1_000_000 + sample[at:])
    outcome = run_case(path, ".txt", "long line", DEADLINE)
    assert outcome.kind in ("report", "error"), outcome.detail
    assert outcome.seconds < 5


def test_a_docx_renamed_txt_is_refused(tmp_path):
    need_importer(".txt")
    path = hf.office_file(".docx", tmp_path / "其实是Word.docx").rename(tmp_path / "其实是Word.txt")
    assert_refused(path, ".txt")


@pytest.mark.parametrize("suffix", OFFICE)
def test_an_empty_office_file_is_refused(suffix, tmp_path):
    need_importer(suffix)
    path = tmp_path / f"空文件{suffix}"
    path.write_bytes(b"")
    assert_refused(path, suffix)


FORMULAS = ["=1+1", "+SUM(A1:A3)", "-2+3", "@SUM(A1)", "=HYPERLINK(\"http://evil\",\"点我\")",
            "=cmd|'/c calc'!A0", "=1+1\n+2\n-3\n@4"]


def test_xlsx_cells_starting_like_formulas_stay_text(tmp_path):
    need_exporter(".xlsx")
    import openpyxl

    report = hf.sample_report()
    for section, text in zip(["overview", "problems", "other", "preamble"], FORMULAS):
        report.sections[section] = text
    path = tmp_path / "公式 注入.xlsx"
    export_report(report, path)
    book = openpyxl.load_workbook(path)
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = str(cell.value or "")
                if cell.data_type == "f":   # the exporter's own total formulas are fine; ours are not
                    assert not any(f.split("\n")[0] in value for f in FORMULAS), f"{cell.coordinate}: {value}"
                else:
                    texts.append(value)
    for formula in FORMULAS[:4]:
        assert any(formula in text for text in texts), formula
    if ".xlsx" in import_suffixes():
        again = import_report(path).report
        assert [again.sections[s] for s in ("overview", "problems", "other", "preamble")] == FORMULAS[:4]


# ---------------------------------------------------------------- paths and disks

@pytest.mark.parametrize("suffix", WRITERS)
def test_chinese_path_with_spaces_writes_and_reads(suffix, tmp_path):
    need_exporter(suffix)
    folder = tmp_path / "政务 公开" / "2025 年 报告"
    folder.mkdir(parents=True)
    path = folder / f"阁山镇 年报 草稿（第 2 稿）{suffix}"
    report = hf.sample_report()
    export_report(report, path)
    assert path.stat().st_size > 0
    if suffix in import_suffixes():
        assert import_report(path).report.tables == report.tables
        assert cli_main(["check", str(path)]) == (1 if has_errors(run_checks(report)) else 0)


def _old_and_new(tmp_path: Path, suffix: str) -> tuple[Path, bytes]:
    need_exporter(suffix)
    path = tmp_path / f"年报 定稿{suffix}"
    export_report(hf.sample_report(), path)
    return path, path.read_bytes()


def _assert_save_fails_cleanly(path: Path, old: bytes, reason: str, monkeypatch=None) -> None:
    changed = hf.sample_report()
    changed.sections["overview"] = "新写的内容。"
    with pytest.raises(AppError) as caught:
        export_report(changed, path)
    if monkeypatch is not None:
        monkeypatch.undo()   # the disk works again: now look at what is left on it
    message = str(caught.value)
    assert has_cjk(message) and path.name in message, message
    assert reason in message, message
    assert path.read_bytes() == old


@pytest.mark.parametrize("suffix", WRITERS)
def test_saving_into_a_read_only_folder_names_the_file_and_keeps_the_old_one(suffix, tmp_path, monkeypatch):
    path, old = _old_and_new(tmp_path, suffix)
    hf.simulate_read_only_folder(monkeypatch, tmp_path)
    _assert_save_fails_cleanly(path, old, "权限", monkeypatch)
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


@pytest.mark.parametrize("suffix", WRITERS)
def test_saving_into_a_real_read_only_folder(suffix, tmp_path):
    path, old = _old_and_new(tmp_path, suffix)
    if not hf.chmod_is_effective(tmp_path):
        pytest.skip("running as root: chmod cannot make a folder read-only (simulated test covers it)")
    tmp_path.chmod(0o555)
    try:
        _assert_save_fails_cleanly(path, old, "权限")
    finally:
        tmp_path.chmod(0o755)


@pytest.mark.parametrize("suffix", WRITERS)
def test_a_full_disk_names_the_file_and_keeps_the_old_one(suffix, tmp_path, monkeypatch):
    path, old = _old_and_new(tmp_path, suffix)
    hf.simulate_full_disk(monkeypatch, tmp_path)
    _assert_save_fails_cleanly(path, old, "磁盘空间已满", monkeypatch)
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name], "a partial temporary file was left behind"


@pytest.mark.parametrize("suffix", WRITERS)
def test_saving_over_a_file_locked_by_another_program(suffix, tmp_path, monkeypatch):
    path, old = _old_and_new(tmp_path, suffix)
    hf.simulate_locked_file(monkeypatch, path)
    _assert_save_fails_cleanly(path, old, "占用", monkeypatch)
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


@pytest.mark.parametrize("suffix", READERS)
def test_opening_a_file_locked_by_another_program(suffix, tmp_path, monkeypatch):
    need_importer(suffix)
    path = tmp_path / f"被占用的 报告{suffix}"
    if suffix == ".txt":
        path.write_bytes((hf.SAMPLES / "2020_checun_town.txt").read_bytes())
    elif suffix == ".json":
        save_report_json(hf.sample_report(), path)
    else:
        hf.office_file(suffix, path)
    hf.simulate_locked_file(monkeypatch, path)
    with pytest.raises(AppError) as caught:
        import_report(path)
    assert path.name in str(caught.value) and "占用" in str(caught.value), str(caught.value)


def test_zip_bomb_builder_makes_a_real_bomb(tmp_path):
    """The bomb the tests use is what it claims: a valid zip that inflates to gigabytes."""
    path = tmp_path / "bomb.docx"
    hf.write_zip_bomb(path, ".docx", gigabytes=0.01)
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        info = archive.getinfo("word/document.xml")
        assert info.file_size == 10 * 1024 * 1024 and info.compress_size < info.file_size // 500
