"""Opening a file the user named: regular files only (never a FIFO that blocks, a device that never
ends, or /dev/zero behind a symlink), and never more bytes than a limit, whatever stat() said."""
from __future__ import annotations

import os
import stat
from pathlib import Path

from app.errors import ImportFailed, os_reason


def require_regular_file(path: Path) -> None:
    """Raise ImportFailed (Chinese, naming the file) unless ``path`` is a regular file (symlinks followed)."""
    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise ImportFailed(f"{path.name}：无法打开文件（{os_reason(exc)}）") from exc
    except ValueError as exc:   # a NUL character in the name
        raise ImportFailed(f"{path.name}：文件名中含有无效字符") from exc
    if stat.S_ISDIR(mode):
        raise ImportFailed(f"{path.name}：这是一个文件夹，不是文件")
    if not stat.S_ISREG(mode):
        raise ImportFailed(f"{path.name}：不是普通文件（是设备、管道或套接字），不予读取")


def read_capped(path: Path, limit: int, too_big: str) -> bytes:
    """The bytes of a regular file, refusing (ImportFailed with ``too_big``) one longer than ``limit``."""
    path = Path(path)
    require_regular_file(path)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):   # swapped after the check above
                raise ImportFailed(f"{path.name}：不是普通文件（是设备、管道或套接字），不予读取")
            data = handle.read(limit + 1)
    except OSError as exc:
        raise ImportFailed(f"{path.name}：无法读取文件（{os_reason(exc)}）") from exc
    if len(data) > limit:
        raise ImportFailed(too_big)
    return data
