"""Start of the packaged application (``make dist``: dist/nianbao) against the venv's.

Figures: ``nianbao check`` on the sample (one process each, median of 7) and program start → main window
mapped on an Xvfb display (median of 5), frozen and venv alternating; ratios frozen/venv (median of the rounds' ratios). Skipped without dist/nianbao.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FROZEN = ROOT / "dist" / "nianbao" / "nianbao"
SAMPLE = ROOT / "resources" / "samples" / "2020_huashan_town.txt"
TITLE = "政务公开年报助手"


def _commands() -> dict[str, list[str]]:
    return {"frozen": [str(FROZEN)], "venv": [sys.executable, "-m", "app"]}


def _check_once(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run([*command, "check", str(SAMPLE)], env=env, capture_output=True, check=False, cwd=ROOT)
    return (time.perf_counter() - start) * 1000


def _window_once(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    app = subprocess.Popen([*command, str(SAMPLE)], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - start < 30:
            tree = subprocess.run(["xwininfo", "-root", "-tree"], env=env, capture_output=True, text=True).stdout
            if "花山镇" in tree and TITLE in tree:
                return (time.perf_counter() - start) * 1000
            time.sleep(0.01)
        return float("nan")
    finally:
        app.terminate()
        app.wait()


def interleaved(measure, env: dict, runs: int) -> dict[str, float]:
    """Median per kind and the median of per-round ratios; frozen and venv alternate, so load spikes hit both."""
    times: dict[str, list[float]] = {kind: [] for kind in _commands()}
    ratios = []
    for _ in range(runs):
        for kind, command in _commands().items():
            times[kind].append(measure(command, env))
        ratios.append(times["frozen"][-1] / times["venv"][-1])
    return {**{kind: statistics.median(values) for kind, values in times.items()}, "ratio": statistics.median(ratios)}


def main() -> dict:
    if not FROZEN.is_file():
        print("dist/nianbao not built (make dist): skipped")
        return {}
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    _check_once(_commands()["frozen"], env)  # warm the file cache for both
    _check_once(_commands()["venv"], env)
    check = interleaved(_check_once, env, runs=7)
    figures = {"frozen_check_process_ms": round(check["frozen"], 1), "venv_check_process_ms": round(check["venv"], 1),
               "frozen_check_ratio": round(check["ratio"], 2)}
    if shutil.which("Xvfb") and shutil.which("xwininfo"):
        display = f":{90 + os.getpid() % 100}"
        server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24"], stderr=subprocess.DEVNULL)
        time.sleep(1)
        try:
            window = interleaved(_window_once, {**env, "DISPLAY": display}, runs=5)
        finally:
            server.terminate()
            server.wait()
        figures.update(frozen_window_ms=round(window["frozen"], 1), venv_window_ms=round(window["venv"], 1),
                       frozen_window_ratio=round(window["ratio"], 2))
    for name, value in figures.items():
        print(f"{name}: {value}")
    return figures


if __name__ == "__main__":
    main()
