"""The frozen records the editions are made of (app/record.py): built by keyword with defaults, unchangeable,
equal and hashable by value, copied and pickled whole."""
import copy
import pickle
from functools import cached_property

import pytest

from app.editions import get_edition
from app.record import Record


class Cell(Record):
    table: str
    row: str
    kind: str = "count"
    places: tuple[int, ...] = ()


class Sheet(Record):
    name: str
    cells: tuple[Cell, ...] = ()

    @cached_property
    def tables(self) -> set[str]:
        return {cell.table for cell in self.cells}


def test_a_record_takes_its_fields_by_keyword_with_the_class_defaults():
    cell = Cell(table="requests", row="new")
    assert (cell.table, cell.row, cell.kind, cell.places) == ("requests", "new", "count", ())
    assert Cell._fields == ("table", "row", "kind", "places")
    assert repr(cell) == "Cell(table='requests', row='new', kind='count', places=())"


@pytest.mark.parametrize("build", [lambda: Cell(table="requests"), lambda: Cell(table="t", row="r", colour="red"),
                                   lambda: Cell("t", "r")])
def test_a_record_refuses_a_missing_an_unknown_or_a_positional_field(build):
    with pytest.raises(TypeError):
        build()


def test_a_record_cannot_be_changed_but_a_changed_copy_can_be_made():
    cell = Cell(table="requests", row="new")
    with pytest.raises(AttributeError):
        cell.row = "granted"
    with pytest.raises(AttributeError):
        del cell.kind
    changed = cell._replace(row="granted")
    assert (cell.row, changed.row, changed.table) == ("new", "granted", "requests")


def test_records_are_equal_and_hash_alike_by_value_and_class():
    a, b = Cell(table="t", row="r", places=(1,)), Cell(table="t", row="r", places=(1,))
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != Cell(table="t", row="r", places=(2,)) and a != a._replace(kind="amount")
    assert Sheet(name="t") != Cell(table="t", row="r") and a != ("t", "r", "count", (1,))


def test_a_cached_property_is_kept_but_never_part_of_the_value():
    sheet = Sheet(name="s", cells=(Cell(table="a", row="r"), Cell(table="b", row="r")))
    assert sheet.tables == {"a", "b"} and sheet.tables is sheet.tables
    assert sheet == Sheet(name="s", cells=sheet.cells) and sheet._asdict() == {
        "name": "s", "cells": ({"table": "a", "row": "r", "kind": "count", "places": ()},
                               {"table": "b", "row": "r", "kind": "count", "places": ()})}


def test_an_edition_survives_a_deep_copy_and_a_pickle_whole():
    edition = get_edition("2021")
    for copied in (copy.deepcopy(edition), pickle.loads(pickle.dumps(edition))):
        assert copied == edition and hash(copied) == hash(edition) and copied is not edition
        assert copied.table("requests").cell_label("new", "natural") == edition.table("requests").cell_label("new", "natural")
        with pytest.raises(AttributeError):
            copied.id = "2030"
