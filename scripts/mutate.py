"""Mutation testing of the core (``make mutate``): run mutmut, print the surviving mutants, the score.

    .venv/bin/python scripts/mutate.py                          # every module of DEFAULT_TARGETS
    .venv/bin/python scripts/mutate.py app/checks/rules.py      # one module (make mutate MODULES=...)
    .venv/bin/python scripts/mutate.py app/write/xlsx.py:total_formulas,_ranges   # some functions
    .venv/bin/python scripts/mutate.py --survivors app/checks/rules.py   # rerun last run's survivors only
                          # (and mutants not yet tried; survivors listed as equivalent keep their result)
    .venv/bin/python scripts/mutate.py --results app/checks/rules.py     # print the last results, run nothing

A target is a file listed in ``[tool.mutmut] only_mutate`` (pyproject.toml), optionally followed by
``:`` and function names. mutmut writes its copy of the code into ``mutants/`` and keeps the results
there. Survivors listed in tests/mutation_equivalent.yaml (with the reason they cannot be killed)
are shown apart; any other survivor is a missing test and makes the script exit 1. The last line is
``killed K of N mutants (P %)``.
"""
from __future__ import annotations

import fnmatch
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENT_FILE = ROOT / "tests" / "mutation_equivalent.yaml"
MUTMUT = Path(sys.executable).with_name("mutmut")
DEFAULT_TARGETS = [
    "app/checks/engine.py",
    "app/checks/findings.py",
    "app/checks/meta_rules.py",
    "app/checks/rules.py",
    "app/checks/text_rules.py",
    "app/reviews.py",
    "app/atomic.py",
    "app/report_json.py",
    "app/recognize/labels.py",
    "app/recognize/digit_split.py",
    "app/recognize/table_rows.py",
    "app/recognize/grammar.py:fit,_fit_region,_store,place_orphans,_only_gap",   # text rows to cells
    "app/write/xlsx_totals.py",               # the exporter's formulas: SUM totals, balance check row
    "app/write/audit_xlsx.py:_totals_row",    # the audit list's SUBTOTAL row
    "app/write/xlsx_sheet_setup.py:validations,amount_validation,_explain",   # input cells' validation formulas
    "app/working_copy.py",                    # autosave: what is written, in which order, found, restored
    "app/process_lock.py",                    # the working copy's lock (released when its process ends)
]
KILLED = {"killed", "timeout"}   # a mutant that hangs the tests is caught by the time limit


@dataclass(frozen=True)
class Survivor:
    name: str
    status: str
    diff: str

    @property
    def function(self) -> str:
        return self.name.rsplit("__mutmut_", 1)[0]

    def lines(self, sign: str) -> list[str]:
        return [line[1:].strip() for line in self.diff.splitlines()
                if line.startswith(sign) and not line.startswith(sign * 3)]


def mutant_globs(target: str, only_mutate: list[str]) -> list[str]:
    """The mutmut mutant-name patterns of a target ``path[:func,func]``."""
    path, _, functions = target.partition(":")
    if not any(fnmatch.fnmatch(path, pattern) for pattern in only_mutate):
        sys.exit(f"{path} is not in [tool.mutmut] only_mutate of pyproject.toml: add it there first")
    module = path.removesuffix(".py").replace("/", ".")
    if not functions:
        return [f"{module}.*"]
    # module functions are named x_<name>__mutmut_<n>; methods xǁ<Class>ǁ<name>__mutmut_<n>
    return [pattern for name in functions.split(",")
            for pattern in (f"{module}.x_{name}__mutmut_*", f"{module}.xǁ*ǁ{name}__mutmut_*")]


def drop_stale_stats() -> None:
    """Forget mutmut's map of which tests run which function when code or tests changed since it
    was made: mutmut only adds new tests to it, so a function that became mutable or a test that
    now reaches another function would be missed (mutants marked "no tests", or kills not tried).
    A test file the map does not know yet is a new test, which mutmut maps itself: no reason to
    spend minutes running the whole suite again."""
    stats = ROOT / "mutants" / "mutmut-stats.json"
    if not stats.exists():
        return
    made = stats.stat().st_mtime
    changed = [path for folder in ("app", "tests") for path in (ROOT / folder).rglob("*.py")
               if path.stat().st_mtime > made]
    if not changed:
        return
    known = stats.read_text(encoding="utf-8")
    if any(folder_of(path) != "tests" or path.name in ("conftest.py", "__init__.py")
           or f'"{path.relative_to(ROOT).as_posix()}::' in known for path in changed):
        stats.unlink()


def folder_of(path: Path) -> str:
    return path.relative_to(ROOT).parts[0]


def mutmut(*args: str, capture: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}   # tests/conftest.py: property tests draw fixed examples
    return subprocess.run([str(MUTMUT), *args], cwd=ROOT, env=env, text=True,
                          stdout=subprocess.PIPE if capture else None, check=False)


def statuses(globs: list[str]) -> dict[str, str]:
    """Mutant name -> status ("killed", "survived", "no tests", ...) of the mutants matching ``globs``."""
    out = mutmut("results", "--all", "true", capture=True).stdout
    found = {}
    for line in out.splitlines():
        name, sep, status = line.strip().rpartition(": ")
        if sep and any(fnmatch.fnmatch(name, pattern) for pattern in globs):
            found[name] = status
    return found


def load_equivalents() -> list[dict]:
    if not EQUIVALENT_FILE.exists():
        return []
    return yaml.safe_load(EQUIVALENT_FILE.read_text(encoding="utf-8")) or []


def equivalence(survivor: Survivor, equivalents: list[dict]) -> dict | None:
    """The entry of the equivalent-mutant list that describes ``survivor``, matched by function and
    the mutated line (not by mutant number, which shifts when the code changes)."""
    mutated = "\n".join(survivor.lines("+"))
    original = "\n".join(survivor.lines("-"))
    for entry in equivalents:
        if entry["function"] != survivor.function.split(".")[-1] and entry["function"] != survivor.function:
            continue
        if _normal(entry["mutated"]) == _normal(mutated) and _normal(entry.get("original", original)) == _normal(original):
            return entry
    return None


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def rerun_names(globs: list[str]) -> list[str]:
    """The mutants ``--survivors`` tries again: those not killed, except survivors listed as equivalent
    (a test cannot kill them; when their function changes, mutmut resets them to not checked)."""
    equivalents = load_equivalents()
    names = []
    for name, status in sorted(statuses(globs).items()):
        if status in KILLED:
            continue
        if status != "not checked" and equivalence(Survivor(name, status, show(name)), equivalents):
            continue
        names.append(name)
    return names


def changed_since_generated(targets: list[str]) -> bool:
    """Whether a target file changed after mutmut made its mutants: the results of its changed
    functions are stale, but mutmut notices (and resets them) only when it runs."""
    paths = {target.partition(":")[0] for target in targets}
    return any(not (ROOT / "mutants" / path).exists()
               or (ROOT / path).stat().st_mtime > (ROOT / "mutants" / path).stat().st_mtime for path in paths)


def show(name: str) -> str:
    return mutmut("show", name, capture=True).stdout


def per_module(results: dict[str, str]) -> dict[str, list[int]]:
    """Module -> [killed, total]."""
    counts: dict[str, list[int]] = {}
    for name, status in results.items():
        module = re.match(r"(.*)\.x[_ǁ]", name).group(1)     # functions are x_<name>, methods xǁ<Class>ǁ<name>
        entry = counts.setdefault(module, [0, 0])
        entry[0] += status in KILLED
        entry[1] += 1
    return counts


def _mutmut_config() -> dict:
    try:
        import tomllib
    except ImportError:   # Python 3.10: mutmut checks the targets itself
        return {"only_mutate": ["*"]}
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]


def main(argv: list[str]) -> int:
    config = _mutmut_config()
    options = {arg for arg in argv if arg.startswith("--")}
    survivors_only, results_only = "--survivors" in options, "--results" in options
    targets = [t for arg in argv if arg not in options for t in arg.split()] or DEFAULT_TARGETS
    globs = [g for target in targets for g in mutant_globs(target, config["only_mutate"])]
    # after writing tests: try again only the mutants that were not killed last time
    names = rerun_names(globs) if survivors_only else globs
    if survivors_only and not names and changed_since_generated(targets):
        names = sorted(statuses(globs))[:1]   # any one mutant: mutmut first renews the changed functions' mutants
    if results_only:
        names = []
    jobs = os.environ.get("MUTATE_JOBS", "2")
    if names:
        print(f"mutating {', '.join(targets)} with {jobs} workers (slow: minutes per module)", flush=True)
    start = time.monotonic()
    if names:
        drop_stale_stats()
    run = mutmut("run", "--max-children", jobs, *names) if names else subprocess.CompletedProcess([], 0)
    if survivors_only and run.returncode == 0:
        # a function changed since the last run: mutmut renumbered its mutants and reset them only now
        reset = sorted(n for n, status in statuses(globs).items() if status == "not checked" and n not in names)
        if reset:
            run = mutmut("run", "--max-children", jobs, *reset)
    minutes = (time.monotonic() - start) / 60
    results = statuses(globs)
    if run.returncode != 0 and not results:
        print(f"mutmut run failed (exit {run.returncode})")
        return run.returncode or 1
    equivalents = load_equivalents()
    # mutants a stopped run never tried (e.g. a failing test in mutmut's stats run): named, not shown one by one
    unchecked = sorted(name for name, status in results.items() if status == "not checked")
    survivors = [Survivor(name, status, show(name))
                 for name, status in sorted(results.items()) if status not in KILLED and status != "not checked"]
    explained = [(s, equivalence(s, equivalents)) for s in survivors]
    missing = [s for s, entry in explained if entry is None]
    print(f"\n{len(survivors)} surviving mutants ({len(survivors) - len(missing)} listed as equivalent "
          f"in {EQUIVALENT_FILE.relative_to(ROOT)}, {len(missing)} without a test)\n")
    for survivor, entry in explained:
        if entry is not None:
            print(f"equivalent  {survivor.name}: {entry['why']}")
    for survivor in missing:
        print(f"\n--- {survivor.status}: {survivor.name} (needs a test, or an entry in the equivalent list)")
        print(survivor.diff.strip())
    if unchecked:
        print(f"\n{len(unchecked)} mutants not checked (the run stopped early; see mutmut's output above), "
              f"e.g. {', '.join(unchecked[:3])}")
    print()
    for module, counts in sorted(per_module(results).items()):
        print(f"{module}: killed {counts[0]} of {counts[1]}")
    killed = sum(1 for status in results.values() if status in KILLED)
    total = len(results)
    if names:
        print(f"run took {minutes:.1f} min")
    print(f"killed {killed} of {total} mutants ({100 * killed / total if total else 0:.1f} %)")
    return 1 if missing or unchecked else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
