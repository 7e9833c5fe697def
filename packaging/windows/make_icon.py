"""Render resources/icons/app.svg into packaging/windows/nianbao.ico (16–256 px, PNG entries) with Qt.

Run after changing the SVG: ``QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/windows/make_icon.py``.
"""
from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QGuiApplication, QIcon

ROOT = Path(__file__).resolve().parents[2]
SIZES = [16, 24, 32, 48, 64, 128, 256]


def png_bytes(icon: QIcon, size: int) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    icon.pixmap(size, size).toImage().save(buffer, "PNG")
    return bytes(data)


def write_ico(images: list[tuple[int, bytes]], target: Path) -> None:
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, payload = b"", b""
    for size, png in images:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset + len(payload))
        payload += png
    target.write_bytes(header + entries + payload)


if __name__ == "__main__":
    app = QGuiApplication(sys.argv[:1])
    svg = QIcon(str(ROOT / "resources" / "icons" / "app.svg"))
    write_ico([(size, png_bytes(svg, size)) for size in SIZES], Path(__file__).with_name("nianbao.ico"))
