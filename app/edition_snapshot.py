"""The shipped editions, validated once when the program is built and read back without validation.

``make`` (and the packaged build) runs ``python -m app.edition_snapshot``: it validates every
templates/editions/*.yaml through app/edition_schema.py (pydantic), exactly as reading an edited file would,
and writes the validated editions to ``snapshot.json`` beside them with a fingerprint (CRC-32 and size) of
each YAML file and of the edition records' and schema's sources (app/editions.py, app/edition_schema.py).
On start-up ``load_editions`` takes an edition from the snapshot only when its YAML file is byte for byte
the one that was validated (and, in a checkout, those sources too); any other file (edited, added, or no
snapshot at all) is parsed and validated as before, with the same messages. This saves parsing the YAML,
importing pydantic and validating, on every first import of a process (tests/core/test_edition_snapshot.py
checks the snapshot gives the same editions).
"""
from __future__ import annotations

import json
import re
import sys
import zlib
from functools import lru_cache
from pathlib import Path
from typing import TypeVar, get_args, get_origin

from app.record import Record

SNAPSHOT_NAME = "snapshot.json"
_FORMAT = 1
T = TypeVar("T")
_MODELS_SOURCES = (Path(__file__).with_name("editions.py"), Path(__file__).with_name("edition_schema.py"))
_TUPLE_OF = re.compile(r"tuple\[\s*(\w+)\s*,\s*\.\.\.\s*\]")    # a field annotated as written: tuple[RowSpec, ...]


def fingerprint(data: bytes) -> str:
    return f"{zlib.crc32(data):08x}-{len(data)}"


def _models_fingerprint() -> str | None:
    """Fingerprint of the edition records' and schema's sources; None in a packaged build (no sources)."""
    try:
        return fingerprint(b"".join(source.read_bytes() for source in _MODELS_SOURCES))
    except OSError:
        return None


def read_snapshot(folder: Path) -> dict[str, dict]:
    """File name → {"fingerprint", "edition"} of the validated editions; empty when there is no usable
    snapshot (missing, unreadable, another format, or written for other edition models)."""
    try:
        data = json.loads((folder / SNAPSHOT_NAME).read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        return {}
    models = _models_fingerprint()
    if models is not None and data.get("models") != models:
        return {}
    files = data.get("files")
    return files if isinstance(files, dict) else {}


def edition_from_snapshot(snapshot: dict[str, dict], path: Path, record: type[T]) -> T | None:
    """The edition of ``path`` from the snapshot, or None when the file is not the one validated."""
    entry = snapshot.get(path.name)
    if not isinstance(entry, dict):
        return None
    try:
        current = fingerprint(path.read_bytes())
    except OSError:
        return None
    if entry.get("fingerprint") != current:
        return None
    try:
        return records_from_data(record, entry["edition"])
    except (KeyError, TypeError, AttributeError, ValueError):
        return None                 # a snapshot not written by snapshot_data: the YAML is validated instead


def records_from_data(record: type[T], data: dict) -> T:
    """``data`` (JSON values of a validated edition record) as that record, not validated again: nested
    records built the same way, JSON lists as tuples, fields not written taking their defaults."""
    nested = _nested_records(record)
    values = {}
    for name, value in data.items():
        item = nested.get(name)
        if item is not None:
            value = tuple(records_from_data(item, v) for v in value)
        elif isinstance(value, list):
            value = tuple(value)
        values[name] = value
    return record(**values)


@lru_cache(maxsize=None)
def _nested_records(record: type) -> dict[str, type]:
    """Fields of ``record`` holding a tuple of records: name → the records' class. The annotations are read
    as written (``tuple[RowSpec, ...]``, under ``from __future__ import annotations``) in the module of the
    class declaring them: typing.get_type_hints evaluates every annotation of the sixteen edition records,
    ~2 ms of every start."""
    nested = {}
    for klass in reversed(record.__mro__):
        namespace = vars(sys.modules[klass.__module__])
        for name, annotation in vars(klass).get("__annotations__", {}).items():
            item = _tuple_item(annotation, namespace)
            if isinstance(item, type) and issubclass(item, Record):
                nested[name] = item
            else:
                nested.pop(name, None)
    return nested


def _tuple_item(annotation, namespace: dict):
    """The item type of a ``tuple[X, ...]`` annotation (a string or a type), else None."""
    if isinstance(annotation, str):
        written = _TUPLE_OF.fullmatch(annotation)
        return namespace.get(written.group(1)) if written else None
    return get_args(annotation)[0] if get_origin(annotation) is tuple else None


def snapshot_data(folder: Path) -> dict:
    """The snapshot of ``folder``: every edition validated from its YAML file (EditionError if one is wrong)."""
    from app.editions import read_edition_data  # noqa: PLC0415 - app.editions imports this module

    files = {}
    for path in sorted(folder.glob("*.yaml")):
        files[path.name] = {"fingerprint": fingerprint(path.read_bytes()), "edition": read_edition_data(path)}
    return {"format": _FORMAT, "models": _models_fingerprint(), "files": files}


def write_snapshot(folder: Path) -> Path:
    from app.atomic import atomic_write_bytes  # noqa: PLC0415

    target = folder / SNAPSHOT_NAME
    text = json.dumps(snapshot_data(folder), ensure_ascii=False, separators=(",", ":"))
    atomic_write_bytes(target, text.encode("utf-8"))
    return target


if __name__ == "__main__":
    from app.paths import EDITIONS_DIR

    print(f"wrote {write_snapshot(EDITIONS_DIR)}")
