"""Break a long report title into lines the way GB/T 9704 asks: between words, in a 梯形/菱形 shape.

A title that fits one line (16 characters of 二号 type on the 156 mm type area) stays one line.
A longer one is broken only where a word ends: before or after the year, after an organ or place
name (人民政府, 办事处, 管理委员会, …县, …镇), before 政府信息公开/信息公开/工作年度报告/年度报告. Among
the breaks that keep every line within the measure, the most even one wins (lines of near-equal
length read as a trapezoid; with three lines the middle one is kept longest, a diamond); a break
inside an organ's name (after a place) counts as three characters of imbalance. A title
with no word break that fits is cut inside a word only where it must be.
"""
from __future__ import annotations

import itertools
import re

LINE_CHARS = 16          # characters of 二号 (22 pt) type on one line of the 156 mm type area

_YEAR = re.compile(r"(?:19|20)\d\d\s*年度?")
_AFTER = ("人民政府", "办事处", "管理委员会", "管委会", "委员会", "政府", "公开", "工作")
_PLACE_END = "省市县区州旗盟镇乡"
_NOT_AFTER_PLACE = "场政委长级域属直辖内外"     # 市场, 区政府, 县委, 镇长 … continue the word
_BEFORE = ("政府信息公开", "信息公开", "工作年度报告", "年度报告")


def title_lines(title: str, width: int = LINE_CHARS) -> list[str]:
    """The title as one or more lines, broken only between words (see the module docstring)."""
    if len(title) <= width:
        return [title]
    breaks = word_breaks(title)
    lines_needed = -(-len(title) // width)
    for count in range(lines_needed, lines_needed + 2):
        best = _best_split(title, breaks, count, width)
        if best:
            return best
    anywhere = {p: 10 for p in range(1, len(title))} | breaks      # no word break fits: the fewest cuts
    return _best_split(title, anywhere, lines_needed, width) or [title]


def word_breaks(title: str) -> dict[int, int]:
    """Positions (0 < p < len) between two words of the title → cost of breaking there (0 between
    the organ, the year and the subject; 3 inside an organ's name, after a place)."""
    found: set[int] = set()
    for match in _YEAR.finditer(title):
        found.update((match.start(), match.end()))
    for word in _AFTER:
        found.update(m.end() for m in re.finditer(word, title))
    subjects = [m for word in _BEFORE for m in re.finditer(word, title)
                if not (word == "政府信息公开" and title[:m.start()].endswith("人民"))]   # 人民政府|信息公开
    found.update(m.start() for m in subjects)
    places = {index + 1 for index, char in enumerate(title[:-1])
              if char in _PLACE_END and index >= 1 and title[index + 1] not in _NOT_AFTER_PLACE}
    inside_year = {p for m in _YEAR.finditer(title) for p in range(m.start() + 1, m.end())}
    inside_word = {p for m in subjects for p in range(m.start() + 1, m.end())}
    costs = {p: 3 for p in places} | {p: 0 for p in found}
    return {p: cost for p, cost in sorted(costs.items())
            if 0 < p < len(title) and p not in inside_year and p not in inside_word}


def _best_split(title: str, breaks: dict[int, int], count: int, width: int) -> list[str] | None:
    best, best_score = None, None
    for cut in itertools.combinations(breaks, count - 1):
        bounds = (0, *cut, len(title))
        lines = [title[a:b] for a, b in zip(bounds, bounds[1:])]
        if max(len(line) for line in lines) > width:
            continue
        cost = sum(breaks[p] for p in cut)
        score = (max(map(len, lines)) - min(map(len, lines)) + cost, _shape_penalty(lines))
        if best_score is None or score < best_score:
            best, best_score = lines, score
    return best


def _shape_penalty(lines: list[str]) -> int:
    """0 for a diamond (middle longest) or a trapezoid (lengths monotone), 1 otherwise."""
    sizes = [len(line) for line in lines]
    if len(sizes) < 3:
        return 0
    monotone = sizes == sorted(sizes) or sizes == sorted(sizes, reverse=True)
    diamond = max(sizes) == sizes[len(sizes) // 2]
    return 0 if monotone or diamond else 1
