"""Pages shown turned (/Rotate 90, 180, 270): characters and rules in the coordinates of the page as
it is shown, so lines read left to right and tables stand upright (y still grows upwards)."""
from __future__ import annotations

from app.read.pdf_rules import Rule
from app.read.pdf_table import Char


def _turn(rotation: int, width: float, height: float):
    """The map from page space to shown space for a clockwise ``rotation`` of a width × height page."""
    if rotation == 90:
        return lambda x, y: (y, width - x)
    if rotation == 180:
        return lambda x, y: (width - x, height - y)
    return lambda x, y: (height - y, x)                    # 270


def turn_page(chars: list[Char], horizontal: list[Rule], vertical: list[Rule], rotation: int, width: float,
              height: float) -> tuple[list[Char], list[Rule], list[Rule], float]:
    """(chars, horizontal, vertical, shown height) of a page shown turned by ``rotation`` degrees."""
    if rotation not in (90, 180, 270):
        return chars, horizontal, vertical, height
    turn = _turn(rotation, width, height)
    turned_chars = []
    for char in chars:
        (x0, y0), (x1, y1) = turn(char.left, char.bottom), turn(char.right, char.top)
        turned_chars.append(Char(char.text, min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
    out_h: list[Rule] = []
    out_v: list[Rule] = []
    for rule, is_horizontal in [(r, True) for r in horizontal] + [(r, False) for r in vertical]:
        ends = [(rule.start, rule.pos), (rule.end, rule.pos)] if is_horizontal else \
            [(rule.pos, rule.start), (rule.pos, rule.end)]
        (x0, y0), (x1, y1) = (turn(x, y) for x, y in ends)
        if abs(y1 - y0) < abs(x1 - x0):
            out_h.append(Rule(y0, min(x0, x1), max(x0, x1)))
        else:
            out_v.append(Rule(x0, min(y0, y1), max(y0, y1)))
    return turned_chars, out_h, out_v, (width if rotation in (90, 270) else height)
