"""Ruled tables on a PDF page: the grid of ruling lines, its merged cells, and the text in each cell.

Rules that touch form one table. Its column edges are the x of its vertical rules and its row edges
the y of its horizontal rules; two neighbouring grid cells with no rule between them are one merged
cell. The grid follows the .docx reader's conventions (docx_reader.py): a merged cell's text is
repeated in every position it covers, a value merged across columns is given once.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from app.read.docx_grid import normalize_cell, place
from app.read.pdf_rules import PageTooComplex, Rule

SNAP = 2.5              # rules this close (points) are one rule / one edge
MAX_RULES = 6_000       # merged rules per page (a page of tables has a few hundred)
_COVER = 0.5            # a border covers at least this share of the cell's edge


@dataclass
class Char:
    text: str
    left: float
    bottom: float
    right: float
    top: float

    @property
    def cx(self) -> float:
        return (self.left + self.right) / 2

    @property
    def cy(self) -> float:
        return (self.bottom + self.top) / 2

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)


@dataclass
class Table:
    xs: list[float]                       # column edges, left to right
    ys: list[float]                       # row edges, top to bottom (descending y)
    horizontal: list[Rule]
    vertical: list[Rule]
    chars: list[Char] = field(default_factory=list)
    label: str = ""

    @property
    def top(self) -> float:
        return self.ys[0]

    def continued_by(self, other: Table) -> bool:
        """Whether ``other`` has this table's outer frame (a table continued on the next page)."""
        return abs(self.xs[0] - other.xs[0]) <= SNAP and abs(self.xs[-1] - other.xs[-1]) <= SNAP

    def holds(self, char: Char) -> bool:
        return self.xs[0] - 1 <= char.cx <= self.xs[-1] + 1 and self.ys[-1] - 1 <= char.cy <= self.ys[0] + 1

    def rows(self) -> list[list[str]]:
        """The expanded grid of cell texts."""
        regions = _Regions(self)
        texts = regions.texts(self.chars)
        out = []
        for i in range(len(self.ys) - 1):
            row: list[str] = []
            j = 0
            while j < len(self.xs) - 1:
                root = regions.find(i * regions.cols + j)
                end = j
                while end + 1 < len(self.xs) - 1 and regions.find(i * regions.cols + end + 1) == root:
                    end += 1
                place(row, texts.get(root, ""), end - j + 1)
                j = end + 1
            out.append(row)
        return out


class _Regions:
    """Union-find over grid cells: cells with no rule between them are one merged cell."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.cols = len(table.xs) - 1
        rows = len(table.ys) - 1
        self.parent = list(range(rows * self.cols))
        verticals = _by_position(table.vertical)
        horizontals = _by_position(table.horizontal)
        for i in range(rows):
            for j in range(self.cols):
                if j + 1 < self.cols and not _covered(verticals, table.xs[j + 1], table.ys[i + 1], table.ys[i]):
                    self._union(i * self.cols + j, i * self.cols + j + 1)
                if i + 1 < rows and not _covered(horizontals, table.ys[i + 1], table.xs[j], table.xs[j + 1]):
                    self._union(i * self.cols + j, (i + 1) * self.cols + j)

    def find(self, cell: int) -> int:
        while self.parent[cell] != cell:
            self.parent[cell] = self.parent[self.parent[cell]]
            cell = self.parent[cell]
        return cell

    def _union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def texts(self, chars: list[Char]) -> dict[int, str]:
        """The text of each merged cell: its lines top to bottom, joined without a separator."""
        xs, neg_ys = self.table.xs, [-y for y in self.table.ys]
        cells: dict[int, list[Char]] = {}
        for char in chars:
            j = min(max(bisect_left(xs, char.cx) - 1, 0), self.cols - 1)
            i = min(max(bisect_left(neg_ys, -char.cy) - 1, 0), len(neg_ys) - 2)
            cells.setdefault(self.find(i * self.cols + j), []).append(char)
        return {root: normalize_cell(text_of(found)) for root, found in cells.items()}


def text_of(chars: list[Char]) -> str:
    """Characters read as lines (top to bottom, each left to right) joined without a separator."""
    lines: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: -c.cy):
        if lines and abs(lines[-1][0].cy - char.cy) <= 0.5 * max(lines[-1][0].height, char.height):
            lines[-1].append(char)
        else:
            lines.append([char])
    return "".join("".join(c.text for c in sorted(line, key=lambda c: c.left)) for line in lines)


def _by_position(rules: list[Rule]) -> tuple[list[Rule], list[float]]:
    ordered = sorted(rules, key=lambda r: r.pos)
    return ordered, [r.pos for r in ordered]


def _covered(indexed: tuple[list[Rule], list[float]], pos: float, start: float, end: float) -> bool:
    """Whether rules at ``pos`` cover most of the edge from ``start`` to ``end``."""
    rules, positions = indexed
    low, high = min(start, end), max(start, end)
    covered = 0.0
    index = bisect_left(positions, pos - SNAP)
    while index < len(rules) and rules[index].pos <= pos + SNAP:
        rule = rules[index]
        covered += max(0.0, min(rule.end, high) - max(rule.start, low))
        index += 1
    return covered >= _COVER * (high - low)


def find_tables(horizontal: list[Rule], vertical: list[Rule]) -> list[Table]:
    """Tables of at least two columns formed by touching rules."""
    horizontal, vertical = merge_rules(horizontal), merge_rules(vertical)
    if len(horizontal) + len(vertical) > MAX_RULES:
        raise PageTooComplex
    groups = _touching(horizontal, vertical)
    tables = []
    for hs, vs in groups:
        xs, ys = edges(_with_open_sides(vs, hs)), edges(_with_open_sides(hs, vs))[::-1]
        if len(xs) >= 3 and len(ys) >= 2:
            tables.append(Table(xs, ys, hs, vs))
    return sorted(tables, key=lambda t: -t.top)


def _with_open_sides(across: list[Rule], along: list[Rule]) -> list[float]:
    """Positions of the ``across`` rules, plus the ends of the ``along`` rules where these reach
    beyond them: a table drawn without its outer left and right borders (or top and bottom) still
    has its outer columns (rows)."""
    positions = [r.pos for r in across]
    low, high = min(positions), max(positions)
    start, end = min(r.start for r in along), max(r.end for r in along)
    return positions + [p for p in (start, end) if p < low - SNAP or p > high + SNAP]


def merge_rules(rules: list[Rule]) -> list[Rule]:
    """Rules on one line (within SNAP) that overlap or touch become one."""
    ordered = sorted(rules, key=lambda r: r.pos)
    out: list[Rule] = []
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1].pos - ordered[i].pos <= SNAP:
            j += 1
        cluster = sorted(ordered[i:j + 1], key=lambda r: r.start)
        pos = sum(r.pos for r in cluster) / len(cluster)
        first = len(out)
        for rule in cluster:
            if len(out) > first and rule.start <= out[-1].end + SNAP:
                out[-1].end = max(out[-1].end, rule.end)
            else:
                out.append(Rule(pos, rule.start, rule.end))
        i = j + 1
    return out


def _touching(horizontal: list[Rule], vertical: list[Rule]) -> list[tuple[list[Rule], list[Rule]]]:
    """Groups of rules connected by crossings or touching ends."""
    parent = list(range(len(horizontal) + len(vertical)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_x = sorted(range(len(vertical)), key=lambda k: vertical[k].pos)
    xs = [vertical[k].pos for k in by_x]
    for i, h in enumerate(horizontal):
        for k in by_x[bisect_left(xs, h.start - SNAP):bisect_left(xs, h.end + SNAP)]:
            v = vertical[k]
            if v.start - SNAP <= h.pos <= v.end + SNAP:
                a, b = find(i), find(len(horizontal) + k)
                if a != b:
                    parent[a] = b
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, h in enumerate(horizontal):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for k, v in enumerate(vertical):
        groups.setdefault(find(len(horizontal) + k), ([], []))[1].append(v)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]


def edges(positions: list[float]) -> list[float]:
    """Distinct positions (those within SNAP are one), ascending."""
    out: list[float] = []
    for pos in sorted(positions):
        if not out or pos - out[-1] > SNAP:
            out.append(pos)
    return out
