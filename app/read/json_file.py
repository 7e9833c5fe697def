"""Our own report file (nianbao-report/1 JSON) as a reader in the registry."""
from __future__ import annotations

from pathlib import Path

from app.errors import ReportFileError
from app.registry import Imported, ImportNote, importer
from app.report_json import load_report_json


@importer(".json")
def read_json(path: Path, edition: str | None = None) -> Imported:
    repairs: list[str] = []
    report = load_report_json(path, repairs)
    if edition is not None and edition != report.edition:
        raise ReportFileError(f"{Path(path).name}：文件的格式版本是 {report.edition}，不能按 {edition} 读取")
    return Imported(report, [ImportNote("warning", message) for message in repairs])
