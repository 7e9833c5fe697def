"""Walking the edition's table grammar over a token sequence (lexer.py).

A row label (or a known variant, or a near match) followed by the values up to the next label fills
that row: exactly as many values as the row has cells are read directly; one run of digits where
several cells are expected is split later by the table's arithmetic (digit_split.py); fewer values
that cannot be placed leave the row blank with a note — never a guess. A one-row table (四、复议诉讼)
takes every value that follows its header. A row whose label could not be read at all is placed by
the statutory order when exactly one row is missing between its neighbours.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from app.editions import Edition, TableSpec, printed_columns
from app.recognize.lexer import Token
from app.recognize.table_rows import TableCollector

_SHOWN = 40


@dataclass
class _Open:
    """The row being read: its table, row id (None for a one-row table), label and values so far."""

    table: TableSpec
    row: str | None
    label: str
    where: str
    values: list[Token] = field(default_factory=list)
    guessed_from: str = ""          # the unreadable label text, when placed by statutory order


@dataclass
class _Orphan:
    text: str
    where: str
    after: tuple[str, str] | None     # the row read before it
    values: list[Token] = field(default_factory=list)


class GrammarWalk:
    """Reads table rows from tokens into a TableCollector (the same sink Word grids fill)."""

    def __init__(self, edition: Edition, collector: TableCollector, where: Callable[[int], str],
                 on_grid: Callable[[Token, str | None], None]):
        self.edition = edition
        self.collector = collector
        self.where = where
        self.on_grid = on_grid
        self.orphans: list[_Orphan] = []
        self.placed: list[tuple[str, str]] = []        # (table, row) in reading order

    def walk(self, tokens: list[Token], table_id: str | None) -> None:
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
                self.on_grid(token, context)
            elif token.kind == "text" and isinstance(current, _Open) and current.values and current.row:
                self._close(current)                       # words after the values: a label we cannot read
                current = _Orphan(token.text, self.where(token.start), last_row)
        self._close(current)

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
                return _Open(table, None, "、".join(r.label for r in table.rows), self.where(token.start)), \
                    table.id, last_row
            self._close(current)
            row = table.row(target.id)
            return _Open(table, row.id, row.label, self.where(token.start)), table.id, (table.id, row.id)
        tables = {t.table for t in match.targets}
        if isinstance(current, _Open) and current.row is None and current.table.id in tables:
            return current, context, last_row           # a header label inside a one-row table
        self._close(current)
        if len(tables) == 1:
            context = next(iter(tables))
        return None, context, last_row

    def _close(self, current) -> None:
        if isinstance(current, _Orphan):
            if current.values:
                self.orphans.append(current)
            return
        if current is None:
            return
        if current.row is None:
            cells = printed_columns(current.table)
        else:
            cells = [(current.row, c) for c in current.table.row_columns(current.row)]
            if not current.values and not current.guessed_from:
                return                                   # a label alone (a header, a sub-heading)
            self.placed.append((current.table.id, current.row))
        self.collector.position = current.values[0].start if current.values else self.collector.position
        fitted = fit(current.values, len(cells), current.label, current.where, self.collector)
        if fitted is not None:
            texts, run_together = fitted
            self.collector.add_raw(current.table, current.row, cells, texts, current.where, current.label,
                                   run_together)

    def place_orphans(self) -> None:
        """Rows whose label could not be read: placed when the statutory order leaves exactly one gap."""
        seen = set(self.placed) | {k for k in self.collector.rows}
        for orphan in self.orphans:
            row = self._only_gap(orphan.after, seen)
            shown = " ".join(t.text for t in orphan.values)[:_SHOWN]
            if row is None:
                self.collector.warn(f"无法确定这一行数据属于表格的哪一行，未导入：{orphan.text[:_SHOWN]} {shown}",
                                    orphan.where)
                continue
            table = self.edition.table(row[0])
            label = table.row(row[1]).label
            self.collector.warn(f"“{orphan.text[:_SHOWN]}”不是规定的行名，按表格的行序读作“{label}”，请核对",
                                orphan.where)
            current = _Open(table, row[1], label, orphan.where, orphan.values, guessed_from=orphan.text)
            self._close(current)
            seen.add(row)

    def _only_gap(self, after: tuple[str, str] | None, seen: set) -> tuple[str, str] | None:
        if after is None:
            return None
        table = self.edition.table(after[0])
        ids = [r.id for r in table.rows]
        i = ids.index(after[1]) + 1
        if i < len(ids) and (table.id, ids[i]) not in seen and \
                (i + 1 == len(ids) or (table.id, ids[i + 1]) in seen):
            return table.id, ids[i]
        return None


def fit(values: list[Token], n: int, label: str, where: str, collector: TableCollector
        ) -> tuple[list[str], bool] | None:
    """The cell texts of a row with ``n`` cells, or None (with a note) when they cannot be placed."""
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
    if len(values) == 1 and values[0].kind == "num" and len(texts[0].replace(".", "")) > 1 \
            and "," not in texts[0] and not texts[0].startswith(("+", "-")):
        return texts, True
    shown = "、".join(texts) if texts else "没有数值"
    collector.warn(f"“{label}”一行只有 {len(values)} 个数值（{shown}），应有 {n} 个，无法确定各属哪一列，"
                   "该行未导入，请手工填写", where)
    return None
