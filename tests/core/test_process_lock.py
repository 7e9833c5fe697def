"""The working copy's lock (app/process_lock.py): held only by a running process, free once it has ended."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import app.process_lock as process_lock
from app.process_lock import ProcessLock

ROOT = Path(__file__).resolve().parents[2]
_HOLDER = ("import sys, time\nfrom app.process_lock import ProcessLock\n"
           "lock = ProcessLock(sys.argv[1])\nprint(lock.try_lock(), flush=True)\ntime.sleep(60)\n")


def test_a_lock_excludes_every_other_lock_on_its_file_until_it_is_given_up(tmp_path):
    first, second = ProcessLock(tmp_path / "a.lock"), ProcessLock(tmp_path / "a.lock")
    assert first.try_lock() and first.is_locked()
    assert first.try_lock()                       # asking again while holding it
    assert not second.try_lock() and not second.is_locked()
    first.unlock()
    assert not first.is_locked() and not (tmp_path / "a.lock").exists()   # its file goes with it
    assert second.try_lock()
    assert not first.try_lock()


def test_unlocking_a_lock_not_held_leaves_the_holders_file_and_lock_alone(tmp_path):
    holder, other = ProcessLock(tmp_path / "a.lock"), ProcessLock(tmp_path / "a.lock")
    assert holder.try_lock()
    other.unlock()
    assert (tmp_path / "a.lock").exists()
    assert not ProcessLock(tmp_path / "a.lock").try_lock()


def test_a_lock_held_by_another_process_is_free_once_that_process_is_killed(tmp_path):
    path = tmp_path / "working.lock"
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "True"
        assert not ProcessLock(path).try_lock()
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    assert path.exists()                          # a killed process removes nothing
    assert ProcessLock(path).try_lock()


def test_a_lock_file_left_on_disk_is_free(tmp_path):
    path = tmp_path / "working.lock"
    path.write_text("12345\nnianbao\nhost\n", encoding="utf-8")     # e.g. written by an earlier version
    assert ProcessLock(path).try_lock()


def test_a_lock_in_a_folder_that_does_not_exist_is_refused_without_an_error(tmp_path):
    lock = ProcessLock(tmp_path / "missing" / "a.lock")
    assert not lock.try_lock() and not lock.is_locked()


def test_a_lock_file_removed_while_it_was_being_locked_locks_nothing(tmp_path, monkeypatch):
    """Another process gave the lock up (and removed its file) between our open and our lock: the file
    we locked is gone, so the lock is refused rather than held on a file no one else will see."""
    path = tmp_path / "a.lock"
    real = process_lock._try_os_lock

    def removed_meanwhile(handle) -> bool:
        path.unlink()
        return real(handle)

    monkeypatch.setattr(process_lock, "_try_os_lock", removed_meanwhile)
    lock = ProcessLock(path)
    assert not lock.try_lock() and not lock.is_locked()
    monkeypatch.undo()
    assert lock.try_lock()


def test_a_lock_given_up_cannot_be_kept_by_someone_who_opened_its_file_before(tmp_path, monkeypatch):
    """The holder removes its file before letting go: whoever was waiting on the old file is refused,
    and the next lock is taken on a new file."""
    path = tmp_path / "a.lock"
    holder, waiting = ProcessLock(path), ProcessLock(path)
    assert holder.try_lock()
    real = process_lock._try_os_lock

    def holder_gives_up_meanwhile(handle) -> bool:
        holder.unlock()
        return real(handle)

    monkeypatch.setattr(process_lock, "_try_os_lock", holder_gives_up_meanwhile)
    assert not waiting.try_lock()
    monkeypatch.undo()
    assert waiting.try_lock() and path.exists()


def test_a_lock_taken_the_moment_its_holder_lets_go_is_never_shared(tmp_path, monkeypatch):
    """Someone locks the instant the holder lets go: they get a lock of their own, and the holder's
    removal of its file does not take it from under them (two windows never both own a copy)."""
    path = tmp_path / "a.lock"
    holder, waiting = ProcessLock(path), ProcessLock(path)
    assert holder.try_lock()
    real, took = process_lock._os_unlock, []

    def someone_locks_right_after(handle) -> None:
        real(handle)
        took.append(waiting.try_lock())

    monkeypatch.setattr(process_lock, "_os_unlock", someone_locks_right_after)
    holder.unlock()
    monkeypatch.undo()
    assert took == [True] and waiting.is_locked() and path.exists()
    assert not ProcessLock(path).try_lock()


def test_where_an_open_lock_file_cannot_be_removed_it_is_removed_once_closed(tmp_path, monkeypatch):
    """Windows refuses to remove a file that is open: the lock removes its file after closing it."""
    path = tmp_path / "a.lock"
    lock = ProcessLock(path)
    assert lock.try_lock()
    handle, real_unlink, refused = lock._handle, Path.unlink, []

    def windows_unlink(self, missing_ok=False):
        if self == path and not handle.closed:
            refused.append(self)
            raise PermissionError(13, "file in use", str(self))
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", windows_unlink)
    lock.unlock()
    assert refused == [path] and not path.exists() and not lock.is_locked()
