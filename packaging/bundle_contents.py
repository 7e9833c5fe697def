"""What goes into the packaged application, kept apart from the PyInstaller spec so tests can check it.

Plain Python without PyInstaller: ``tests/core/test_packaging.py`` imports it, ``nianbao.spec`` uses it.
Names inside the bundle are compared with either separator: PyInstaller gives them with backslashes on Windows.
"""
from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

# (folder in the repository, pattern): shipped read-only, found at run time through app/paths.py.
DATA = [
    ("templates/editions", "*.yaml"),
    ("templates/editions", "snapshot.json"),   # written by the spec (app/edition_snapshot.py)
    ("resources/icons", "*.svg"),
    ("resources/icons", "*.png"),            # the window icon (ui/application.py)
    ("resources/samples", "*"),
]
# Python packages whose own data files are needed (python-docx's document and header/footer templates).
PACKAGES_WITH_DATA = ["docx"]
# Folders that must exist on disk although their modules live in the archive: python-docx opens
# "docx/parts/../templates/…". The spec puts an empty marker file in each.
FOLDERS_ON_DISK = ["docx/parts"]
# Imported by name at run time (app/formats.py loads readers and writers on first use, app/cli.py the GUI),
# so PyInstaller's import analysis cannot see them.
HIDDEN_PACKAGES = ["app", "ui"]
EXCLUDED_MODULES = ["tkinter", "_tkinter", "pytest", "pytestqt", "hypothesis", "importlinter", "grimp",
                    "IPython", "pygments", "rich", "markdown_it", "mdurl", "doctest",
                    "tqdm.rich", "tqdm.notebook", "tqdm.gui", "tqdm.tk", "tqdm.keras", "tqdm.dask", "ssl", "_ssl", "_hashlib", "readline", "curses", "sqlite3", "_sqlite3",
                    "pydoc_data", "_codecs_jp", "_codecs_kr", "_codecs_hk", "lxml.objectify", "lxml.html", "lxml.isoschematron",
                    "PySide6.QtNetwork", "PySide6.QtDBus", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtOpenGL", "PySide6.QtSql", "PySide6.QtTest",
                    "PySide6.QtXml", "PySide6.QtConcurrent", "PySide6.QtDesigner", "PySide6.QtUiTools",
                    "PySide6.QtHelp"]
QT_TRANSLATIONS_KEPT = {"qtbase_zh_CN.qm"}  # 确定/取消 on Qt's standard buttons
# Qt plug-ins the GUI uses, by folder and name (without lib prefix and suffix): windowing on X11, Windows and
# offscreen (tests), the SVG icon, Windows styles, input methods (Chinese), the desktop portal (native file
# dialogs). Left out: Wayland (1.5 MB; a Wayland session runs the program through XWayland, as Qt falls back
# to xcb), GTK theme (would drag in the build machine's GTK), GL integrations, network, SQL, evdev,
# virtual keyboard, other image formats.
QT_PLUGINS_KEPT = {
    "platforms": {"qxcb", "qoffscreen", "qminimal", "qwindows", "qdirect2d"},
    "imageformats": {"qsvg", "qico"},
    "iconengines": {"qsvgicon"},
    "styles": {"qmodernwindowsstyle", "qwindowsvistastyle"},
    "platforminputcontexts": {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"},
    "platformthemes": {"qxdgdesktopportal"},
}

# Linux libraries every graphical Debian-based desktop (统信UOS, 银河麒麟, Debian, Ubuntu) has, and which must
# match the system's own configuration (fonts, X server, D-Bus): taken from the system (the .deb's Depends),
# not copied from the build machine. Qt's less common xcb helpers (libxcb-cursor …) stay bundled.
SYSTEM_LIBRARIES = {"libfontconfig.so.1", "libfreetype.so.6", "libX11.so.6", "libX11-xcb.so.1", "libXau.so.6",
                    "libXdmcp.so.6", "libxcb.so.1", "libdbus-1.so.3", "libglib-2.0.so.0", "libgthread-2.0.so.0",
                    "libsystemd.so.0", "libgcrypt.so.20", "libgpg-error.so.0", "libcap.so.2", "liblz4.so.1",
                    "liblzma.so.5", "libzstd.so.1", "libexpat.so.1", "libz.so.1", "libpng16.so.16",
                    "libbrotlicommon.so.1", "libbrotlidec.so.1", "libbz2.so.1.0", "libbsd.so.0", "libmd.so.0",
                    "libpcre2-8.so.0", "libuuid.so.1"}
# OpenCC (traditional → simplified folding for matching labels, app/recognize/fold.py): only its Python
# extension and what the "t2s" configuration reads; its command-line tools, static libraries, headers and the
# other conversions' dictionaries (5 MB) stay out.
OPENCC_KEPT = {"t2s.json", "TSPhrases.ocd2", "TSCharacters.ocd2", "TSCharactersExt.ocd2",
               "CJK_Compatibility_Ideographs.ocd2"}
# Windows: Mesa's software OpenGL (20 MB), only for OpenGL, which the widgets do not use.
QT_WINDOWS_FILES_EXCLUDED = {"opengl32sw.dll"}
DEB_DEPENDS = ["libc6", "libfontconfig1", "libfreetype6", "libx11-6", "libx11-xcb1", "libxcb1", "libdbus-1-3",
               "libglib2.0-0 | libglib2.0-0t64", "libexpat1", "zlib1g", "libpng16-16 | libpng16-16t64"]


def data_files(root: Path) -> list[tuple[str, str]]:
    """(source file, destination folder) pairs for PyInstaller's ``datas``; a missing folder is an error."""
    pairs = []
    for folder, pattern in DATA:
        files = sorted(p for p in (root / folder).glob(pattern) if p.is_file())
        if not files:
            raise FileNotFoundError(f"no {pattern} in {root / folder}")
        pairs += [(str(file), folder) for file in files]
    return pairs


def _parts(name: str) -> tuple[str, ...]:
    return (PureWindowsPath(name) if "\\" in name else PurePosixPath(name)).parts


def _plugin_stem(file_name: str) -> str:
    stem = file_name.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep_qt_plugin(plugin_type: str, file_name: str) -> bool:
    """Whether Qt's plug-in ``file_name`` (``libqxcb.so``, ``qwindows.dll``) of ``plugin_type`` is shipped."""
    return _plugin_stem(file_name) in QT_PLUGINS_KEPT.get(plugin_type, set())


def keep_bundled_file(dest: str) -> bool:
    """Whether a collected file (its name inside the bundle, either separator) belongs in the bundle."""
    parts = _parts(dest)
    if len(parts) == 1:
        return parts[0] not in SYSTEM_LIBRARIES
    if parts[0] == "opencc" and "clib" in parts:
        return (parts[-1] in OPENCC_KEPT or parts[-1].startswith("opencc_clib.")) and "bin" not in parts
    if "PySide6" not in parts:  # Qt's files: PySide6/Qt/… on Linux, PySide6\… on Windows
        return True
    if parts[-1].lower() in QT_WINDOWS_FILES_EXCLUDED:
        return False
    if "translations" in parts:
        return parts[-1] in QT_TRANSLATIONS_KEPT
    if "plugins" in parts and len(parts) > parts.index("plugins") + 2:
        return keep_qt_plugin(parts[parts.index("plugins") + 1], parts[-1])
    return True
