"""The emergency copy: when a save fails for any reason, the report is still written somewhere, as JSON
with every non-ASCII character escaped (``ensure_ascii``), which any text in memory can be written as."""
from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path

from app.atomic import atomic_write_bytes
from app.report import Report
from app.report_json import report_to_dict

log = logging.getLogger(__name__)
_MAX_DECIMAL_BITS = 10_000   # an int longer than Python prints in decimal (4,300 digits) is written in hex


def emergency_bytes(report: Report) -> bytes:
    """The report as a nianbao-report/1 JSON document that can always be encoded."""
    return (json.dumps(_printable(report_to_dict(report)), ensure_ascii=True, indent=2) + "\n").encode("ascii")


def _printable(value):
    if isinstance(value, dict):
        return {_printable(k): _printable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_printable(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > _MAX_DECIMAL_BITS:
        return hex(value)
    return value


def write_emergency_copy(report: Report, folders: list[Path]) -> Path | None:
    """Write the emergency copy into the first folder that takes it; its path, or None if none did."""
    name = f"年报应急副本-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.nianbao.json"
    try:
        data = emergency_bytes(report)
    except Exception:  # noqa: BLE001 - the last resort must not raise
        log.exception("emergency copy could not be encoded")
        return None
    for folder in folders:
        try:
            Path(folder).mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(Path(folder) / name, data)
            return Path(folder) / name
        except Exception as exc:  # noqa: BLE001 - try the next folder
            log.warning("emergency copy not written to %s: %r", folder, exc)
    return None
