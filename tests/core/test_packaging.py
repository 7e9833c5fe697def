"""What the packaged builds rely on, checked here although PyInstaller and Windows are not needed:
the spec's data files, Qt file selection with Windows (backslash) names, the installer scripts' inputs,
and the program's own files found inside a bundle while the user's files stay outside it."""
from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path, PureWindowsPath

import pytest

from app import paths

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def _bundle_contents():
    spec = importlib.util.spec_from_file_location("bundle_contents", PACKAGING / "bundle_contents.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


contents = _bundle_contents()


def test_spec_data_files_hold_editions_icon_and_sample():
    shipped = {f"{dest}/{Path(src).name}" for src, dest in contents.data_files(ROOT)}
    for edition in (ROOT / "templates" / "editions").glob("*.yaml"):
        assert f"templates/editions/{edition.name}" in shipped
    assert "templates/editions/snapshot.json" in shipped      # start-up reads the validated editions
    for needed in (paths.RESOURCES / "icons" / "app.svg", paths.RESOURCES / "icons" / "app.png",
                   paths.SAMPLE_REPORT, paths.SAMPLE_REPORT_JSON):
        assert needed.relative_to(ROOT).as_posix() in shipped


def test_data_file_destinations_are_relative_on_windows_too():
    for _src, dest in contents.data_files(ROOT):
        windows = PureWindowsPath(dest)
        assert not windows.is_absolute() and ".." not in windows.parts and windows.parts[0] in ("templates", "resources")


def test_a_missing_data_folder_stops_the_build(tmp_path):
    with pytest.raises(FileNotFoundError):
        contents.data_files(tmp_path)


@pytest.mark.parametrize("name, kept", [
    (r"PySide6\Qt\translations\qtbase_zh_CN.qm", True),
    (r"PySide6\Qt\translations\qtbase_de.qm", False),
    ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
    ("PySide6/Qt/translations/qtwebengine_zh_CN.qm", False),
    (r"PySide6\Qt\plugins\platforms\qwindows.dll", True),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", False),  # Wayland sessions: XWayland
    (r"PySide6\Qt\plugins\imageformats\qsvg.dll", True),
    (r"PySide6\Qt\plugins\imageformats\qjpeg.dll", False),
    (r"PySide6\Qt\plugins\tls\qopensslbackend.dll", False),
    (r"PySide6\Qt\plugins\platforminputcontexts\libibusplatforminputcontextplugin.so", True),
    (r"PySide6\Qt6Widgets.dll", True),
    (r"PySide6\translations\qtbase_zh_CN.qm", True),  # the Windows wheel's layout
    (r"PySide6\translations\qtbase_ja.qm", False),
    (r"PySide6\plugins\platforms\qwindows.dll", True),
    (r"PySide6\plugins\styles\qmodernwindowsstyle.dll", True),
    (r"PySide6\plugins\generic\qtuiotouchplugin.dll", False),
    (r"PySide6\opengl32sw.dll", False),
    ("libX11.so.6", False),  # the system's own
    ("libxcb-cursor.so.0", True),  # often missing on older systems: bundled
    (r"templates\editions\2021.yaml", True),
    ("opencc/clib/opencc_clib.cpython-311-x86_64-linux-gnu.so", True),   # traditional → simplified folding
    (r"opencc\clib\opencc_clib.cp311-win_amd64.pyd", True),
    ("opencc/clib/share/opencc/t2s.json", True),
    ("opencc/clib/share/opencc/TSPhrases.ocd2", True),
    ("opencc/clib/share/opencc/STPhrases.ocd2", False),                  # simplified → traditional: unused
    ("opencc/clib/bin/opencc", False),
    ("opencc/clib/lib64/libopencc.a", False),
])
def test_bundle_keeps_only_the_qt_files_used_with_either_separator(name, kept):
    assert contents.keep_bundled_file(name) is kept


def test_pyinstaller_is_only_in_the_dist_group():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    dist = text.split("dist = [", 1)[1].split("]", 1)[0]
    everything_else = text.replace(dist, "")
    assert "pyinstaller" in dist and "pyinstaller" not in everything_else.lower()


def test_spec_and_installer_name_files_that_exist():
    spec = (PACKAGING / "nianbao.spec").read_text(encoding="utf-8")
    assert '"packaging" / "entry.py"' in spec and (PACKAGING / "entry.py").is_file()
    assert '"packaging" / "pyi_rth_qt_on_demand.py"' in spec and (PACKAGING / "pyi_rth_qt_on_demand.py").is_file()
    assert '"windows" / "nianbao.ico"' in spec and (PACKAGING / "windows" / "nianbao.ico").is_file()
    iss = (PACKAGING / "windows" / "nianbao.iss").read_text(encoding="utf-8-sig")
    assert "PrivilegesRequired=lowest" in iss and "ChineseSimplified.isl" in iss and "{userprograms}" in iss
    assert 'Source: "..\\..\\dist\\nianbao\\*"' in iss and "nianbao-gui.exe" in iss and "用年报助手打开" in iss
    assert "Root: HKLM" not in iss  # per-user: no administrator rights
    workflow = (ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")
    assert "packaging\\nianbao.spec" in workflow and "packaging\\windows\\nianbao.iss" in workflow


def test_linux_desktop_entries_and_mime_type_are_well_formed():
    linux = PACKAGING / "linux"
    for name in ("nianbao.desktop", "nianbao-open-with.desktop"):
        lines = (linux / name).read_text(encoding="utf-8").splitlines()
        assert lines[0] == "[Desktop Entry]"
        entry = dict(line.split("=", 1) for line in lines[1:] if line)
        assert entry["Exec"] == "/opt/nianbao/nianbao %f" and entry["Type"] == "Application"
    ET.parse(linux / "nianbao-mime.xml")


def _bundle_paths(bundle: Path) -> dict:
    """app.paths as a PyInstaller build sees it (sys._MEIPASS set), in a separate interpreter."""
    code = ("import sys, json; sys._MEIPASS = sys.argv[1]\n"
            "from app import paths; from app.editions import load_editions\n"
            "print(json.dumps({'root': str(paths.ROOT), 'editions': sorted(load_editions()),"
            " 'sample': paths.SAMPLE_REPORT.is_file(), 'settings': str(paths.settings_file()),"
            " 'autosave': str(paths.autosave_dir()), 'logs': str(paths.user_log_dir())}))")
    out = subprocess.run([sys.executable, "-c", code, str(bundle)], cwd=ROOT, capture_output=True, text=True,
                         check=True, timeout=60)
    return json.loads(out.stdout)


def test_a_bundle_finds_its_data_files_and_writes_outside_itself(tmp_path):
    bundle = tmp_path / "_internal"
    for src, dest in contents.data_files(ROOT):
        (bundle / dest).mkdir(parents=True, exist_ok=True)
        shutil.copy(src, bundle / dest)
    seen = _bundle_paths(bundle)
    assert Path(seen["root"]) == bundle
    assert seen["editions"] == sorted(p.stem for p in (ROOT / "templates" / "editions").glob("*.yaml"))
    assert seen["sample"]
    for kind in ("settings", "autosave", "logs"):
        assert not Path(seen[kind]).is_relative_to(bundle) and not Path(seen[kind]).is_relative_to(ROOT)
