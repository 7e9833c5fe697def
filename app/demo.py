"""Headless demo (``make run`` without a display): import the bundled sample, check it, export it."""
from __future__ import annotations

import sys
from pathlib import Path

from app.checks import run_checks
from app.cli import _utf8_stdio, format_findings
from app.errors import AppError
from app.formats import export_report, import_report
from app.registry import export_suffixes, import_suffixes
from app.paths import SAMPLE_REPORT, SAMPLE_REPORT_JSON


def run_demo(out_dir: Path = Path("out")) -> int:
    _utf8_stdio()
    source = SAMPLE_REPORT if ".txt" in import_suffixes() else SAMPLE_REPORT_JSON
    try:
        imported = import_report(source)
        print(format_findings(imported.report, run_checks(imported.report), imported.notes, source.name))
        out_dir.mkdir(parents=True, exist_ok=True)
        for suffix in export_suffixes():
            target = out_dir / f"{source.stem}{suffix}"
            export_report(imported.report, target)
            print(f"已导出：{target}")
    except AppError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(run_demo())
