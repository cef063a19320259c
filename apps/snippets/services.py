"""Writes to the 素材库: one snippet at a time (the bulk import is apps.snippets.importing)."""

from django.db import transaction

from apps.snippets.models import Snippet


@transaction.atomic
def snippet_create(
    *, unit, user, text: str, kind: str, aspects, year: int | None, source: str, shared: bool = False
) -> Snippet:
    """``shared``: no unit, visible to every unit (the caller checks the user may share)."""
    snippet = Snippet(unit=None if shared else unit, text=text, kind=kind, year=year, source=source)
    snippet.created_by = user if user and user.is_authenticated else None
    snippet.full_clean()
    snippet.save()
    snippet.aspects.set(aspects)
    return snippet


@transaction.atomic
def snippet_update(
    *, snippet: Snippet, unit, text: str, kind: str, aspects, year: int | None, source: str, shared: bool
) -> Snippet:
    snippet.text, snippet.kind, snippet.year, snippet.source = text, kind, year, source
    snippet.unit = None if shared else unit
    snippet.full_clean()
    snippet.save()
    snippet.aspects.set(aspects)
    return snippet


def snippet_delete(*, snippet: Snippet) -> None:
    snippet.delete()
