"""Map a function over many inputs in worker processes, with results as they finish and a cancel check.

CPU-bound work (importing and checking reports is pure Python) needs processes, not threads. The
pool uses the "spawn" start method on every platform: it is the only one Windows has, and it is safe
to start from a program that runs threads (the GUI), where "fork" is not. ``func`` must be a
picklable top-level function. Small inputs run in this process: starting workers costs more than
it saves for a handful of files.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many inputs the work runs in this process (a spawned worker takes ~0.5 s to import the core).
POOL_MIN_ITEMS = 40
_IN_FLIGHT_PER_WORKER = 4


def worker_count() -> int:
    """Cores this process may use (the affinity mask where the platform has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def map_in_processes(func: Callable[[T], R], items: Iterable[T], on_result: Callable[[T, R], None],
                     failed: Callable[[T, BaseException], R], cancelled: Callable[[], bool] = lambda: False,
                     workers: int | None = None) -> bool:
    """Call ``on_result(item, func(item))`` for every item, in the order they finish.

    An exception escaping ``func`` (or a worker process dying) becomes ``failed(item, exc)``'s result.
    Returns False when ``cancelled()`` turned true before every item was done (the rest are dropped).
    """
    items = list(items)
    workers = min(workers or worker_count(), len(items))
    if workers < 2 or len(items) < POOL_MIN_ITEMS:
        return _map_here(func, items, on_result, failed, cancelled)
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        return _map_pool(pool, func, items, on_result, failed, cancelled, workers)
    finally:
        pool.shutdown(wait=not cancelled(), cancel_futures=True)


def _map_here(func, items, on_result, failed, cancelled) -> bool:
    for item in items:
        if cancelled():
            return False
        try:
            result = func(item)
        except Exception as exc:  # noqa: BLE001 - one bad input must not stop the others
            result = failed(item, exc)
        on_result(item, result)
    return True


def _map_pool(pool: ProcessPoolExecutor, func, items, on_result, failed, cancelled, workers: int) -> bool:
    """Keep a few items in flight per worker (so cancelling is prompt), hand on results as they finish."""
    pending: dict[Future, object] = {}
    queue = iter(items)
    limit = workers * _IN_FLIGHT_PER_WORKER
    while True:
        while len(pending) < limit and (item := next(queue, _END)) is not _END:
            pending[pool.submit(func, item)] = item
        if not pending:
            return True
        done, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
        for future in done:
            item = pending.pop(future)
            exc = future.exception()
            on_result(item, failed(item, exc) if exc is not None else future.result())
        if cancelled():
            return False


_END = object()
