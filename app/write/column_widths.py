"""Column widths of a printed statistics table, sized to its labels at 五号 (shared by .docx and PDF).

A narrow column that wraps a label so that one character is left alone on the last line
(「（三）不予公/开」, 「自然/人」) is what a reviewer corrects first. So every column is given the
fewest characters per line at which none of its labels leaves a character alone, an enumerated
label （三） keeps at least two characters of its words on the first line (a group label standing
beside many rows may wrap anywhere but alone), and a value column holds
its widest figure on one line. The last label column then widens, up to its longest label on one
line, as far as the value columns' needs allow, at a width that again leaves no character alone.
Value columns share the rest evenly where an even width leaves no label alone (else the narrowest
grow a character at a time); what is left, less than a character a column, is spread over all.
"""
from __future__ import annotations

import re
import unicodedata

from app.write.table_layout import Layout

CHAR_MM = 10.5 / 72 * 25.4        # one CJK character of 五号 (10.5 pt) type
CELL_MARGIN_MM = 1.6 + 0.3        # left + right cell margins, and a little slack for rounding
_ENUMERATOR = re.compile(r"^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\d+[.．、])")
_LONGEST_LINE = 14                # a label column never needs more than this many characters


def text_length(text: str) -> float:
    """Printed width in CJK characters: full-width characters 1, Latin letters and digits ½."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)


def fits_without_orphan(text: str, chars: int, enumerated: bool = True) -> bool:
    """Whether ``text`` wrapped at ``chars`` characters a line leaves no single character alone
    and (``enumerated``) breaks an enumerated label after its first two characters of words."""
    length = text_length(text)
    if length <= chars:
        return True
    rest = length % chars
    if 0 < rest <= 1:
        return False
    enumerator = _ENUMERATOR.match(text) if enumerated else None
    return not enumerator or chars >= text_length(enumerator.group(0)) + 2


def least_chars(texts: list[tuple[str, bool]], at_least: int = 2) -> int:
    """The fewest characters a line at which none of ``texts`` (text, enumerated rule) leaves a
    character alone."""
    chars = at_least
    while chars < 40 and not all(fits_without_orphan(t, chars, e) for t, e in texts):
        chars += 1
    return chars


def chars_to_mm(chars: float) -> float:
    return chars * CHAR_MM + CELL_MARGIN_MM


def mm_to_chars(width_mm: float) -> int:
    return int((width_mm - CELL_MARGIN_MM) / CHAR_MM + 1e-6)


def column_widths(layout: Layout, total_mm: float, value_texts: dict[int, list[str]] | None = None) -> list[float]:
    """Width in mm of each grid column of ``layout``, filling ``total_mm``."""
    texts = _single_column_texts(layout)
    for col, values in (value_texts or {}).items():
        texts.setdefault(col, []).extend((v, False) for v in values)
    chars = [least_chars(texts.get(col, [])) for col in range(layout.cols)]
    labels, values = layout.label_cols, range(layout.label_cols, layout.cols)
    if labels:
        last = labels - 1
        longest = max((int(text_length(t) + 0.99) for t, _ in texts.get(last, [])), default=2)
        room = total_mm - _total(chars)
        chars[last] = max(chars[last], _widest_fitting(texts.get(last, []), chars[last],
                                                         min(longest, _LONGEST_LINE), room))
    even = (total_mm - sum(chars_to_mm(chars[c]) for c in range(labels))) / max(len(values), 1)
    if all(all(fits_without_orphan(t, mm_to_chars(even), e) for t, e in texts.get(c, [])) and
           mm_to_chars(even) >= chars[c] for c in values):
        return [chars_to_mm(chars[c]) for c in range(labels)] + [even] * len(values)
    _grow_evenly(chars, texts, values, total_mm)
    extra = (total_mm - _total(chars)) / layout.cols      # less than a character each: counts unchanged
    return [chars_to_mm(count) + extra for count in chars]


def _total(chars: list[int]) -> float:
    return sum(chars_to_mm(count) for count in chars)


def _widest_fitting(texts, start: int, target: int, room_mm: float) -> int:
    """The most characters (≤ target, within ``room_mm`` more) at which no text leaves one alone."""
    best = start
    for chars in range(start + 1, target + 1):
        if (chars - start) * CHAR_MM > room_mm:
            break
        if all(fits_without_orphan(t, chars, e) for t, e in texts):
            best = chars
    return best


def _grow_evenly(chars: list[int], texts, columns, total_mm: float) -> None:
    """Widen the narrowest value column a character (or two, past an orphan) while room is left."""
    while True:
        for col in sorted(columns, key=lambda c: chars[c]):
            grown = next((n for n in (chars[col] + 1, chars[col] + 2)
                          if all(fits_without_orphan(t, n, e) for t, e in texts.get(col, []))), None)
            if grown and _total(chars) + (grown - chars[col]) * CHAR_MM <= total_mm:
                chars[col] = grown
                break
        else:
            return


def _single_column_texts(layout: Layout) -> dict[int, list[tuple[str, bool]]]:
    """Texts of the boxes that lie in one grid column (merged-across boxes wrap over several), each
    with whether the enumerator rule applies (not to a group label standing beside many rows)."""
    texts: dict[int, list[tuple[str, bool]]] = {}
    for box in layout.boxes:
        if box.left == box.right and box.text and box.role != "note":
            texts.setdefault(box.left, []).append((box.text, box.role != "group" or box.bottom - box.top < 4))
    return texts
