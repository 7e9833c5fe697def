"""Every reader, fed mutated samples, ends in a report or a Chinese error — within a deadline.

Short mode (fixed seed, a few seconds); the long mode is benchmarks/fuzz_long.py.
"""
from __future__ import annotations

import json

import pytest

from app.errors import ImportFailed
from app import registry
from app.registry import export_suffixes, import_suffixes
from tests.core.fuzz_engine import SAMPLES, fuzz_format, fuzzable_formats, run_case

SEED = 20261129
CASES = {".json": 60, ".txt": 60, ".docx": 40, ".xlsx": 40}
DEADLINE_SECONDS = 10.0
READERS = sorted({".json", ".txt", ".docx", ".xlsx"} | set(fuzzable_formats()))


def _require(suffix: str) -> None:
    if suffix not in import_suffixes():
        pytest.skip(f"no importer for {suffix} registered yet")
    if suffix in (".docx", ".xlsx") and suffix not in export_suffixes():
        pytest.skip(f"no exporter for {suffix} registered yet to make seed files")


@pytest.mark.parametrize("suffix", READERS)
def test_mutated_files_end_in_a_report_or_a_chinese_error(suffix):
    _require(suffix)
    outcomes = fuzz_format(suffix, CASES.get(suffix, 40), SEED, DEADLINE_SECONDS)
    failures = [o for o in outcomes if o.kind == "failure"]
    assert not failures, "\n\n".join(f"[{o.mutation}] after {o.seconds:.2f} s:\n{o.detail}" for o in failures)
    # The mutations are not all harmless: most files must be refused, each with a reason.
    assert sum(o.kind == "error" for o in outcomes) >= len(outcomes) // 4


def _hanging_reader(path, edition=None):
    while True:
        pass


def _crashing_reader(path, edition=None):
    return {}["tables"]


def _english_reader(path, edition=None):
    raise ImportFailed("bad file")


@pytest.mark.parametrize("reader, expected", [
    (_hanging_reader, "no result within"), (_crashing_reader, "KeyError"), (_english_reader, "without Chinese"),
])
def test_the_harness_catches_hangs_crashes_and_untranslated_errors(reader, expected, monkeypatch, tmp_path):
    monkeypatch.setitem(registry._IMPORTERS, ".broken", reader)
    path = tmp_path / "x.broken"
    path.write_bytes(b"x")
    outcome = run_case(path, ".broken", "harness check", deadline=0.3)
    assert outcome.kind == "failure"
    assert expected in outcome.detail
    assert outcome.seconds < 2


@pytest.mark.parametrize("key", ["format", "edition", "organ", "year", "title", "sections", "tables"])
def test_every_wrong_type_at_the_top_of_a_report_file_is_refused_in_chinese(key, tmp_path):
    """Regression (found by fuzzing): ``"edition": {}`` raised TypeError (unhashable) instead of a message."""
    document = json.loads((SAMPLES / "2020_geshan_town.json").read_text(encoding="utf-8"))
    for number, value in enumerate([None, 0, 1.5, True, [], {}, "x", [[]], {"a": 1}, 10 ** 30]):
        path = tmp_path / f"类型 {key} {number}.json"
        path.write_text(json.dumps({**document, key: value}, ensure_ascii=False), encoding="utf-8")
        outcome = run_case(path, ".json", f"{key}={value!r}", DEADLINE_SECONDS)
        if outcome.kind == "report":   # only a value of the right type may be accepted
            assert _right_type(key, value), (key, value)
        else:
            assert outcome.kind == "error" and path.name in outcome.detail, outcome.detail


def _right_type(key: str, value: object) -> bool:
    if key in ("organ", "title"):
        return isinstance(value, str)
    if key == "year":
        return value is None or (isinstance(value, int) and not isinstance(value, bool))
    return key == "sections" and value in ({}, )


@pytest.mark.parametrize("amount", ["1" + "9" * 1_000_000 + ".5", "0." + "0" * 1_000_000 + "1", "9" * 1_000_000])
def test_an_amount_a_million_digits_long_is_refused_quickly(amount, tmp_path):
    """Regression (found by fuzzing): such an amount was accepted, and validating the report then
    spent minutes converting it inside pydantic, out of reach of any deadline."""
    document = json.loads((SAMPLES / "2020_checun_town.json").read_text(encoding="utf-8"))
    document["tables"]["active"]["procurement"]["amount"] = amount
    path = tmp_path / "超长金额.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    outcome = run_case(path, ".json", "million-digit amount", DEADLINE_SECONDS)
    assert outcome.kind == "error" and "位数过多" in outcome.detail, outcome.detail
    assert outcome.seconds < 2
