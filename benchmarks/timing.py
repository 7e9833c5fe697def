"""The one timing helper of the benchmark scripts."""
from __future__ import annotations

import statistics
import time
from typing import Callable


def median_ms(func: Callable[[], object], runs: int = 9, warm_up: bool = True) -> float:
    """Median wall time of ``func`` in milliseconds (after one untimed warm-up call)."""
    if warm_up:
        func()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000
