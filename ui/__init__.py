"""The Qt desktop application (PySide6). Imports app; app never imports ui."""
# Load the core before PySide6: once PySide6 is imported, its import hook reads the source code of
# every module imported after it (looking for __feature__ use), which costs ~0.2 s at start-up.
import app.checks  # noqa: F401
import app.report_json  # noqa: F401
from app.editions import load_editions

load_editions()
