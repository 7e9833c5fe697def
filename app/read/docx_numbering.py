"""Word automatic list numbers (一、 1. （一）), rendered in front of a paragraph's text.

Clerks often number the headings 一、…六、 and the table labels 1.…8. with Word's automatic
numbering, so the digits are not in the text at all. This module counts list items the way Word
does for the common cases (numbering from the paragraph or its style, levels restarting below a
higher level, start values and overrides) so the stream shows the text the clerk sees.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import islice
from posixpath import dirname, join, normpath

from lxml import etree

from app.read.zip_guard import OfficeZip

_CHINESE = "〇一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_PUNCT = "、.．，,)）:：]】 "
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_NUM_ID = re.compile(rb'<w:numId\s+w:val="(\d+)"')
_ILVL = re.compile(rb'<w:ilvl\s+w:val="(\d+)"')
_BASED_ON = re.compile(rb'<w:basedOn\s+w:val="([^"]+)"')


def _chinese(n: int, digits: str = _CHINESE, ten: str = "十") -> str:
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return digits[ones]
    head = "" if tens == 1 else digits[tens]
    return head + ten + (digits[ones] if ones else "")


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


MAX_NUMBER = 32767       # Word's own limit for a list's start value; beyond it a counter is shown in digits
MAX_LEVELS = 9           # Word lists have levels 0–8
MAX_LEVEL_TEXT = 64      # a level's text ("第%1章", "（%2）"); Word's dialog allows far less
MAX_LABEL = 128


def format_number(n: int, fmt: str) -> str:
    """One counter in a Word number format (numFmt); bounded whatever the file says."""
    if not 1 <= n <= MAX_NUMBER:
        return "" if fmt in ("bullet", "none") else str(n)
    if fmt in ("upperLetter", "lowerLetter", "upperRoman", "lowerRoman") and n > 780:
        return str(n)     # "ZZZZ…" or thousands of "M"s is not a heading number
    table = {
        "decimal": str, "decimalZero": lambda v: f"{v:02d}",
        "decimalFullWidth": lambda v: str(v).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
        "chineseCounting": _chinese, "chineseCountingThousand": _chinese, "japaneseCounting": _chinese,
        "taiwaneseCounting": _chinese, "ideographDigital": lambda v: "".join(_CHINESE[int(d)] for d in str(v)),
        "chineseLegalSimplified": lambda v: _chinese(v, _LEGAL, "拾"),
        "ideographTraditional": lambda v: _STEMS[(v - 1) % 10], "ideographZodiac": lambda v: _BRANCHES[(v - 1) % 12],
        "upperLetter": _letters, "lowerLetter": lambda v: _letters(v).lower(),
        "upperRoman": _roman, "lowerRoman": lambda v: _roman(v).lower(),
        "decimalEnclosedCircle": lambda v: chr(0x2460 + v - 1) if 1 <= v <= 20 else str(v),
        "decimalEnclosedCircleChinese": lambda v: chr(0x2460 + v - 1) if 1 <= v <= 20 else str(v),
        "decimalEnclosedParen": lambda v: chr(0x2474 + v - 1) if 1 <= v <= 20 else f"({v})",
        "decimalEnclosedFullstop": lambda v: chr(0x2488 + v - 1) if 1 <= v <= 20 else f"{v}.",
    }
    if fmt in ("bullet", "none"):
        return ""
    return table.get(fmt, str)(n)


class Numbering:
    """List definitions of one document and the running counters while it is read in order."""

    def __init__(self, ns: str, numbering: etree._Element | None = None, styles: bytes = b""):
        self._w = lambda name: f"{{{ns}}}{name}"
        self._ppr, self._numpr, self._pstyle, self._ilvl, self._numid, self._valtag = (
            f"{{{ns}}}{name}" for name in ("pPr", "numPr", "pStyle", "ilvl", "numId", "val"))
        self._levels: dict[str, dict[int, tuple[str, str, int, str]]] = {}
        self._styles = _StyleIndex(styles)
        self._style_memo: dict[str, tuple[str | None, int | None]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._shared: dict[str, str] = {}     # numId → counter key: lists of one definition continue
        if numbering is not None:
            self._read_numbering(numbering)

    @classmethod
    def load(cls, package: OfficeZip, main: str, ns: str) -> "Numbering":
        parts = _related_parts(package, main)
        numbering = parts.get("numbering")
        if numbering is None or not package.has(numbering):
            return cls(ns)
        styles = parts.get("styles")
        return cls(ns, package.xml(numbering), package.raw_xml(styles) if styles and package.has(styles) else b"")

    def _val(self, el: etree._Element | None, name: str, default: str | None = None) -> str | None:
        node = el.find(self._w(name)) if el is not None else None
        return node.get(self._w("val"), default) if node is not None else default

    def _read_numbering(self, root: etree._Element) -> None:
        w = self._w
        abstract = {a.get(w("abstractNumId")): self._read_levels(a) for a in root.iter(w("abstractNum"))}
        for num in root.iter(w("num")):
            abstract_id = self._val(num, "abstractNumId")
            levels = dict(abstract.get(abstract_id, {}))
            overrides = list(num.iter(w("lvlOverride")))
            self._shared[num.get(w("numId"))] = f"num{num.get(w('numId'))}" if overrides else f"abs{abstract_id}"
            for override in overrides:
                ilvl = _int(override.get(w("ilvl")), 0)
                lvl = override.find(w("lvl"))
                if lvl is not None:
                    levels.update(self._read_levels(override))
                start = self._val(override, "startOverride")
                if start is not None and ilvl in levels:
                    fmt, text, _, suffix = levels[ilvl]
                    levels[ilvl] = (fmt, text, _bounded(_int(start, 1)), suffix)
            self._levels[num.get(w("numId"))] = levels

    def _read_levels(self, parent: etree._Element) -> dict[int, tuple[str, str, int, str]]:
        w, levels = self._w, {}
        for lvl in parent.findall(w("lvl")):
            ilvl = _int(lvl.get(w("ilvl")), 0)
            if not 0 <= ilvl < MAX_LEVELS:
                continue
            fmt = "decimal" if lvl.find(w("isLgl")) is not None else self._val(lvl, "numFmt", "decimal")
            text = (self._val(lvl, "lvlText", "") or "")[:MAX_LEVEL_TEXT]
            levels[ilvl] = (fmt, text, _bounded(_int(self._val(lvl, "start"), 1)), self._val(lvl, "suff", "tab"))
        return levels

    def _style_num(self, style_id: str, depth: int = 0) -> tuple[str | None, int | None]:
        """Numbering a paragraph style gives (its own or its base style's); memoised.

        styles.xml is often hundreds of KB and only a few styles are numbered, so the raw bytes are
        searched for the one style element instead of parsing the whole part.
        """
        if style_id in self._style_memo:
            return self._style_memo[style_id]
        self._style_memo[style_id] = (None, None)          # guards against basedOn cycles
        fragment = self._styles.fragment(style_id)
        found: tuple[str | None, int | None] = (None, None)
        if fragment is not None and b"<w:numPr" in fragment:
            num_id, ilvl = _NUM_ID.search(fragment), _ILVL.search(fragment)
            found = (num_id.group(1).decode() if num_id else None, int(ilvl.group(1)) if ilvl else None)
        elif fragment is not None and depth < 20:
            based = _BASED_ON.search(fragment)
            if based:
                found = self._style_num(based.group(1).decode("utf-8", "replace"), depth + 1)
        self._style_memo[style_id] = found
        return found

    def label(self, p: etree._Element) -> str:
        """The list number of a paragraph as Word shows it ("一、", "1.", "（三）"), or ""."""
        if not self._levels:
            return ""
        num_id, ilvl = self._num_of(p)
        levels = self._levels.get(num_id or "")
        if not levels or ilvl not in levels:
            return ""
        counters = self._counters.setdefault(self._shared.get(num_id, num_id), {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl][2] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        fmt, text, _, suffix = levels[ilvl]
        for level, (lfmt, _, start, _) in levels.items():
            if f"%{level + 1}" in text:
                value = counters.get(level, start)
                text = text.replace(f"%{level + 1}", format_number(value, lfmt))
        if not text or fmt == "bullet":
            return ""
        text = text[:MAX_LABEL]
        return text if suffix == "nothing" or text[-1] in _PUNCT else text + " "

    def _num_of(self, p: etree._Element) -> tuple[str | None, int]:
        ppr = p.find(self._ppr)
        if ppr is None:
            return None, 0
        numpr, style = ppr.find(self._numpr), ppr.find(self._pstyle)
        num_id, ilvl = self._style_num(style.get(self._valtag, "")) if style is not None else (None, None)
        if numpr is not None:
            num_node, ilvl_node = numpr.find(self._numid), numpr.find(self._ilvl)
            num_id = num_node.get(self._valtag, num_id) if num_node is not None else num_id
            ilvl = _opt_int(ilvl_node.get(self._valtag)) if ilvl_node is not None else ilvl
        if num_id in (None, "0"):
            return None, 0
        return num_id, ilvl or 0


MAX_STYLES = 20_000        # a real styles.xml has a few hundred; the rest of a hostile one is ignored
_STYLE_START, _STYLE_END = re.compile(rb"<w:style "), re.compile(rb"</w:style>")
_STYLE_ID = re.compile(rb'w:styleId="([^"]*)"')


class _StyleIndex:
    """Where each <w:style> element of styles.xml lies, by styleId: found in one pass over the bytes
    on the first lookup (one search per style id would make a large styles.xml quadratic)."""

    def __init__(self, styles: bytes) -> None:
        self.styles = styles
        self._spans: dict[str, tuple[int, int]] | None = None

    def fragment(self, style_id: str) -> bytes | None:
        if self._spans is None:
            self._spans = self._index()
        span = self._spans.get(style_id)
        return self.styles[span[0]:span[1]] if span else None

    def _index(self) -> dict[str, tuple[int, int]]:
        styles = self.styles
        starts = [m.start() for m in islice(_STYLE_START.finditer(styles), MAX_STYLES)]
        ends = [m.start() for m in islice(_STYLE_END.finditer(styles), MAX_STYLES)]
        spans: dict[str, tuple[int, int]] = {}
        for match in islice(_STYLE_ID.finditer(styles), MAX_STYLES):
            key = match.group(1).decode("utf-8", "replace")
            before, after = bisect_right(starts, match.start()) - 1, bisect_left(ends, match.start())
            if key not in spans and before >= 0 and after < len(ends):
                spans[key] = (starts[before], ends[after])
        return spans


def _related_parts(package: OfficeZip, main: str) -> dict[str, str]:
    """Parts related to the main document by relationship type suffix (numbering, styles)."""
    folder, name = dirname(main), main.rsplit("/", 1)[-1]
    rels = join(folder, "_rels", f"{name}.rels")
    found = {"numbering": join(folder, "numbering.xml"), "styles": join(folder, "styles.xml")}
    if not package.has(rels):
        return found
    for rel in package.xml(rels).iter(f"{{{_REL}}}Relationship"):
        kind = str(rel.get("Type", "")).rsplit("/", 1)[-1]
        if kind in found and rel.get("TargetMode") != "External":
            target = str(rel.get("Target", ""))
            found[kind] = normpath(target.lstrip("/") if target.startswith("/") else join(folder, target))
    return found


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _bounded(number: int) -> int:
    return max(0, min(number, MAX_NUMBER))


def _opt_int(text: str | None) -> int | None:
    return None if text is None else _int(text, 0)
