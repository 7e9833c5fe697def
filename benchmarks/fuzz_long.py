"""Long fuzzing run of every registered reader (the test suite runs a short, fixed-seed one).

    .venv/bin/python benchmarks/fuzz_long.py [--cases 500] [--seed N] [--deadline 10] [--format .docx] [--shapes 40]

Then generates --shapes small hostile files of random shape (tests/core/tiny_hostile.py: list numbering,
formula fan-out and nesting, sheet shapes, Word element counts) and reads each in a fresh process
(tests/core/refusal_worker.py); one that fails, takes 5 s or more, or 300 MB or more is a failure.

Prints, per format, how many mutated files were imported, refused with a Chinese message, or
failed (another exception, a hang past the deadline, memory exhaustion), the slowest case, and
each failure with its mutation and traceback. Exit code 1 when anything failed. Reproduce a
failure with the same --seed and --cases.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import json  # noqa: E402
import random  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402

from tests.core.fuzz_engine import fuzz_format, fuzzable_formats  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHAPE_SECONDS, SHAPE_MEGABYTES = 5.0, 300


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=500, help="mutated files per format")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--deadline", type=float, default=10.0, help="seconds allowed per file")
    parser.add_argument("--format", action="append", help="only this suffix (repeatable)")
    parser.add_argument("--shapes", type=int, default=40, help="small hostile files of random shape (0: none)")
    args = parser.parse_args(argv)
    print(f"seed {args.seed}, {args.cases} cases per format, deadline {args.deadline} s")
    failed = 0
    for suffix in (args.format or fuzzable_formats()) if args.cases else []:
        start = time.perf_counter()
        outcomes = fuzz_format(suffix, args.cases, args.seed, args.deadline, watchdog=True)
        counts = Counter(o.kind for o in outcomes)
        slowest = max(outcomes, key=lambda o: o.seconds)
        print("\r", end="", file=sys.stderr)
        print(f"{suffix:>6}: {counts['report']:5d} imported  {counts['error']:5d} refused  "
              f"{counts['failure']:3d} failed  slowest {slowest.seconds:.2f} s ({slowest.mutation[:60]})  "
              f"total {time.perf_counter() - start:.0f} s", flush=True)
        for outcome in outcomes:
            if outcome.kind == "failure":
                failed += 1
                print(f"\n--- {suffix} [{outcome.mutation}] after {outcome.seconds:.2f} s\n{outcome.detail}")
    failed += fuzz_shapes(args.shapes, args.seed)
    return 1 if failed else 0


def fuzz_shapes(cases: int, seed: int) -> int:
    """Read ``cases`` random hostile shapes, each in a fresh process; print each; the number that failed."""
    from tests.core.tiny_hostile import random_shape  # noqa: PLC0415

    rng, failed = random.Random(seed), 0
    with tempfile.TemporaryDirectory(prefix="shapes ") as tmp:
        for number in range(cases):
            label, path = random_shape(rng, Path(tmp), number)
            done = subprocess.run([sys.executable, "-m", "tests.core.refusal_worker", str(path)], cwd=ROOT,
                                  capture_output=True, text=True, encoding="utf-8", timeout=300)
            try:
                found = json.loads(done.stdout.strip().splitlines()[-1])
            except (IndexError, ValueError):
                found = {"kind": "failure", "detail": done.stderr[-2000:], "seconds": 0.0, "mb": 0.0}
            bad = found["kind"] in ("failure", "timeout") or found["seconds"] >= SHAPE_SECONDS \
                or found["mb"] >= SHAPE_MEGABYTES
            failed += bad
            print(f"{'FAIL' if bad else 'ok':>4} {found['kind']:>7} {found['seconds']:6.2f} s {found['mb']:6.0f} MB  "
                  f"{label}" + (f"\n{found['detail']}" if bad else ""), flush=True)
            path.unlink(missing_ok=True)
    return failed


if __name__ == "__main__":
    raise SystemExit(main())
