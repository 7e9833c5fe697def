"""Plain-text reports (.txt): decoding, then one paragraph per line into a Stream.

The layout (cells per line, tabs, pipes, spaces, a whole web page on one line) is not decided
here: the recognizer lexes the text whatever its line breaks (app/recognize/lexer.py).
"""
from __future__ import annotations

import codecs
import re
from functools import lru_cache
from pathlib import Path

from app.invisible_chars import few_controls, strip_controls
from app.lazy_pattern import LazyPattern
from app.safe_file import read_capped
from app.errors import ImportFailed
from app.recognize.recognizer import recognize
from app.registry import ImportNote, Imported, importer
from app.read.stream import Block, Paragraph, Stream

MAX_BYTES = 10 * 1024 * 1024          # real reports are under 1 MB of text
_NOISE = re.compile(r"\[bookmark:[^\]]*\]")
_MIN_HANZI = 20
_MIN_COMMON = 0.9
_SAMPLE = 8000
_HANZI = LazyPattern(r"[\u4e00-\u9fff]")     # compiling it takes 1 ms: only other encodings need it
# In UTF-8, U+4E00–U+4FFF begin with the bytes E4 B8–E4 BF and U+5000–U+9FFF with E5–E9 (lead bytes only).
_HANZI_UTF8_STARTS = (*(bytes((0xE4, second)) for second in range(0xB8, 0xC0)),
                      *(bytes((lead,)) for lead in range(0xE5, 0xEA)))


@importer(".txt")
def read_txt(path: Path, edition: str | None = None) -> Imported:
    return recognize(read_txt_stream(Path(path)), edition=edition)


def read_txt_stream(path: Path) -> Stream:
    data = _read_bytes(path)
    text, encoding = decode(data, path.name)
    text, controls = strip_controls(text)
    stream = text_to_stream(text, path.name)
    if controls:
        stream.notes.insert(0, ImportNote("info", f"文件中有 {controls} 个不可见的控制字符，已删除"))
    if encoding != "UTF-8":
        stream.notes.insert(0, ImportNote("info", f"文件编码识别为 {encoding}"))
    return stream


def _read_bytes(path: Path) -> bytes:
    data = read_capped(path, MAX_BYTES, f"{path.name}：文件过大（超过 {MAX_BYTES // 1024 // 1024} MB），"
                                        f"年度报告的文本不会这么长，这不是年度报告")
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ImportFailed(f"{path.name}：文件是空的")
    return data


# -- decoding -----------------------------------------------------------------------------------

def decode(data: bytes, name: str) -> tuple[str, str]:
    """Text and encoding name; only a decoding that yields plausible Chinese text is accepted."""
    for encoding, label in _encodings(data):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible(text, strict=label != "UTF-8"):
            return text.lstrip("\ufeff"), label
    if b"\x00" in data[:4096]:
        raise ImportFailed(f"{name}：这是二进制文件，不是文本格式的年度报告")
    raise ImportFailed(f"{name}：无法识别文件的文字编码（已尝试 UTF-8、GB18030、UTF-16），"
                       "或文件中没有中文内容；请另存为 UTF-8 编码的文本后再导入")


def _encodings(data: bytes) -> list[tuple[str, str]]:
    if data.startswith(codecs.BOM_UTF8):
        return [("utf-8-sig", "UTF-8")]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return [("utf-16", "UTF-16")]
    return [("utf-8", "UTF-8"), ("gb18030", "GB18030"), ("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE")]


def _plausible(text: str, strict: bool = True) -> bool:
    """Enough Chinese and no control characters: not mojibake. ``strict`` (encodings that decode almost
    any bytes, such as GB18030) also wants mostly common simplified characters; valid UTF-8 does not,
    so a report in traditional characters is read."""
    sample = text[:_SAMPLE]
    if not few_controls(sample):
        return False
    if not strict:
        return hanzi_count(sample) >= _MIN_HANZI
    hanzi = _HANZI.findall(sample)
    if len(hanzi) < _MIN_HANZI:
        return False
    return sum(map(_gb2312_frequent().__contains__, hanzi)) >= _MIN_COMMON * len(hanzi)


def hanzi_count(text: str) -> int:
    """How many characters of ``text`` are in U+4E00–U+9FFF, counted on its UTF-8 bytes (no pattern to compile)."""
    data = text.encode("utf-8", "surrogatepass")
    return sum(map(data.count, _HANZI_UTF8_STARTS))


@lru_cache(maxsize=1)
def _gb2312_frequent() -> frozenset[str]:
    """The GB2312 characters of rows 0xB0–0xF7: level 1 (the 3755 most frequent) and level 2; built when
    a file is not UTF-8 (7,000 decodings, off the start of a process that never needs it)."""
    chars = set()
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


# -- layout -------------------------------------------------------------------------------------

def text_to_stream(text: str, source: str) -> Stream:
    """One paragraph per line, tabs and spaces kept: the recognizer reads the text whatever its layout
    (one cell per line, rows with tabs, spaces or pipes, a whole web page on one line).

    Lines holding only spaces are dropped, but not a line with a tab or U+00A0 (an empty table cell).
    """
    if "[bookmark:" in text:
        text = _NOISE.sub("", text)
    blocks: list[Block] = [Paragraph(line, where=f"第 {n} 行")
                           for n, line in enumerate(text.splitlines(), start=1) if line.strip(" ")]
    return Stream(blocks=blocks, source=source)
