"""Plain-text reports (.txt): decoding, then the text layouts real reports use, into a Stream.

Layouts: one cell per line (tab-indented or not) with empty lines between rows; one row per line
with tab-separated cells (jagged empty cells from merged Word cells); web text where a table row
is one line of labels and numbers (read by the recognizer). Everything else is a paragraph.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from app.invisible_chars import few_controls, strip_controls
from app.safe_file import read_capped
from app.errors import ImportFailed
from app.recognize.cell_values import looks_like_value
from app.recognize.recognizer import recognize
from app.registry import ImportNote, Imported, importer
from app.read.stream import Block, Grid, Paragraph, Stream

MAX_BYTES = 10 * 1024 * 1024          # real reports are under 1 MB of text
_NOISE = re.compile(r"\[bookmark:[^\]]*\]")
_CELL_LINE = re.compile(r"^\t[^\t]*$")
_SHORT_CELL = 60
_MIN_HANZI = 20
_MIN_COMMON = 0.9
_SAMPLE = 8000
_HANZI = re.compile(r"[\u4e00-\u9fff]")


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
        if _plausible(text):
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


def _plausible(text: str) -> bool:
    """Enough Chinese, mostly common characters, and no control characters: not mojibake."""
    sample = text[:_SAMPLE]
    if not few_controls(sample):
        return False
    hanzi = _HANZI.findall(sample)
    if len(hanzi) < _MIN_HANZI:
        return False
    return sum(map(_COMMON.__contains__, hanzi)) >= _MIN_COMMON * len(hanzi)


def _gb2312_frequent() -> frozenset[str]:
    """The GB2312 characters of rows 0xB0–0xF7: level 1 (the 3755 most frequent) and level 2."""
    chars = set()
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


_COMMON = _gb2312_frequent()


# -- layout -------------------------------------------------------------------------------------

def text_to_stream(text: str, source: str) -> Stream:
    if "[bookmark:" in text:
        text = _NOISE.sub("", text)
    lines = text.splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        if "\t" in lines[i]:
            end = _region_end(lines, i)
            blocks.append(_tab_grid(lines, i, end))
            i = end
        elif lines[i].strip():
            end = _group_end(lines, i)
            blocks.extend(_plain_group(lines, i, end))
            i = end
        else:
            i += 1
    return Stream(blocks=_merge_grids(blocks), source=source)


def _region_end(lines: list[str], start: int) -> int:
    """End of a tabular region: tab lines, with empty lines allowed in between."""
    end = start
    i = start
    while i < len(lines) and ("\t" in lines[i] or not lines[i].strip()):
        if "\t" in lines[i]:
            end = i + 1
        i += 1
    return end


def _tab_grid(lines: list[str], start: int, end: int) -> Grid:
    region = [(n, line) for n, line in enumerate(lines[start:end], start + 1)]
    filled = [(n, line) for n, line in region if line.strip()]
    cell_per_line = sum(1 for _, line in filled if _CELL_LINE.match(line)) >= 0.8 * len(filled)
    rows: list[list[str]] = []
    row_where: list[str] = []
    if cell_per_line:
        current: list[str] = []
        for n, line in region + [(end + 1, "")]:
            if line.strip() or (line and current is not None and "\t" in line):
                if not current:
                    row_where.append(f"第 {n} 行")
                current.append(line[1:] if line.startswith("\t") else line)
            elif current:
                rows.append(current)
                current = []
    else:
        for n, line in filled:
            rows.append(line.split("\t"))
            row_where.append(f"第 {n} 行")
    return Grid(rows=rows, where=f"第 {start + 1}–{end} 行", row_where=row_where)


def _group_end(lines: list[str], start: int) -> int:
    end = start
    while end < len(lines) and lines[end].strip() and "\t" not in lines[end]:
        end += 1
    return end


def _plain_group(lines: list[str], start: int, end: int) -> list[Block]:
    """Lines between empty lines: one row of cells if they are short and hold a value, else paragraphs."""
    group = lines[start:end]
    if len(group) > 1 and all(len(line.strip()) <= _SHORT_CELL and "。" not in line for line in group) \
            and any(looks_like_value(line) for line in group):
        return [Grid(rows=[[line.strip() for line in group]], where=f"第 {start + 1} 行",
                     row_where=[f"第 {start + 1} 行"])]
    return [Paragraph(line, where=f"第 {n} 行") for n, line in enumerate(group, start + 1)]


def _merge_grids(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Grid) and out and isinstance(out[-1], Grid):
            out[-1].rows.extend(block.rows)
            out[-1].row_where.extend(block.row_where)
        else:
            out.append(block)
    return out
