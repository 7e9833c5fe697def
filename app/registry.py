"""The one place that maps file extensions to importers and exporters."""
from __future__ import annotations

import importlib
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
# Suffix -> module that registers its importer/exporter when imported (see formats()): heavy libraries
# (python-docx, openpyxl, lxml) load only when a file of that kind is first read or written.
_LAZY_IMPORTERS: dict[str, str] = {}
_LAZY_EXPORTERS: dict[str, str] = {}


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


def formats(module: str, imports: tuple[str, ...] = (), exports: tuple[str, ...] = ()) -> None:
    """Declare that ``module`` registers importers for ``imports`` and exporters for ``exports``;
    it is imported on the first import/export of such a file (app/__init__.py lists them all)."""
    for suffix in imports:
        _LAZY_IMPORTERS[suffix] = module
    for suffix in exports:
        _LAZY_EXPORTERS[suffix] = module


def import_suffixes() -> list[str]:
    return sorted(set(_IMPORTERS) | set(_LAZY_IMPORTERS))


def export_suffixes() -> list[str]:
    return sorted(set(_EXPORTERS) | set(_LAZY_EXPORTERS))


def _lookup(suffix: str, registered: dict, lazy: dict[str, str]):
    func = registered.get(suffix)
    if func is None and suffix in lazy:
        importlib.import_module(lazy[suffix])      # its @importer/@exporter fill ``registered``
        func = registered.get(suffix)
    return func


def _suffix(path: Path) -> str:
    return path.suffix.lower()


def import_report(path: Path, edition: str | None = None) -> Imported:
    """Import any supported file; raises AppError subclasses with Chinese messages."""
    path = Path(path)
    func = _lookup(_suffix(path), _IMPORTERS, _LAZY_IMPORTERS)
    if func is None:
        known = "、".join(import_suffixes())
        raise UnsupportedFileType(f"{path.name}：不支持导入“{path.suffix or '无扩展名'}”文件（支持：{known}）")
    from app.safe_file import require_regular_file  # noqa: PLC0415
    require_regular_file(path)   # a FIFO would block, a device (or /dev/zero behind a link) never ends
    return func(path, edition=edition)


def export_report(report: Report, path: Path) -> None:
    path = Path(path)
    func = _lookup(_suffix(path), _EXPORTERS, _LAZY_EXPORTERS)
    if func is None:
        known = "、".join(export_suffixes())
        raise UnsupportedFileType(f"{path.name}：不支持导出为“{path.suffix or '无扩展名'}”文件（支持：{known}）")
    func(report, path)
