"""Median time to import each real sample report from text (target: under 20 ms each).

Run: ``python benchmarks/bench_import_txt.py``. Prints one line per sample and returns the figures.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.formats import import_report  # noqa: E402

SAMPLES = ROOT / "tests" / "data" / "samples"
TARGET_MS = 20.0
RUNS = 30


def median_ms(path: Path, runs: int = RUNS) -> float:
    import_report(path)                      # warm-up: editions and label indexes are loaded once
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        import_report(path)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> dict[str, float]:
    figures = {}
    for path in sorted(SAMPLES.glob("*.txt")):
        figures[path.stem] = round(median_ms(path), 2)
        verdict = "ok" if figures[path.stem] < TARGET_MS else "SLOW"
        print(f"{path.name}: median {figures[path.stem]:.2f} ms over {RUNS} imports "
              f"(target < {TARGET_MS:.0f} ms) {verdict}")
    return figures


if __name__ == "__main__":
    main()
