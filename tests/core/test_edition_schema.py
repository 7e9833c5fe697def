"""The pydantic schema of an edition file (app/edition_schema.py) mirrors the edition records (app/editions.py):
the same classes, fields, types and defaults, so a YAML file validates into exactly what the records hold."""
from pydantic import BaseModel

import app.edition_schema as schema
import app.editions as editions
from app.record import Record

_REQUIRED = "required"


def _records() -> dict[str, type]:
    return {name: value for name, value in vars(editions).items()
            if isinstance(value, type) and issubclass(value, Record) and value.__module__ == editions.__name__}


def _models() -> dict[str, type]:
    return {name: value for name, value in vars(schema).items() if isinstance(value, type)
            and issubclass(value, BaseModel) and value.__module__ == schema.__name__ and not name.startswith("_")}


def test_every_edition_record_has_a_schema_model_and_no_model_is_left_over():
    assert sorted(_records()) == sorted(_models())
    assert "Edition" in _records() and "CheckSpec" in _records()


def test_each_schema_model_has_the_fields_types_and_defaults_of_its_record():
    models = _models()
    for name, record in _records().items():
        record_fields = {name: (record.__annotations__[name], record._field_defaults.get(name, _REQUIRED))
                         for name in record._fields}
        model = models[name]
        model_fields = {field: (model.__annotations__[field], _REQUIRED if info.is_required() else info.default)
                        for field, info in model.model_fields.items()}
        assert record_fields == model_fields, name
