"""Our own report file (nianbao-report/1 JSON) as a writer in the registry."""
from __future__ import annotations

from pathlib import Path

from app.registry import exporter
from app.report import Report
from app.report_json import save_report_json


@exporter(".json")
def write_json(report: Report, path: Path) -> None:
    save_report_json(report, path)
