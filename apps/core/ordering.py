"""Stable, user-changeable order for lists whose positions are unique in the database."""

from collections.abc import Sequence

from django.db import models, transaction
from django.db.models import Max


def next_position(queryset: models.QuerySet, field: str = "position") -> int:
    """The position after the last one of ``queryset`` (1 for an empty list)."""
    current = queryset.aggregate(last=Max(field))["last"]
    return (current or 0) + 1


def reorder(queryset: models.QuerySet, ordered_ids: Sequence[int], field: str = "position") -> None:
    """Give the rows of ``queryset`` the positions 1..n in the order of ``ordered_ids``.

    ``ordered_ids`` must name every row of the list exactly once. Rows first move past the current
    last position so that the unique constraint on (list, position) holds after every single
    UPDATE, on databases without deferrable constraints (SQLite) as well as on PostgreSQL, and
    positions stay positive.
    """
    ids = list(ordered_ids)
    existing = set(queryset.values_list("pk", flat=True))
    if len(ids) != len(set(ids)) or set(ids) != existing:
        raise ValueError("ordered_ids must list every item of the list exactly once")
    with transaction.atomic():
        offset = next_position(queryset, field)
        for index, pk in enumerate(ids, start=1):
            queryset.filter(pk=pk).update(**{field: offset + index})
        for index, pk in enumerate(ids, start=1):
            queryset.filter(pk=pk).update(**{field: index})
