"""Where the CLI writes: never over its own input, never over an existing file unless asked (--force),
and ``new`` creates its draft exclusively, so two runs to the same name cannot both succeed."""
from __future__ import annotations

import errno
import os
import secrets
from pathlib import Path

from app.errors import AppError, ReportFileError, os_reason
from app.formats import export_report
from app.report import Report


def refuse_unsafe_target(source: Path, target: Path, force: bool) -> None:
    """Raise ReportFileError when writing ``target`` would destroy ``source`` or (without force) any file."""
    if _same_file(source, target):
        raise ReportFileError(f"{target.name}：输出文件就是输入文件，转换会毁掉原文件；请另选输出文件名")
    if os.path.lexists(target) and not force:
        raise ReportFileError(f"{target.name}：文件已存在，为避免覆盖未作转换；确需覆盖请加 --force")


def _same_file(source: Path, target: Path) -> bool:
    try:
        return os.path.samefile(source, target)
    except OSError:
        return Path(os.path.abspath(source)) == Path(os.path.abspath(target))


def export_new_file(report: Report, path: Path) -> None:
    """Export ``report`` to ``path`` only if no file of that name exists, atomically against other runs:
    the file is written under a private name, then linked to ``path`` (which fails if ``path`` exists)."""
    path = Path(path)
    if os.path.lexists(path):
        raise _exists(path)
    private = path.with_name(f".~nbnew-{secrets.token_hex(6)}{path.suffix}")
    try:
        export_report(report, private)
    except AppError as exc:   # the message names the private file: name the one the clerk asked for
        private.unlink(missing_ok=True)
        raise type(exc)(str(exc).replace(private.name, path.name)) from exc
    try:
        _link_exclusively(private, path)
    finally:
        private.unlink(missing_ok=True)


def _link_exclusively(private: Path, path: Path) -> None:
    try:
        os.link(private, path)
        return
    except FileExistsError:
        raise _exists(path) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS):
            raise ReportFileError(f"{path.name}：无法写入（{os_reason(exc)}）") from exc
    _reserve_then_replace(private, path)   # a file system without hard links (e.g. FAT on a USB stick)


def _reserve_then_replace(private: Path, path: Path) -> None:
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except FileExistsError:
        raise _exists(path) from None
    except OSError as exc:
        raise ReportFileError(f"{path.name}：无法写入（{os_reason(exc)}）") from exc
    try:
        os.replace(private, path)
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise ReportFileError(f"{path.name}：无法写入（{os_reason(exc)}）") from exc


def _exists(path: Path) -> ReportFileError:
    return ReportFileError(f"{path.name}：文件已存在，为避免覆盖请另选文件名")
