"""Long fuzzing run of every registered reader (the test suite runs a short, fixed-seed one).

    .venv/bin/python benchmarks/fuzz_long.py [--cases 500] [--seed N] [--deadline 10] [--format .docx]

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

from tests.core.fuzz_engine import fuzz_format, fuzzable_formats  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=500, help="mutated files per format")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--deadline", type=float, default=10.0, help="seconds allowed per file")
    parser.add_argument("--format", action="append", help="only this suffix (repeatable)")
    args = parser.parse_args(argv)
    print(f"seed {args.seed}, {args.cases} cases per format, deadline {args.deadline} s")
    failed = 0
    for suffix in args.format or fuzzable_formats():
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
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
