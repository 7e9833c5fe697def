"""Walking the edition's table grammar over a token sequence (lexer.py).

A row label (or a known variant, or a near match) followed by the values up to the next label fills
that row: exactly as many values as the row has cells are read directly; one run of digits where
several cells are expected is split later by the table's arithmetic (digit_split.py); fewer values
that cannot be placed leave the row blank with a note — never a guess (values in cells with tab or
pipe borders are placed by position, missing cells at the end left blank). A one-row table (四、复议诉讼)
takes every value that follows its header. A row whose label could not be read at all is placed by
the statutory order when exactly one row is missing between its neighbours.
"""
from __future__ import annotations

from typing import Callable, NamedTuple

from app.editions import Edition, TableSpec, printed_columns
from app.recognize.lexer import Token
from app.recognize.table_rows import TableCollector

_SHOWN = 40


# NamedTuples (no field is ever set again; ``values`` grows): made at import ~0.3 ms faster than dataclasses.
class _Open(NamedTuple):
    """The row being read: its table, row id (None for a one-row table), label and values so far."""

    table: TableSpec
    row: str | None
    label: str
    where: str
    values: list[Token]
    label_end: int = -1             # where the label ends in the text (-1: no label token)


class _Orphan(NamedTuple):
    """A row whose label could not be read: its text and values (placed by ``place_orphans`` if it can be)."""

    text: str
    where: str
    values: list[Token]


class GrammarWalk:
    """Reads table rows from tokens into a TableCollector (the same sink Word grids fill)."""

    def __init__(self, edition: Edition, collector: TableCollector, where: Callable[[int], str],
                 on_grid: Callable[[Token, str | None], None], same_line: Callable[[int, int], bool]):
        self.edition = edition
        self.same_line = same_line
        self.collector = collector
        self.where = where
        self.on_grid = on_grid
        self.sequence: list[_Open | _Orphan] = []     # rows and unreadable rows in reading order
        self._region: list[_Open] = []

    def walk(self, tokens: list[Token], table_id: str | None) -> None:
        """Read one stretch of table text. Its rows are fitted together: when any row of a table shows
        values separated by spaces or borders, a single number in another of its rows is one value,
        not a run of digits."""
        context = table_id
        current: _Open | _Orphan | None = None
        last_row: tuple[str, str] | None = None
        for token in tokens:
            if token.kind == "label":
                current, context, last_row = self._label(token, current, context, last_row)
            elif token.is_value:
                if current is not None:
                    current.values.append(token)
            elif token.kind == "grid":
                self._close(current)
                current = None
                self._fit_region()
                self.on_grid(token, context)
            elif token.kind == "text" and not (isinstance(current, _Open) and not current.values) \
                    and not (isinstance(current, _Open) and current.row is None):
                self._close(current)                       # words after values: a label we cannot read
                current = _Orphan(token.text, self.where(token.start), [])
        self._close(current)
        self._fit_region()

    def _label(self, token: Token, current, context, last_row):
        match = token.match
        rows = match.of_kind("row")
        self.collector.note_label(token.text, match, self.where(token.start))
        if rows:
            target = next((t for t in rows if t.table == context), rows[0])
            table = self.edition.table(target.table)
            if table.one_row:
                if isinstance(current, _Open) and current.table.id == table.id:
                    return current, table.id, last_row
                self._close(current)
                return _Open(table, None, "、".join(r.label for r in table.rows), self.where(token.start), []), \
                    table.id, last_row
            self._close(current)
            row = table.row(target.id)
            return _Open(table, row.id, row.label, self.where(token.start), [], token.end), table.id, \
                (table.id, row.id)
        tables = {t.table for t in match.targets}
        if isinstance(current, _Open) and current.row is None and current.table.id in tables:
            return current, context, last_row           # a header label inside a one-row table
        self._close(current)
        if len(tables) == 1:
            context = next(iter(tables))
        return None, context, last_row

    def _close(self, current) -> None:
        if current is None or (isinstance(current, _Orphan) and not current.values):
            return
        if isinstance(current, _Open) and current.row is not None and not current.values:
            self.sequence.append(current)                 # a label alone: its row was seen, without values
            return
        self.sequence.append(current)
        if isinstance(current, _Open):
            self._region.append(current)

    def _fit_region(self) -> None:
        separated = {r.table.id for r in self._region if r.row is not None and len(r.values) >= 2}
        for row in self._region:
            self._store(row, digit_runs=row.table.id not in separated or row.row is None)
        self._region = []

    def _store(self, current: _Open, digit_runs: bool) -> None:
        if current.row is None:
            cells = printed_columns(current.table)
        else:
            cells = [(current.row, c) for c in current.table.row_columns(current.row)]
        self.collector.position = current.values[0].start if current.values else self.collector.position
        anchored = current.label_end >= 0 and bool(current.values) and \
            self.same_line(current.label_end, current.values[-1].start)
        fitted = fit(current.values, len(cells), current.label, current.where, self.collector, digit_runs, anchored)
        if fitted is not None:
            texts, run_together = fitted
            self.collector.add_raw(current.table, current.row, cells, texts, current.where, current.label,
                                   run_together)

    def place_orphans(self) -> None:
        """Rows whose label could not be read: placed when they stand alone between two rows read
        and the statutory order has exactly one row, not read elsewhere, between those two."""
        seen = {(r.table.id, r.row) for r in self.sequence if isinstance(r, _Open)}
        for i, orphan in enumerate(self.sequence):
            if not isinstance(orphan, _Orphan):
                continue
            row = self._only_gap(self.sequence[i - 1] if i else None,
                                 self.sequence[i + 1] if i + 1 < len(self.sequence) else None, seen)
            shown = " ".join(t.text for t in orphan.values)[:_SHOWN]
            if row is None:
                self.collector.warn(f"无法确定这一行数据属于表格的哪一行，未导入：{orphan.text[:_SHOWN]} {shown}",
                                    orphan.where)
                continue
            table = self.edition.table(row[0])
            label = table.row(row[1]).label
            self.collector.warn(f"“{orphan.text[:_SHOWN]}”不是规定的行名，按表格的行序读作“{label}”，请核对",
                                orphan.where)
            self._store(_Open(table, row[1], label, orphan.where, orphan.values), False)
            seen.add(row)

    def _only_gap(self, before, after, seen: set) -> tuple[str, str] | None:
        if not isinstance(before, _Open) or not isinstance(after, _Open) or before.row is None \
                or after.row is None or before.table.id != after.table.id:
            return None
        ids = [r.id for r in before.table.rows]
        i = ids.index(before.row)
        if i + 2 < len(ids) and ids[i + 2] == after.row and (before.table.id, ids[i + 1]) not in seen:
            return before.table.id, ids[i + 1]
        return None


def fit(values: list[Token], n: int, label: str, where: str, collector: TableCollector, digit_runs: bool = True,
        anchored: bool = False) -> tuple[list[str], bool] | None:
    """The cell texts of a row with ``n`` cells, or None (with a note) when they cannot be placed.

    ``digit_runs``: a single number where several cells are expected may be digits run together.
    ``anchored``: the values stand on the label's line, so bordered cells count from the label.
    """
    start, end = 0, len(values)
    while end - start > n and values[start].kind == "blank":
        start += 1
    while end - start > n and values[end - 1].kind == "blank":
        end -= 1
    values = values[start:end]
    texts = [t.text for t in values]
    if len(values) > n and len(values) % n == 0:
        width = len(values) // n
        groups = [texts[i * width:(i + 1) * width] for i in range(n)]
        if all(len(set(g)) == 1 for g in groups):
            collector.info(f"“{label}”一行的数值是跨列合并的单元格，每格按一个数值读取", where)
            return [g[0] for g in groups], False
    if len(values) > n:
        collector.warn(f"“{label}”一行的数值多于 {n} 个，多出的已忽略：{' '.join(texts[n:])[:30]}", where)
        return texts[:n], False
    if len(values) == n:
        return texts, False
    if digit_runs and len(values) == 1 and values[0].kind == "num" and len(texts[0].replace(".", "")) > 1 \
            and "," not in texts[0] and not texts[0].startswith(("+", "-")):
        return texts, True
    if anchored and values and values[0].kind != "blank" and all(t.bordered for t in values):
        collector.warn(f"“{label}”一行只有 {len(values)} 个数值，应有 {n} 个；已按单元格的位置填入前 {len(values)} 列，"
                       "其余留空，请核对", where)
        return texts + [""] * (n - len(values)), False
    shown = "、".join(texts) if texts else "没有数值"
    collector.warn(f"“{label}”一行只有 {len(values)} 个数值（{shown}），应有 {n} 个，无法确定各属哪一列，"
                   "该行未导入，请手工填写", where)
    return None
