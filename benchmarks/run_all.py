"""Run every benchmark of the project (benchmarks/bench_*.py) and print one table.

Each benchmark module exposes ``main()``, which prints its figures and returns them as a dict
({figure name: value}). Each runs in its own process (Qt benchmarks need a fresh one); a benchmark
that fails or times out is reported and the others still run. `make bench` calls this.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/run_all.py [NAME ...]
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TIMEOUT_S = 120
_MARK = "@@FIGURES@@ "

_RUNNER = """
import importlib.util, json, sys
sys.path.insert(0, {root!r}); sys.path.insert(0, {here!r})
spec = importlib.util.spec_from_file_location({name!r}, {path!r})
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
figures = module.main()
print({mark!r} + json.dumps(figures if isinstance(figures, dict) else None, ensure_ascii=False, default=str))
"""

# (figure name pattern, group, target text, passes(value) or None): the order of the table.
TARGETS = [
    (r"check_2020_.*_ms|check_with_last_year_.*ms", "check time", "< 1 ms", lambda v: v < 1),
    (r"check_largest_.*_cold_ms", "check time (file just opened)", "< 64 ms", lambda v: v < 64),
    (r"check_largest_.*_ms", "check time (largest report)", "< 16 ms", lambda v: v < 16),
    (r"import\.pdf_6_pages_ms", "import time (6-page PDF)", "< 1000 ms", lambda v: v < 1000),
    (r"import\.html_page_ms", "import time (saved web page)", "< 50 ms", lambda v: v < 50),
    (r"import\..*_ms|full_wall_ms", "import time", "", None),
    (r"20\d\d_.*_(town|web)$", "import time (.txt sample)", "< 20 ms", lambda v: v < 20),
    (r"cold_(first_call|core_to_report)_ms", "import time (.txt, first in a fresh process)", "< 100 ms",
     lambda v: v < 100),
    (r"cold_gui_first_import_ms", "import time (.txt, first at the window's start-up, core loaded)", "", None),
    (r"cold_.*_cpu_ms", "import time (.txt, first in a fresh process)", "", None),
    (r"one_line_300kb", "import time (300 KB on one line)", "< 150 ms", lambda v: v < 150),
    (r"export\.pdf.*_ms", "export time (PDF)", "< 1 s", lambda v: v < 1000),
    (r"pdf_child_.*_ms", "export time (PDF)", "", None),
    (r"export\..*_ms", "export time", "< 300 ms", lambda v: v < 300),
    (r"startup_ratio", "app start (window shown ÷ bare window)", "≤ 1.2×", lambda v: v <= 1.2),
    (r"usable_ratio", "app start (report usable ÷ bare window)", "≤ 2×", lambda v: v <= 2),
    (r"app_window_ms|bare_window_ms|app_usable_ms|app_content_ready.*|content_ready_ratio", "app start", "", None),
    (r"edit_to_.*_ms_.*", "edit to update", "< 16 ms", lambda v: v < 16),
    (r"batch_check_reports_per_s", "batch check", "≥ 50 /s", lambda v: v >= 50),
    (r"batch_check\..*|batch_unreadable|process_.*", "batch check", "", None),
    (r"frozen_.*_ratio", "packaged start (dist/nianbao ÷ venv)", "≤ 1.0× (noise ±0.1)", lambda v: v <= 1.1),
    (r"(frozen|venv)_(check_process|window)_ms", "packaged start", "", None),
    (r"audit_1000_reports_s", "audit a folder", "< 30 s", lambda v: v < 30),
    (r"audit_.*", "audit a folder", "", None),
    (r"app_peak_rss_mb_.*", "peak memory", "< 200 MB", lambda v: v < 200),
    (r"core_peak_rss_mb_.*", "peak memory", "", None),
]


def run_one(path: Path) -> tuple[dict | None, str, float]:
    """(figures, printed output, seconds) of one benchmark; figures None when it failed."""
    code = _RUNNER.format(root=str(ROOT), here=str(HERE), name=path.stem, path=str(path), mark=_MARK)
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired as exc:
        return None, f"timed out after {TIMEOUT_S} s\n{exc.stdout or ''}", time.perf_counter() - start
    seconds = time.perf_counter() - start
    lines = done.stdout.splitlines()
    printed = "\n".join(line for line in lines if not line.startswith(_MARK))
    result = next((line[len(_MARK):] for line in lines if line.startswith(_MARK)), None)
    if done.returncode != 0 or result is None:
        error = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
        return None, f"{printed}\nFAILED: {error}", seconds
    figures = json.loads(result)
    return (figures if figures is not None else _parse_printed(printed)), printed, seconds


_PRINTED = re.compile(r"^\s*(?P<name>[^:]+?)\s*(?::\s*|\s{2,})(?P<value>-?\d+(?:\.\d+)?)\s*(?P<unit>ms|MB|×)?")


def _parse_printed(printed: str) -> dict:
    """Figures of a benchmark whose main() returns nothing: its 'name  value unit' lines."""
    figures = {}
    for line in printed.splitlines():
        match = _PRINTED.match(line)
        if match:
            unit = match.group("unit")
            figures[match.group("name") + (f" ({unit})" if unit else "")] = float(match.group("value"))
    return figures


def _classify(name: str):
    for pattern, group, target, passes in TARGETS:
        if re.fullmatch(pattern, name):
            return TARGETS.index((pattern, group, target, passes)), group, target, passes
    return len(TARGETS), None, "", None


def table(results: dict[str, dict | None]) -> list[str]:
    rows = []
    for bench, figures in results.items():
        for name, value in (figures or {}).items():
            order, group, target, passes = _classify(name)
            verdict = ""
            if passes is not None and isinstance(value, (int, float)):
                verdict = "ok" if passes(value) else "MISSED"
            rows.append((order, group or bench, name, value, target, verdict, bench))
    rows.sort(key=lambda r: (r[0], r[6]))
    width = max([len(r[2]) for r in rows] + [10])
    lines = [f"{'group':<28} {'figure':<{width}} {'value':>12}  {'target':<9} {'':<6} benchmark", "-" * (width + 70)]
    for _, group, name, value, target, verdict, bench in rows:
        shown = f"{value:.3f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
        lines.append(f"{group:<28} {name:<{width}} {shown:>12}  {target:<9} {verdict:<6} {bench}")
    return lines


def main(argv: list[str] | None = None) -> int:
    wanted = set(argv if argv is not None else sys.argv[1:])
    paths = [p for p in sorted(HERE.glob("bench_*.py")) if not wanted or p.stem in wanted]
    results: dict[str, dict | None] = {}
    started = time.perf_counter()
    for path in paths:
        print(f"== {path.stem}", flush=True)
        figures, printed, seconds = run_one(path)
        print(printed.rstrip())
        print(f"   ({seconds:.1f} s)", flush=True)
        results[path.stem] = figures
    print()
    print("\n".join(table(results)))
    failed = [name for name, figures in results.items() if figures is None]
    if failed:
        print(f"\nfailed benchmarks: {', '.join(failed)}")
    print(f"\n{len(paths)} benchmarks in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
