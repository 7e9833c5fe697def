"""A stream as one text: paragraphs joined by line breaks, each grid standing as one placeholder
line, with the way back from a position to the source place (第 12 行) and to the grid."""
from __future__ import annotations

from bisect import bisect_right

from app.read.stream import Grid, Stream
from app.recognize.fold import fold, to_simplified
from app.recognize.lexer import GRID


class Document:
    def __init__(self, stream: Stream):
        parts: list[str] = []
        self.starts: list[int] = []
        self.wheres: list[str] = []
        self.grids: dict[int, Grid] = {}
        offset = 0
        for block in stream.blocks:
            text = GRID if isinstance(block, Grid) else block.text.replace(GRID, " ")
            if isinstance(block, Grid):
                self.grids[offset] = block
            self.starts.append(offset)
            self.wheres.append(block.where)
            parts.append(text)
            offset += len(text) + 1
        self.text = "\n".join(parts)
        plain = fold(self.text, simplify=False)
        self.folded = to_simplified(plain)
        self.traditional = self.folded is not plain

    def where(self, position: int) -> str:
        i = bisect_right(self.starts, position) - 1
        return self.wheres[i] if i >= 0 else ""

    def lines(self, start: int, end: int) -> list[tuple[int, int]]:
        """(start, end) of every line of ``text[start:end]``."""
        out = []
        line_start = start
        for line in self.text[start:end].split("\n"):
            out.append((line_start, line_start + len(line)))
            line_start += len(line) + 1
        return out
