"""The shipped editions, validated once when the program is built and read back without validation.

``make`` (and the packaged build) runs ``python -m app.edition_snapshot``: it loads every
templates/editions/*.yaml through pydantic, exactly as a program start would, and writes the validated
editions to ``snapshot.json`` beside them with a fingerprint (CRC-32 and size) of each YAML file and of
app/editions.py. On start-up ``load_editions`` takes an edition from the snapshot only when its YAML file
is byte for byte the one that was validated (and, in a checkout, app/editions.py too); any other file
(edited, added, or no snapshot at all) is parsed and validated as before, with the same messages.
This saves parsing the YAML, building the validators of the edition models and validating, on every
first import of a process (tests/core/test_edition_snapshot.py checks the snapshot gives the same editions).
"""
from __future__ import annotations

import json
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel

SNAPSHOT_NAME = "snapshot.json"
_FORMAT = 1
_MODELS_SOURCE = Path(__file__).with_name("editions.py")


def fingerprint(data: bytes) -> str:
    return f"{zlib.crc32(data):08x}-{len(data)}"


def _models_fingerprint() -> str | None:
    """Fingerprint of the edition models' source; None in a packaged build (no sources beside the code)."""
    try:
        return fingerprint(_MODELS_SOURCE.read_bytes())
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


def edition_from_snapshot(snapshot: dict[str, dict], path: Path, model: type[BaseModel]) -> BaseModel | None:
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
        return trusted(model, entry["edition"])
    except (KeyError, TypeError, AttributeError, ValueError):
        return None                 # a snapshot not written by snapshot_data: the YAML is validated instead


def trusted(model: type[BaseModel], data: dict) -> BaseModel:
    """``data`` (JSON of a validated ``model``) as that model without validating again: nested models
    built with ``model_construct`` (fields not written take their defaults), JSON lists as tuples."""
    nested = _nested_fields(model)
    if not _required_fields(model) <= data.keys():
        raise KeyError(f"{model.__name__} without its required fields")
    values = {}
    for name, value in data.items():
        kind, item = nested.get(name, ("value", None))
        if kind == "model":
            value = trusted(item, value)
        elif kind == "tuple":
            value = tuple(value) if item is None else tuple(trusted(item, v) for v in value)
        values[name] = value
    return model.model_construct(**values)


@lru_cache(maxsize=None)
def _nested_fields(model: type[BaseModel]) -> dict[str, tuple[str, type[BaseModel] | None]]:
    """Fields of ``model`` holding a model (name → ("model", it)) or a tuple (("tuple", its item model or None))."""
    nested: dict[str, tuple[str, type[BaseModel] | None]] = {}
    for name, field in model.model_fields.items():
        annotation = field.annotation
        if _is_model(annotation):
            nested[name] = ("model", annotation)
        elif get_origin(annotation) is tuple:
            item = get_args(annotation)[0]
            nested[name] = ("tuple", item if _is_model(item) else None)
    return nested


@lru_cache(maxsize=None)
def _required_fields(model: type[BaseModel]) -> frozenset[str]:
    return frozenset(name for name, field in model.model_fields.items() if field.is_required())


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def snapshot_data(folder: Path) -> dict:
    """The snapshot of ``folder``: every edition validated from its YAML file (EditionError if one is wrong)."""
    from app.editions import load_edition_file  # noqa: PLC0415 - app.editions imports this module

    files = {}
    for path in sorted(folder.glob("*.yaml")):
        edition = load_edition_file(path)
        files[path.name] = {"fingerprint": fingerprint(path.read_bytes()),
                            "edition": edition.model_dump(mode="json", exclude_unset=True)}
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
