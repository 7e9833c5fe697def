"""The folded text as the label and heading patterns (``fold.key_pattern``) search it.

A label may be written with spaces of any kind, pipes or quotes between its characters (a header broken
over lines: 本年新 / 制作数量). Those characters are left out of the searched text, so a label's pattern
is its own characters alone: a pattern of every label of an edition then compiles in a few milliseconds
on a process's first import (allowing a run of them between every two characters took five times as
long). Matches are given back as (start, end) in the folded text.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from typing import Iterator

# Spaces of any kind, pipes and quotes (Chinese quotes are folded to ASCII first): as spaces, then left out.
_IGNORABLE_CHAR = re.compile(r"[^\S ]|[|\"']")
# What is kept: runs of other characters, and the spaces between 需 and 要 (“需要?” may not take a 要
# written apart from its 需; no label has 需 followed by 要, as labels.norm folds 需要 to 需).
_KEPT = re.compile(r"[^ ]+|(?<=需) +(?=要)")


class Matchable:
    def __init__(self, folded: str):
        spaced = _IGNORABLE_CHAR.sub(" ", folded)
        pieces = [(m.start(), m.group()) for m in _KEPT.finditer(spaced)]
        self.text = "".join(text for _, text in pieces)
        self._folded_starts = [start for start, _ in pieces]
        self._starts = list(accumulate((len(text) for _, text in pieces), initial=0))

    def spans(self, pattern: re.Pattern, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
        """(start, end) in the folded text of each match of ``pattern`` in ``folded[start:end]``."""
        stop = len(self.text) if end is None else self._index(end)
        for match in pattern.finditer(self.text, self._index(start), stop):
            yield self._position(match.start()), self._position(match.end() - 1) + 1

    def first(self, pattern: re.Pattern, start: int, end: int) -> tuple[int, int] | None:
        return next(self.spans(pattern, start, end), None)

    def _index(self, position: int) -> int:
        """Index in ``text`` of the first kept character at or after ``position`` of the folded text."""
        i = bisect_right(self._folded_starts, position) - 1
        if i < 0:
            return 0
        return min(self._starts[i] + position - self._folded_starts[i], self._starts[i + 1])

    def _position(self, index: int) -> int:
        """Position in the folded text of ``text[index]``."""
        i = bisect_right(self._starts, index) - 1
        return self._folded_starts[i] + index - self._starts[i]


@lru_cache(maxsize=2)
def matchable(folded: str) -> Matchable:
    """The matchable form of a document's folded text (made once per import: searched many times)."""
    return Matchable(folded)
