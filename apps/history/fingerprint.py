"""The content hash of a material as it is now, read lean.

Every download of a document snapshots the materials it prints (apps.history.receivers), and almost
every time nothing has changed since the last snapshot: the snapshot then only needs the hash, to
find that out. :func:`apps.history.state.load_rows` builds model instances through prefetches
(ordering joins, related caches) for the serialiser, which a new revision needs; here the same rows
are read as plain values, one query per table without ordering, and turned into the records the
serialiser would write. It is about a third of the time (a 12-page material: 3 ms against 10 ms),
and the cached re-download of a document is mostly this read.

The nine queries never change but for the material's id, so each is compiled once per process and
database (:class:`_Prepared`): Django's compiler took ~1.8 ms of the read's ~4.4 ms, every time. The
values still pass through the converters Django would apply (SQLite's dates and booleans).

Both paths must give the same hash for the same content, or every export would store a copy of an
unchanged material: tests/history/test_fingerprint.py compares them on materials with every kind of
field and link.
"""

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models
from django.utils.encoding import is_protected_type

from apps.entries.models import AspectText, Cause, Material, Measure, MeasureItem, Problem
from apps.history.registration import versioned_fields
from apps.history.state import IGNORED, state_of


class _Value:
    """Stands in for a model instance where a field reads one attribute of it
    (``Field.value_to_string(obj)`` calls ``getattr(obj, attname)``)."""

    def __init__(self, attname: str, value: object) -> None:
        setattr(self, attname, value)


Query = Callable[[int], models.QuerySet]
# Stands for the material's id while a query is compiled; replaced by the real id at each run.
_MATERIAL = -7_000_000_001


class _Prepared:
    """One query of the lean read, compiled once: its SQL, its parameters with :data:`_MATERIAL`
    where the material's id goes, and the converters Django's compiler would apply to its rows."""

    def __init__(self, queryset: models.QuerySet) -> None:
        self.alias = queryset.db
        self.compiler = queryset.query.get_compiler(using=self.alias)
        self.sql, self.params = self.compiler.as_sql()
        assert _MATERIAL in self.params, "the material's id must be a parameter"
        self.converters = self.compiler.get_converters([column for column, _, _ in self.compiler.select])

    def rows(self, material_id: int) -> list[tuple]:
        """The rows for ``material_id``, through this thread's connection, converted as
        ``SQLCompiler.apply_converters`` does."""
        connection = connections[self.alias]
        params = [material_id if value == _MATERIAL else value for value in self.params]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if not self.converters:
            return rows
        converted = []
        for row in rows:
            values = list(row)
            for position, (converters, expression) in self.converters.items():
                for converter in converters:
                    values[position] = converter(values[position], expression, connection)
            converted.append(tuple(values))
        return converted


_prepared: dict[tuple[str, str], _Prepared] = {}


def _run(name: str, make: Query, material_id: int) -> list[tuple]:
    """The rows of query ``name`` (``make(id)`` builds it) for ``material_id``, compiled once per
    database (the key holds the alias and its vendor: tests may switch databases)."""
    alias = "default"
    key = (f"{alias}:{connections[alias].vendor}", name)
    prepared = _prepared.get(key)
    if prepared is None:
        prepared = _prepared[key] = _Prepared(make(_MATERIAL).order_by())
    return prepared.rows(material_id)


def _concrete_fields(model: type[models.Model]) -> list[models.Field]:
    meta = model._meta
    fields = [meta.get_field(name) for name in versioned_fields(model) if name not in IGNORED]
    return [field for field in fields if not field.many_to_many]


def _records(model: type[models.Model], rows: Iterable[tuple]) -> list[dict[str, Any]]:
    """The rows (pk first, then :func:`_concrete_fields`) as ``django.core.serializers.python.
    Serializer.handle_field`` and ``handle_fk_field`` write them: protected types as they are, the
    rest through the field's own ``value_to_string``, a foreign key as the related id. Timestamps
    are left out (the hash ignores them)."""
    label = model._meta.label_lower
    concrete = _concrete_fields(model)
    records = []
    for pk, *values in rows:
        data = {}
        for field, value in zip(concrete, values, strict=True):
            if not field.is_relation and not is_protected_type(value):
                value = field.value_to_string(_Value(field.attname, value))
            data[field.name] = value
        records.append({"model": label, "pk": pk, "fields": data})
    return records


def _values(model: type[models.Model], path: str) -> Query:
    """The query of ``model``'s rows of one material (``path``: the lookup that leads to it)."""
    columns = ["pk", *[field.attname for field in _concrete_fields(model)]]
    return lambda material_id: model.objects.filter(**{path: material_id}).values_list(*columns)


def _pairs(through: type[models.Model], owner: str, target: str, path: str) -> Query:
    """The (owner id, linked id) pairs of a many-to-many table, for one material."""
    return lambda material_id: through.objects.filter(**{path: material_id}).values_list(owner, target)


def _link(records: list[dict], name: str, pairs: Iterable[tuple]) -> None:
    """Set the many-to-many field ``name`` of each record from (owner id, linked id) pairs."""
    linked: dict[int, list[int]] = defaultdict(list)
    for owner_id, target_id in pairs:
        linked[owner_id].append(target_id)
    for record in records:
        record["fields"][name] = linked.get(record["pk"], [])


def lean_records(material_id: int) -> list[dict[str, Any]]:
    """The material and its entries as serialiser records (without timestamps): 9 plain queries."""
    causes = _records(Cause, _run("causes", _values(Cause, "material_id"), material_id))
    cause_problems = _pairs(Cause.problems.through, "cause_id", "problem_id", "cause__material_id")
    _link(causes, "problems", _run("cause_problems", cause_problems, material_id))
    measures = _records(Measure, _run("measures", _values(Measure, "material_id"), material_id))
    measure_problems = _pairs(Measure.problems.through, "measure_id", "problem_id", "measure__material_id")
    _link(measures, "problems", _run("measure_problems", measure_problems, material_id))
    measure_causes = _pairs(Measure.causes.through, "measure_id", "cause_id", "measure__material_id")
    _link(measures, "causes", _run("measure_causes", measure_causes, material_id))
    records = [
        *_records(Material, _run("material", _values(Material, "pk"), material_id)),
        *_records(AspectText, _run("aspect_texts", _values(AspectText, "material_id"), material_id)),
        *_records(Problem, _run("problems", _values(Problem, "material_id"), material_id)),
        *causes,
        *measures,
        *_records(MeasureItem, _run("items", _values(MeasureItem, "measure__material_id"), material_id)),
    ]
    # Dates and decimals as the JSON serialiser writes them, so that equal content compares equal
    # to a record read back from a stored revision.
    return json.loads(json.dumps(records, cls=DjangoJSONEncoder))


def live_content_hash(material: Material) -> str:
    """:meth:`MaterialState.content_hash` of the material as stored now."""
    return state_of(lean_records(material.pk)).content_hash()
