"""Cell comments of a workbook, by sheet title and cell (the read-only sheet parser skips them).

Our exporter keeps a total's written value in a comment where it differs from the formula
(app/write/xlsx_totals.py); this reads the comments back through the hardened package reader.
"""
from __future__ import annotations

import posixpath
from pathlib import Path

from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

from app.read.zip_guard import OfficeZip

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"


def read_comments(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """{sheet title: {(row, column): comment text}} for every sheet that has comments."""
    found: dict[str, dict[tuple[int, int], str]] = {}
    with OfficeZip(Path(path)) as package:
        if not package.has("xl/workbook.xml") or not package.has("xl/_rels/workbook.xml.rels"):
            return found
        targets = _relations(package, "xl/_rels/workbook.xml.rels", "xl")
        for sheet in package.xml("xl/workbook.xml").iter(f"{_MAIN}sheet"):
            part = targets.get(sheet.get(_REL), ("", ""))[1]
            rels = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
            if not part or not package.has(rels):
                continue
            for kind, target in _relations(package, rels, posixpath.dirname(part)).values():
                if kind == _COMMENTS and package.has(target):
                    found[sheet.get("name", "")] = _comments(package, target)
    return found


def _relations(package: OfficeZip, name: str, base: str) -> dict[str, tuple[str, str]]:
    out = {}
    for rel in package.xml(name).iter(_PKG_REL):
        target = rel.get("Target", "")
        full = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        out[rel.get("Id", "")] = (rel.get("Type", ""), full)
    return out


def _comments(package: OfficeZip, part: str) -> dict[tuple[int, int], str]:
    cells = {}
    for comment in package.xml(part).iter(f"{_MAIN}comment"):
        try:
            letters, row = coordinate_from_string(comment.get("ref", ""))
        except ValueError:
            continue
        text = "".join(t.text or "" for t in comment.iter(f"{_MAIN}t"))
        cells[(row, column_index_from_string(letters))] = text
    return cells
