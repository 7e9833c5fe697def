"""PDF export: registered here, laid out by Qt in ui/pdf_export.py.

The core stays free of Qt. In the application (a Qt application is running) the PDF is laid out
in-process; anywhere else (``nianbao convert X.json X.pdf``, scripts, the core tests) a child
process does it (``python -m ui.pdf_export``), so that a process which never showed a window never
loads Qt, and one that will later create its own QApplication is not given a QGuiApplication first.
The one lazy import below is the only edge from app to ui besides the entry points (see pyproject's
import-linter contract).
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from app.errors import ReportFileError
from app.registry import exporter
from app.report import Report
from app.report_json import save_report_json

_ROOT = Path(__file__).resolve().parent.parent.parent
TIMEOUT_S = 120


@exporter(".pdf")
def write_pdf(report: Report, path: Path) -> None:
    path = Path(path)
    if _qt_application_running():
        from ui.pdf_export import export_pdf  # noqa: PLC0415  (Qt is loaded already)
        export_pdf(report, path)
        return
    _export_in_child(report, path)


def _qt_application_running() -> bool:
    gui = sys.modules.get("PySide6.QtGui")
    return gui is not None and gui.QGuiApplication.instance() is not None


def _export_in_child(report: Report, path: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="nianbao-pdf-") as folder:
        source = Path(folder) / "report.json"
        save_report_json(report, source)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(_ROOT), os.environ.get("PYTHONPATH")]))}
        try:
            done = subprocess.run([sys.executable, "-m", "ui.pdf_export", str(source), str(path)], env=env,
                                  capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=TIMEOUT_S)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ReportFileError(f"{path.name}：无法生成 PDF（排版进程未能运行：{exc.__class__.__name__}）") from exc
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["排版进程异常退出"])[-1]
        raise ReportFileError(reason if path.name in reason else f"{path.name}：无法生成 PDF（{reason}）")
