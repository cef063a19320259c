"""Chinese full-text search over the 素材库, the same on SQLite and PostgreSQL.

``search`` returns the snippets visible to ``unit`` (its own and the shared ones) that contain every
term of ``query`` (terms are separated by spaces), ranked best first, with the hits highlighted.

How: the database's full-text index over CJK bigrams (see ``tokens``; FTS5 on SQLite, a GIN
``tsvector`` on PostgreSQL, side by side in ``sqlite`` and ``postgresql``) narrows the candidates;
each term is then checked as an exact substring, so a hit is never false. The rank is the same on
both databases because it is computed from the text, not from the engines' own scores: the
characters the hits cover (Σ occurrences × term length: more hits, and hits of longer terms, come
first), then the preferred kind and aspect, then the newest.
"""

from dataclasses import dataclass, field

from django.db import connections
from django.db.models import Case, Exists, F, OuterRef, QuerySet, Value, When
from django.db.models.functions import Length, Lower, Replace
from django.utils.safestring import SafeString

from apps.snippets.models import Snippet
from apps.snippets.search import postgresql, sqlite
from apps.snippets.search.highlight import highlight
from apps.snippets.search.tokens import parse_query

WINDOW = 200  # characters of text around the first hit in ``Hit.highlighted``
MAX_LIMIT = 100


@dataclass
class Hit:
    snippet: Snippet
    score: float
    highlighted: SafeString  # the text (or a window of it) with <mark> around each hit, escaped
    highlighted_full: SafeString = SafeString("")  # the whole text, marked the same way


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    terms: list[str] = field(default_factory=list)  # the terms searched, as parsed from the query
    notice: str = ""  # in Chinese, when part of the query was not searched (too many or long terms)


def visible_snippets(unit) -> QuerySet[Snippet]:
    """The unit's own snippets and the shared ones; only the shared ones without a unit."""
    if unit is None:
        return Snippet.objects.filter(unit__isnull=True)
    return Snippet.objects.visible_to([unit])


def _backend(snippets: QuerySet):
    return postgresql if connections[snippets.db].vendor == "postgresql" else sqlite


def _covered(term: str):
    """Characters of the text covered by ``term``'s occurrences: length lost when they are removed."""
    text = Lower(F("text"))
    return Length(text) - Length(Replace(text, Lower(Value(term)), Value("")))


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
    prefer_kind: str = "",
    prefer_aspect_id: int | None = None,
) -> SearchResult:
    """``kind``/``aspect_id``/``year``/``source`` filter; ``prefer_kind``/``prefer_aspect_id`` only
    rank (the panel prefers the aspect in view without hiding the others)."""
    parsed = parse_query(query or "")
    snippets = visible_snippets(unit)
    if kind:
        snippets = snippets.filter(kind=kind)
    if aspect_id:
        snippets = snippets.filter(aspects=aspect_id)
    if year:
        snippets = snippets.filter(year=year)
    if source:
        snippets = snippets.filter(source=source)
    if parsed.terms:
        snippets = _backend(snippets).narrow(snippets, parsed.terms)
        for term in parsed.terms:
            snippets = snippets.filter(text__icontains=term)
    total = snippets.count()
    page = _ranked(snippets, parsed.terms, prefer_kind or kind, prefer_aspect_id or aspect_id)
    limit, offset = max(1, min(limit, MAX_LIMIT)), max(0, offset)
    hits = [
        Hit(
            snippet,
            float(snippet.score),
            highlight(snippet.text, parsed.terms, WINDOW),
            highlight(snippet.text, parsed.terms),
        )
        for snippet in page[offset : offset + limit]
    ]
    return SearchResult(hits, total, parsed.terms, parsed.notice)


def _ranked(snippets: QuerySet, terms: list[str], prefer_kind: str, prefer_aspect_id: int | None) -> QuerySet:
    score = sum((_covered(term) for term in terms), Value(0))
    kind_match = Case(When(kind=prefer_kind, then=1), default=0) if prefer_kind else Value(0)
    if prefer_aspect_id:
        tagged = Snippet.aspects.through.objects.filter(snippet=OuterRef("pk"), aspect=prefer_aspect_id)
        aspect_match = Case(When(Exists(tagged), then=1), default=0)
    else:
        aspect_match = Value(0)
    return (
        snippets.annotate(score=score, kind_match=kind_match, aspect_match=aspect_match)
        .order_by("-score", "-kind_match", "-aspect_match", "-created_at", "-pk")
        .select_related("unit", "created_by")
        .prefetch_related("aspects")
    )


__all__ = ["Hit", "SearchResult", "search", "visible_snippets"]
