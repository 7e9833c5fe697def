"""Importers and exporters, registered by file extension (see registry.py)."""
from app.io import json_file  # noqa: F401
from app.io import txt  # noqa: F401
from app.io import export_docx  # noqa: F401
from app.io import export_xlsx  # noqa: F401
from app.io import xlsx  # noqa: F401
from app.io import docx  # noqa: F401
from app.io.registry import ImportNote, Imported, export_report, import_report

__all__ = ["ImportNote", "Imported", "export_report", "import_report"]
