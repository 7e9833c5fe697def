"""A report pasted from the clipboard: the markup a browser copies (text/html), else plain text.

The HTML is read by the web-page reader (exact cells, merged cells expanded), the text by the .txt
reader's layouts; both go to the one recognizer. When the markup holds no report (some programs put
a bare fragment there) the plain text is tried before giving up.
"""
from __future__ import annotations

from app.errors import ImportFailed
from app.read.html import html_to_stream
from app.read.txt import text_to_stream
from app.recognize.recognizer import recognize
from app.registry import Imported

SOURCE = "剪贴板"
MAX_CHARS = 10_000_000           # a pasted report is well under 1 MB of markup


def import_clipboard(html: str | None, text: str | None, edition: str | None = None) -> Imported:
    """The report on the clipboard; ImportFailed (Chinese) when there is none."""
    html, text = _without_header(html or ""), text or ""
    if len(html) > MAX_CHARS or len(text) > MAX_CHARS:
        raise ImportFailed(f"{SOURCE}：内容过大（超过 {MAX_CHARS // 1_000_000} 百万字符），这不是年度报告")
    if not html.strip() and not text.strip():
        raise ImportFailed(f"{SOURCE}：剪贴板是空的。请在浏览器或 Word 中选中整份报告（Ctrl+A）并复制（Ctrl+C）后再导入")
    if html.strip():
        try:
            return recognize(html_to_stream(html, SOURCE), edition)
        except ImportFailed:
            if not text.strip():
                raise
    return recognize(text_to_stream(text, SOURCE), edition)


def _without_header(html: str) -> str:
    """Windows' CF_HTML puts a “Version:0.9 StartHTML:…” header before the markup."""
    if html.startswith("Version:") and "<" in html:
        return html[html.index("<"):]
    return html
