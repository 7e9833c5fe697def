"""Placing table rows: each row of cell strings is matched to an edition row by its label.

Used by the recognizer for Grid rows (exact cells, e.g. Word tables); rows read from text by the
grammar walk (grammar.py) are stored here too (``add_raw``), so both end in one set of rows.
Works for repeated merged cells (``['三、本年度办理结果', '（一）予以公开', '（一）予以公开', '0', …]``),
empty merged cells, jagged leading/trailing empty cells, header rows and tables split in parts.
"""
from __future__ import annotations

from typing import NamedTuple

from app.editions import Edition, TableSpec, printed_columns
from app.lazy_pattern import LazyPattern
from app.recognize.cell_values import compact, is_empty, looks_like_value
from app.recognize.labels import Match, label_index
from app.registry import ImportNote

_DIGITS = LazyPattern(r"^[\d.]+$")           # only rows whose digits ran together
_MAX_PENDING_TEXT = 40


class RawRow(NamedTuple):         # never changed once made: a NamedTuple is made at import faster than a dataclass
    """The raw cell texts of one printed row, lined up with the cells they fill."""

    table: str
    cells: list[tuple[str, str]]       # (row id, column id) per printed column
    values: list[str]                  # one text per cell, or the digit tokens when run_together
    where: str
    label: str
    run_together: bool = False


def _is_text(cell: str) -> bool:
    return not is_empty(cell) and not looks_like_value(cell)


class TableCollector:
    """Collects the rows of every statistics table while the recognizer walks the stream."""

    def __init__(self, edition: Edition, notes: list[ImportNote]):
        self.edition = edition
        self.index = label_index(edition.id)
        self.notes = notes
        self.context: str | None = None            # the table the last rows belonged to
        self.rows: dict[tuple[str, str], RawRow] = {}
        self.first_seen: dict[str, int] = {}       # table → position of its first row
        self.position = 0
        self._order: dict[str, list[str]] = {}     # header order of columns, per table
        # Grid positions of the columns named by a header row: (table, its columns) → (block, width, positions)
        self._header_at: dict[tuple[str, frozenset[str]], tuple[int, int, dict[str, list[int]]]] = {}
        self._pending_label: tuple[str, str, str] | None = None   # (table, row, where)
        self._pending_text = ""
        self._deferred: tuple[str, Match, str] | None = None
        self._run_together = False
        self.joined: set[str] = set()              # first halves of split labels (not stray text)
        self._noted: set[str] = set()

    # -- rows ---------------------------------------------------------------------------------

    def process_row(self, cells: list[str], where: str, run_together: bool = False) -> bool:
        """Place one row; False when it holds neither a known label nor a value.

        ``run_together``: the row comes from text without cell borders, so digits may have run together.
        """
        self._run_together = run_together
        matches = self._labels(cells, where)
        row_at = max((i for i, m in matches.items() if m.of_kind("row")), default=None)
        tables = {t.table for m in matches.values() for t in m.targets}
        if len(tables) == 1:
            self.set_context(next(iter(tables)))
        has_values = any(looks_like_value(c) for c in cells)
        deferred, self._deferred = self._deferred, None
        if row_at is None and has_values and deferred and self._pending_label:
            self._note_match(*deferred)          # the near match was not the first half of a split label
        texts = "".join(c.strip() for c in cells if not is_empty(c) and not looks_like_value(c))
        self._pending_text = texts if not has_values and len(texts) <= _MAX_PENDING_TEXT else ""
        for i, match in matches.items():
            if match.how == "fuzzy" and i == row_at and not has_values:
                self._deferred = (cells[i], match, where)
            else:
                self._note_match(cells[i], match, where)
        if row_at is not None:
            return self._labelled_row(cells, row_at, matches, where)
        if not has_values:
            self._header_row(cells, matches)
            return bool(matches)
        return self._unlabelled_row(cells, where)

    def _labels(self, cells: list[str], where: str) -> dict[int, Match]:
        """Cells that name a label; a label split over two cells or two rows is joined."""
        found: dict[int, Match] = {}
        skip = False
        for i, cell in enumerate(cells):
            if skip or is_empty(cell) or looks_like_value(cell):
                skip = False
                continue
            match = self.index.find(cell)
            if self._pending_text:       # even a label: "（七）" above "总计" is the row （七）总计, not the column
                match = self._joined(self._pending_text, cell, where) or match
            if (match is None or match.how == "fuzzy") and i + 1 < len(cells) and _is_text(cells[i + 1]):
                joined = self._joined(cell, cells[i + 1], where)
                if joined is not None:
                    match, skip = joined, True
            if match is not None:
                found[i + skip] = match
        return found

    def _joined(self, first: str, second: str, where: str) -> Match | None:
        match = self.index.find(first.strip() + second.strip())
        if match is not None and match.how != "fuzzy":
            self.joined.add(first.strip())
            self._note("info", f"标签“{first.strip()}”与“{second.strip()}”分在两处，已合并读取", where)
            return match
        return None

    def _note_match(self, text: str, match: Match, where: str) -> None:
        if match.how == "exact":
            return
        official = match.targets[0].label
        if match.how == "variant":
            self._note("info", f"“{text.strip()}”按“{official}”读取", where)
        else:
            self._note("warning", f"“{text.strip()}”与规定的“{official}”不一致（疑为笔误），已按“{official}”读取", where)

    def _labelled_row(self, cells: list[str], at: int, matches: dict[int, Match], where: str) -> bool:
        targets = matches[at].of_kind("row")
        target = next((t for t in targets if t.table == self.context), targets[0])
        table = self.edition.table(target.table)
        self.set_context(table.id)
        rest = cells[at + 1:]
        if table.one_row:
            rest = cells[max(matches) + 1:]
            if any(looks_like_value(c) for c in rest):
                self._store(table, None, rest, where, "、".join(r.label for r in table.rows))
            return True
        if all(is_empty(c) for c in rest):
            self._pending_label = (table.id, target.id, where)
            return True
        label = table.row(target.id).label
        placed = self._by_header(table, target.id, cells, at + 1, where, label)
        self._store(table, target.id, rest if placed is None else placed, where, label)
        return True

    def _by_header(self, table: TableSpec, row_id: str, cells: list[str], start: int, where: str,
                   label: str) -> list[str] | None:
        """The row's values read at the grid positions of the header above it (same grid and width).

        Keeps a blank cell where it stands: a blank first cell must not pull the next value left.
        None when there is no such header or the row does not line up with it (then values go in order).
        """
        columns = self._columns(table, row_id)
        header = self._header_at.get((table.id, frozenset(columns)))
        if header is None or header[0] != self.position or header[1] != len(cells):
            return None
        positions, picked, used, merged = header[2], [], set(), False
        for column in columns:
            spots = [i for i in positions[column] if i >= start]
            filled = {compact(cells[i]): cells[i] for i in spots if not is_empty(cells[i])}
            if not spots or len(filled) > 1:
                return None
            merged |= sum(not is_empty(cells[i]) for i in spots) > 1
            picked.append(next(iter(filled.values()), ""))
            used.update(spots)
        if any(not is_empty(cells[i]) for i in range(start, len(cells)) if i not in used):
            return None                           # a value outside the header's columns: not lined up
        if merged:
            self._note("info", f"“{label}”一行的数值是跨列合并的单元格，每格按一个数值读取", where)
        return picked

    def _unlabelled_row(self, cells: list[str], where: str) -> bool:
        if self._pending_label is not None:
            table_id, row_id, _ = self._pending_label
            table = self.edition.table(table_id)
            self._store(table, row_id, cells, where, table.row(row_id).label)
            return True
        table = self.edition.table(self.context) if self.context else None
        if table is not None and table.one_row:
            self._store(table, None, cells, where, "、".join(r.label for r in table.rows))
            return True
        shown = " ".join(c.strip() for c in cells if not is_empty(c))[:40]
        self._note("warning", f"无法确定这一行数据属于表格的哪一行，未导入：{shown}", where)
        return True

    def _header_row(self, cells: list[str], matches: dict[int, Match]) -> None:
        """A header row naming every column of a block (or table) fixes the column order."""
        if self.context is None:
            return
        table = self.edition.table(self.context)
        order: list[str] = []
        for i in sorted(matches):
            ids = [t.id for t in matches[i].of_kind("column") if t.table == table.id]
            if len(ids) == 1 and (not order or order[-1] != ids[0]):
                order.append(ids[0])
        sets = [set(b.columns) for b in table.blocks] or [{c.id for c in table.columns}]
        if len(order) == len(set(order)) and set(order) in sets:
            self._order[table.id] = order
        positions: dict[str, list[int]] = {}
        for i in sorted(matches):
            ids = {t.id for t in matches[i].of_kind("column") if t.table == table.id}
            if len(ids) == 1:
                positions.setdefault(ids.pop(), []).append(i)
        if set(positions) in sets:
            self._header_at[(table.id, frozenset(positions))] = (self.position, len(cells), positions)

    def set_context(self, table_id: str) -> None:
        """The rows that follow belong to this table: a label still waiting for its values in another table
        is let go (a blank last row of one table never takes the next table's values)."""
        if table_id != self.context:
            self._pending_label = None
        self.context = table_id

    # -- storing ------------------------------------------------------------------------------

    def _columns(self, table: TableSpec, row_id: str) -> list[str]:
        statutory = list(table.row_columns(row_id))
        order = self._order.get(table.id)
        if order and set(order) == set(statutory):
            if order != statutory:
                self._note("info", f"表格“{table.title}”的列顺序与规定不同，已按表头读取", None)
            return order
        return statutory

    def _store(self, table: TableSpec, row_id: str | None, values: list[str], where: str, label: str) -> None:
        self._pending_label = None
        if row_id is None:
            cells = printed_columns(table)
        else:
            cells = [(row_id, c) for c in self._columns(table, row_id)]
        key = (table.id, row_id or "*")
        self.first_seen.setdefault(table.id, self.position)
        values, run_together = self._fit(values, len(cells), where, label)
        if key in self.rows:
            if self.rows[key].values != values:
                self._note("warning", f"“{label}”出现了不止一次，已采用第一次出现的数值", where)
            return
        self.rows[key] = RawRow(table.id, cells, values, where, label, run_together)

    def _fit(self, values: list[str], n: int, where: str, label: str) -> tuple[list[str], bool]:
        """The row's n cell texts, and whether they are instead one run of digits to split (text rows)."""
        start, end = 0, len(values)           # trim blanks at both ends (one slice: a row may have 10⁶ cells)
        while end - start > n and is_empty(values[start]):
            start += 1
        while end - start > n and is_empty(values[end - 1]):
            end -= 1
        values = list(values[start:end])
        if len(values) > n and len(values) % n == 0:
            width = len(values) // n            # a merged cell repeated across the grid columns it covers
            groups = [values[i * width:(i + 1) * width] for i in range(n)]
            if all(len({compact(v) for v in group}) == 1 for group in groups):
                values = [group[0] for group in groups]
                self._note("info", f"“{label}”一行的数值是跨列合并的单元格，每格按一个数值读取", where)
        if len(values) > n:
            self._note("warning", f"“{label}”一行的单元格多于 {n} 个，多出的已忽略："
                       f"{' '.join(v.strip() for v in values[n:])[:30]}", where)
            values = values[:n]
        if len(values) < n:
            tokens = [compact(v) for v in values if not is_empty(v)]
            if self._run_together and tokens and all(_DIGITS.match(t) for t in tokens) \
                    and sum(map(len, tokens)) > len(tokens):
                return tokens, True
            self._note("warning", f"“{label}”一行只有 {len(values)} 个数值，应有 {n} 个；"
                       f"已按顺序填入前 {len(values)} 列，其余留空，请核对", where)
            values += [""] * (n - len(values))
        return values, False

    # -- rows read from text by the grammar walk (grammar.py) ----------------------------------

    def add_raw(self, table: TableSpec, row_id: str | None, cells: list[tuple[str, str]], values: list[str],
                where: str, label: str, run_together: bool) -> None:
        """A row read from text: its cell texts already fitted (or one digit run to split)."""
        key = (table.id, row_id or "*")
        self.first_seen.setdefault(table.id, self.position)
        if key in self.rows:
            if self.rows[key].values != values:
                self._note("warning", f"“{label}”出现了不止一次，已采用第一次出现的数值", where)
            return
        self.rows[key] = RawRow(table.id, cells, values, where, label, run_together)

    def note_label(self, text: str, match: Match, where: str) -> None:
        written = " ".join(text.split())
        if "\n" in text.strip():
            first, _, second = text.strip().partition("\n")
            self._note("info", f"标签“{first.strip()}”与“{second.strip()}”分在两处，已合并读取", where)
        self._note_match(written, match, where)

    def warn(self, message: str, where: str | None) -> None:
        self._note("warning", message, where)

    def info(self, message: str, where: str | None) -> None:
        self._note("info", message, where)

    def _note(self, level: str, message: str, where: str | None) -> None:
        if message not in self._noted:
            self._noted.add(message)
            self.notes.append(ImportNote(level, message, where or None))
