"""Errors a user may see. ``str(err)`` is the Chinese text shown to the clerk."""
import errno


class AppError(Exception):
    """Base of every error whose message is meant for the user (in Chinese)."""


class EditionError(AppError):
    """An edition data file is malformed."""


class ReportFileError(AppError):
    """A report file could not be read or written."""


class UnsupportedFileType(AppError):
    """No importer or exporter handles this file extension."""


class ImportFailed(AppError):
    """A file could be opened but is not a report we can read."""


class ValueRejected(AppError):
    """A cell value is not valid for its kind (count, signed change, amount)."""


_OS_REASONS = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有访问权限",
    errno.EPERM: "没有访问权限",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中的某一级不是文件夹",
    errno.ELOOP: "符号链接层数过多（可能链接成了环）",
    errno.ENOSPC: "磁盘空间已满",
    errno.EROFS: "磁盘为只读",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EIO: "读写设备出错",
}


def os_reason(exc: OSError) -> str:
    """A short Chinese reason for an OS error (falls back to the system's own text)."""
    if getattr(exc, "winerror", None) in (32, 33):
        return "文件正被其他程序占用，请先关闭该程序"
    return _OS_REASONS.get(exc.errno, exc.strerror or str(exc))
