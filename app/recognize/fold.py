"""Text folded for matching, position for position: full-width forms to ASCII, traditional characters
to simplified (OpenCC, loaded only when a text holds characters outside GB2312).

Every function here returns a string of the same length as its input, so a match found in the
folded text is cut from the text as written (the report keeps its own characters).
"""
from __future__ import annotations

import re
from functools import lru_cache

from app.recognize.gb2312 import all_in_gb2312

_FULL_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD = str.maketrans({**{chr(k): chr(v) for k, v in _FULL_WIDTH.items()}, "\u3000": " ", "\u00a0": " ",
                       "\u2014": "-", "\u2013": "-", "\u2212": "-",
                       **dict.fromkeys("“”「」『』", '"'), **dict.fromkeys("‘’", "'")})
_FOLD_CHARS = {chr(k): v for k, v in _FOLD.items() if chr(k) != v}
_FOLDED = re.compile("[" + "".join(re.escape(ch) for ch in _FOLD_CHARS) + "]")
def fold(text: str, simplify: bool = True) -> str:
    """Same length as ``text``: full-width ASCII folded, U+3000/U+00A0 as spaces, traditional → simplified
    (``simplify=False``: the caller knows the text has no traditional characters)."""
    folded = _FOLDED.sub(_fold_one, text)       # a regex: faster than str.translate on Chinese text
    return to_simplified(folded) if simplify else folded


def _fold_one(match: re.Match) -> str:
    return _FOLD_CHARS[match.group()]


def to_simplified(text: str) -> str:
    """Traditional characters replaced one for one by their simplified forms (length kept)."""
    hanzi = [ch for ch in set(text) if "\u4e00" <= ch <= "\u9fff"]
    if all_in_gb2312(hanzi):
        return text                             # simplified text: OpenCC is not even loaded
    converter = _converter()
    if converter is None:
        return text
    whole = converter.convert(text)             # phrase by phrase (於 → 于, 後 → 后 in context)
    if len(whole) == len(text):
        return whole
    table = {ch: _simplified(ch) for ch in hanzi}
    table = {ch: new for ch, new in table.items() if len(new) == 1 and new != ch}
    return text.translate(str.maketrans(table)) if table else text


@lru_cache(maxsize=65536)
def _simplified(ch: str) -> str:
    converter = _converter()
    return converter.convert(ch) if converter is not None else ch


@lru_cache(maxsize=1)
def _converter():
    """OpenCC's traditional → simplified converter, loaded on first need (about 40 ms)."""
    try:
        import opencc
    except ImportError:              # the dependency is declared; without it, matching is just stricter
        return None
    return opencc.OpenCC("t2s")


# A numbering separator (1. 1、 1, / 一、 一. 一,) in a label's pattern.
_SEPARATOR = "[.、,]"


def key_pattern(key: str) -> str:
    """A regex for a normalised label key (labels.norm), searched in the matchable text (matchable.py, where
    the spaces, pipes and quotes written between its characters are left out): numbering may use 、 . or ,
    and 需要/合计 are written for 需/总计.

    A numbering separator is written together with the piece after it, once as ``[.,]`` and once as ``、``
    (``(?:[.,]X|、X)``, which matches what ``[.、,]X`` matches): Python's ``re`` compiles a class mixing
    ASCII with 、 through a 64 K-character map, ~60 µs each, 20 of them in an edition's label pattern
    (half its compile time on a process's first import); an alternation of single characters would be
    turned back into that class."""
    pieces = key_pieces(key)
    parts: list[str] = []
    i = 0
    while i < len(pieces):
        if pieces[i] == _SEPARATOR and i + 1 < len(pieces):
            after = pieces[i + 1]
            parts.append(f"(?:[.,]{after}|、{after})")
            i += 2
        else:
            parts.append(pieces[i])
            i += 1
    return "".join(parts)


# What re.escape makes of a character it escapes (any other stands for itself): looked up, not called per character.
_ESCAPED = {ch: re.escape(ch) for ch in map(chr, range(128)) if re.escape(ch) != ch}
_SPECIAL = frozenset(".、需总")


def key_pieces(key: str) -> list[str]:
    """The pattern of each character of ``key`` (see ``key_pattern``)."""
    parts: list[str] = []
    for i, ch in enumerate(key):
        if ch not in _SPECIAL:
            piece = _ESCAPED.get(ch, ch)
        elif ch == "." and i > 0 and key[i - 1].isdigit():
            piece = _SEPARATOR
        elif ch == "、" and i > 0 and key[i - 1] in "一二三四五六七八九十":
            piece = _SEPARATOR
        elif ch == "需":
            piece = "需要?"
        elif ch == "总" and key[i + 1:i + 2] == "计":
            piece = "[总合]"
        else:
            piece = re.escape(ch)
        parts.append(piece)
    return parts
