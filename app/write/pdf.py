"""PDF export: registered here, laid out by Qt in ui/pdf_export.py (loaded on first use only).

The core stays free of Qt: this module imports nothing from PySide6 or ui at import time; the one
lazy import below is the only edge from app to ui besides the entry points (see pyproject's
import-linter contract).
"""
from __future__ import annotations

from pathlib import Path

from app.registry import exporter
from app.report import Report


@exporter(".pdf")
def write_pdf(report: Report, path: Path) -> None:
    from ui.pdf_export import export_pdf  # noqa: PLC0415  (Qt loads only when a PDF is written)
    export_pdf(report, Path(path))
