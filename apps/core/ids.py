"""Ids that arrive as request values (a hidden ``aspect`` field, a reorder's ``ids`` list).

A value that cannot be an id names nothing, exactly as an id that does not exist: views answer it
with the same 404 (or, in the autosave protocol, the same field error) instead of letting the
database layer raise on ``"abc"`` or ``"1.5"``. URL ids need none of this: the ``<int:…>``
converter only lets digits through.
"""

import re
from collections.abc import Iterable

from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404

# Positive and within a 64-bit primary key: 1 to 18 ASCII digits (no sign, point or blanks).
_ID = re.compile(r"[1-9][0-9]{0,17}")


def parse_id(value: object) -> int | None:
    """The id ``value`` spells, or None when it is not one (empty, signed, decimal, too long)."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and _ID.fullmatch(value):
        return int(value)
    return None


def parse_ids(values: Iterable[object]) -> list[int] | None:
    """Every value as an id, or None when any of them is not one."""
    ids = [parse_id(value) for value in values]
    if any(pk is None for pk in ids):
        return None
    return [pk for pk in ids if pk is not None]


def get_by_id_or_404(queryset: models.QuerySet | type[models.Model], value: object, **filters):
    """``get_object_or_404`` for an id taken from request data: malformed is a 404 like unknown."""
    pk = parse_id(value)
    if pk is None:
        raise Http404("没有找到该条目。")
    return get_object_or_404(queryset, pk=pk, **filters)
