"""Import Word reports: .docx through the one recognizer; .doc and .wps with a Chinese way out."""
from __future__ import annotations

import shutil
from pathlib import Path

from app.errors import ImportFailed
from app.read.docx_reader import read_docx_stream
from app.write.docx import GENERATED_TITLE
from app.recognize.recognizer import recognize
from app.registry import Imported, ImportNote, importer
from app.read.zip_guard import read_head
from app.report import standard_title
from app.report_json import FORMAT

_ZIP_MAGIC = b"PK\x03\x04"
_ORGAN_MAX = 60                # a longer document subject is not an organ name


@importer(".docx", ".docm")
def read_docx(path: Path, edition: str | None = None) -> Imported:
    """Read a .docx report (paragraphs and tables in order) and map it onto an edition."""
    stream = read_docx_stream(Path(path))
    imported = recognize(stream, edition)
    restore_from_properties(stream.properties, imported)
    return imported


def restore_from_properties(properties: dict[str, str], imported: Imported) -> None:
    """Organ and untitledness from the document properties our exporter writes (a PDF converted
    from our .docx keeps them)."""
    if FORMAT in properties.get("keywords", ""):          # written by our exporter
        _restore_organ(properties.get("subject", ""), imported)
        _restore_untitled(properties.get("keywords", ""), imported)


def _restore_organ(subject: str, imported: Imported) -> None:
    """Our exporter writes the organ, exactly as the report has it, as the document's subject. It wins
    over the organ found in the text when that is missing or a shortening of it (“某某县 某某乡人民政府”
    read as “某某乡人民政府”); an organ edited in Word since (no longer a part of it) keeps the text's."""
    report, subject = imported.report, subject.strip()
    if not subject or len(subject) > _ORGAN_MAX or subject == report.organ or not subject.endswith(report.organ):
        return
    found = f"正文中写作“{report.organ}”" if report.organ else "正文中没有找到"
    imported.notes.append(ImportNote("info", f"发布机关按文档属性读取为“{subject}”（{found}）", "文档属性"))
    report.organ = subject


def _restore_untitled(keywords: str, imported: Imported) -> None:
    """A report without a title gets a standard one on export (marked in the document's keywords);
    reading that file back gives the report its empty title again."""
    report = imported.report
    generated = standard_title(report.organ, report.year) or "政府信息公开工作年度报告"
    if report.title != generated or GENERATED_TITLE not in keywords:
        return
    imported.notes.append(ImportNote("info", f"标题“{report.title}”是导出时按发布机关和年度生成的，原报告没有标题，"
                                             f"已按原样留空", "文档属性"))
    report.title = ""


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
