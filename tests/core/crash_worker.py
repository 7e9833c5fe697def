"""Run by tests/core/test_crash_safety.py in its own process: save in a loop, SIGKILL, look at the disk.

    python -m tests.core.crash_worker save FOLDER KILLS SEED
    python -m tests.core.crash_worker autosave FOLDER KILLS SEED
    python -m tests.core.crash_worker export.docx FOLDER KILLS SEED     (or export.xlsx)

Each round forks a child that saves (save_report_json, or app.working_copy.Autosaver.save_now as
the window's timer calls it) over and over; the parent kills it with SIGKILL after a random delay and
inspects what is on disk. Prints one JSON object with what it found. POSIX only (fork).
"""
from __future__ import annotations

import json
import os
import random
import signal
import struct
import sys
import time
from pathlib import Path
from types import SimpleNamespace

from app.report_json import dumps_report, load_report_json, save_report_json

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "samples" / "2020_geshan_town.json"
EDITS_PER_AUTOSAVE = 5      # the autosave "interval", counted in edits


def _two_versions():
    old = load_report_json(SAMPLE)
    old.sections["overview"] = "旧版本的总体情况。" * 20_000      # ~540 KB on disk: a save takes a while
    new = old.copy_report()
    new.sections["overview"] = "新版本的总体情况，已修改。" * 20_000
    new.tables["requests"]["new"]["natural"] = 42
    return old, new


def _fork(body) -> tuple[int, int]:
    """Fork a child running ``body(write_fd)`` forever; return (pid, read_fd) once it is running."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        try:
            body(write_fd)
        finally:
            os._exit(1)
    os.close(write_fd)
    os.read(read_fd, 4)   # the child's first message: it is running
    return pid, read_fd


def _kill(pid: int, rng: random.Random, window: float) -> None:
    time.sleep(rng.uniform(0, window))
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def _temporaries(folder: Path) -> int:
    leftovers = list(folder.glob(".~nb*.nbtmp"))
    for path in leftovers:
        path.unlink()
    return len(leftovers)


def run_saves(folder: Path, kills: int, rng: random.Random) -> dict:
    old, new = _two_versions()
    versions = {dumps_report(old).encode("utf-8"): "old", dumps_report(new).encode("utf-8"): "new"}
    target = folder / "阁山镇 年报.nianbao.json"
    save_report_json(old, target)
    started = time.perf_counter()
    save_report_json(old, target)
    window = 3 * (time.perf_counter() - started)

    def saver(fd: int) -> None:
        os.write(fd, b"run!")
        for n in range(10 ** 9):
            save_report_json(new if n % 2 == 0 else old, target)

    seen, interrupted = [], 0
    for _ in range(kills):
        pid, fd = _fork(saver)
        _kill(pid, rng, window)
        os.close(fd)
        state = versions.get(target.read_bytes(), "broken")
        if state != "broken" and load_report_json(target) not in (old, new):
            state = "broken"
        seen.append(state)
        interrupted += _temporaries(folder) > 0
    return {"states": seen, "interrupted_mid_write": interrupted, "save_seconds": window / 3}


def run_exports(folder: Path, kills: int, rng: random.Random, suffix: str) -> dict:
    """Like run_saves, for an exporter: the file must always import as the old or the new report."""
    from app.formats import export_report, import_report

    old, new = _two_versions()
    old.sections["overview"], new.sections["overview"] = "旧版本的总体情况。", "新版本的总体情况，已修改。"
    target = folder / f"阁山镇 年报{suffix}"
    export_report(new, target)
    new_back = import_report(target).report
    started = time.perf_counter()
    export_report(old, target)
    # Kills spread over several exports (old and new alternate), so both states are seen.
    window = 8 * (time.perf_counter() - started)
    old_back = import_report(target).report

    def exporter(fd: int) -> None:
        os.write(fd, b"run!")
        for n in range(10 ** 9):
            export_report(new if n % 2 == 0 else old, target)

    seen, interrupted = [], 0
    for _ in range(kills):
        pid, fd = _fork(exporter)
        _kill(pid, rng, window)
        os.close(fd)
        try:
            again = import_report(target).report
            state = {True: "old"}.get(_same(again, old_back)) or ("new" if _same(again, new_back) else "broken")
        except Exception:   # noqa: BLE001 — a file that no longer imports is what we look for
            state = "broken"
        seen.append(state)
        interrupted += _temporaries(folder) > 0
    return {"states": seen, "interrupted_mid_write": interrupted, "save_seconds": window / 3}


def _same(a, b) -> bool:
    return a.tables == b.tables and a.sections == b.sections


def run_autosaves(folder: Path, kills: int, rng: random.Random) -> dict:
    from app.working_copy import Autosaver

    base, _ = _two_versions()
    session = SimpleNamespace(generation=0, is_modified=True, report=base, path=folder / "年报.docx")
    losses, unreadable, path_lost = [], 0, 0
    for _ in range(kills):
        autosave = Autosaver(session, folder)
        autosave.discard()

        def editor(fd: int) -> None:
            os.write(fd, b"run!")
            for n in range(1, 10 ** 9):
                session.report.sections["overview"] = f"第{n}次修改。" + "总体情况。" * 50_000
                session.generation = n
                os.write(fd, struct.pack("<I", n))
                if n % EDITS_PER_AUTOSAVE == 0:   # the interval timer fires
                    autosave.save_now()

        pid, fd = _fork(editor)
        _kill(pid, rng, 0.15)
        last = _last_edit(fd)
        restored = 0
        if autosave.has_working_copy():
            try:
                report, path = autosave.load_working_copy()
                restored = int(report.sections["overview"].split("次修改")[0][1:])
                path_lost += path != session.path   # killed between the report and its meta file
            except Exception:   # noqa: BLE001 — a working copy that does not load is the failure we count
                unreadable += 1
        autosave.discard()   # this round's copy; the next round's window has its own
        losses.append(last - restored)
        _temporaries(folder)
    return {"lost_edits": losses, "unreadable": unreadable, "path_lost": path_lost,
            "edits_per_autosave": EDITS_PER_AUTOSAVE}


def _last_edit(fd: int) -> int:
    data = b""
    while chunk := os.read(fd, 65536):
        data += chunk
    os.close(fd)
    usable = len(data) - len(data) % 4
    return struct.unpack("<I", data[usable - 4:usable])[0] if usable else 0


def main(argv: list[str]) -> int:
    mode, folder, kills, seed = argv[0], Path(argv[1]), int(argv[2]), int(argv[3])
    rng = random.Random(seed)
    if mode.startswith("export"):
        result = run_exports(folder, kills, rng, mode[len("export"):])
    else:
        result = run_saves(folder, kills, rng) if mode == "save" else run_autosaves(folder, kills, rng)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
