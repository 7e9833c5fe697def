"""Atomic save as the clerk depends on it: the rename is made durable, an interrupted save leaves the
old file and nothing else, and what a killed save left behind is cleared by the next save."""
from __future__ import annotations

import multiprocessing
import os
import stat
import sys
import time

import pytest

from app.atomic import atomic_write_bytes
from app.errors import ReportFileError


def test_the_folder_is_fsynced_after_the_rename_so_the_new_name_survives_a_power_cut(tmp_path, monkeypatch):
    target = tmp_path / "报告.json"
    events = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (events.append(("fsync", stat.S_ISDIR(os.fstat(fd).st_mode))),
                                                 real_fsync(fd))[1])
    monkeypatch.setattr(os, "replace", lambda *a, **k: (events.append(("replace", None)), real_replace(*a, **k))[1])
    atomic_write_bytes(target, b"{}")
    assert events.index(("replace", None)) < events.index(("fsync", True))
    assert target.read_bytes() == b"{}"


def test_a_save_into_a_missing_folder_is_refused_in_chinese(tmp_path):
    target = tmp_path / "不存在" / "报告.json"
    with pytest.raises(ReportFileError) as err:
        atomic_write_bytes(target, b"{}")
    assert str(err.value).startswith("报告.json：")
    assert "文件或文件夹不存在" in str(err.value)
    assert not target.parent.exists()


def test_a_save_interrupted_by_ctrl_c_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "报告.json"
    target.write_bytes(b"old")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.json"]


def _killed_save(path: str) -> None:
    """A save killed by the system between writing its temporary file and the rename."""
    os.replace = lambda *args, **kwargs: os._exit(9)
    atomic_write_bytes(path, b"half a report")


def _leftovers(folder, name):
    return sorted(p for p in folder.iterdir() if p.name != name)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_what_a_killed_save_left_is_removed_by_a_save_more_than_a_minute_later(tmp_path):
    target = tmp_path / "年报 [草稿].json"
    target.write_bytes(b"old")
    child = multiprocessing.get_context("fork").Process(target=_killed_save, args=(str(target),))
    child.start()
    child.join(60)
    assert child.exitcode == 9
    [leftover] = _leftovers(tmp_path, target.name)
    assert target.read_bytes() == b"old"
    atomic_write_bytes(target, b"new")              # seconds later: perhaps another save still running
    assert _leftovers(tmp_path, target.name) == [leftover]
    a_minute_ago = time.time() - 60.5
    os.utime(leftover, (a_minute_ago, a_minute_ago))
    atomic_write_bytes(target, b"newer")
    assert _leftovers(tmp_path, target.name) == []
    assert target.read_bytes() == b"newer"


@pytest.mark.parametrize("failure, raised", [(KeyboardInterrupt, KeyboardInterrupt),
                                             (OSError(5, "Input/output error"), ReportFileError)])
def test_a_failure_reported_after_the_rename_happened_is_still_reported_as_itself(tmp_path, monkeypatch,
                                                                                   failure, raised):
    """E.g. a network drive that renames, then reports an error: the save is reported as interrupted
    or failed (not as a confusing missing temporary file), and the new content is in place."""
    target = tmp_path / "报告.json"
    target.write_bytes(b"old")
    real_replace = os.replace

    def replace_then_fail(*args, **kwargs):
        real_replace(*args, **kwargs)
        raise failure

    monkeypatch.setattr(os, "replace", replace_then_fail)
    with pytest.raises(raised):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.json"]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_a_leftover_exactly_a_minute_old_is_kept_only_older_ones_go(tmp_path, monkeypatch):
    target = tmp_path / "报告.json"
    child = multiprocessing.get_context("fork").Process(target=_killed_save, args=(str(target),))
    child.start()
    child.join(60)
    [leftover] = _leftovers(tmp_path, target.name)
    written = 1_700_000_000
    os.utime(leftover, (written, written))
    monkeypatch.setattr(time, "time", lambda: written + 60.0)
    atomic_write_bytes(target, b"new")
    assert _leftovers(tmp_path, target.name) == [leftover]
    monkeypatch.setattr(time, "time", lambda: written + 60.001)
    atomic_write_bytes(target, b"newer")
    assert _leftovers(tmp_path, target.name) == []


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_a_save_clears_only_its_own_reports_leftovers_not_another_reports_in_the_same_folder(tmp_path):
    other = tmp_path / "乙镇 年报.json"
    child = multiprocessing.get_context("fork").Process(target=_killed_save, args=(str(other),))
    child.start()
    child.join(60)
    [leftover] = _leftovers(tmp_path, other.name)
    an_hour_ago = time.time() - 3600
    os.utime(leftover, (an_hour_ago, an_hour_ago))
    atomic_write_bytes(tmp_path / "甲镇 年报.json", b"{}")
    assert leftover.exists()                        # left for the next save of 乙镇 年报.json
    atomic_write_bytes(other, b"{}")
    assert not leftover.exists()


@pytest.mark.skipif(sys.getfilesystemencodeerrors() != "surrogateescape", reason="POSIX byte file names")
def test_a_file_name_with_bytes_that_are_not_utf8_can_be_saved(tmp_path):
    target = tmp_path / os.fsdecode("年报".encode("utf-8") + b"\xff.json")    # e.g. copied from a GBK system
    atomic_write_bytes(target, b"{}")
    assert target.read_bytes() == b"{}"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
