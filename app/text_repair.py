"""Text that cannot be written back is repaired when read: a lone UTF-16 surrogate (``"\\ud800"`` in a JSON
file) is not a character, and no UTF-8 file can hold it, so a report holding one could never be saved."""
from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")


def repair_surrogates(data: object, where: str = "") -> tuple[object, list[str]]:
    """``data`` (parsed JSON) with every lone surrogate replaced by U+FFFD, and where it was found."""
    repaired: list[str] = []
    return _repair(data, where, repaired), repaired


def _repair(value: object, where: str, repaired: list[str]) -> object:
    if isinstance(value, str):
        if _SURROGATE.search(value):
            repaired.append(where or "（文件）")
            return _SURROGATE.sub(REPLACEMENT, value)
        return value
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            name = _repair(key, where, repaired) if isinstance(key, str) else key
            out[name] = _repair(item, f"{where}.{name}" if where else str(name), repaired)
        return out
    if isinstance(value, list):
        return [_repair(item, f"{where}[{n}]", repaired) for n, item in enumerate(value)]
    return value
