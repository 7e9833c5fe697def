"""The text of PDF pages as paragraphs: characters → lines → paragraphs, page furniture dropped.

A PDF holds positioned characters, not paragraphs. Lines are characters on one baseline; a line
continues the paragraph above when that line reaches the right margin and this one starts at the
left margin (no first-line indent) — across a page break too. Consecutive centred lines (a title
over two lines) are one paragraph. Page numbers (“— 3 —”, “第 3 页”) in the top or bottom margin
are dropped. A wide gap between characters on a line (a table without rules) is read as a space.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from app.read.pdf_table import Char

_DASHES = r"[\s—\-－–一_·]*"
_PAGE_NUMBER = re.compile(rf"^{_DASHES}(?:第\s*)?\d{{1,4}}(?:\s*页)?(?:\s*[/／]\s*\d{{1,4}}|\s*共\s*\d{{1,4}}\s*页)?{_DASHES}$")
_DIGITS = re.compile(r"\d+")
_MARGIN = 0.1                 # top and bottom share of the page where page numbers stand
_GAP = 1.0                    # a gap wider than this many character heights is a space
_ASCII_WORD = re.compile(r"[A-Za-z]")
_HEADING = re.compile(r"^[\s\u3000]*[一二三四五六七八九十]{1,2}、")     # a section heading (一、…六、)
_SENTENCE_END = ("。", "：", "；", "！", "？", ":", ";")


@dataclass
class Line:
    text: str
    left: float
    right: float
    top: float
    bottom: float
    height: float
    page: int
    in_margin: bool = False        # in the top or bottom margin, where running headers and footers stand


def page_lines(chars: list[Char], page: int, page_height: float) -> list[Line]:
    """The page's text lines, top to bottom; page numbers in the margins dropped."""
    rows: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: -c.cy):
        if rows and abs(rows[-1][0].cy - char.cy) <= 0.5 * max(rows[-1][0].height, char.height):
            rows[-1].append(char)
        else:
            rows.append([char])
    lines = [_line(sorted(row, key=lambda c: c.left), page) for row in rows]
    for line in lines:
        line.in_margin = line.bottom < _MARGIN * page_height or line.top > (1 - _MARGIN) * page_height
    return [line for line in lines if line.text.strip() and not (line.in_margin and _PAGE_NUMBER.match(line.text))]


def _line(chars: list[Char], page: int) -> Line:
    height = sorted(c.height for c in chars)[len(chars) // 2]
    parts: list[str] = []
    previous: Char | None = None
    for char in chars:
        if previous is not None and char.left - previous.right > _GAP * height \
                and not previous.text.isspace() and not char.text.isspace():
            parts.append(" ")
        parts.append(char.text)
        previous = char
    text = "".join(parts)
    inked = [c for c in chars if not c.text.isspace()] or chars      # “　　” typed as the indent
    return Line(text, inked[0].left, inked[-1].right, max(c.top for c in chars), min(c.bottom for c in chars),
                height, page)


def drop_running_lines(pages: list[list]) -> list[list]:
    """Without the running headers and footers: margin lines repeated (digits aside) on most pages."""
    def key(line: Line) -> str:
        return _DIGITS.sub("#", line.text.strip())

    counts = Counter(k for page in pages for k in {key(i) for i in page if isinstance(i, Line) and i.in_margin})
    running = {k for k, n in counts.items() if n >= 3 and n >= 0.5 * len(pages)}
    if not running:
        return pages
    return [[i for i in page if not (isinstance(i, Line) and i.in_margin and key(i) in running)] for page in pages]


@dataclass
class Margins:
    left: float
    right: float

    @classmethod
    def of(cls, lines: list[Line]) -> Margins:
        """The body's left edge (the leftmost start shared by lines) and right edge (where full lines end)."""
        if not lines:
            return cls(0.0, 0.0)
        lefts = Counter(round(line.left) for line in lines)
        shared = [left for left, count in lefts.items() if count > 1] or list(lefts)
        return cls(float(min(shared)), max(line.right for line in lines))


def continues(previous: Line, line: Line, margins: Margins) -> bool:
    """Whether ``line`` carries on the paragraph whose last line is ``previous``."""
    em = max(previous.height, line.height)
    if abs(previous.height - line.height) > 0.15 * em:
        return False                                       # another font size: a title or heading
    if line.page == previous.page and previous.bottom - line.top > 1.6 * em:
        return False                                       # a blank line between them
    if line.page not in (previous.page, previous.page + 1):
        return False
    if _centred(previous, margins, em) and _centred(line, margins, em) and line.page == previous.page:
        return True
    if previous.text.rstrip().endswith(_SENTENCE_END) and _HEADING.match(line.text):
        return False                                       # a sentence ends, a section heading starts
    full = previous.right >= margins.right - 1.5 * em
    return full and line.left <= margins.left + 0.6 * em


def _centred(line: Line, margins: Margins, em: float) -> bool:
    middle = (margins.left + margins.right) / 2
    return line.left > margins.left + 1.5 * em and abs((line.left + line.right) / 2 - middle) < em


def join_lines(previous: str, line: str) -> str:
    """Join a wrapped line: no separator in Chinese, a space between two Latin words."""
    if previous and line and _ASCII_WORD.match(previous[-1]) and _ASCII_WORD.match(line[0]):
        return f"{previous} {line}"
    return previous + line
