"""Web pages saved as one file (.mhtml, .mht: “网页，单个文件”): the HTML part, read as a web page.

The file is a MIME message (multipart/related): the stdlib email package finds the first text/html
part and undoes its transfer encoding (quoted-printable, base64); the part's charset is used when
declared, else the page's own (see html.decode_html). Images, styles and scripts are never read.
"""
from __future__ import annotations

import email
import email.policy
from pathlib import Path

from app.errors import ImportFailed
from app.read.html import decode_html, html_to_stream, read_limited, recognize_page
from app.read.stream import Stream
from app.registry import ImportNote, Imported, importer

MAX_BYTES = 60 * 1024 * 1024       # a page with its images; the report's HTML part is well under 1 MB
_GB = {"gb2312", "gbk", "x-gbk", "cp936", "euc-cn"}


@importer(".mhtml", ".mht")
def read_mhtml(path: Path, edition: str | None = None) -> Imported:
    return recognize_page(read_mhtml_stream(Path(path)), edition)


def read_mhtml_stream(path: Path) -> Stream:
    data = read_limited(path, MAX_BYTES, "网页")
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    part = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
    if part is None:
        if data.lstrip()[:1] == b"<":                 # an ordinary .html saved under the .mht name
            text, _ = decode_html(data, path.name)
            return html_to_stream(text, path.name)
        raise ImportFailed(f"{path.name}：不是“网页，单个文件”格式（文件中没有网页内容）")
    payload = part.get_payload(decode=True) or b""
    text, encoding = _decode_part(payload, part.get_content_charset(), path.name)
    stream = html_to_stream(text, path.name)
    if encoding not in ("UTF-8", None):
        stream.notes.insert(0, ImportNote("info", f"网页编码识别为 {encoding}"))
    return stream


def _decode_part(payload: bytes, charset: str | None, name: str) -> tuple[str, str | None]:
    if charset:
        codec = "gb18030" if charset.lower() in _GB else charset
        try:
            return payload.decode(codec), charset.upper()
        except (UnicodeDecodeError, LookupError):
            pass
    return decode_html(payload, name)
