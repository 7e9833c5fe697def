"""app/ and ui/ run on Windows and on 统信UOS/麒麟 alike: no POSIX-only (or Windows-only) calls unless guarded.

A use counts as guarded when it sits under ``if sys.platform …``/``if os.name …``/``if hasattr(…)`` or in the
body of a ``try`` whose handler catches OSError, ImportError, AttributeError or Exception. Anything else
that is fine on every platform is listed in ALLOWED with the reason.
"""
from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from app.atomic import atomic_write_bytes

ROOT = Path(__file__).resolve().parents[2]
PLATFORM_ONLY_MODULES = {"fcntl", "termios", "pwd", "grp", "resource", "tty", "pty", "posix", "syslog",
                         "msvcrt", "winreg", "_winapi", "winsound"}
PLATFORM_ONLY_ATTRIBUTES = {
    "os": {"fork", "forkpty", "getuid", "geteuid", "getgid", "getegid", "setsid", "killpg", "getpgid", "chown",
           "lchown", "mkfifo", "mknod", "symlink", "sync", "O_DIRECTORY", "O_NOFOLLOW", "getloadavg", "open",
           "startfile"},
    "signal": {"SIGKILL", "SIGHUP", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGCHLD", "SIGQUIT", "alarm", "setitimer",
               "pause"},
}
PLATFORM_ONLY_METHODS = {"symlink_to", "hardlink_to"}  # symlinks need admin rights or developer mode on Windows
POSIX_PATH_PREFIXES = ("/tmp", "/home/", "/usr/", "/etc/", "/opt/", "/var/", "/dev/", "/proc/")
CATCHING = {"OSError", "ImportError", "ModuleNotFoundError", "AttributeError", "Exception", "NotImplementedError",
            "PermissionError"}
# (file, function, what) → reason: reviewed uses that are fine on every platform. Empty today: the one
# POSIX-only call (fsync of a folder in app/atomic.py) is guarded by ``except OSError``, tested below.
ALLOWED: dict[tuple[str, str, str], str] = {}


def _sources() -> list[Path]:
    return sorted(p for folder in ("app", "ui") for p in (ROOT / folder).rglob("*.py"))


def _guarded(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    child, parent = node, parents.get(node)
    while parent is not None:
        if isinstance(parent, ast.If) and any(word in ast.unparse(parent.test)
                                              for word in ("sys.platform", "os.name", "hasattr(")):
            return True
        if isinstance(parent, ast.Try) and child in parent.body and any(
                _catches(handler) for handler in parent.handlers):
            return True
        child, parent = parent, parents.get(parent)
    return False


def _catches(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(n, ast.Name) and n.id in CATCHING for n in names)


def _problem(node: ast.AST) -> str | None:
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
        bad = [n for n in names if n.split(".")[0] in PLATFORM_ONLY_MODULES]
        return f"import {bad[0]}" if bad else None
    if isinstance(node, ast.Attribute):
        if isinstance(node.value, ast.Name) and node.attr in PLATFORM_ONLY_ATTRIBUTES.get(node.value.id, ()):
            return f"{node.value.id}.{node.attr}"
        if node.attr in PLATFORM_ONLY_METHODS and isinstance(getattr(node, "_parent_call", None), ast.Call):
            return f".{node.attr}()"
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith(POSIX_PATH_PREFIXES):
        return f"hard-coded path {node.value!r}"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and any(
            isinstance(side, ast.Constant) and side.value == "/" for side in (node.left, node.right)):
        return "'/' join"
    if isinstance(node, ast.JoinedStr) and any(  # f"{folder}/{name}"; f"{qn('w:p')}/{qn('w:r')}" is an XPath
            _is_variable(a) and isinstance(b, ast.Constant) and str(b.value).startswith("/") and _is_variable(c)
            for a, b, c in zip(node.values, node.values[1:], node.values[2:])):
        return "'/' join"
    return None


def _is_variable(part: ast.AST) -> bool:
    return isinstance(part, ast.FormattedValue) and isinstance(part.value, (ast.Name, ast.Attribute))


def platform_specific_uses(source: str, name: str) -> list[str]:
    """Unguarded, not allowed platform-specific uses in one module, as 'file:line what'."""
    tree = ast.parse(source)
    parents, functions = {}, {}
    for parent in ast.walk(tree):
        for child in ast.iter_child_nodes(parent):
            parents[child] = parent
            if isinstance(parent, ast.Call) and child is parent.func:
                child._parent_call = parent
    found = []
    for node in ast.walk(tree):
        what = _problem(node)
        if what is None or _guarded(node, parents):
            continue
        function = _enclosing_function(node, parents)
        if (name, function, what) not in ALLOWED:
            found.append(f"{name}:{node.lineno} {what}")
    return found


def _enclosing_function(node: ast.AST, parents: dict) -> str:
    while node in parents:
        node = parents[node]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return node.name
    return ""


def test_app_and_ui_have_no_unguarded_platform_specific_calls():
    found = []
    for path in _sources():
        found += platform_specific_uses(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())
    assert found == []


@pytest.mark.parametrize("code", [
    "import fcntl\n",
    "import os\npid = os.fork()\n",
    "import os\nos.kill(1, signal.SIGKILL)\n",
    "from pathlib import Path\nPath('a').symlink_to('b')\n",
    "LOG = '/tmp/nianbao.log'\n",
    "def f(folder, name):\n    return folder + '/' + name\n",
    "def f(folder, name):\n    return f'{folder}/{name}'\n",
    "import os\nfd = os.open('x', os.O_RDONLY)\n",
    "import msvcrt\n",
    "def f(report):\n    return f'{report.folder}/{report.name}.docx'\n",
])
def test_the_check_finds_platform_specific_code(code):
    assert platform_specific_uses(code, "app/x.py")


@pytest.mark.parametrize("code", [
    "import sys\nif sys.platform == 'win32':\n    import msvcrt\nelse:\n    import fcntl\n",
    "try:\n    import fcntl\nexcept ImportError:\n    fcntl = None\n",
    "import os\ntry:\n    fd = os.open('d', os.O_RDONLY)\nexcept OSError:\n    fd = None\n",
    "import os\nif hasattr(os, 'fork'):\n    os.fork()\n",
    "from posixpath import join\npart = join('word', 'document.xml')\n",
    "def f(tc):\n    return tc.find(f\"{qn('w:p')}/{qn('w:r')}\")\n",
])
def test_guarded_platform_specific_code_is_accepted(code):
    assert platform_specific_uses(code, "app/x.py") == []


def test_saving_works_where_folders_cannot_be_opened_like_on_windows(tmp_path, monkeypatch):
    """The one guarded POSIX-only call: fsync of the folder after a save (os.open on a folder fails on Windows)."""
    real_open = os.open

    def windows_open(path, flags, *args, **kwargs):
        if Path(path).is_dir():
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", windows_open)
    target = tmp_path / "报告.nianbao.json"
    atomic_write_bytes(target, b"{}")
    assert target.read_bytes() == b"{}"
