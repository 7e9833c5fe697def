"""Narrative evidence for run-together digits: when several splits satisfy the table's arithmetic,
the figures the report's own text states for that row (``现行有效行政规范性文件698件``) may settle it."""
from __future__ import annotations

import re

from app.editions import TableSpec
from app.lazy_pattern import LazyPattern
from app.recognize.digit_split import Cell, Value
from app.recognize.labels import norm

_GAP = 8                    # characters allowed between the row's name and its figure
_UNITS = "件|个|条|项|宗|起|次|万元"
_NUMBERING = LazyPattern(r"^(?:\d{1,2}\.|\([一二三四五六七八九十]\)|[一二三四五六七八九十]、)")  # rarely needed


def stated_figures(narrative: str, table: TableSpec, row_id: str) -> set[int]:
    """Integers the text states right after the row's name (or a variant of it)."""
    row = table.row(row_id)
    names = {_NUMBERING.sub("", norm(text)) for text in (row.label, *row.variants)}
    figures: set[int] = set()
    for name in (n for n in names if len(n) >= 2):
        pattern = re.escape(name) + rf"[^\d。；;，,]{{0,{_GAP}}}?(\d+)\s*(?:{_UNITS})"
        figures.update(int(m.group(1)) for m in re.finditer(pattern, narrative))
    return figures


def settle(candidates: list[dict[Cell, Value]], figures: set[int]) -> tuple[dict[Cell, Value] | None, list[int]]:
    """The one candidate that agrees with the most stated figures (at least two, or every cell of a
    shorter row), with the figures it used; None when no candidate stands out."""
    if not figures:
        return None, []
    scored = [(len({v for v in c.values() if v in figures}), c) for c in candidates]
    top = max(score for score, _ in scored)
    best = [c for score, c in scored if score == top]
    cells = len(candidates[0])
    if len(best) != 1 or top < min(2, cells):
        return None, []
    return best[0], sorted({int(v) for v in best[0].values() if v in figures})
