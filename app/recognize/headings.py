"""Section headings found anywhere in the text (mid-line in a web page saved as one line), chosen in
the statutory order: the longest, best-numbered chain of candidates wins, the rest stay text.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from app.editions import Edition, SectionSpec, get_edition
from app.recognize.fold import key_pattern
from app.recognize.labels import label_index, norm
from app.recognize.lexer import GRID, label_regex
from app.recognize.matchable import matchable
from app.registry import ImportNote

_CHINESE = "一二三四五六七八九十"
_NUMBER = re.compile(r"(?P<num>[一二三四五六七八九十]\s*[、.,]|(?<!\d)\d{1,2}\s*[、.,]|\(\s*[一二三四五六七八九十]\s*\))\s*$")
_NUMBER_REACH = 12
_EXACT, _ARABIC, _LINE, _PAREN, _FUZZY = 10, 8, 7, 5, 6
_AFTER_OK = re.compile(r"[ \t]*(?:[:：]|\n|$)")
_FUZZY_MIN = 8
_TABLE_WINDOW, _TABLE_NEAR, _TABLE_BONUS = 160, 40, 3
_FUZZY_MAX = 2


class Heading(NamedTuple):       # immutable; a NamedTuple is made at import ~0.4 ms faster than a frozen dataclass
    section: SectionSpec
    start: int
    end: int
    weight: int
    note: str = ""
    level: str = "info"


def find_headings(folded: str, original: str, edition: Edition
                  ) -> tuple[list[Heading], list[ImportNote], list[Heading]]:
    """The chosen headings in text order, the notes on the ones not written as the format has them,
    and the candidates kept as text (same words as a heading, but out of the statutory order)."""
    candidates: list[Heading] = []
    for number, section in _numbered(edition.id):
        found = _candidates(folded, original, number, section, edition.id)
        if not any(h.weight == _EXACT for h in found):
            found += _fuzzy(folded, original, number, section)
        candidates += found
    candidates = [_with_table(h, folded, edition.id) for h in candidates]
    chosen = _chain(sorted(candidates, key=lambda h: (h.start, -h.weight)), edition)
    notes = [ImportNote(h.level, h.note) for h in chosen if h.note]
    kept = [h for h in candidates if h not in chosen and h.weight >= _LINE and not h.note]
    return chosen, notes, kept


@lru_cache(maxsize=None)
def _numbered(edition_id: str) -> list[tuple[int, SectionSpec]]:
    return [(n, s) for n, s in enumerate((s for s in get_edition(edition_id).sections if s.number), start=1)]


@lru_cache(maxsize=None)
def _pattern(edition_id: str, section_id: str) -> re.Pattern:
    section = get_edition(edition_id).section(section_id)
    keys = sorted({norm(t) for t in (section.heading, *section.variants)}, key=len, reverse=True)
    return re.compile("|".join(key_pattern(k) for k in keys))


def _candidates(folded: str, original: str, number: int, section: SectionSpec, edition_id: str) -> list[Heading]:
    out = []
    for start, end in matchable(folded).spans(_pattern(edition_id, section.id)):
        number_match = _NUMBER.search(folded, max(0, start - _NUMBER_REACH), start)
        if number_match is not None:
            start = number_match.start()
        num = re.sub(r"\s", "", number_match.group("num")) if number_match else ""
        written = original[start:end].strip()
        at_line = _line_start(folded, start)
        whole_line = at_line and bool(_AFTER_OK.match(folded, end))
        if num[:1] == section.number:
            out.append(Heading(section, start, end, _EXACT))
        elif num[:1].isdigit() and int(num[:-1]) == number and (at_line or _boundary(folded, start)):
            out.append(Heading(section, start, end, _ARABIC, f"标题“{written}”按“{section.title}”读取（自动编号）"))
        elif not num and whole_line:
            out.append(Heading(section, start, end, _LINE))
        elif num and whole_line:
            out.append(Heading(section, start, end, _PAREN, f"标题“{written}”的编号与规定不符，已按“{section.title}”读取",
                               "warning"))
    return out


def _line_start(folded: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and folded[i] in " \t":
        i -= 1
    return i < 0 or folded[i] == "\n"


def _boundary(folded: str, start: int) -> bool:
    return start == 0 or folded[start - 1] in " \t\n。；;"


def _fuzzy(folded: str, original: str, number: int, section: SectionSpec) -> list[Heading]:
    """``四、`` followed by a near copy of the heading (a typo such as 行政法复议). Of the heading and its variants,
    the nearest one is read (then the one covering more of the line, then the first written): the same reading on
    every run, and no letters of a longer heading left in the section's text."""
    out = []
    keys = [k for k in dict.fromkeys(norm(t) for t in (section.heading, *section.variants)) if len(k) >= _FUZZY_MIN]
    for match in re.finditer(re.escape(section.number) + r"\s*[、.,]\s*", folded):
        after = match.end()
        window = re.sub(r"\s", "", folded[after:after + 60])
        near = []                       # (distance, -end, order) of each key within reach
        for order, key in enumerate(keys):
            distance, best = _nearest_length(window, key)
            if distance <= _FUZZY_MAX:
                near.append((distance, -_advance(folded, after, len(key) + best), order))
        if near:
            end = -min(near)[1]
            written = original[match.start():end].strip()
            out.append(Heading(section, match.start(), end, _FUZZY,
                               f"标题“{written}”与规定的“{section.title}”不一致（疑为笔误），已按“{section.title}”读取",
                               "warning"))
    return out


def _nearest_length(window: str, key: str) -> tuple[int, int]:
    """(distance, d): the edit distance from ``key`` to the nearest prefix of ``window`` of len(key) + d characters,
    d in ±_FUZZY_MAX, the smallest d of equally near ones. One Levenshtein table gives every prefix's distance in its
    last row (five separate distances cost ~0.2 ms a heading); a distance above _FUZZY_MAX may be reported as any
    value above it."""
    columns = window[:len(key) + _FUZZY_MAX]
    row = list(range(len(columns) + 1))             # "" against each prefix of columns
    for i, ck in enumerate(key, 1):
        previous, row = row, [i]
        for j, cw in enumerate(columns, 1):
            row.append(min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ck != cw)))
        if min(row) > _FUZZY_MAX:
            return _FUZZY_MAX + 1, 0
    return min((row[min(len(key) + d, len(columns))], d) for d in range(-_FUZZY_MAX, _FUZZY_MAX + 1))


def _advance(folded: str, start: int, chars: int) -> int:
    """The position after ``chars`` non-space characters from ``start``."""
    i = start
    while chars > 0 and i < len(folded):
        if not folded[i].isspace():
            chars -= 1
        i += 1
    return i


def _with_table(heading: Heading, folded: str, edition_id: str) -> Heading:
    """A table section's heading followed by its table weighs more than the same words in a text."""
    if heading.section.kind != "table":
        return heading
    window = folded[heading.end:heading.end + _TABLE_WINDOW]
    if window.lstrip(" \t\n:：")[:1] == GRID:
        return heading._replace(weight=heading.weight + _TABLE_BONUS)
    span = matchable(folded).first(label_regex(edition_id), heading.end, heading.end + _TABLE_WINDOW)
    if span is None or "。" in folded[heading.end:span[0]] or span[0] - heading.end > _TABLE_NEAR:
        return heading
    found = label_index(edition_id).find(folded[span[0]:span[1]])
    if found is not None and any(t.table == heading.section.id for t in found.targets):
        return heading._replace(weight=heading.weight + _TABLE_BONUS)
    return heading


def _chain(candidates: list[Heading], edition: Edition) -> list[Heading]:
    """The heaviest chain of candidates in increasing position and increasing section order; among
    equally heavy chains the earlier candidates win (a heading repeated in a section's text stays text)."""
    order = {s.id: i for i, s in enumerate(edition.sections)}
    best: list[tuple[int, int]] = []          # (weight of the best chain ending here, previous index)
    for i, here in enumerate(candidates):
        top, previous = here.weight, -1
        for j in range(i):
            there = candidates[j]
            if there.end <= here.start and order[there.section.id] < order[here.section.id] \
                    and best[j][0] + here.weight > top:
                top, previous = best[j][0] + here.weight, j
        best.append((top, previous))
    if not best:
        return []
    i = max(range(len(best)), key=lambda k: (best[k][0], -k))
    chain = []
    while i >= 0:
        chain.append(candidates[i])
        i = best[i][1]
    return chain[::-1]
