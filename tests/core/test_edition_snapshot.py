"""The validated editions shipped beside the YAML files (app/edition_snapshot.py): in sync with the YAML,
giving exactly the editions validation gives, and never used for a file that changed since."""
import json
import shutil

import pytest

import app.edition_snapshot as snapshot_module
from app.edition_snapshot import SNAPSHOT_NAME, snapshot_data, write_snapshot
from app.editions import load_edition_file, load_editions
from app.errors import EditionError
from app.paths import EDITIONS_DIR
from app.record import Record

load_fresh = load_editions.__wrapped__          # the folder's editions, not the process-wide cache


def _same(a, b, where="edition"):
    """Equal values and types all the way down."""
    assert type(a) is type(b), where
    if isinstance(a, tuple):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{where}[{i}]")
    elif isinstance(a, Record):                   # any edition record
        for name in a._fields:
            _same(getattr(a, name), getattr(b, name), f"{where}.{name}")
    else:
        assert a == b, where


@pytest.fixture
def folder(tmp_path):
    copy = tmp_path / "editions"
    shutil.copytree(EDITIONS_DIR, copy, ignore=shutil.ignore_patterns(SNAPSHOT_NAME))
    write_snapshot(copy)
    return copy


def test_the_shipped_snapshot_is_in_sync_with_the_yaml_files():
    path = EDITIONS_DIR / SNAPSHOT_NAME
    assert path.exists(), "templates/editions/snapshot.json is missing: run `make` (make test writes it)"
    assert json.loads(path.read_text(encoding="utf-8")) == snapshot_data(EDITIONS_DIR)


def test_editions_from_the_snapshot_are_exactly_the_validated_ones(folder, monkeypatch):
    validated = {p.name: load_edition_file(p) for p in sorted(folder.glob("*.yaml"))}
    monkeypatch.setattr("app.editions.load_edition_file", lambda path: pytest.fail(f"{path.name} validated again"))
    loaded = load_fresh(folder)
    assert sorted(loaded) == sorted(e.id for e in validated.values())
    for edition in validated.values():
        _same(loaded[edition.id], edition)
        assert loaded[edition.id] == edition
        assert loaded[edition.id].table("requests").cell_label("new", "natural") == \
            edition.table("requests").cell_label("new", "natural")


def test_an_edited_yaml_file_is_validated_again_not_taken_from_the_snapshot(folder):
    path = folder / "2021.yaml"
    text = path.read_text(encoding="utf-8")
    label = load_edition_file(path).table("requests").row("new").label
    path.write_text(text.replace(label, label + "（改）", 1), encoding="utf-8")
    assert load_fresh(folder)["2021"].table("requests").row("new").label == label + "（改）"


def test_a_broken_yaml_file_still_names_its_problem_although_a_snapshot_exists(folder):
    path = folder / "2021.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("first_year:", "first_yaer:", 1), encoding="utf-8")
    with pytest.raises(EditionError, match="2021.yaml 有误"):
        load_fresh(folder)


def test_a_snapshot_written_for_other_edition_models_or_unreadable_is_not_used(folder, monkeypatch):
    calls = []
    real = load_edition_file
    monkeypatch.setattr("app.editions.load_edition_file", lambda path: calls.append(path.name) or real(path))
    monkeypatch.setattr(snapshot_module, "_models_fingerprint", lambda: "00000000-0")
    load_fresh(folder)
    assert calls == ["2019.yaml", "2021.yaml"]
    monkeypatch.undo()
    (folder / SNAPSHOT_NAME).write_text("{not json", encoding="utf-8")
    monkeypatch.setattr("app.editions.load_edition_file", lambda path: calls.append(path.name) or real(path))
    assert sorted(load_fresh(folder)) == ["2019", "2021"]
    assert calls == ["2019.yaml", "2021.yaml"] * 2


def test_a_snapshot_entry_that_is_not_an_edition_falls_back_to_the_yaml_file(folder):
    path = folder / SNAPSHOT_NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    data["files"]["2021.yaml"]["edition"] = {"tables": "garbage"}
    data["files"]["2019.yaml"]["edition"] = {"id": "2019"}                 # required fields missing
    path.write_text(json.dumps(data), encoding="utf-8")
    loaded = load_fresh(folder)
    assert loaded["2021"] == load_edition_file(folder / "2021.yaml")
    assert loaded["2019"] == load_edition_file(folder / "2019.yaml")


def test_nested_records_are_read_from_the_annotations_as_typing_resolves_them():
    """The snapshot reader finds tuple-of-record fields from the annotations as written (no get_type_hints at
    start-up); for every edition record it must find exactly the fields typing resolves to tuple[Record, ...]."""
    from typing import get_args, get_origin, get_type_hints

    import app.editions

    records = [c for c in vars(app.editions).values() if isinstance(c, type) and issubclass(c, Record) and c is not Record]
    assert len(records) >= 15
    for record in records:
        expected = {name: get_args(hint)[0] for name, hint in get_type_hints(record).items()
                    if get_origin(hint) is tuple and isinstance(get_args(hint)[0], type)
                    and issubclass(get_args(hint)[0], Record)}
        assert snapshot_module._nested_records(record) == expected, record.__name__
