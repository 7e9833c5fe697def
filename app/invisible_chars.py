"""Characters a clerk cannot see: invisible format marks (U+200F between digits, soft hyphens, direction
marks, zero-width joiners) and stray control characters (a BEL pasted from a terminal). Neither is an
encoding problem nor part of a number; readers remove them and say so."""
from __future__ import annotations

import re

# Unicode category Cf that turns up in pasted text (zero-width, direction, soft hyphen, BOM, word joiner).
FORMAT_CHARS = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_STRAY_SHARE = 1000    # up to one control character per thousand is stray; more means a wrong decoding


def strip_format_chars(text: str) -> str:
    return FORMAT_CHARS.sub("", text)


def has_format_chars(text: str) -> bool:
    return FORMAT_CHARS.search(text) is not None


def few_controls(sample: str) -> bool:
    """True when ``sample`` has no control characters, or only a stray few (not mojibake)."""
    count = len(CONTROL_CHARS.findall(sample))
    return count == 0 or ("\x00" not in sample and count <= max(3, len(sample) // _STRAY_SHARE))


def strip_controls(text: str) -> tuple[str, int]:
    """``text`` without control characters (tab and line breaks kept) and how many were removed."""
    return CONTROL_CHARS.subn("", text)
