"""Small hostile files (devices, FIFOs, numbering, formulas, sheet shapes, deep nesting) end in a
Chinese message or a report within 5 s and under 300 MB, each in a fresh process (tests/core/refusal_worker.py)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core import tiny_hostile as th

ROOT = Path(__file__).parents[2]
SECONDS, MEGABYTES = 5.0, 300


def outcome(path: Path) -> dict:
    result = subprocess.run([sys.executable, "-m", "tests.core.refusal_worker", str(path)], cwd=ROOT,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def assert_in_bounds(path: Path, kind: str = "error") -> str:
    """The file ends as ``kind`` (error: a Chinese message naming it) in time and memory; the detail."""
    found = outcome(path)
    assert found["kind"] == kind, found["detail"]
    assert found["seconds"] < SECONDS, found
    assert found["mb"] < MEGABYTES, found
    if kind == "error":
        assert path.name in found["detail"] and th.has_cjk(found["detail"]), found["detail"]
    return found["detail"]


# ---------------------------------------------------------------- item 11: devices and FIFOs

@pytest.mark.parametrize("suffix", [".json", ".txt", ".docx", ".xlsx"])
def test_a_link_to_an_endless_device_is_refused(tmp_path, suffix):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    link = tmp_path / f"年报{suffix}"
    link.symlink_to("/dev/zero")
    assert "不是普通文件" in assert_in_bounds(link)


@pytest.mark.parametrize("suffix", [".json", ".txt", ".docx", ".xlsx"])
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path, suffix):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / f"年报{suffix}"
    os.mkfifo(fifo)
    assert "不是普通文件" in assert_in_bounds(fifo)
