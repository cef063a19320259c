"""Which rows django-reversion versions, and how.

Each autosave records only the row it changed (see apps.history.recording); a Measure brings its
sub-items along (``follow``), as they print together. The whole material with all its entries is
written as one revision by :func:`apps.history.snapshots.snapshot_take`, from one prefetched load.
The Material itself does not ``follow`` its entries: that would copy every entry into the history
each time the preamble is autosaved.
"""

import reversion
from django.db import models

from apps.entries.models import AspectText, Cause, Material, Measure, MeasureItem, Problem

# The optimistic-locking counter changes with every save and says nothing about the text.
NOT_VERSIONED = ("revision",)

VERSIONED: dict[type[models.Model], tuple[str, ...]] = {
    Material: (),
    AspectText: (),
    Problem: (),
    Cause: (),
    Measure: ("items",),
    MeasureItem: (),
}


def register_entries() -> None:
    for model, follow in VERSIONED.items():
        if not reversion.is_registered(model):
            reversion.register(model, exclude=NOT_VERSIONED, follow=follow)


def versioned_fields(model: type[models.Model]) -> list[str]:
    """The fields a version stores (what reversion's registration above serialises)."""
    meta = model._meta
    names = [field.name for field in meta.local_fields + meta.local_many_to_many if not field.primary_key]
    return [name for name in names if name not in NOT_VERSIONED]
