"""The site's URL patterns, walked from the resolver, the addresses they take in the fixture world,
and a fingerprint of every table: what the access matrix and the fuzz test share."""

import hashlib
from dataclasses import dataclass

from django.apps import apps
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver, reverse


@dataclass(frozen=True)
class Route:
    key: str  # "namespace:name", or the route itself for an unnamed pattern ("favicon.ico")
    route: str  # the whole pattern, for messages: "meetings/<int:pk>/"
    kwargs: tuple[str, ...]
    named: bool


def site_routes() -> list[Route]:
    """Every URL pattern of reportbuilder.urls, recursively through every include()."""
    found: list[Route] = []

    def walk(patterns, prefix: str, namespace: str, outer: tuple[str, ...]) -> None:
        for pattern in patterns:
            kwargs = (*outer, *pattern.pattern.converters)
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                walk(pattern.url_patterns, route, inner, kwargs)
            elif isinstance(pattern, URLPattern):
                named = bool(pattern.name)
                key = namespace + pattern.name if named else route
                found.append(Route(key=key, route=route, kwargs=tuple(kwargs), named=named))

    walk(get_resolver().url_patterns, "", "", ())
    return found


class CannotFill(AssertionError):
    pass


# What a URL keyword names in the world, unless the table's row says otherwise (``pk`` always needs
# the row to say: it names a different object in every app).
KWARG_OBJECTS = {
    "meeting_pk": "meeting",
    "material_pk": "material",
    "unit_pk": "unit",
    "member_pk": "member",
    "aspect_pk": "aspect",
    "measure_pk": "measure",
    "snapshot_pk": "snapshot",
}


def fill(route: Route, objects: dict, given: dict) -> str:
    """The address of ``route`` with its keywords filled from ``given`` (the row: an object's name in
    the world, or a literal in ``given['=kwarg']``) or from KWARG_OBJECTS. A keyword neither names
    fails: the table must say what it is."""
    kwargs = {}
    for name in route.kwargs:
        if f"={name}" in given:
            kwargs[name] = given[f"={name}"]
            continue
        what = given.get(name) or KWARG_OBJECTS.get(name)
        if what is None:
            raise CannotFill(
                f"{route.key} ({route.route}): the URL filler cannot fill <{name}>; say in its row of "
                f"tests/security/access_table.py which world object it names (e.g. {name}='problem') "
                f"or give a literal (e.g. {{'={name}': 'docx'}})"
            )
        if what not in objects:
            raise CannotFill(
                f"{route.key}: <{name}> names {what!r}, which the world (tests/security/world.py) lacks"
            )
        kwargs[name] = objects[what].pk
    if route.named:
        return reverse(route.key, kwargs=kwargs)
    assert not kwargs, f"{route.route}: an unnamed pattern with keywords cannot be reversed; name it"
    return "/" + route.route


# Written by any request, refused or not, and by nothing a user asked for: the session row (login
# state, messages, the idle timer) — the refusal is asserted on everything else.
UNFINGERPRINTED_TABLES = {"django_session"}


def table_names() -> list[str]:
    names = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    return sorted(names - UNFINGERPRINTED_TABLES)


def fingerprint(tables: list[str] | None = None) -> dict[str, str]:
    """A hash of every row of every table (rows sorted): any insert, update or delete shows."""
    state = {}
    with connection.cursor() as cursor:
        for table in tables or table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows = sorted(repr(row) for row in cursor.fetchall())
            state[table] = f"{len(rows)}:" + hashlib.sha1("\n".join(rows).encode()).hexdigest()  # noqa: S324
    return state


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(table for table in before.keys() | after.keys() if before.get(table) != after.get(table))
