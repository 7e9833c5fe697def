"""Killing the program (SIGKILL) at any moment of a save never leaves a broken report on disk.

The saving happens in tests/core/crash_worker.py, in its own process (the autosave round drives the
Qt-free core of the autosave, app/working_copy.py, as the window's timer does).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.registry import export_suffixes, import_suffixes

ROOT = Path(__file__).resolve().parent.parent.parent
KILLS = 30

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL (POSIX)")


def _worker(mode: str, folder: Path, seed: int, kills: int = KILLS) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "tests.core.crash_worker", mode, str(folder), str(kills), str(seed)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_save_killed_at_any_moment_leaves_the_old_or_the_new_report(tmp_path):
    result = _worker("save", tmp_path, seed=7)
    states = result["states"]
    assert len(states) == KILLS
    assert "broken" not in states, states
    # The kills really landed in the middle of writes, and both outcomes happened.
    assert result["interrupted_mid_write"] >= 1, result
    assert {"old", "new"} <= set(states), states


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_an_export_killed_at_any_moment_leaves_a_file_that_opens(suffix, tmp_path):
    if suffix not in export_suffixes() or suffix not in import_suffixes():
        pytest.skip(f"{suffix} cannot be both written and read yet")
    # Most of an export is building the document in memory; the kills land anywhere in it.
    result = _worker(f"export{suffix}", tmp_path, seed=5, kills=12)
    assert "broken" not in result["states"], result
    assert {"old", "new"} <= set(result["states"]), result


def test_an_autosave_killed_at_any_moment_restores_with_at_most_one_interval_lost(tmp_path):
    result = _worker("autosave", tmp_path, seed=11)
    assert result["unreadable"] == 0, result
    assert len(result["lost_edits"]) == KILLS
    assert max(result["lost_edits"]) <= result["edits_per_autosave"], result
    assert min(result["lost_edits"]) >= 0, result
    assert result["path_lost"] == 0, result  # the restored copy always knows its file
