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


@dataclass
class Stream:
    """What a reader read from one source: its blocks in document order, its notes and properties."""

    blocks: list[Block]
    source: str               # file name, for messages
    notes: list = field(default_factory=list)   # ImportNote the reader itself produced (encoding, …)
    properties: dict[str, str] = field(default_factory=dict)   # document properties (title, subject, keywords …)
