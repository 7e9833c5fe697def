"""Lexing a stretch of table text into tokens, whatever its line breaks: labels of the edition's
tables, numbers, blank marks, explicit empty cells and other text.

Labels are found in the folded text (fold.py) with spaces, line breaks, pipes and quotes allowed
between their characters, so a header broken over lines (本年新 / 制作数量) or a label glued to the
digits before it (``00000002.其他法律…``) is still one label. Between labels, tabs and pipes are
cell borders (an empty cell between two of them is a blank cell), spaces and line breaks separate
values, and digits with nothing between them stay one run (split later by the table's arithmetic).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from app.lazy_pattern import LazyPattern
from app.recognize.cell_values import BLANK_MARKERS, looks_like_value
from app.recognize.fold import key_pattern
from app.recognize.labels import LabelIndex, Match, label_index
from app.recognize.matchable import matchable

Kind = Literal["label", "num", "blank", "invalid", "text", "grid"]

_NUMBER = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_VALUE = re.compile(rf"({_NUMBER})(?:万元|元|件|个|项|条|宗|起|次|人次)?")
_PIECES = LazyPattern(rf"{_NUMBER}|[^\d+\-]+|[+\-]")      # words mixing digits and text
_BORDER = re.compile(r"[\t|]")
_WORDS = re.compile(r"[^\s\u3000\u00a0]+")
_NBSP_ONLY = LazyPattern(r"^[ \t\u3000]*\u00a0[\s\u00a0]*$")      # Word's empty cell: tried on lines holding U+00A0
_PUNCTUATION = set("()（）[]【】,，.。:：;；、“”\"'‘’-—_~*·")
_HANZI = LazyPattern(r"[\u4e00-\u9fff]")     # 1 ms to compile; only words mixing digits and text
_NUMBERING_ONLY = LazyPattern(r"^(?:\d{1,2}[.、]|\([一二三四五六七八九十]\)|[一二三四五六七八九十]、)$")
_NUMBERED = LazyPattern(r"^(\d*?)(?:\d{1,2}[.、](?=\D)|\([一二三四五六七八九十]\)|[一二三四五六七八九十]、)")
_EMPTY_RUN_MAX = 32
_DIGIT = re.compile(r"\d")
_LINE_MATTERS = re.compile(r"[\t|\ue000]|^[ \t]*\u00a0", re.M)   # borders, grids, U+00A0 cells
_QUOTES = "\"'“”‘’「」『』"
_CELL_TEXT_MAX = 6          # a short cell mixing digits and words (约5) is one unreadable value
GRID = "\ue000"             # stands for a Grid block in the joined text of a stream


class Token:
    """A label, a value (num, blank, invalid), other text or a grid, at ``start:end`` of the text; ``bordered``:
    read from a cell between tab or pipe borders. A plain class with slots (each token is its own, compared
    by identity): a dataclass cost a process ~0.3 ms to create on its first import, and tokens are many."""

    __slots__ = ("kind", "text", "start", "end", "match", "bordered")

    def __init__(self, kind: Kind, text: str, start: int, end: int, match: Match | None = None,
                 bordered: bool = False):
        self.kind, self.text, self.start, self.end = kind, text, start, end
        self.match, self.bordered = match, bordered

    def __repr__(self) -> str:
        return f"Token({self.kind!r}, {self.text!r}, {self.start}, {self.end}, bordered={self.bordered})"

    @property
    def is_value(self) -> bool:
        return self.kind in ("num", "blank", "invalid")


@lru_cache(maxsize=None)
def label_regex(edition_id: str) -> re.Pattern:
    """Every label of the edition, longest first; searched in the matchable text (matchable.py)."""
    keys = label_index(edition_id).keys
    return re.compile("|".join(key_pattern(k) for k in keys))


def lex(folded: str, original: str, start: int, end: int, edition_id: str) -> list[Token]:
    """Tokens of ``original[start:end]`` (``folded`` is the same text folded for matching)."""
    index = label_index(edition_id)
    tokens: list[Token] = []
    last = start
    for a, b in matchable(folded).spans(label_regex(edition_id), start, end):
        found = index.find(folded[a:b])
        if found is None:
            continue
        _gap(folded, original, last, a, tokens, index)
        tokens.append(Token("label", original[a:b], a, b, found))
        last = b
    _gap(folded, original, last, end, tokens, index)
    return tokens


def _gap(folded: str, original: str, start: int, end: int, tokens: list[Token], index: LabelIndex) -> None:
    """Tokens of the text between two labels, line by line (word by word when it has no cell borders)."""
    if start >= end:
        return
    if not _LINE_MATTERS.search(original, start, end):
        _words(original, folded, start, end, tokens, index)
        return
    line_start = start
    lone_pipe = False                 # a pipe alone on its line, nothing since: the next one closes an empty cell
    for line in folded[start:end].split("\n"):
        line_end = line_start + len(line)
        at_start = line_start == 0 or folded[line_start - 1] == "\n"
        at_end = line_end >= len(folded) or folded[line_end] == "\n"
        if line.strip() == "|":
            if lone_pipe:
                tokens.append(Token("blank", "", line_start, line_end))
            lone_pipe = True
            line_start = line_end + 1
            continue
        if line.strip():
            lone_pipe = False
        if GRID in line:
            tokens.append(Token("grid", GRID, line_start + line.index(GRID), line_start + line.index(GRID) + 1))
        elif _BORDER.search(line):
            _cells(original, folded, line_start, line_end, at_start, tokens, index)
        elif at_start and at_end and "\u00a0" in original[line_start:line_end] \
                and _NBSP_ONLY.match(original[line_start:line_end]):
            tokens.append(Token("blank", "", line_start, line_end))
        else:
            _words(original, folded, line_start, line_end, tokens, index)
        line_start = line_end + 1


def _cells(original: str, folded: str, start: int, end: int, at_start: bool, tokens: list[Token],
           index: LabelIndex) -> None:
    """A line with tab or pipe borders: every field between two borders is a cell (empty → blank)."""
    fields: list[tuple[int, int]] = []
    last = start
    empty_run = 0
    for border in _BORDER.finditer(original, start, end):
        empty_run = empty_run + 1 if last == border.start() else 0
        if empty_run <= _EMPTY_RUN_MAX:          # no row has more cells: a longer run of borders is one gap
            fields.append((last, border.start()))
        last = border.end()
    fields.append((last, end))
    first = len(tokens)
    lead = 0
    while at_start and lead < len(fields) - 1 and not original[fields[lead][0]:fields[lead][1]].strip():
        lead += 1
    outer = original[fields[0][1]] == "|" and original[start:end].rstrip().endswith("|")
    values_row = bool(lead) and lead < len(fields) - 1 and looks_like_value(original[slice(*fields[lead])]) \
        and not outer                                    # “| a | b |”: the first pipe is the outer border
    if values_row:
        lead = 0                        # a row of values: its leading empty cells are blank cells
    # Otherwise they are indentation (one cell per line) or Word's merged label cells before a label.
    for i, (a, b) in enumerate(fields):
        if i < lead:
            continue
        text = original[a:b]
        edge = (i == 0 and not values_row) or i == len(fields) - 1
        if text.strip(" \t\u3000"):
            if text.strip():
                _words(original, folded, a, b, tokens, index)
            else:
                tokens.append(Token("blank", "", a, b))          # U+00A0 only: Word's empty cell
        elif not edge:
            tokens.append(Token("blank", "", a, b))
    for token in tokens[first:]:
        token.bordered = True


def _words(original: str, folded: str, start: int, end: int, tokens: list[Token], index: LabelIndex) -> None:
    for word in _WORDS.finditer(original, start, end):
        _word(word.group(), folded[word.start():word.end()], word.start(), tokens, index)


def _word(word: str, folded: str, at: int, tokens: list[Token], index: LabelIndex) -> None:
    """One word (no spaces) between labels; ``folded`` is the same word folded for matching."""
    lead = len(word) - len(word.lstrip(_QUOTES))
    size = len(word[lead:].rstrip(_QUOTES))
    at, word, folded = at + lead, word[lead:lead + size], folded[lead:lead + size]
    if not word:
        return
    if folded in BLANK_MARKERS or word in BLANK_MARKERS:
        tokens.append(Token("blank", word, at, at + len(word)))
        return
    if not _DIGIT.search(folded):                 # words without digits: a label (near match) or text
        if not all(ch in _PUNCTUATION for ch in folded):
            _text(word, folded, at, tokens, index)
        return
    if _VALUE.fullmatch(folded):
        tokens.append(Token("num", _VALUE.fullmatch(folded).group(1), at, at + len(word)))
        return
    if _NUMBERING_ONLY.match(folded):
        return                                  # “3.” of a label the regex found right after it
    if _HANZI.search(folded):
        numbered = _NUMBERED.match(folded)
        if numbered:                            # 00000004.保护… : digits, then a numbered label
            digits = numbered.group(1)
            if digits:
                tokens.append(Token("num", digits, at, at + len(digits)))
            _text(word[len(digits):], folded[len(digits):], at + len(digits), tokens, index)
            return
        match = index.find(folded)
        if match is not None:
            tokens.append(Token("label", word, at, at + len(word), match))
            return
    has_digit = any(ch.isdigit() for ch in folded)
    if has_digit and len(folded) <= _CELL_TEXT_MAX and not index.find(folded):
        tokens.append(Token("invalid", word, at, at + len(word)))
        return
    for piece in _PIECES.finditer(folded):
        text, a = piece.group(), at + piece.start()
        if re.fullmatch(_NUMBER, text):
            tokens.append(Token("num", text, a, a + len(text)))
        elif not all(ch in _PUNCTUATION for ch in text):
            _text(word[piece.start():piece.end()], text, a, tokens, index)


def _text(written: str, folded: str, at: int, tokens: list[Token], index: LabelIndex) -> None:
    """Text between labels: a label written with a typo (found by a near match), or other text.

    A label's numbering glued to the digits before it (``00000004.保护…``) takes its digit back.
    """
    match = index.find(folded)
    previous = tokens[-1] if tokens else None
    if match is None and folded[:1] in ".、" and previous is not None and previous.kind == "num" \
            and previous.end == at and len(previous.text) > 1:
        digit = previous.text[-1]
        glued = index.find(digit + folded)
        if glued is not None and glued.of_kind("row"):
            previous.text, previous.end = previous.text[:-1], previous.end - 1
            tokens.append(Token("label", digit + written, at - 1, at + len(written), glued))
            return
    if match is not None:
        tokens.append(Token("label", written, at, at + len(written), match))
    else:
        tokens.append(Token("text", written, at, at + len(written)))
