"""Import Word reports: .docx through the one recognizer; .doc and .wps with a Chinese way out."""
from __future__ import annotations

import shutil
from pathlib import Path

from app.errors import ImportFailed
from app.io.docx_reader import read_docx_stream
from app.io.export_docx import GENERATED_TITLE
from app.io.recognizer import recognize
from app.io.registry import Imported, ImportNote, importer
from app.io.zip_guard import OfficeZip, read_head
from app.report import standard_title

_ZIP_MAGIC = b"PK\x03\x04"


@importer(".docx", ".docm")
def read_docx(path: Path, edition: str | None = None) -> Imported:
    """Read a .docx report (paragraphs and tables in order) and map it onto an edition."""
    imported = recognize(read_docx_stream(Path(path)), edition)
    _restore_untitled(Path(path), imported)
    return imported


def _restore_untitled(path: Path, imported: Imported) -> None:
    """A report without a title gets a standard one on export (marked in the document's keywords);
    reading that file back gives the report its empty title again."""
    report = imported.report
    generated = standard_title(report.organ, report.year) or "政府信息公开工作年度报告"
    if report.title != generated or GENERATED_TITLE not in _keywords(path):
        return
    imported.notes.append(ImportNote("info", f"标题“{report.title}”是导出时按发布机关和年度生成的，原报告没有标题，"
                                             f"已按原样留空", "文档属性"))
    report.title = ""


def _keywords(path: Path) -> str:
    with OfficeZip(path) as package:
        if not package.has("docProps/core.xml"):
            return ""
        root = package.xml("docProps/core.xml")
    return "".join(el.text or "" for el in root.iter() if str(el.tag).endswith("}keywords"))


@importer(".doc", ".wps")
def read_old_word(path: Path, edition: str | None = None) -> Imported:
    """Old binary Word and WPS files cannot be read; a .doc that is really a .docx is read as one."""
    path = Path(path)
    if read_head(path, 4) == _ZIP_MAGIC:
        return read_docx(path, edition=edition)
    raise ImportFailed(save_as_docx_message(path))


def save_as_docx_message(path: Path) -> str:
    """Tell the clerk how to turn an old .doc/.wps file into a .docx (LibreOffice only if present)."""
    kind = "WPS 文字" if path.suffix.lower() == ".wps" else "旧版 Word（.doc）"
    message = (f"{path.name}：{kind}文件无法直接读取。请在 Word 或 WPS 中打开它，"
               f"选择“文件 → 另存为”，保存类型选“Word 文档（*.docx）”，再导入保存后的 .docx 文件。")
    if shutil.which("soffice"):
        message += (f"也可以用本机已安装的 LibreOffice 转换：在命令行运行 "
                    f"soffice --headless --convert-to docx \"{path.name}\"")
    return message
