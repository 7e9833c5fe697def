"""``make run``: open the application on the bundled sample, or run the headless demo without a display."""
from __future__ import annotations

import os
import sys

from app.cli import _utf8_stdio
from app.demo import run_demo
from app.paths import SAMPLE_REPORT


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") in ("offscreen", "minimal"):
        return False
    if sys.platform.startswith(("win", "darwin")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main() -> int:
    _utf8_stdio()
    if has_display():
        try:
            from ui.main_window import run_app  # noqa: PLC0415
        except ImportError:
            print("图形界面尚不可用，改为运行命令行演示。")
        else:
            return run_app(SAMPLE_REPORT)
    print("未检测到图形显示环境，改为运行无界面演示：检查并导出示例报告。")
    return run_demo()


if __name__ == "__main__":
    raise SystemExit(main())
