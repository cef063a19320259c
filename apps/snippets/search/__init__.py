"""Chinese full-text search over the 素材库, the same on SQLite and PostgreSQL.

``search`` returns the snippets visible to ``unit`` (its own and the shared ones) that contain every
term of ``query`` (terms are separated by spaces), ranked best first, with the hits highlighted.

How: the database's full-text index over CJK bigrams (see ``tokens``; FTS5 on SQLite, a GIN
``tsvector`` on PostgreSQL, side by side in ``sqlite`` and ``postgresql``) finds the candidates;
a term the index cannot decide exactly is also checked as a substring, so a hit is never false.
One query ranks the matches and counts them (``_page_and_total``); the page's snippets are then
read by primary key, without related objects: a page that shows aspects prefetches them.
The rank is the same on both databases because it is computed from the text, not from the
engines' own scores (bm25, ts_rank): how much of the text the hits cover (Σ occurrences × term
length, in UTF-8 bytes in SQL; more hits, and hits of longer terms, come first), then the
preferred kind and aspect, then the newest.
"""

from dataclasses import dataclass, field

from django.db import connections
from django.db.models import Case, Exists, F, Func, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Lower, Replace
from django.utils.safestring import SafeString

from apps.snippets.models import Snippet
from apps.snippets.search import postgresql, sqlite
from apps.snippets.search.highlight import count_occurrences, highlight, occurrences
from apps.snippets.search.tokens import parse_query

WINDOW = 200  # characters of text around the first hit in ``Hit.highlighted``
MAX_LIMIT = 100
RANK = ("-score", "-kind_match", "-aspect_match", "-created_at", "-pk")  # best first; all descending


@dataclass
class Hit:
    snippet: Snippet
    score: float  # characters the hits cover (Σ occurrences × term length)
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
    return Snippet.objects.visible_to_unit(unit)


def _backend(snippets: QuerySet):
    return postgresql if connections[snippets.db].vendor == "postgresql" else sqlite


class ByteLength(Func):
    """Length in bytes: constant time for SQLite's blobs and PostgreSQL's octet_length, where
    counting characters decodes the whole UTF-8 text (measured: half the time of a search)."""

    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="LENGTH(CAST(%(expressions)s AS BLOB))", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="OCTET_LENGTH", **extra)


def _covered(term: str):
    """Bytes of the text covered by ``term``'s occurrences (what removing them takes away): for
    Chinese text, three per character, so more hits and longer terms weigh more. Lower() only
    where the term has Latin letters, which it does not change otherwise."""
    text, needle = F("text"), Value(term)
    if any(c.isascii() and c.isalpha() for c in term):
        text, needle = Lower(text), Lower(needle)
    return ByteLength(text) - ByteLength(Replace(text, needle, Value("")))


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
    untagged_too: bool = False,
) -> SearchResult:
    """``kind``/``aspect_id``/``year``/``source`` filter; ``prefer_kind``/``prefer_aspect_id`` only
    rank (the panel prefers the aspect in view without hiding the others). ``untagged_too``: the
    aspect filter also lets through snippets tagged with no aspect at all (a collection imported
    in bulk has none, and fits any aspect), ranked after the tagged ones."""
    parsed = parse_query(query or "")
    backend = _backend(Snippet.objects.all())
    snippets = backend.visible(unit) if parsed.terms else visible_snippets(unit)
    if kind:
        snippets = snippets.filter(kind=kind)
    if aspect_id:
        snippets = snippets.filter(_aspect_filter(aspect_id, untagged_too))
    if year:
        snippets = snippets.filter(year=year)
    if source:
        snippets = snippets.filter(source=source)
    if parsed.terms:
        snippets = backend.narrow(snippets, parsed.terms)
    limit, offset = max(1, min(limit, MAX_LIMIT)), max(0, offset)
    ranked = _ranked(snippets, parsed.terms, prefer_kind or kind, prefer_aspect_id or aspect_id)
    with backend.planning(snippets.db):
        page, total = _page_and_total(ranked, backend.FENCE, offset, limit)
    return SearchResult([_hit(snippet, parsed.terms) for snippet in page], total, parsed.terms, parsed.notice)


def _hit(snippet: Snippet, terms: list[str]) -> Hit:
    text = snippet.text
    spans = occurrences(text, terms)
    score = float(sum(count_occurrences(text, term) * len(term) for term in terms))
    return Hit(snippet, score, highlight(text, terms, WINDOW, spans), highlight(text, terms, spans=spans))


def _page_and_total(ranked: QuerySet, fence: str, offset: int, limit: int) -> tuple[list[Snippet], int]:
    """One page of ``ranked`` and how many it holds, from ONE evaluation of the match: the count
    and the page as two queries made the database find and read every candidate twice. The rank
    is computed, and sorted, over the keys alone (``fence`` keeps PostgreSQL from carrying every
    candidate's text through the window); the page's snippets are then read by primary key."""
    keys = ranked.values_list(*(key.lstrip("-") for key in RANK)).order_by()
    sql, params = keys.query.get_compiler(using=ranked.db).as_sql()
    order = ", ".join(f"{key[1:]} DESC" for key in RANK)
    paged = (
        f"SELECT pk, COUNT(*) OVER () FROM ({sql}{fence}) AS ranked "  # noqa: S608 - compiled by Django
        f"ORDER BY {order} LIMIT %s OFFSET %s"  # the keys are RANK's, not input
    )
    with connections[ranked.db].cursor() as cursor:
        cursor.execute(paged, [*params, limit, offset])
        rows = cursor.fetchall()
    if not rows:  # nothing matches, or a page past the end: the count alone says which
        return [], ranked.count() if offset else 0
    snippets = Snippet.objects.using(ranked.db).in_bulk([pk for pk, _ in rows])
    return [snippets[pk] for pk, _ in rows], rows[0][1]


def _aspect_filter(aspect_id: int, untagged_too: bool) -> Q:
    tags = Snippet.aspects.through.objects.filter(snippet=OuterRef("pk"))
    tagged = Q(Exists(tags.filter(aspect=aspect_id)))
    return tagged | ~Q(Exists(tags)) if untagged_too else tagged


def _ranked(snippets: QuerySet, terms: list[str], prefer_kind: str, prefer_aspect_id: int | None) -> QuerySet:
    score = sum((_covered(term) for term in terms), Value(0))
    kind_match = Case(When(kind=prefer_kind, then=1), default=0) if prefer_kind else Value(0)
    if prefer_aspect_id:
        tagged = Snippet.aspects.through.objects.filter(snippet=OuterRef("pk"), aspect=prefer_aspect_id)
        aspect_match = Case(When(Exists(tagged), then=1), default=0)
    else:
        aspect_match = Value(0)
    return snippets.annotate(score=score, kind_match=kind_match, aspect_match=aspect_match).order_by(*RANK)


__all__ = ["Hit", "SearchResult", "search", "visible_snippets"]
