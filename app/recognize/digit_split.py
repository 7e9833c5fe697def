"""Splitting run-together digits (``801000081`` for seven cells) so that the table's arithmetic holds.

Text copied from a web page loses the cell borders. Every way of cutting the digits into the row's
cells (no leading zeros) is a candidate; the edition's checks (row sums, column sums, balances)
then rule candidates out. A row is imported only when exactly one candidate survives.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from app.editions import CheckSpec, TableSpec
from app.lazy_pattern import LazyPattern

MAX_CANDIDATES = 20_000
MAX_PART = 12                               # digits of one cell; longer runs are not split
_MAX_SUMS = 20_000
# Compiled on first use: only rows whose digits ran together are split.
_PART = {"amount": LazyPattern(r"^(0|[1-9]\d*)(\.\d+)?$")}
_INT_PART = LazyPattern(r"^(0|[1-9]\d*)$")

Cell = tuple[str, str]                     # (row id, column id)
Value = int | Decimal


@dataclass
class Pending:
    """One printed row whose digits ran together: the cells it fills and the candidate splits."""

    key: str                                # a name for notes (the row's label)
    cells: list[Cell]
    candidates: list[dict[Cell, Value]] = field(default_factory=list)
    overflow: bool = False                  # too many ways to cut: give up on the row


def _valid_part(text: str, kind: str) -> bool:
    return bool(_PART.get(kind, _INT_PART).match(text))


def _value(text: str, kind: str) -> Value:
    return Decimal(text) if kind == "amount" else int(text)


def cut(tokens: list[str], kinds: list[str], limit: int = MAX_CANDIDATES) -> list[list[str]] | None:
    """Every way to cut the tokens (in order, each into one or more parts) into len(kinds) parts.

    Returns None when there are more than ``limit`` ways.
    """
    results: list[list[str]] = []

    def walk(token_index: int, rest: str, parts: list[str]) -> bool:
        if not rest:
            if token_index + 1 == len(tokens):
                if len(parts) == len(kinds):
                    results.append(list(parts))
                    return len(results) <= limit
                return True
            return walk(token_index + 1, tokens[token_index + 1], parts)
        if len(parts) == len(kinds):
            return True
        kind = kinds[len(parts)]
        for end in range(1, min(len(rest), MAX_PART) + 1):
            piece = rest[:end]
            if not _valid_part(piece, kind):
                if kind != "amount":
                    break                    # an invalid count (05, 1.) never becomes valid by growing
                continue                     # an amount may (0. → 0.5)
            parts.append(piece)
            ok = walk(token_index, rest[end:], parts)
            parts.pop()
            if not ok:
                return False
        return True

    if not tokens:
        return []
    if sum(map(len, tokens)) > MAX_PART * len(kinds):
        return None
    finished = walk(0, tokens[0], [])
    return results if finished else None


def candidates(pending: Pending, tokens: list[str], table: TableSpec, checks: list[CheckSpec]) -> None:
    """Fill ``pending.candidates`` with the cuts that satisfy the row's own sums."""
    kinds = [table.column(col).kind for _, col in pending.cells]
    cuts = cut(tokens, kinds)
    if cuts is None:
        pending.overflow = True
        return
    for parts in cuts:
        values = {cell: _value(text, kind) for cell, text, kind in zip(pending.cells, parts, kinds)}
        if all(_row_sum_holds(check, values) for check in checks if check.kind == "row_sum"):
            pending.candidates.append(values)


def _row_sum_holds(check: CheckSpec, values: dict[Cell, Value]) -> bool:
    for row in dict.fromkeys(row for row, _ in values):     # the rows of the split, in order
        total = values.get((row, check.total))
        parts = [values.get((row, col)) for col in check.parts]
        if total is None or any(p is None for p in parts):
            continue
        if sum(parts) != total:
            return False
    return True


def _identities(table: TableSpec, checks: list[CheckSpec]) -> list[list[tuple[int, Cell]]]:
    """Column identities as signed terms that sum to zero (column sums and balances, per column)."""
    out = []
    for check in checks:
        if check.kind == "column_sum":
            left, right = [check.total], list(check.parts)
        elif check.kind == "balance":
            left, right = list(check.left), list(check.right)
        else:
            continue
        for col in table.columns:
            out.append([(1, (r, col.id)) for r in left] + [(-1, (r, col.id)) for r in right])
    return out


def resolve(pendings: list[Pending], known: dict[Cell, Value | None], table: TableSpec,
            checks: list[CheckSpec]) -> None:
    """Drop candidates that cannot satisfy a column identity, until nothing changes."""
    known = dict(known)
    for pending in pendings:
        if len(pending.candidates) == 1:           # settled by its own row sums: a fixed value
            known.update(pending.candidates[0])
    open_rows = [p for p in pendings if len(p.candidates) > 1]
    owner = {cell: p for p in open_rows for cell in p.cells}
    identities = [i for i in _identities(table, checks) if any(cell in owner for _, cell in i)]
    changed = True
    while changed:
        changed = False
        for identity in identities:
            changed |= _narrow(identity, owner, known)


def _narrow(identity: list[tuple[int, Cell]], owner: dict[Cell, Pending], known: dict) -> bool:
    fixed = 0
    groups: dict[int, list[tuple[int, Cell]]] = {}
    for sign, cell in identity:
        if cell in owner:
            groups.setdefault(id(owner[cell]), []).append((sign, cell))
        elif cell in known:
            fixed += sign * (known[cell] or 0)
        else:
            return False                      # an unreadable cell: the identity tells nothing
    pendings = {id(owner[c]): owner[c] for _, c in identity if c in owner}
    changed = False
    for pid, pending in pendings.items():
        others = _sums([(pendings[o], groups[o]) for o in groups if o != pid])
        if others is None:
            continue
        keep = [c for c in pending.candidates if -(fixed + _own(c, groups[pid])) in others]
        if len(keep) != len(pending.candidates):
            pending.candidates, changed = keep, True
    return changed


def _own(candidate: dict[Cell, Value], terms: list[tuple[int, Cell]]) -> Value:
    return sum(sign * candidate[cell] for sign, cell in terms)


def _sums(parts: list[tuple[Pending, list[tuple[int, Cell]]]]) -> set | None:
    """Every total the other pending rows can reach (None when too many to list)."""
    sums = {0}
    for pending, terms in parts:
        options = {_own(c, terms) for c in pending.candidates}
        sums = {a + b for a in sums for b in options}
        if len(sums) > _MAX_SUMS:
            return None
    return sums
