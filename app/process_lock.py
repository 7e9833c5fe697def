"""A lock file that only a running process can hold: the operating system lets go of it when the process ends.

The working copies (app/working_copy.py) use it to tell a running window's copy from one a crash left:
the lock is an operating-system lock on the file (``flock`` on Linux and 统信UOS/麒麟, a locked byte on
Windows), so a process that crashed or was killed holds nothing, however old its lock file, and no process
id is ever guessed at. Two locks on one file exclude each other within one process too (two windows).
Unlocking removes the file.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

if sys.platform == "win32":
    import msvcrt

    def _try_os_lock(handle) -> bool:
        handle.seek(0)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _os_unlock(handle) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_os_lock(handle) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _os_unlock(handle) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class ProcessLock:
    """The lock of ``path``: ``try_lock`` takes it unless a running process (this one included) holds it."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._handle = None

    def is_locked(self) -> bool:
        """Does this lock hold its file?"""
        return self._handle is not None

    def try_lock(self) -> bool:
        """Take the lock now (True) or say that a running process holds it (False); True if already held."""
        if self._handle is not None:
            return True
        try:
            handle = open(self.path, "a+b")   # noqa: SIM115 - held open while locked
        except OSError:
            return False
        if _try_os_lock(handle) and _is_the_file_at(handle, self.path):
            self._handle = handle
            return True
        handle.close()
        return False

    def unlock(self) -> None:
        """Give the lock up and remove its file (nothing happens when it is not held)."""
        handle, self._handle = self._handle, None
        if handle is None:
            return
        removed = _remove(self.path)   # POSIX: removed while still held, so no one locks a file that goes away
        try:
            _os_unlock(handle)
        except OSError:
            pass   # closing the file below releases it as well
        handle.close()
        if not removed:
            _remove(self.path)         # Windows: an open file cannot be removed


def _is_the_file_at(handle, path: Path) -> bool:
    """The locked file is still the one at ``path``: another process may have removed it (and a third
    created a new one) between our open and our lock, and a removed file locks nothing."""
    try:
        return os.path.samestat(os.fstat(handle.fileno()), os.stat(path))
    except OSError:
        return False


def _remove(path: Path) -> bool:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        return False
    return True
