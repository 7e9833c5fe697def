"""Build the .deb for 统信UOS, 银河麒麟, Debian and Ubuntu from the one-folder build (``make dist``).

Layout: /opt/nianbao/ (the PyInstaller folder, read-only), /usr/bin/nianbao → /opt/nianbao/nianbao, the menu
entry in 办公 and the 「用年报助手打开」 entry for .docx/.txt/.json, the report file type, the icon.
Usage: python packaging/linux/build_deb.py dist/nianbao dist   → dist/nianbao_<version>_<arch>.deb
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))
import bundle_contents  # noqa: E402

INSTALL_DIR = "opt/nianbao"
SHARE_FILES = {  # file in packaging/linux → path in the package
    "nianbao.desktop": "usr/share/applications/nianbao.desktop",
    "nianbao-open-with.desktop": "usr/share/applications/nianbao-open-with.desktop",
    "nianbao-mime.xml": "usr/share/mime/packages/nianbao.xml",
}
ICONS = ["usr/share/icons/hicolor/scalable/apps/nianbao.svg",
         "usr/share/icons/hicolor/scalable/mimetypes/application-x-nianbao-report.svg"]


def project_version() -> str:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    return re.search(r'^version\s*=\s*"([^"]+)"', text, re.MULTILINE).group(1)


def debian_arch() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()


def stage_tree(folder: Path, stage: Path) -> None:
    """The package's files under ``stage`` with the modes a package needs (root-owned via dpkg-deb)."""
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(folder, stage / INSTALL_DIR, symlinks=True)
    (stage / "usr/bin").mkdir(parents=True)
    (stage / "usr/bin/nianbao").symlink_to(f"/{INSTALL_DIR}/nianbao")
    for source, target in SHARE_FILES.items():
        _copy(HERE / source, stage / target)
    for target in ICONS:
        _copy(ROOT / "resources/icons/app.svg", stage / target)
    for path in [stage, *stage.rglob("*")]:
        if path.is_symlink():
            continue
        executable = path.is_dir() or path.stat().st_mode & 0o111
        path.chmod(0o755 if executable else 0o644)


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def required_glibc(folder: Path) -> str:
    """The newest glibc symbol version the bundled binaries name: the bundle runs on that glibc or newer only
    (it is the build machine's, through libpython, libstdc++ and the Qt wheels), so dpkg refuses older systems."""
    newest = (2, 17)
    for path in folder.rglob("*"):
        data = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
        if data[:4] == b"\x7fELF":
            for match in re.finditer(rb"GLIBC_2\.(\d+)", data):
                newest = max(newest, (2, int(match.group(1))))
    return f"{newest[0]}.{newest[1]}"


def write_control(stage: Path, version: str, arch: str) -> None:
    debian = stage / "DEBIAN"
    debian.mkdir()
    size_kib = sum(p.stat().st_size for p in stage.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
    depends = [f"libc6 (>= {required_glibc(stage / INSTALL_DIR)})",
               *[d for d in bundle_contents.DEB_DEPENDS if d != "libc6"]]
    control = (HERE / "control").read_text(encoding="utf-8").format(
        version=version, arch=arch, installed_size=size_kib, depends=", ".join(depends))
    (debian / "control").write_text(control, encoding="utf-8")
    for script in ("postinst", "postrm"):
        _copy(HERE / script, debian / script)
        (debian / script).chmod(0o755)


def build_deb(folder: Path, out_dir: Path) -> Path:
    if not (folder / "nianbao").is_file():
        raise SystemExit(f"{folder}/nianbao is missing: run `make dist` (PyInstaller) first")
    version, arch = project_version(), debian_arch()
    stage = out_dir / "deb-root"
    stage_tree(folder, stage)
    write_control(stage, version, arch)
    package = out_dir / f"nianbao_{version}_{arch}.deb"
    # xz level 3: half the CPU time of the default level 6 for a 40 instead of 37 MB download
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z3", "--build", str(stage), str(package)],
                   check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(stage)
    return package


if __name__ == "__main__":
    built = build_deb(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{built} ({built.stat().st_size / 1e6:.1f} MB)")
