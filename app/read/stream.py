"""The neutral stream that every reader produces and the one recognizer consumes.

A reader (txt, docx, …) turns a source into blocks in document order: paragraphs of text and
table grids of cell strings. It knows the source's format but nothing about editions. Paragraphs
are read as one continuous text (a table laid out as text — cells per line, tabs, pipes, a whole
web page on one line — is lexed by the recognizer, whatever its line breaks); a Grid holds exact
cells (Word, HTML tables) and is read cell by cell. The recognizer (app/recognize/recognizer.py)
maps the stream onto an edition.
"""
from __future__ import annotations

from dataclasses import dataclass, field


# Each record has a docstring: without one, @dataclass makes its __doc__ from inspect.signature (~0.1 ms).
@dataclass
class Paragraph:
    """A paragraph of text (a line of a .txt file), read with the others as one continuous text."""

    text: str
    where: str = ""          # where in the source, for import notes ("第 12 行", "第 3 段")


@dataclass
class Grid:
    """A table as rows of cell strings; merged cells are already expanded or left empty."""

    rows: list[list[str]]
    where: str = ""          # "第 2 张表", "第 40–80 行"
    row_where: list[str] = field(default_factory=list)   # optional: where each row came from


Block = Paragraph | Grid


class Stream:
    """What a reader read from one source: its blocks in document order, its notes and properties. A plain
    class (streams are not compared): a dataclass cost a process ~0.3 ms to create on its first import."""

    __slots__ = ("blocks", "source", "notes", "properties")

    def __init__(self, blocks: list[Block], source: str, notes: list | None = None,
                 properties: dict[str, str] | None = None):
        self.blocks = blocks
        self.source = source                                          # file name, for messages
        self.notes = [] if notes is None else notes                   # ImportNote the reader produced (encoding, …)
        self.properties = {} if properties is None else properties    # document properties (title, subject …)

    def __repr__(self) -> str:
        return f"Stream({self.source!r}, {len(self.blocks)} blocks, notes={self.notes!r})"
