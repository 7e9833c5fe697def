"""Regular expressions compiled on first use.

Compiling a pattern with a class of Chinese characters (``[\\u4e00-\\u9fff]``, ``[，,]``) takes Python's
``re`` up to a millisecond; at module level every process pays it on its first import, even when the
pattern is for a case its input never has (a title without 人民政府, a web page's buttons). Patterns used
on every import stay compiled at module level; the others are ``LazyPattern``s.
"""
from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    """Stands for ``re.compile(pattern, flags)``: any attribute (search, match, sub…) compiles it once. Each
    attribute is then kept on the instance, so later calls cost what the compiled pattern's own do."""

    __slots__ = ("_pattern", "_flags", "_compiled", "__dict__")

    def __init__(self, pattern: str, flags: int = 0):
        self._pattern, self._flags = pattern, flags
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        value = getattr(self._compiled, name)
        self.__dict__[name] = value
        return value
