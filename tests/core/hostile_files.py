"""Builders of hostile files and simulated disk failures for tests/core/test_hostile_inputs.py."""
from __future__ import annotations

import builtins
import errno
import io
import os
import struct
import zipfile
import zlib
from pathlib import Path

from app.formats import export_report
from app.registry import export_suffixes
from app.report_json import load_report_json

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
SAMPLE_JSON = SAMPLES / "2020_checun_town.json"
MAIN_PART = {".docx": "word/document.xml", ".xlsx": "xl/worksheets/sheet1.xml"}
_MIB = 1024 * 1024


def sample_report():
    return load_report_json(SAMPLE_JSON)


# ---------------------------------------------------------------- Office files

def office_file(suffix: str, path: Path) -> Path:
    """A real .docx/.xlsx: made by our exporter when registered, else by python-docx/openpyxl."""
    if suffix in export_suffixes():
        export_report(sample_report(), path)
    elif suffix == ".docx":
        import docx
        document = docx.Document()
        document.add_paragraph("车村镇人民政府2020年政府信息公开工作年度报告")
        document.save(path)
    else:
        import openpyxl
        book = openpyxl.Workbook()
        book.active["A1"] = "车村镇人民政府2020年政府信息公开工作年度报告"
        book.save(path)
    return path


def rewrite_part(path: Path, part: str, edit) -> None:
    """Replace one member of a zip with ``edit(old_bytes)``, keeping every other member."""
    with zipfile.ZipFile(path) as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members:
            archive.writestr(name, edit(body) if name == part else body)


def with_doctype(body: bytes, doctype: bytes, entity_ref: bytes) -> bytes:
    """Insert a DOCTYPE after the XML declaration and an entity reference into the first text node."""
    end = body.find(b"?>") + 2 if body.startswith(b"<?xml") else 0
    body = body[:end] + doctype + body[end:]
    close = body.find(b"</w:t>") if b"</w:t>" in body else body.find(b"</t>")
    if close < 0:
        close = body.rfind(b"</")
    return body[:close] + entity_ref + body[close:]


def xxe_doctype(secret: Path) -> bytes:
    return (b'<!DOCTYPE r [<!ENTITY xxe SYSTEM "' + secret.as_uri().encode() + b'">]>')


def billion_laughs_doctype() -> bytes:
    lines = [b'<!ENTITY lol0 "lol">']
    for level in range(1, 10):
        refs = b"".join(b"&lol%d;" % (level - 1) for _ in range(10))
        lines.append(b'<!ENTITY lol%d "%s">' % (level, refs))
    return b"<!DOCTYPE r [" + b"".join(lines) + b"]>"


def write_zip_bomb(path: Path, suffix: str, gigabytes: float = 2.0) -> None:
    """An Office-looking zip whose main part inflates to ``gigabytes`` of whitespace (~2 MB on disk).

    Built by hand: one 1 MiB block compressed once after a full flush repeats identically, so
    the bomb costs a second to make instead of compressing gigabytes.
    """
    block = b" " * _MIB
    count = int(gigabytes * 1024)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeat = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    small = {"[Content_Types].xml": _CONTENT_TYPES, "_rels/.rels": _RELS[suffix]}
    with open(path, "wb") as out:
        directory = [_store(out, name, body) for name, body in small.items()]
        offset = out.tell()
        size = len(head) + len(repeat) * (count - 1) + len(tail)
        name = MAIN_PART[suffix].encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, size, count * _MIB, len(name), 0))
        out.write(name)
        out.write(head)
        for _ in range(count - 1):
            out.write(repeat)
        out.write(tail)
        directory.append((name, 8, crc, size, count * _MIB, offset))
        _central_directory(out, directory)


def _store(out, name: str, body: bytes):
    offset, raw, crc = out.tell(), name.encode(), zlib.crc32(body)
    out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0, crc, len(body), len(body), len(raw), 0))
    out.write(raw + body)
    return raw, 0, crc, len(body), len(body), offset


def _central_directory(out, directory) -> None:
    start = out.tell()
    for name, method, crc, size, full, offset in directory:
        out.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0, crc, size, full,
                              len(name), 0, 0, 0, 0, 0, offset))
        out.write(name)
    end = out.tell()
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(directory), len(directory), end - start, start, 0))


_CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                  b'2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
_RELS = {
    suffix: (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
             b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
             b'officeDocument/2006/relationships/officeDocument" Target="' + part.encode() + b'"/></Relationships>')
    for suffix, part in MAIN_PART.items()
}


# ---------------------------------------------------------------- simulated disk failures

def _is_write_mode(mode) -> bool:
    if isinstance(mode, int):
        return bool(mode & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND))
    return any(flag in mode for flag in "wax+")


def _inside(path, folder: Path) -> bool:
    if isinstance(path, int):
        return False
    try:
        return Path(os.fsdecode(path)).resolve().parent == folder.resolve()
    except (TypeError, ValueError):
        return False


class _FullDiskFile:
    """A real file whose writes fail with ENOSPC once ``budget`` bytes are written."""

    def __init__(self, handle, budget: int) -> None:
        self._handle, self._left = handle, budget

    def write(self, data) -> int:
        self._left -= len(data)
        if self._left < 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return self._handle.write(data)

    def __getattr__(self, name):
        return getattr(self._handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._handle.close()


def simulate_full_disk(monkeypatch, folder: Path, budget: int = 64) -> None:
    """Every file written in ``folder`` fails with ENOSPC after ``budget`` bytes (and fsync too)."""
    real_open, real_fdopen, real_fsync = builtins.open, os.fdopen, os.fsync
    fds: set[int] = set()
    real_os_open = os.open

    def fake_open(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        return _FullDiskFile(handle, budget) if _is_write_mode(mode) and _inside(file, folder) else handle

    def fake_os_open(file, flags, *args, **kwargs):
        fd = real_os_open(file, flags, *args, **kwargs)
        if _is_write_mode(flags) and _inside(file, folder):
            fds.add(fd)
        return fd

    def fake_fdopen(fd, mode="r", *args, **kwargs):
        handle = real_fdopen(fd, mode, *args, **kwargs)
        return _FullDiskFile(handle, budget) if fd in fds else handle

    def fake_fsync(fd):
        if fd in fds:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_fsync(fd)

    for target, name, value in [(builtins, "open", fake_open), (io, "open", fake_open), (os, "open", fake_os_open),
                                (os, "fdopen", fake_fdopen), (os, "fsync", fake_fsync)]:
        monkeypatch.setattr(target, name, value)


def _denied(path, winerror: int | None = None) -> PermissionError:
    exc = PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))
    if winerror is not None:
        exc.winerror = winerror   # what Windows sets for a file another program holds open
    return exc


def simulate_read_only_folder(monkeypatch, folder: Path) -> None:
    """Creating, opening for writing, or replacing any file in ``folder`` fails with EACCES."""
    _refuse_writes(monkeypatch, lambda path: _inside(path, folder), winerror=None)


def simulate_locked_file(monkeypatch, target: Path) -> None:
    """``target`` is held open by another program (Windows sharing violation, winerror 32)."""
    def locked(path) -> bool:
        return not isinstance(path, int) and Path(os.fsdecode(path)).resolve() == target.resolve()
    _refuse_writes(monkeypatch, locked, winerror=32, reads_too=True)


def _refuse_writes(monkeypatch, refused, winerror: int | None, reads_too: bool = False) -> None:
    real_open, real_os_open = builtins.open, os.open
    real_replace, real_rename = os.replace, os.rename

    def fake_open(file, mode="r", *args, **kwargs):
        if (reads_too or _is_write_mode(mode)) and refused(file):
            raise _denied(file, winerror)
        return real_open(file, mode, *args, **kwargs)

    def fake_os_open(file, flags, *args, **kwargs):
        if (reads_too or _is_write_mode(flags)) and refused(file):
            raise _denied(file, winerror)
        return real_os_open(file, flags, *args, **kwargs)

    def fake_move(real):
        def move(src, dst, *args, **kwargs):
            if refused(dst):
                raise _denied(dst, winerror)
            return real(src, dst, *args, **kwargs)
        return move

    for target, name, value in [(builtins, "open", fake_open), (io, "open", fake_open), (os, "open", fake_os_open),
                                (os, "replace", fake_move(real_replace)), (os, "rename", fake_move(real_rename))]:
        monkeypatch.setattr(target, name, value)


def chmod_is_effective(folder: Path) -> bool:
    """False when running as root (or on a file system) where a 0o555 folder is still writable."""
    probe = folder / "probe"
    folder.chmod(0o555)
    try:
        probe.write_bytes(b"x")
    except PermissionError:
        return True
    finally:
        folder.chmod(0o755)
    probe.unlink()
    return False
