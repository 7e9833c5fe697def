"""Our own report file (nianbao-report/1 JSON) in the import/export registry."""
from __future__ import annotations

from pathlib import Path

from app.errors import ReportFileError
from app.io.registry import Imported, exporter, importer
from app.report import Report
from app.report_json import load_report_json, save_report_json


@importer(".json")
def read_json(path: Path, edition: str | None = None) -> Imported:
    report = load_report_json(path)
    if edition is not None and edition != report.edition:
        raise ReportFileError(f"{Path(path).name}：文件的格式版本是 {report.edition}，不能按 {edition} 读取")
    return Imported(report)


@exporter(".json")
def write_json(report: Report, path: Path) -> None:
    save_report_json(report, path)
