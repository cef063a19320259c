"""PostgreSQL: a stored generated ``tsvector`` of the app's tokens, a GIN index on it, queried with
``@@`` (``tsquery`` says why the bigrams are ANDed).

The column is not a model field (SQLite has no such type); it exists on PostgreSQL only and the
database computes it on every INSERT and UPDATE, COPY and bulk ones included. Since migration 0003
it is ``array_to_tsvector`` of the two token columns split on spaces: the lexemes are the tokens
as ``tokens.index_columns`` wrote them, without positions (no query uses them) and without the
text-search parser (``to_tsvector`` was 80 % of the database's work in a bulk import); queries
cast their lexemes to ``tsquery`` unparsed too, so both sides agree whatever the locale.

The token columns are stored out of line (TOAST) and the text in the row: a search reads the
rows of its candidates (visibility, the substring check, the rank), a third of the pages when
they hold only the text.
"""

from contextlib import contextmanager

from django.db import connections, transaction
from django.db.models import BooleanField, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from apps.snippets.models import Snippet
from apps.snippets.search.tokens import runs, substring_filter

TABLE = "snippets_snippet"
# The index as migration 0002 created it (0002 runs these; 0003 replaces the column and the index).
CREATE_INDEX = [
    f"ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "to_tsvector('simple'::regconfig, search_bigrams) || to_tsvector('simple'::regconfig, search_unigrams)"
    ") STORED",
    f"CREATE INDEX snippets_snippet_search ON {TABLE} USING gin (search_vector)",
]
DROP_INDEX = [f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector"]
# Ends the ranked subquery of ``search``: PostgreSQL does not flatten a subquery with an OFFSET, so
# the rank is computed inside it and only the keys reach the window (COUNT(*) OVER ()); flattened,
# every candidate's text went through the window, spilling it to disk (45 ms instead of 20).
FENCE = " OFFSET 0"


def visible(unit) -> QuerySet:
    """The unit's own snippets and the shared ones, written so that no b-tree can serve it: once the
    table has statistics, an indexable ``unit_id IS NULL OR unit_id = …`` lures the planner into
    driving from the unit index and testing ``@@`` row by row on detoasted tsvectors (~200 ms for a
    common bigram over 10,000 snippets); the GIN bitmap must drive, the unit is then a filter."""
    owners = [0, unit.pk] if unit is not None else [0]
    return Snippet.objects.alias(owner=Coalesce("unit_id", Value(0))).filter(owner__in=owners)


def create_index(cursor) -> None:
    for statement in CREATE_INDEX:
        cursor.execute(statement)


def tsquery(terms: list[str]) -> str:
    """One character: that lexeme (only the unigram part has one-character lexemes); a longer
    Chinese run: all its bigrams; a Latin word: a prefix. All required. Written as ``tsquery``
    input, not parsed: tokens hold only CJK characters, letters and digits, so quoting them needs
    no escaping.

    Bigrams are ANDed rather than chained with the phrase operator ``<->``: the GIN index answers
    an AND alone, and the substring check on the text is exact; checking positions made
    PostgreSQL read (detoast) the tsvector of every candidate, 10 ms instead of 3.5 ms for a
    four-character term matching 1,200 of 12,000 snippets, and the tsvector no longer has them."""
    parts = []
    for term in terms:
        for run in runs(term):
            if not run.chinese:
                parts.append(f"'{run.text}':*")
            else:
                parts += [f"'{lexeme}'" for lexeme in run.bigrams or [run.text]]
    return " & ".join(parts)


def index_is_exact(term: str) -> bool:
    """One or two Chinese characters: the lexeme's presence is the substring."""
    pieces = runs(term)
    return len(pieces) == 1 and pieces[0].chinese and pieces[0].text == term and len(term) <= 2


def narrow(snippets: QuerySet, terms: list[str]) -> QuerySet:
    query = tsquery(terms)
    if query:
        matches = RawSQL(  # noqa: S611 - constant SQL, the query is a parameter
            f"{TABLE}.search_vector @@ %s::tsquery",
            [query],
            output_field=BooleanField(),
        )
        snippets = snippets.filter(matches)
    for term in terms:
        if not index_is_exact(term):
            snippets = substring_filter(snippets, term)
    return snippets


@contextmanager
def planning(using: str):
    """Use the GIN index even for a term most snippets hold. The planner prices ``@@`` as cheap
    and, above ~half the rows, scans the table instead, detoasting and testing every tsvector:
    160 ms instead of 12 ms for a common bigram over 12,000 snippets (measured on PostgreSQL 15)."""
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield
