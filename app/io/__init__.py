"""Importers and exporters, registered by file extension (see registry.py).

The one list of formats: each module registers its importer/exporter (``@importer``/``@exporter``)
when first needed, so `nianbao check report.json` never loads python-docx, openpyxl or lxml.
A new format adds one ``formats(...)`` line here (tests/core/test_lazy_formats.py checks the list).
"""
from app.io.registry import ImportNote, Imported, export_report, formats, import_report

formats("app.io.json_file", imports=(".json",), exports=(".json",))
formats("app.io.txt", imports=(".txt",))
formats("app.io.export_docx", exports=(".docx",))
formats("app.io.export_xlsx", exports=(".xlsx",))
formats("app.io.xlsx", imports=(".xlsx", ".xlsm"))
formats("app.io.docx", imports=(".docx", ".docm", ".doc", ".wps"))

__all__ = ["ImportNote", "Imported", "export_report", "import_report"]
