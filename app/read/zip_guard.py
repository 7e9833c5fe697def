"""Safety checks for Office (zip + XML) files before anything parses them.

A report file may come from anywhere (a download, a USB stick, a colleague's e-mail), so a hostile
or broken file must fail fast, in bounded memory, with a Chinese message naming the file:
not a zip, a truncated zip, a zip bomb, an XML part with a DOCTYPE (external entities, billion
laughs), a huge file, an old binary .doc renamed .docx, an Excel workbook renamed .docx.
"""
from __future__ import annotations

import lzma
import struct
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from lxml import etree

from app.errors import ImportFailed, os_reason

MAX_FILE_BYTES = 100 * 1024 * 1024        # a report with photos is a few MB; refuse before reading
MAX_PART_BYTES = 64 * 1024 * 1024         # one XML part, uncompressed
MAX_TOTAL_BYTES = 1024 * 1024 * 1024      # every member together, as declared
MAX_MEMBERS = 10_000
MAX_ELEMENTS = 250_000                   # XML elements in one part; our export of a report has ~6,000, a long Word one ~60,000
MAX_XML_DEPTH = 256                      # libxml2's nesting limit without huge_tree
MAX_RATIO = 200                           # uncompressed / compressed, for members over 1 MB
_RATIO_FLOOR = 1024 * 1024
_CHUNK = 256 * 1024

_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"    # old binary Office file, or an encrypted docx
_OFFICE_DOCUMENT = "/officeDocument"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                          dtd_validation=False, remove_comments=True, remove_pis=True)


def read_head(path: Path, size: int = 8) -> bytes:
    """The first bytes of a file (for sniffing its real type); OS errors become ImportFailed."""
    try:
        with open(path, "rb") as handle:
            return handle.read(size)
    except OSError as exc:
        raise ImportFailed(f"{path.name}：无法打开文件（{os_reason(exc)}）") from exc


class OfficeZip:
    """An opened, checked Office package; read parts with :meth:`xml` (bounded, hardened)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.name = self.path.name
        self._check_file()
        try:
            self._zip = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, struct.error) as exc:
            raise ImportFailed(f"{self.name}：文件不完整或已损坏（压缩结构无法读取，可能下载或复制时中断），"
                               f"请重新获取原文件") from exc
        except OSError as exc:
            raise ImportFailed(f"{self.name}：无法打开文件（{os_reason(exc)}）") from exc
        self._members = {info.filename: info for info in self._zip.infolist()}
        self._check_members()

    def __enter__(self) -> "OfficeZip":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()

    def has(self, name: str) -> bool:
        return name in self._members

    def _check_file(self) -> None:
        try:
            size = self.path.stat().st_size
        except OSError as exc:
            raise ImportFailed(f"{self.name}：无法打开文件（{os_reason(exc)}）") from exc
        if size > MAX_FILE_BYTES:
            raise ImportFailed(f"{self.name}：文件过大（{size / 1024 / 1024:.0f} MB，上限 "
                               f"{MAX_FILE_BYTES // 1024 // 1024} MB），不像是一份年度报告")
        head = read_head(self.path)
        if head.startswith(_OLE_MAGIC):
            raise ImportFailed(f"{self.name}：这是旧版 Word（.doc）格式或设置了打开密码的文件，无法读取。"
                               f"请在 Word 或 WPS 中打开，取消密码后“另存为”Word 文档（.docx）再导入")
        if not (head.startswith(_ZIP_MAGIC) or head.startswith(_EMPTY_ZIP_MAGIC)):
            raise ImportFailed(f"{self.name}：不是有效的 Word 文档（.docx），文件内容不是 Office 文档格式")

    def _check_members(self) -> None:
        infos = list(self._members.values())
        if len(infos) > MAX_MEMBERS:
            raise ImportFailed(f"{self.name}：文件内部结构异常（包含 {len(infos)} 个部件），为安全起见不予读取")
        total = 0
        for info in infos:
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > _RATIO_FLOOR and ratio > MAX_RATIO:
                raise self._bomb()
        if total > MAX_TOTAL_BYTES:
            raise self._bomb()

    def _bomb(self) -> ImportFailed:
        return ImportFailed(f"{self.name}：文件解压后体积异常巨大（疑似“压缩炸弹”），为安全起见不予读取")

    def read(self, name: str) -> bytes:
        """Decompress one member, stopping as soon as it grows beyond its declared size or the cap."""
        info = self._members[name]
        if info.file_size > MAX_PART_BYTES:
            raise self._bomb()
        limit = min(info.file_size, MAX_PART_BYTES)
        chunks: list[bytes] = []
        size = 0
        try:
            with self._zip.open(info) as member:
                while chunk := member.read(_CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise self._bomb()
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, ValueError, NotImplementedError,
                RuntimeError, struct.error) as exc:
            raise ImportFailed(f"{self.name}：文件已损坏（部件 {name} 无法解压），请重新获取原文件") from exc
        except OSError as exc:
            raise ImportFailed(f"{self.name}：读取文件时出错（{os_reason(exc)}）") from exc
        return b"".join(chunks)

    def raw_xml(self, name: str) -> bytes:
        """The bytes of one XML member, refused if it declares a DOCTYPE or entities."""
        data = self.read(name)
        if _declares_dtd(data):
            raise ImportFailed(f"{self.name}：文件中含有不安全的 XML 声明（DOCTYPE/实体），"
                               f"正常的 Word 文档不会有，为安全起见不予读取")
        return data

    def xml(self, name: str) -> etree._Element:
        """Parse one XML member with a hardened parser; a DOCTYPE or entity declaration is refused."""
        data = self.raw_xml(name)
        if data.count(b"<") > MAX_ELEMENTS:      # millions of empty paragraphs: gigabytes as a tree
            raise ImportFailed(f"{self.name}：文档内容多得异常（部件 {name} 超过 {MAX_ELEMENTS:,} 个元素），"
                               f"不像是一份年度报告，为安全起见不予读取")
        try:
            return etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as exc:
            if "depth" in str(exc).lower():
                raise ImportFailed(f"{self.name}：文档结构嵌套过深（超过 {MAX_XML_DEPTH} 层，例如表格套表格过多），"
                                   f"无法读取") from exc
            raise ImportFailed(f"{self.name}：文件已损坏（部件 {name} 不是有效的 XML），请重新获取原文件") from exc

    def main_part(self) -> str | None:
        """Name of the package's main document part (from _rels/.rels), or None."""
        if not self.has("_rels/.rels"):
            return None
        for rel in self.xml("_rels/.rels"):
            if str(rel.get("Type", "")).endswith(_OFFICE_DOCUMENT):
                target = str(rel.get("Target", "")).lstrip("/")
                return str(PurePosixPath(target))
        return None


    def word_part(self) -> str:
        """The Word body part; an Excel workbook or a slide show renamed .docx is told apart."""
        main = self.main_part()
        if main and self.has(main) and not main.startswith("xl/"):
            return main
        if self.has("word/document.xml"):
            return "word/document.xml"
        if (main or "").startswith("xl/") or self.has("xl/workbook.xml"):
            raise ImportFailed(f"{self.name}：这是 Excel 工作簿，不是 Word 文档（只是扩展名为 .docx）。"
                               f"请把扩展名改为 .xlsx 后再导入")
        if (main or "").startswith("ppt/") or self.has("ppt/presentation.xml"):
            raise ImportFailed(f"{self.name}：这是 PowerPoint 演示文稿，不是 Word 文档")
        raise ImportFailed(f"{self.name}：不是 Word 文档（文件中没有 Word 正文 word/document.xml）")

def _declares_dtd(data: bytes) -> bool:
    text = data
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = data.decode("utf-16", errors="replace").encode("utf-8")
    return b"<!DOCTYPE" in text or b"<!ENTITY" in text
