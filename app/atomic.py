"""Atomic file replacement: a crash at any moment leaves the old or the new file, never a broken one."""
from __future__ import annotations

import glob
import os
import time
from pathlib import Path

from app.errors import ReportFileError, os_reason


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then replace ``path``."""
    path = Path(path)
    folder = path.parent          # "." for a bare file name
    _remove_stale_temporaries(folder, path.name)
    import tempfile  # noqa: PLC0415 - with the first save, not with the window (tempfile, hashlib: ~5 ms)

    try:
        fd, tmp_name = tempfile.mkstemp(prefix=_temporary_prefix(path.name), suffix=TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise ReportFileError(f"{path.name}：无法在文件夹 {folder} 中写入（{os_reason(exc)}）") from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _give_mode(tmp, path)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ReportFileError(f"{path.name}：保存失败（{os_reason(exc)}），原文件未被改动") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_folder(folder)


STALE_AFTER_SECONDS = 60
# Our temporaries are named ".~nb" + a short hash of the target's name + mkstemp's random part + ".nbtmp":
# short whatever the target's name (a 245-byte name stays legal), and no other program's file matches.
TEMP_MARKER = ".~nb"
TEMP_SUFFIX = ".nbtmp"


def _temporary_prefix(name: str) -> str:
    import hashlib  # noqa: PLC0415 - see atomic_write_bytes

    digest = hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{TEMP_MARKER}{digest}-"


def _remove_stale_temporaries(folder: Path, name: str) -> None:
    """Our temporaries for ``name`` that a killed save left behind (older than a minute) are removed by
    the next save; only names in our own pattern are touched, never another program's files."""
    limit = time.time() - STALE_AFTER_SECONDS
    pattern = f"{glob.escape(_temporary_prefix(name))}*{TEMP_SUFFIX}"
    for leftover in glob.glob(os.path.join(glob.escape(str(folder)), pattern)):
        try:
            if os.path.getmtime(leftover) < limit:
                os.unlink(leftover)
        except OSError:
            pass  # another program holds it, or it is gone already


def _give_mode(tmp: Path, path: Path) -> None:
    """mkstemp makes the file private (0600); give it the replaced file's mode, or the usual one."""
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        os.chmod(tmp, mode)
    except OSError:
        pass  # e.g. a file system without permissions; the content is what matters


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not possible on Windows; the replace is still atomic there
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
