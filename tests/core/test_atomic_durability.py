"""An atomic save reaches the disk before it replaces the old file: the new content is fsynced
under its temporary name, then renamed over the old one. Without the fsync a power cut right
after the rename can leave an empty file where the clerk's report was."""
from __future__ import annotations

import os

from app.atomic import atomic_write_bytes


def _spy(monkeypatch) -> list[tuple]:
    events: list[tuple] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        info = os.fstat(fd)
        events.append(("fsync", info.st_ino, info.st_size))
        return real_fsync(fd)

    def replace(src, dst, *args, **kwargs):
        events.append(("replace", os.stat(src).st_ino, os.fspath(dst)))
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    return events


def test_new_content_is_fsynced_under_its_temporary_name_before_the_rename(tmp_path, monkeypatch):
    target = tmp_path / "报告.nianbao.json"
    target.write_bytes(b"old report")
    data = "新的报告内容".encode() * 100
    events = _spy(monkeypatch)
    atomic_write_bytes(target, data)
    assert target.read_bytes() == data
    replaces = [i for i, e in enumerate(events) if e[0] == "replace" and e[2] == os.fspath(target)]
    assert len(replaces) == 1
    moved = events[replaces[0]][1]
    synced_before = [e for e in events[:replaces[0]] if e[0] == "fsync" and e[1] == moved]
    assert synced_before, events
    assert synced_before[-1][2] == len(data)      # the whole content, not a part of it


def test_a_new_file_is_fsynced_too(tmp_path, monkeypatch):
    target = tmp_path / "新建.nianbao.json"
    events = _spy(monkeypatch)
    atomic_write_bytes(target, b"{}")
    kinds = [e[0] for e in events]
    assert "fsync" in kinds and kinds.index("fsync") < kinds.index("replace")
