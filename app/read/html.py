"""Web pages (.html, .htm; and the markup a browser puts on the clipboard) → the neutral stream.

The charset comes from a byte-order mark, else the page's <meta> declaration, else the first of
UTF-8 and GB18030 (a superset of GB2312 and GBK) that decodes. The markup is parsed by lxml's HTML
parser, defused: no network access, no entity expansion, no huge-tree mode (it stops at 256 levels);
the walk (html_walk.py) and the table grids (html_table.py) are bounded in depth and cells.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

import lxml.html
from lxml import etree

from app.errors import ImportFailed, os_reason
from app.read.html_table import TableTooLarge
from app.read.html_walk import PageWalker, TooDeep, collapse
from app.read.stream import Paragraph, Stream
from app.recognize.recognizer import recognize
from app.registry import ImportNote, Imported, importer

MAX_BYTES = 30 * 1024 * 1024       # a saved report page is well under 1 MB; pages with inline images a few MB
MAX_CELLS = 200_000                # expanded table cells in one page (a report has about 500)
MAX_TAGS = 1_000_000               # tags (opening and closing) in one page; a report page has a few thousand
_CELL_TAG = re.compile(r"<t[dh][\s>/]", re.IGNORECASE)
_META = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.IGNORECASE)
# <meta> names of document properties (LibreOffice writes the subject as "classification")
_META_NAMES = {"keywords": "keywords", "subject": "subject", "classification": "subject"}
_FRONT = 12                        # paragraphs at the top of a page where its title stands
_TITLE_PARTS = re.compile(r"\s*[_|｜]\s*|\s+[-－—]+\s+")
_GB = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"}


@importer(".html", ".htm")
def read_html(path: Path, edition: str | None = None) -> Imported:
    return recognize_page(read_html_stream(Path(path)), edition)


def recognize_page(stream: Stream, edition: str | None) -> Imported:
    """The report of a page; a page converted from our .docx keeps its properties in <meta>."""
    from app.read.docx import restore_from_properties  # noqa: PLC0415 - only pages written from our export

    imported = recognize(stream, edition=edition)
    if stream.properties:
        restore_from_properties(stream.properties, imported)
    return imported


def read_html_stream(path: Path) -> Stream:
    data = read_limited(path, MAX_BYTES, "网页")
    text, encoding = decode_html(data, path.name)
    stream = html_to_stream(text, path.name)
    if encoding not in ("UTF-8", None):
        stream.notes.insert(0, ImportNote("info", f"网页编码识别为 {encoding}"))
    return stream


def read_limited(path: Path, limit: int, kind: str) -> bytes:
    """The bytes of a file of at most ``limit`` bytes; Chinese errors name the file."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise ImportFailed(f"{path.name}：文件过大（{size / 1024 / 1024:.0f} MB），"
                               f"保存的{kind}不会超过 {limit // 1024 // 1024} MB，这不是年度报告")
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"{path.name}：无法读取文件：{os_reason(exc)}") from exc
    if not data.strip():
        raise ImportFailed(f"{path.name}：文件是空的")
    return data


def decode_html(data: bytes, name: str) -> tuple[str, str | None]:
    """The page's text and the charset it was read in (BOM, <meta>, then UTF-8 or GB18030)."""
    for bom, codec, label in ((codecs.BOM_UTF8, "utf-8-sig", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
                              (codecs.BOM_UTF16_BE, "utf-16", "UTF-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), label
    declared = _declared(data)
    candidates = ([declared] if declared else []) + [("utf-8", "UTF-8"), ("gb18030", "GB18030")]
    for codec, label in candidates:
        try:
            return data.decode(codec), label
        except (UnicodeDecodeError, LookupError):
            continue
    if b"\x00" in data[:4096]:
        raise ImportFailed(f"{name}：这是二进制文件，不是网页")
    return data.decode("gb18030", errors="replace"), "GB18030（有无法识别的字符）"


def _declared(data: bytes) -> tuple[str, str] | None:
    """(codec, name) of the charset in the page's <meta>; GB2312 and GBK pages are read as GB18030."""
    match = _META.search(data[:4096])
    if match is None:
        return None
    name = match.group(1).decode("ascii", "replace")
    return ("gb18030" if name.lower() in _GB else name.lower()), name.upper()


def html_to_stream(markup: str, source: str) -> Stream:
    """The stream of an HTML page or fragment (a saved page, the clipboard's text/html)."""
    markup = markup.lstrip("\ufeff")
    if not markup.strip():
        raise ImportFailed(f"{source}：网页是空的")
    _check_size(markup, source)
    parser = lxml.html.HTMLParser(no_network=True, huge_tree=False, remove_comments=True, remove_pis=True,
                                  remove_blank_text=False, collect_ids=False)
    try:
        root = lxml.html.document_fromstring(_without_xml_declaration(markup), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ImportFailed(f"{source}：无法解析网页内容（{exc}）") from None
    if any("Excessive depth" in str(e.message) for e in parser.error_log):
        raise ImportFailed(f"{source}：网页结构嵌套过深，不像是一份年度报告，为安全起见不予读取")
    walker = PageWalker(MAX_CELLS)
    try:
        blocks = walker.read(root)
    except (TooDeep, RecursionError):
        raise ImportFailed(f"{source}：网页结构嵌套过深，不像是一份年度报告，为安全起见不予读取") from None
    except TableTooLarge:
        raise _too_many_cells(source) from None
    title = _page_title(root)
    front = "".join(b.text for b in blocks[:_FRONT] if isinstance(b, Paragraph))
    if title and _compact(title) not in _compact(front):
        blocks.insert(0, Paragraph(title, where="网页标题"))
    return Stream(blocks=blocks, source=source, properties=_meta_properties(root))


def _compact(text: str) -> str:
    return "".join(text.split())


def _meta_properties(root) -> dict[str, str]:
    """Document properties a word processor writes as <meta> (keywords, subject) when it saves a page."""
    out: dict[str, str] = {}
    for meta in root.iter("meta"):
        name = (meta.get("name") or "").lower()
        key = _META_NAMES.get(name)
        if key and meta.get("content"):
            out[key] = meta.get("content")
    return out


def _page_title(root) -> str:
    """The report's title from the page's <title> (“…年度报告_某某县人民政府网”), used when the
    body does not repeat it."""
    node = root.find(".//title")
    text = collapse(node.text_content()) if node is not None else ""
    for part in _TITLE_PARTS.split(text):
        if part.strip().endswith(("年度报告", "年报")):
            return part.strip()
    return ""


def _check_size(markup: str, source: str) -> None:
    """Refuse pages far larger than any report before parsing them (a cheap count of tags)."""
    if len(_CELL_TAG.findall(markup)) > MAX_CELLS:
        raise _too_many_cells(source)
    if markup.count("<") > MAX_TAGS:
        raise ImportFailed(f"{source}：网页的元素多得异常（超过 {MAX_TAGS:,} 个标签），不像是一份年度报告，为安全起见不予读取")


def _too_many_cells(source: str) -> ImportFailed:
    return ImportFailed(f"{source}：网页中的表格大得异常（单元格超过 {MAX_CELLS:,} 个），"
                        f"不像是一份年度报告，为安全起见不予读取")


def _without_xml_declaration(markup: str) -> str:
    """lxml refuses a str that starts with an XML encoding declaration (XHTML pages have one)."""
    if markup.lstrip().startswith("<?xml"):
        return markup[markup.index("?>") + 2:] if "?>" in markup else markup
    return markup
