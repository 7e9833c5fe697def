"""The pydantic schema of an edition file (app/edition_schema.py) is made from the edition records
(app/editions.py): the same classes, fields, types and defaults, so a YAML file validates into exactly what
the records hold."""
import functools
import operator
import types
from typing import Literal, Union, get_args, get_origin, get_type_hints

import app.edition_schema as schema
import app.editions as editions
from app.record import Record

_REQUIRED = "required"


def _records() -> dict[str, type]:
    return {name: value for name, value in vars(editions).items()
            if isinstance(value, type) and issubclass(value, Record) and value.__module__ == editions.__name__}


def _models() -> dict[str, type]:
    return schema.MODELS


def _with_records(annotation, records: dict[type, type]):
    """``annotation`` of a model's field with each nested model replaced by its record class."""
    if annotation in records:
        return records[annotation]
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is None or origin is Literal:
        return annotation
    args = tuple(_with_records(arg, records) for arg in args)
    if origin in (types.UnionType, Union):
        return functools.reduce(operator.or_, args)
    return origin[args]


def test_every_edition_record_has_a_schema_model_and_no_model_is_left_over():
    assert sorted(_records()) == sorted(_models())
    assert "Edition" in _records() and "CheckSpec" in _records()


def test_each_schema_model_has_the_fields_types_and_defaults_of_its_record():
    models, records = _models(), _records()
    record_of = {models[name]: record for name, record in records.items()}
    for name, record in records.items():
        hints = get_type_hints(record)
        record_fields = {name: (hints[name], record._field_defaults.get(name, _REQUIRED)) for name in record._fields}
        model = models[name]
        model_fields = {field: (_with_records(info.annotation, record_of),
                                _REQUIRED if info.is_required() else info.default)
                        for field, info in model.model_fields.items()}
        assert list(record_fields) == list(model_fields), name
        assert record_fields == model_fields, name
