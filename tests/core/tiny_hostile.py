"""Generators of small hostile files: huge numbering, formula fan-out, sheet shapes, deep nesting, many
tiny tables, text with control and format characters. Used by the tests and by benchmarks/fuzz_long.py."""
from __future__ import annotations

import re

_CJK = re.compile(r"[\u4e00-\u9fff]")


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))
