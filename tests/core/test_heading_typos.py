"""A mistyped section heading is read the same way on every run: the nearest of the heading and its variants
wins (then the one covering more of the line), never whichever a set happened to list first."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "data" / "samples" / "2020_huashan_town.txt"
TYPO = "二、主动公开政府信息法工作情况"      # a variant (主动公开政府信息工作情况) with 法 typed in

_PROBE = """
import json, sys
from app.formats import import_report
from app.report_json import report_to_dict
imported = import_report(sys.argv[1])
print(json.dumps({"report": report_to_dict(imported.report), "notes": [n.message for n in imported.notes]},
                 ensure_ascii=False))
"""


def _import(path: Path, seed: int) -> dict:
    done = subprocess.run([sys.executable, "-c", _PROBE, str(path)], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=120, env={**os.environ, "PYTHONHASHSEED": str(seed)})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_mistyped_heading_reads_the_same_under_every_hash_seed_and_is_quoted_whole(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    assert text.count("二、主动公开政府信息情况") == 1
    path = tmp_path / "typo.txt"
    path.write_text(text.replace("二、主动公开政府信息情况", TYPO), encoding="utf-8")
    runs = [_import(path, seed) for seed in range(6)]
    assert all(run == runs[0] for run in runs[1:])
    assert any(f"标题“{TYPO}”" in note and "疑为笔误" in note for note in runs[0]["notes"]), runs[0]["notes"]
    expected = _import(SAMPLE, 0)["report"]
    assert runs[0]["report"]["tables"] == expected["tables"]      # the table under it is read as before


def test_one_table_finds_the_nearest_prefix_as_five_separate_distances_did():
    """_nearest_length reads every prefix's distance from one Levenshtein table; it must pick the same length and
    distance as measuring each of the five prefix lengths on its own (labels._distance)."""
    import random

    from app.recognize.headings import _FUZZY_MAX, _nearest_length
    from app.recognize.labels import _distance

    rng = random.Random(3)
    alphabet = "主动公开政府信息工作情况法、行政复议诉讼"
    for _ in range(3000):
        key = "".join(rng.choice(alphabet) for _ in range(rng.randint(4, 14)))
        typed = list(key)
        for _ in range(rng.randint(0, 3)):                     # a few typos, or none
            at = rng.randint(0, len(typed) - 1)
            typed[at:at + 1] = rng.choice([[], [rng.choice(alphabet)], [typed[at], rng.choice(alphabet)]])
        window = "".join(typed) + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        best = min(range(-_FUZZY_MAX, _FUZZY_MAX + 1), key=lambda d: _distance(window[:len(key) + d], key, _FUZZY_MAX))
        distance = _distance(window[:len(key) + best], key, _FUZZY_MAX)
        found = _nearest_length(window, key)
        assert (found[0] <= _FUZZY_MAX) == (distance <= _FUZZY_MAX), (key, window)
        if distance <= _FUZZY_MAX:
            assert found == (distance, best), (key, window)
