"""Frozen records declared by their annotations: the edition data every program start reads.

A subclass of ``Record`` behaves like ``@dataclass(frozen=True, kw_only=True)``: its fields are its
annotations in order, a class attribute gives a field's default, an instance is built with keywords only,
cannot be changed, and is equal to (and hashes like) another of its class with the same values. Unlike a
dataclass, creating the class compiles nothing: a dataclass execs half a dozen generated methods, about
0.6 ms a class on Python 3.11, which for the fifteen edition classes was 9 of the 25 ms of importing
app.report (tests/core/test_start_up_cost.py, benchmarks/bench_import_txt.py).
The names follow ``namedtuple``'s (``_fields``, ``_field_defaults``, ``_replace``, ``_asdict``) so that no
field can clash with them. A record keeps a ``__dict__``, so ``functools.cached_property`` works on it.
"""
from __future__ import annotations

from typing import Any


class Record:
    _fields: tuple[str, ...] = ()
    _field_defaults: dict[str, Any] = {}
    _field_set: frozenset[str] = frozenset()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = tuple(cls.__dict__.get("__annotations__", {}))
        cls._fields = (*cls._fields, *(name for name in own if name not in cls._fields))
        cls._field_defaults = {**cls._field_defaults, **{name: cls.__dict__[name] for name in own
                                                         if name in cls.__dict__}}
        cls._field_set = frozenset(cls._fields)

    def __init__(self, **values: Any) -> None:
        data = {**self._field_defaults, **values}
        if data.keys() != self._field_set:
            missing, unknown = sorted(self._field_set - data.keys()), sorted(data.keys() - self._field_set)
            raise TypeError(f"{type(self).__name__}: missing fields {missing}, unknown fields {unknown}")
        self.__dict__.update(data)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot set {name}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot delete {name}")

    def _values(self) -> tuple:
        return tuple(self.__dict__[name] for name in self._fields)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._values()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{name}={self.__dict__[name]!r}' for name in self._fields)})"

    def _replace(self, **changes: Any) -> Record:
        """A copy with ``changes`` (field → value)."""
        return type(self)(**{**{name: self.__dict__[name] for name in self._fields}, **changes})

    def _asdict(self) -> dict[str, Any]:
        """Field → value, nested records (alone or in tuples) as dicts too."""
        return {name: _plain(self.__dict__[name]) for name in self._fields}


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value._asdict()
    if isinstance(value, tuple):
        return tuple(_plain(item) for item in value)
    return value
