"""Chinese full-text search over the 素材库 (contract; the real implementation replaces this body).

``search`` returns the snippets visible to ``unit`` (its own and the shared ones) that contain every
term of ``query`` (terms are separated by spaces), ranked best first, with the hits highlighted."""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from apps.snippets.models import Snippet


@dataclass
class Hit:
    snippet: Snippet
    score: float
    highlighted: SafeString  # the text (or a window of it) with <mark> around each hit, escaped


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int


def search(
    *,
    unit,
    query: str,
    kind: str = "",
    aspect_id: int | None = None,
    year: int | None = None,
    source: str = "",
    limit: int = 20,
    offset: int = 0,
) -> SearchResult:
    snippets = Snippet.objects.visible_to([unit])
    for term in query.split():
        snippets = snippets.filter(text__contains=term)
    if kind:
        snippets = snippets.filter(kind=kind)
    if aspect_id:
        snippets = snippets.filter(aspects=aspect_id)
    if year:
        snippets = snippets.filter(year=year)
    if source:
        snippets = snippets.filter(source=source)
    total = snippets.count()
    hits = [Hit(s, 1.0, mark_safe(escape(s.text))) for s in snippets[offset : offset + limit]]  # noqa: S308
    return SearchResult(hits, total)
