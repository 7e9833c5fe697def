"""Start of the packaged application (``make dist``: dist/nianbao) against the venv's.

Figures: ``nianbao check`` on the sample (one process each, median of 5) and program start → main window
mapped on an Xvfb display (median of 3), for both; ratios frozen/venv. Skipped without dist/nianbao.
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


def check_ms(command: list[str], env: dict, runs: int = 5) -> float:
    times = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        subprocess.run([*command, "check", str(SAMPLE)], env=env, capture_output=True, check=False, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:]) * 1000


def window_ms(command: list[str], env: dict, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        app = subprocess.Popen([*command, str(SAMPLE)], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
        try:
            while time.perf_counter() - start < 30:
                tree = subprocess.run(["xwininfo", "-root", "-tree"], env=env, capture_output=True, text=True).stdout
                if "花山镇" in tree and TITLE in tree:
                    times.append(time.perf_counter() - start)
                    break
                time.sleep(0.01)
        finally:
            app.terminate()
            app.wait()
    return statistics.median(times) * 1000 if times else float("nan")


def main() -> dict:
    if not FROZEN.is_file():
        print("dist/nianbao not built (make dist): skipped")
        return {}
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    figures = {}
    for kind, command in _commands().items():
        figures[f"{kind}_check_process_ms"] = round(check_ms(command, env), 1)
    if shutil.which("Xvfb") and shutil.which("xwininfo"):
        display = f":{90 + os.getpid() % 100}"
        server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24"], stderr=subprocess.DEVNULL)
        time.sleep(1)
        try:
            for kind, command in _commands().items():
                figures[f"{kind}_window_ms"] = round(window_ms(command, {**env, "DISPLAY": display}), 1)
        finally:
            server.terminate()
            server.wait()
        figures["frozen_window_ratio"] = round(figures["frozen_window_ms"] / figures["venv_window_ms"], 2)
    figures["frozen_check_ratio"] = round(figures["frozen_check_process_ms"] / figures["venv_check_process_ms"], 2)
    for name, value in figures.items():
        print(f"{name}: {value}")
    return figures


if __name__ == "__main__":
    main()
