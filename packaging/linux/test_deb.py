"""``make dist-test``: install the built .deb into a throwaway root (dpkg -x) and use it as a clerk would.

Checks: the layout (/opt, /usr/bin link, desktop entries, MIME type, icon); ``nianbao check`` on a sample
report (text and JSON output); a .docx export read back; the window opens under Xvfb on that sample and
stays up for a few seconds without a crash log; nothing was written inside the install folder (it may be
read-only); settings and logs went to the user's folders. Prints "N passed, N failed".
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "data" / "samples" / "2020_huashan_town.txt"
WINDOW_TITLE = "政务公开年报助手"
GUI_SECONDS = 4
MAX_SIZE_MB = 120
AUDIT_REPORTS = 48  # above app.parallel.POOL_MIN_ITEMS
results: list[tuple[str, bool, str]] = []


def check(name: str, ok: bool, detail: str = "") -> None:
    results.append((name, bool(ok), detail))
    print(f"{'ok  ' if ok else 'FAIL'} {name}" + (f": {detail}" if detail and not ok else ""))


def snapshot(folder: Path) -> dict[str, float]:
    return {str(p.relative_to(folder)): p.lstat().st_mtime for p in folder.rglob("*")}


def run(args, env, timeout=60, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=timeout, **kwargs)


def check_layout(root: Path) -> None:
    link = root / "usr/bin/nianbao"
    check("/usr/bin/nianbao links to /opt/nianbao/nianbao", link.is_symlink() and os.readlink(link) == "/opt/nianbao/nianbao")
    desktop = (root / "usr/share/applications/nianbao.desktop").read_text(encoding="utf-8")
    check("menu entry: Chinese name, 办公 (Office), icon, report type",
          "Name=政务公开年报助手" in desktop and "Categories=Office;" in desktop and "Icon=nianbao" in desktop
          and "application/x-nianbao-report" in desktop)
    open_with = (root / "usr/share/applications/nianbao-open-with.desktop").read_text(encoding="utf-8")
    check("「用年报助手打开」 for .docx and .txt", "Name=用年报助手打开" in open_with and "text/plain" in open_with
          and "wordprocessingml.document" in open_with)
    check("icon and MIME type installed", (root / "usr/share/icons/hicolor/scalable/apps/nianbao.svg").is_file()
          and "*.nianbao.json" in (root / "usr/share/mime/packages/nianbao.xml").read_text(encoding="utf-8"))
    qt = root / "opt/nianbao/_internal/PySide6/Qt"
    check("Qt's Chinese buttons (qtbase_zh_CN.qm) and no other translation",
          sorted(p.name for p in qt.glob("translations/*.qm")) == ["qtbase_zh_CN.qm"])
    size_mb = sum(p.stat().st_size for p in (root / "opt/nianbao").rglob("*") if p.is_file() and not p.is_symlink()) / 2**20
    print(f"     /opt/nianbao: {size_mb:.0f} MB")
    check(f"install folder under {MAX_SIZE_MB} MB", size_mb < MAX_SIZE_MB, f"{size_mb:.0f} MB")
    validate = shutil.which("desktop-file-validate")
    if validate:
        for name in ("nianbao.desktop", "nianbao-open-with.desktop"):
            out = run([validate, str(root / "usr/share/applications" / name)], os.environ.copy())
            check(f"desktop-file-validate {name}", out.returncode == 0, out.stdout + out.stderr)


def check_depends(package: Path) -> None:
    depends = run(["dpkg-deb", "-f", str(package), "Depends"], os.environ.copy()).stdout
    match = re.search(r"libc6 \(>= 2\.(\d+)\)", depends)
    here = int(os.confstr("CS_GNU_LIBC_VERSION").split(".")[1])
    check("Depends names the glibc the bundle needs (and this system has it)", match and int(match.group(1)) <= here,
          depends)


def check_cli(program: Path, env: dict, work: Path) -> None:
    out = run([str(program), "check", str(SAMPLE)], env)
    check("nianbao check: exit 0 and the Chinese summary", out.returncode == 0 and "个错误" in out.stdout
          and "通过" in out.stdout, out.stdout[-300:] + out.stderr[-500:])
    out = run([str(program), "check", "--json", str(SAMPLE)], env)
    try:
        organ = json.loads(out.stdout)["organ"]
    except (ValueError, KeyError):
        organ = None
    check("nianbao check --json names the organ", organ == "花山镇人民政府", out.stdout[:200] + out.stderr[-500:])
    docx = work / "花山镇.docx"
    out = run([str(program), "convert", str(SAMPLE), str(docx)], env)
    back = run([str(program), "check", "--json", str(docx)], env)
    check("nianbao convert → .docx that reads back", out.returncode == 0 and back.returncode in (0, 1)
          and '"花山镇人民政府"' in back.stdout, out.stderr[-500:] + back.stderr[-500:])


def check_audit(program: Path, env: dict, work: Path) -> None:
    """Enough reports for worker processes (app/parallel.py), which re-run the frozen executable."""
    folder = work / "reports"
    folder.mkdir()
    for number in range(AUDIT_REPORTS):
        shutil.copy(SAMPLE.with_suffix(".json"), folder / f"report_{number:02d}.json")
    out = run([str(program), "audit", "--json", str(folder)], env, timeout=300)
    try:
        count = len(json.loads(out.stdout)["reports"])
    except (ValueError, KeyError, TypeError):
        count = None
    check(f"nianbao audit of {AUDIT_REPORTS} reports in worker processes", count == AUDIT_REPORTS,
          out.stdout[:300] + out.stderr[-800:])


def check_gui(program: Path, env: dict) -> None:
    if not (shutil.which("xvfb-run") and shutil.which("xwininfo")):
        check("GUI under Xvfb", False, "xvfb-run and xwininfo are needed (apt-get install xvfb x11-utils)")
        return
    script = (f'"{program}" "{SAMPLE}" & pid=$!; for i in $(seq 1 150); do '
              f'xwininfo -root -tree | grep -q "{WINDOW_TITLE}" && break; sleep 0.1; done; '
              f'sleep {GUI_SECONDS}; xwininfo -root -tree; kill -0 $pid && echo ALIVE; kill $pid; wait $pid')
    out = run(["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "sh", "-c", script], env, timeout=90)
    check(f"window opens on the sample and stays up {GUI_SECONDS} s",
          "花山镇" in out.stdout and WINDOW_TITLE in out.stdout and "ALIVE" in out.stdout,
          out.stdout[-800:] + out.stderr[-800:])


def main(dist: Path) -> int:
    packages = sorted(dist.glob("nianbao_*.deb"))
    if not packages:
        print(f"no .deb in {dist}: run `make dist` first")
        return 2
    with tempfile.TemporaryDirectory(prefix="nianbao-deb-") as tmp:
        root, home, work = Path(tmp) / "root", Path(tmp) / "home", Path(tmp) / "work"
        for folder in (home, work):
            folder.mkdir()
        subprocess.run(["dpkg-deb", "-x", str(packages[-1]), str(root)], check=True)
        program = root / "opt/nianbao/nianbao"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "QT_", "PYTHON"))}
        env.update(HOME=str(home), LANG="C.UTF-8")
        before = snapshot(root)
        started = time.monotonic()
        check_layout(root)
        check_depends(packages[-1])
        check_cli(program, env, work)
        check_audit(program, env, work)
        check_gui(program, env)
        check("nothing written inside the install folder", snapshot(root) == before)
        check("settings in the user's folder", (home / ".config/nianbao/settings.ini").is_file())
        crashes = list(home.rglob("crash-*.log"))
        check("no crash log", not crashes, "\n".join(p.read_text(encoding="utf-8") for p in crashes)[-2000:])
        print(f"({time.monotonic() - started:.1f} s)")
    failed = sum(not ok for _, ok, _ in results)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "dist")))
