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
values still pass through the converters Django would apply (SQLite's dates and booleans). On
PostgreSQL the nine go to the server as one batch (one round trip instead of nine).

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

    def params_for(self, material_id: int) -> list:
        return [material_id if value == _MATERIAL else value for value in self.params]

    def rows(self, material_id: int) -> list[tuple]:
        """The rows for ``material_id``, through this thread's connection."""
        with connections[self.alias].cursor() as cursor:
            cursor.execute(self.sql, self.params_for(material_id))
            return self.convert(cursor.fetchall())

    def convert(self, rows: list[tuple]) -> list[tuple]:
        """The rows converted as ``SQLCompiler.apply_converters`` does."""
        if not self.converters:
            return rows
        connection = connections[self.alias]
        converted = []
        for row in rows:
            values = list(row)
            for position, (converters, expression) in self.converters.items():
                for converter in converters:
                    values[position] = converter(values[position], expression, connection)
            converted.append(tuple(values))
        return converted


def _rows_in_one_round_trip(prepared: dict[str, _Prepared], material_id: int) -> dict[str, list[tuple]]:
    """Every query's rows from one batch of statements: on PostgreSQL over a network each query is a
    round trip, and nine of them were a fifth of a cached download. psycopg sends the statements as
    one simple query when the parameters are bound on the client (Django's default), and returns one
    result set per statement (``nextset``)."""
    names = list(prepared)
    sql = ";\n".join(prepared[name].sql for name in names)
    params = [value for name in names for value in prepared[name].params_for(material_id)]
    results: dict[str, list[tuple]] = {}
    with connections["default"].cursor() as cursor:
        cursor.execute(sql, params)
        for position, name in enumerate(names):
            if position:
                cursor.nextset()
            results[name] = prepared[name].convert(cursor.fetchall())
    return results


_prepared: dict[tuple[str, str], _Prepared] = {}


def _prepare(queries: dict[str, Query]) -> dict[str, _Prepared]:
    """Each query compiled once per database (the key holds the alias and its vendor: tests may
    switch databases)."""
    alias = "default"
    database = f"{alias}:{connections[alias].vendor}"
    prepared = {}
    for name, make in queries.items():
        key = (database, name)
        if key not in _prepared:
            _prepared[key] = _Prepared(make(_MATERIAL).order_by())
        prepared[name] = _prepared[key]
    return prepared


def _batches_statements() -> bool:
    """PostgreSQL with client-side binding (psycopg's default in Django) takes several statements in
    one execute; SQLite does not, and its queries are no round trips anyway."""
    connection = connections["default"]
    if connection.vendor != "postgresql":
        return False
    from django.db.backends.postgresql.psycopg_any import is_psycopg3  # psycopg2 has no nextset

    return is_psycopg3 and not connection.settings_dict.get("OPTIONS", {}).get("server_side_binding")


def _run_all(queries: dict[str, Query], material_id: int) -> dict[str, list[tuple]]:
    prepared = _prepare(queries)
    if _batches_statements():
        return _rows_in_one_round_trip(prepared, material_id)
    return {name: query.rows(material_id) for name, query in prepared.items()}


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


_QUERIES: dict[str, Query] = {
    "material": _values(Material, "pk"),
    "aspect_texts": _values(AspectText, "material_id"),
    "problems": _values(Problem, "material_id"),
    "causes": _values(Cause, "material_id"),
    "cause_problems": _pairs(Cause.problems.through, "cause_id", "problem_id", "cause__material_id"),
    "measures": _values(Measure, "material_id"),
    "measure_problems": _pairs(Measure.problems.through, "measure_id", "problem_id", "measure__material_id"),
    "measure_causes": _pairs(Measure.causes.through, "measure_id", "cause_id", "measure__material_id"),
    "items": _values(MeasureItem, "measure__material_id"),
}


def lean_records(material_id: int) -> list[dict[str, Any]]:
    """The material and its entries as serialiser records (without timestamps): 9 plain queries,
    in one round trip on PostgreSQL."""
    rows = _run_all(_QUERIES, material_id)
    causes = _records(Cause, rows["causes"])
    _link(causes, "problems", rows["cause_problems"])
    measures = _records(Measure, rows["measures"])
    _link(measures, "problems", rows["measure_problems"])
    _link(measures, "causes", rows["measure_causes"])
    records = [
        *_records(Material, rows["material"]),
        *_records(AspectText, rows["aspect_texts"]),
        *_records(Problem, rows["problems"]),
        *causes,
        *measures,
        *_records(MeasureItem, rows["items"]),
    ]
    # Dates and decimals as the JSON serialiser writes them, so that equal content compares equal
    # to a record read back from a stored revision.
    return json.loads(json.dumps(records, cls=DjangoJSONEncoder))


def live_content_hash(material: Material) -> str:
    """:meth:`MaterialState.content_hash` of the material as stored now."""
    return state_of(lean_records(material.pk)).content_hash()
