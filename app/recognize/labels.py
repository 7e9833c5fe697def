"""Label normalisation and the per-edition index of every label an importer may meet.

Real reports write the statutory labels with full- or half-width punctuation, stray spaces,
合计 for 总计, 需要 for 需 and the odd typo. ``norm`` folds the harmless differences away; the
index then finds a label exactly, by a variant listed in the edition file, or by a near match.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal, NamedTuple

from app.editions import Edition, get_edition

Kind = Literal["row", "path", "column", "group", "block", "corner", "note"]
How = Literal["exact", "variant", "fuzzy"]

_QUOTES = str.maketrans("", "", "“”‘’\"'「」『』")
_SPACE = re.compile(r"\s+")
_ARABIC_NUMBER = re.compile(r"^(\d{1,2})\s*[、.,．]")
_CHINESE_NUMBER = re.compile(r"^([一二三四五六七八九十]{1,3})\s*[.,．、]")
_TRAILING_CHARS = ":：。.,，;；"
_WORDS = (("合计", "总计"), ("需要", "需"))
_PREFIX = re.compile(r"^(\d{1,2}\.|\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}、)")


def fold(text: str) -> str:
    """NFKC (full-width → half-width), no quotes, common word variants folded; spaces kept."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    for old, new in _WORDS:
        text = text.replace(old, new)
    return text


def _norm_uncached(text: str) -> str:
    """The comparison key of a label: folded, without spaces, numbering and trailing punctuation unified."""
    text = _SPACE.sub("", fold(text))
    text = _ARABIC_NUMBER.sub(r"\1.", text)
    text = _CHINESE_NUMBER.sub(r"\1、", text)
    return _strip_trailing(text)


# Cached by wrapping after definition (not with a decorator), so that mutmut can mutate the function.
norm = lru_cache(maxsize=8192)(_norm_uncached)


def _strip_trailing(text: str) -> str:
    """Trailing punctuation removed (a regex ``[…]+$`` is quadratic on long runs); norm has removed spaces."""
    end = len(text)
    while end and text[end - 1] in _TRAILING_CHARS:
        end -= 1
    return text[:end]


def numbering(key: str) -> str:
    """The numbering prefix of a normalised label (``1.``, ``(一)``, ``一、``) or ''."""
    match = _PREFIX.match(key)
    return match.group(1) if match else ""


# Immutable records are NamedTuples: a process makes one at import ~0.4 ms faster than a frozen dataclass.
class Target(NamedTuple):
    kind: Kind
    table: str
    id: str            # row id, column id, block index, group name…
    label: str         # the official wording, for notes


class Match(NamedTuple):
    targets: tuple[Target, ...]
    how: How

    def of_kind(self, *kinds: Kind) -> list[Target]:
        return [t for t in self.targets if t.kind in kinds]


class LabelIndex:
    """Every label of one edition's tables, by normalised key."""

    def __init__(self, edition: Edition):
        self._exact: dict[str, list[Target]] = {}
        self._variant: dict[str, list[Target]] = {}
        for table in edition.all_tables():
            self._add_table(table)
        self._add_unnumbered()
        self._fuzzy_cache: dict[str, Match | None] = {}
        self.keys = sorted({*self._exact, *self._variant}, key=len, reverse=True)

    def _add(self, key_text: str, target: Target, variant: bool = False) -> None:
        key = norm(key_text)
        if key:
            bucket = self._variant if variant and key not in self._exact else self._exact
            if target not in bucket.setdefault(key, []):
                bucket[key].append(target)

    def _add_table(self, table) -> None:
        for row in table.rows:
            self._add(row.label, Target("row", table.id, row.id, row.label))
            for variant in row.variants:
                self._add(variant, Target("row", table.id, row.id, row.label), variant=True)
            for part in row.path:
                self._add(part, Target("path", table.id, part, part))
        for col in table.columns:
            self._add(col.label, Target("column", table.id, col.id, col.label))
            for variant in col.variants:
                self._add(variant, Target("column", table.id, col.id, col.label), variant=True)
            if col.group:
                self._add(col.group, Target("group", table.id, col.group, col.group))
        for index, block in enumerate(table.blocks):
            if block.label:
                self._add(block.label, Target("block", table.id, str(index), block.label))
        for kind, text in (("corner", table.corner), ("note", table.note)):
            if text:
                self._add(text, Target(kind, table.id, kind, text))

    def _add_unnumbered(self) -> None:
        """Row labels without their numbering (lost with Word's automatic numbering), when unique."""
        stripped: dict[str, list[Target]] = {}
        for key, targets in list(self._exact.items()) + list(self._variant.items()):
            prefix = numbering(key)
            rows = [t for t in targets if t.kind == "row"]
            if prefix and rows and len(key) - len(prefix) >= 4:
                stripped.setdefault(key[len(prefix):], [])
                stripped[key[len(prefix):]].extend(t for t in rows if t not in stripped[key[len(prefix):]])
        for key, targets in stripped.items():
            if len({(t.table, t.id) for t in targets}) == 1 and key not in self._exact and key not in self._variant:
                self._variant[key] = targets[:1]

    def find(self, text: str) -> Match | None:
        """The targets a cell's text names, or None when it names no label."""
        key = norm(text)
        if not key:
            return None
        if key in self._exact:
            return Match(tuple(self._exact[key]), "exact")
        if key in self._variant:
            return Match(tuple(self._variant[key]), "variant")
        if key not in self._fuzzy_cache:
            self._fuzzy_cache[key] = self._fuzzy(key)
        return self._fuzzy_cache[key]

    def _fuzzy(self, key: str) -> Match | None:
        """A near match (typo, a missing word) that is unique and shares the numbering prefix."""
        if len(key) < 4 or any(ch.isdigit() for ch in key[len(numbering(key)):]):
            return None
        allowed = 1 if len(key) <= 8 else 2
        best: list[str] = []
        best_distance = allowed + 1
        prefix = numbering(key)
        for candidate in self._exact:
            if abs(len(candidate) - len(key)) > allowed or numbering(candidate) != prefix:
                continue
            if len(candidate) < 4:
                continue
            distance = _distance(key, candidate, best_distance)
            if distance < best_distance:
                best, best_distance = [candidate], distance
            elif distance == best_distance:
                best.append(candidate)
        if len(best) != 1 or best_distance > allowed:      # one candidate only just out of reach is no match
            return None
        return Match(tuple(self._exact[best[0]]), "fuzzy")


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, giving up (returning ``limit + 1``) once it cannot be below ``limit``."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _label_index_uncached(edition_id: str) -> LabelIndex:
    """The label index of an edition (built once per edition: see ``label_index``)."""
    return LabelIndex(get_edition(edition_id))


label_index = lru_cache(maxsize=None)(_label_index_uncached)


def clear_label_caches() -> None:
    """Forget the normalised keys and the built indexes (tests: mutation testing runs every mutant in
    a process forked after the unmutated code has filled these caches)."""
    norm.cache_clear()
    label_index.cache_clear()
