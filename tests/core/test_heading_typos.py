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
