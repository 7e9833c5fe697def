"""Readers (app/read) and writers (app/write), registered by file extension (see app/registry.py).

The one list of formats: each module registers its importer/exporter (``@importer``/``@exporter``)
when first needed, so `nianbao check report.json` never loads python-docx, openpyxl or lxml.
A new format adds one ``formats(...)`` line here (tests/core/test_lazy_formats.py checks the list).
"""
from app.registry import ImportNote, Imported, export_report, formats, import_report

formats("app.read.json_file", imports=(".json",))
formats("app.write.json_file", exports=(".json",))
formats("app.read.txt", imports=(".txt",))
formats("app.write.docx", exports=(".docx",))
formats("app.write.xlsx", exports=(".xlsx",))
formats("app.read.xlsx", imports=(".xlsx", ".xlsm"))
formats("app.read.docx", imports=(".docx", ".docm", ".doc", ".wps"))
formats("app.read.html", imports=(".html", ".htm"))
formats("app.read.mhtml", imports=(".mhtml", ".mht"))
formats("app.read.pdf", imports=(".pdf",))

__all__ = ["ImportNote", "Imported", "export_report", "import_report"]
