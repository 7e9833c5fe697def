"""The autosave's working copies (app/working_copy.py), without a window: what a crash leaves on disk is
restored whole, with the file it belongs to, and never another running window's copy.

A "crash" is ``own.lock.unlock()``: the process is gone, so is its lock, and its files stay on disk.
A "restart" is a new ``Autosaver`` over the same folder.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from app.report_json import dumps_report, load_report_json
from app.working_copy import Autosaver, WorkingCopy
from tests.core.report_strategies import consistent_report


class Killed(BaseException):
    """The process dies here (nothing after this point of the save happens)."""


def _session(report=None, path: Path | None = None):
    return SimpleNamespace(report=report or consistent_report(), path=path, generation=0, is_modified=True)


def _edit(session, requests_new: int) -> None:
    """The clerk changes 新收 of natural persons (and its total): a report that still adds up."""
    row = session.report.tables["requests"]["new"]
    row["total"] += requests_new - row["natural"]
    row["natural"] = requests_new
    session.generation += 1


def _crash(saver: Autosaver) -> None:
    saver.own.lock.unlock()


def _crashed(folder: Path, requests_new: int, session=None) -> Autosaver:
    """A window that autosaved 新收 = ``requests_new`` into ``folder``, then died (the OS freed its lock)."""
    session = session or _session()
    saver = Autosaver(session, folder)
    _edit(session, requests_new)
    assert saver.save_now()
    _crash(saver)
    return saver


def _restart(folder: Path) -> Autosaver:
    return Autosaver(_session(), folder)


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_a_crash_restores_the_last_autosave_with_its_file(tmp_path, edition):
    session = _session(consistent_report(edition), tmp_path / "阁山镇2024年报.nianbao.json")
    _crashed(tmp_path / "auto", 31, session)
    expected = dumps_report(session.report)
    restarted = _restart(tmp_path / "auto")
    assert restarted.has_working_copy()
    report, path = restarted.load_working_copy()
    assert dumps_report(report) == expected and report.tables["requests"]["carried_in"]["total"] > 0
    assert path == session.path


def test_a_report_never_saved_restores_without_a_file(tmp_path):
    _crashed(tmp_path, 5)
    report, path = _restart(tmp_path).load_working_copy()
    assert path is None and report.get("requests", "new", "natural") == 5


def test_each_autosave_replaces_the_copy_so_a_restore_is_never_stale(tmp_path):
    session = _session()
    saver = Autosaver(session, tmp_path)
    _edit(session, 3)
    assert saver.save_now()
    assert not saver.save_now()                    # nothing changed since: nothing written
    _edit(session, 4)
    assert saver.save_now()
    _crash(saver)
    report, _ = _restart(tmp_path).load_working_copy()
    assert report.get("requests", "new", "natural") == 4
    assert report.tables == session.report.tables


def test_without_unsaved_changes_nothing_is_written(tmp_path):
    session = _session()
    saver = Autosaver(session, tmp_path / "auto")
    assert not saver.save_now()                    # no edit since the report was opened
    session.generation += 1
    session.is_modified = False                    # edited, then undone back to the saved state
    assert not saver.save_now()
    assert _files(tmp_path / "auto") == []


def test_an_opened_or_saved_report_is_current_until_the_next_edit(tmp_path):
    session = _session()
    saver = Autosaver(session, tmp_path)
    session.generation += 1                        # e.g. the window replaced the report (open)
    saver.mark_current()
    assert not saver.save_now()
    _edit(session, 9)
    assert saver.save_now()


def test_discard_removes_the_copy_and_waits_for_the_next_edit(tmp_path):
    session = _session()
    saver = Autosaver(session, tmp_path)
    _edit(session, 2)
    assert saver.save_now()
    saver.discard()                                # saved as a file: the working copy is not needed
    assert not saver.report_file.exists() and not saver.meta_file.exists()
    assert not saver.save_now()
    _edit(session, 3)
    assert saver.save_now() and saver.report_file.is_file()
    saver.discard()
    saver.release()
    assert _files(tmp_path) == []                  # a normal close leaves no copy and no lock file


@pytest.mark.parametrize("killed_at", [1, 2])
def test_a_first_autosave_killed_between_its_writes_never_restores_a_copy_without_its_file(
        tmp_path, monkeypatch, killed_at):
    """The file path is written before the report: killed between the two, a restart finds nothing
    (at most one interval lost), never a report that has forgotten which file it belongs to."""
    session = _session(path=tmp_path / "年报.docx")
    saver = Autosaver(session, tmp_path / "auto")
    _edit(session, 7)
    _kill_at_commit(monkeypatch, killed_at)
    with pytest.raises(Killed):
        saver.save_now()
    monkeypatch.undo()
    _crash(saver)
    restarted = _restart(tmp_path / "auto")
    if restarted.has_working_copy():
        assert restarted.load_working_copy()[1] == session.path
    assert not list((tmp_path / "auto").glob("*.nianbao.json"))


@pytest.mark.parametrize("killed_at", [1, 2])
def test_a_later_autosave_killed_between_its_writes_restores_the_previous_one_with_its_file(
        tmp_path, monkeypatch, killed_at):
    session = _session(path=tmp_path / "年报.docx")
    saver = Autosaver(session, tmp_path)
    _edit(session, 7)
    assert saver.save_now()
    _edit(session, 8)
    _kill_at_commit(monkeypatch, killed_at)
    with pytest.raises(Killed):
        saver.save_now()
    monkeypatch.undo()
    _crash(saver)
    report, path = _restart(tmp_path).load_working_copy()
    assert report.get("requests", "new", "natural") == 7 and path == session.path


def _kill_at_commit(monkeypatch, n: int) -> None:
    """The process dies just before the n-th file of the save replaces its old version."""
    real, count = os.replace, [0]

    def replace(src, dst):
        count[0] += 1
        if count[0] == n:
            raise Killed
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)


def test_a_running_windows_copy_is_neither_offered_nor_deleted(tmp_path):
    first, second = _session(), _session()
    running, other = Autosaver(first, tmp_path), Autosaver(second, tmp_path)
    _edit(first, 4)
    assert running.save_now()
    assert not other.has_working_copy()
    with pytest.raises(FileNotFoundError, match="^no working copy$"):
        other.load_working_copy()
    _edit(second, 9)
    assert other.save_now()
    other.discard()
    other.release()
    assert load_report_json(running.report_file).get("requests", "new", "natural") == 4
    _edit(first, 5)
    assert running.save_now()                      # its lock is still its own


def test_a_restored_copy_becomes_the_windows_own_and_no_one_else_is_offered_it(tmp_path):
    crashed = _crashed(tmp_path, 6)
    restarted = _restart(tmp_path)
    unused_own = restarted.own
    assert restarted.has_working_copy() and restarted.has_working_copy()    # asking twice finds it twice
    restarted.load_working_copy()
    assert restarted.report_file == crashed.report_file
    assert not unused_own.lock.is_locked()
    assert not _restart(tmp_path).has_working_copy()     # held by the window that restored it
    _edit(restarted.session, 11)
    assert restarted.save_now()                    # its next autosave replaces the restored copy
    _crash(restarted)
    report, _ = _restart(tmp_path).load_working_copy()
    assert report.get("requests", "new", "natural") == 11
    assert len(list(tmp_path.glob("*.nianbao.json"))) == 1


def test_a_window_offered_its_own_copy_keeps_it(tmp_path):
    """The copy found is this window's own (the process that wrote it was a child that died)."""
    saver = _crashed(tmp_path, 12)
    assert saver.has_working_copy()
    report, _ = saver.load_working_copy()
    assert report.get("requests", "new", "natural") == 12
    assert saver.report_file.is_file() and saver.own.lock.is_locked()
    saver.discard()
    saver.release()
    assert _files(tmp_path) == []


def test_the_newest_of_several_crashed_copies_is_offered_first(tmp_path):
    copies = []
    for value, age in ((1, 300), (2, 10), (3, 200)):
        saver = _crashed(tmp_path, value)
        os.utime(saver.report_file, (saver.report_file.stat().st_atime, saver.report_file.stat().st_mtime - age))
        copies.append(saver)
    restarted = [_restart(tmp_path) for _ in copies]       # windows started one after the other
    restored = [window.load_working_copy()[0].get("requests", "new", "natural") for window in restarted]
    assert restored == [2, 3, 1]
    assert not _restart(tmp_path).has_working_copy()


def test_something_else_named_like_a_copy_is_not_offered_and_not_kept_locked(tmp_path):
    (tmp_path / "working-0123456789ab.nianbao.json").mkdir()     # a folder, not a report
    looking = _restart(tmp_path)
    assert not looking.has_working_copy()
    assert not (tmp_path / "working-0123456789ab.lock").exists()     # the look left no lock file behind
    assert WorkingCopy(tmp_path, "working-0123456789ab").claim()    # and its lock free


def test_a_copy_whose_report_vanished_after_it_was_found_is_no_longer_offered(tmp_path):
    crashed = _crashed(tmp_path, 1)
    restarted = _restart(tmp_path)
    assert restarted.has_working_copy()
    crashed.report_file.unlink()
    assert not restarted.has_working_copy()


def test_the_single_working_copy_of_earlier_versions_is_offered(tmp_path):
    report = consistent_report()
    (tmp_path / "working.nianbao.json").write_text(dumps_report(report), encoding="utf-8")
    (tmp_path / "working.meta.json").write_text(json.dumps({"path": str(tmp_path / "旧.json")}), encoding="utf-8")
    (tmp_path / "notes.nianbao.json").write_text(dumps_report(report), encoding="utf-8")   # not a working copy
    restarted = _restart(tmp_path)
    restored, path = restarted.load_working_copy()
    assert restored.tables == report.tables and path == tmp_path / "旧.json"
    assert restarted.report_file == tmp_path / "working.nianbao.json"
    assert not _restart(tmp_path).has_working_copy()


@pytest.mark.parametrize("meta", [None, "", "not json", "[]", '"年报.docx"', '{"path": null}', '{"path": ""}',
                                  '{"file": "年报.docx"}', '{"path": 3}'])
def test_a_lost_or_damaged_file_name_restores_the_report_as_never_saved(tmp_path, meta):
    session = _session(path=tmp_path / "年报.docx")
    crashed = _crashed(tmp_path, 2, session)
    if meta is None:
        crashed.meta_file.unlink()
    else:
        crashed.meta_file.write_text(meta, encoding="utf-8")
    report, path = _restart(tmp_path).load_working_copy()
    assert report.tables == session.report.tables and path is None


def test_a_report_utf8_cannot_hold_is_still_written_and_restored(tmp_path, caplog):
    session = _session()
    session.report.organ = "阁山镇\udc80人民政府"        # a lone surrogate: no UTF-8 file holds it
    _crashed(tmp_path, 3, session)
    report, _ = _restart(tmp_path).load_working_copy()
    assert report.tables == session.report.tables and report.organ == "阁山镇\ufffd人民政府"
    assert [r.getMessage().split(":")[0] for r in caplog.records] == ["working copy written escaped"]
    assert "UnicodeEncodeError" in caplog.records[0].getMessage()       # why, for the crash log


def test_a_failed_autosave_is_retried_by_the_next_one(tmp_path, caplog):
    blocked = tmp_path / "auto"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    session = _session()
    saver = Autosaver(session, blocked)
    _edit(session, 5)
    assert not saver.save_now()
    assert [r.getMessage().split(":")[0] for r in caplog.records] == ["autosave failed"]   # in the crash log
    assert "FileExistsError" in caplog.records[0].getMessage()
    blocked.unlink()
    assert saver.save_now()                        # the same changes, written now
    assert load_report_json(saver.report_file).get("requests", "new", "natural") == 5


def test_a_copy_whose_lock_another_process_holds_is_not_written(tmp_path, caplog):
    session = _session()
    saver = Autosaver(session, tmp_path)
    intruder = WorkingCopy(tmp_path, saver.own.stem)
    assert intruder.claim()
    _edit(session, 5)
    assert not saver.save_now()
    assert [r.getMessage() for r in caplog.records] == [
        f"autosave failed: OSError('lock {saver.own.stem} held by another process')"]
    assert not saver.report_file.exists()
    intruder.lock.unlock()
    assert saver.save_now()


def test_the_emergency_copy_goes_to_the_first_folder_that_takes_it(tmp_path, monkeypatch):
    session = _session()
    saver = Autosaver(session, tmp_path / "auto")
    written = saver.emergency_copy()
    assert written.parent == tmp_path / "auto"
    assert load_report_json(written).tables == session.report.tables
    (tmp_path / "blocked").write_text("", encoding="utf-8")
    monkeypatch.setattr(Path, "home", lambda: tmp_path / "home")
    written = Autosaver(session, tmp_path / "blocked").emergency_copy()
    assert written.parent == tmp_path / "home"


def test_a_copy_file_that_cannot_be_removed_does_not_keep_the_other_one(tmp_path, caplog):
    session = _session()
    saver = Autosaver(session, tmp_path)
    _edit(session, 1)
    assert saver.save_now()
    saver.report_file.unlink()
    saver.report_file.mkdir()                      # something that cannot be removed as a file
    saver.discard()
    assert not saver.meta_file.exists()
    assert [r.getMessage().split(" ")[:3] for r in caplog.records] == [["could", "not", "remove"]]
    assert str(saver.report_file) in caplog.text
    assert "IsADirectoryError" in caplog.text or "PermissionError" in caplog.text   # and why


def test_the_first_autosave_on_a_new_computer_creates_its_folders(tmp_path):
    session = _session()
    saver = Autosaver(session, tmp_path / "用户数据" / "nianbao" / "autosave")
    _edit(session, 8)
    assert saver.save_now()
    _crash(saver)
    assert _restart(saver.folder).load_working_copy()[0].get("requests", "new", "natural") == 8


def test_a_file_whose_name_the_system_could_not_decode_is_remembered(tmp_path):
    """On Linux a file name in another encoding (GBK bytes) reaches Python as lone surrogates."""
    odd = tmp_path / "\udcc4\udcea\udcb1\udca8.docx"
    session = _session(path=odd)
    saver = Autosaver(session, tmp_path / "auto")
    _edit(session, 8)
    assert saver.save_now()
    _crash(saver)
    assert _restart(tmp_path / "auto").load_working_copy()[1] == odd
