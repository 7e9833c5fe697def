"""Leaving the program prints nothing: no slot may run into a widget or action already destroyed while
the window is torn down (the packaged program would write a crash log for it on every exit)."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_PROGRAM = """
import sys, tempfile
from pathlib import Path
from app.formats import import_report
from ui.main_window import MainWindow, create_application
from ui.settings import Settings
app = create_application()
folder = Path(tempfile.mkdtemp())
window = MainWindow(Settings(folder / "s.ini"), folder / "autosave",
                    import_report(Path(sys.argv[1])).report)    # an import: the notes panel is open too
window.show()
window.view.show_page("requests")
for _ in range(10):
    app.processEvents()
print("shown", flush=True)
"""


def test_leaving_with_the_window_open_prints_no_traceback(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path),
           "XDG_DATA_HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path)}
    sample = ROOT / "tests" / "data" / "samples" / "2022_pingtan_web.txt"
    done = subprocess.run([sys.executable, "-c", _PROGRAM, str(sample)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "shown"
    assert "Traceback" not in done.stderr and "Error" not in done.stderr, done.stderr
