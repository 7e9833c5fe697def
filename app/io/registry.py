"""The one place that maps file extensions to importers and exporters."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Literal

from app.errors import UnsupportedFileType
from app.report import Report


@dataclass(frozen=True)
class ImportNote:
    """Something the importer had to interpret, told to the clerk (Chinese message)."""

    level: Literal["info", "warning", "error"]
    message: str
    where: str | None = None

    def to_json(self) -> dict:
        data = {"level": self.level, "message": self.message}
        if self.where:
            data["where"] = self.where
        return data


@dataclass
class Imported:
    report: Report
    notes: list[ImportNote] = field(default_factory=list)


Importer = Callable[..., Imported]          # (path: Path, *, edition: str | None) -> Imported
Exporter = Callable[[Report, Path], None]

_IMPORTERS: dict[str, Importer] = {}
_EXPORTERS: dict[str, Exporter] = {}


def importer(*suffixes: str):
    def register(func: Importer) -> Importer:
        for suffix in suffixes:
            _IMPORTERS[suffix] = func
        return func
    return register


def exporter(*suffixes: str):
    def register(func: Exporter) -> Exporter:
        for suffix in suffixes:
            _EXPORTERS[suffix] = func
        return func
    return register


def import_suffixes() -> list[str]:
    return sorted(_IMPORTERS)


def export_suffixes() -> list[str]:
    return sorted(_EXPORTERS)


def _suffix(path: Path) -> str:
    return path.suffix.lower()


def import_report(path: Path, edition: str | None = None) -> Imported:
    """Import any supported file; raises AppError subclasses with Chinese messages."""
    path = Path(path)
    func = _IMPORTERS.get(_suffix(path))
    if func is None:
        known = "、".join(import_suffixes())
        raise UnsupportedFileType(f"{path.name}：不支持导入“{path.suffix or '无扩展名'}”文件（支持：{known}）")
    return func(path, edition=edition)


def export_report(report: Report, path: Path) -> None:
    path = Path(path)
    func = _EXPORTERS.get(_suffix(path))
    if func is None:
        known = "、".join(export_suffixes())
        raise UnsupportedFileType(f"{path.name}：不支持导出为“{path.suffix or '无扩展名'}”文件（支持：{known}）")
    func(report, path)
