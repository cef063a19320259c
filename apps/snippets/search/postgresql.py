"""PostgreSQL: a stored generated ``tsvector`` over the two token columns ('simple' configuration:
no stemming, no stop words), a GIN index on it, queried with ``@@`` and phrase operators ``<->``.

The column is not a model field (SQLite has no such type); it exists on PostgreSQL only, created by
migration 0002, and the database computes it on every INSERT and UPDATE, bulk ones included. The
'simple' parser keeps each bigram as one token when the database's locale classifies CJK
characters as letters (UTF-8 locales, C.UTF-8 included; tests/snippets checks it).
"""

from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from apps.snippets.search.tokens import runs

TABLE = "snippets_snippet"
CREATE_INDEX = [
    f"ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "to_tsvector('simple'::regconfig, search_bigrams) || to_tsvector('simple'::regconfig, search_unigrams)"
    ") STORED",
    f"CREATE INDEX snippets_snippet_search ON {TABLE} USING gin (search_vector)",
]
DROP_INDEX = [f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector"]


def create_index(cursor) -> None:
    for statement in CREATE_INDEX:
        cursor.execute(statement)


def tsquery(terms: list[str]) -> str:
    """One character: that lexeme (only the unigram part has one-character lexemes); a longer
    Chinese run: its bigrams at consecutive positions; a Latin word: a prefix. All required."""
    parts = []
    for term in terms:
        for run in runs(term):
            if not run.chinese:
                parts.append(f"'{run.text}':*")
            else:
                lexemes = run.bigrams or [run.text]
                parts.append("(" + " <-> ".join(f"'{lexeme}'" for lexeme in lexemes) + ")")
    return " & ".join(parts)


def narrow(snippets: QuerySet, terms: list[str]) -> QuerySet:
    query = tsquery(terms)
    if not query:
        return snippets
    matches = RawSQL(  # noqa: S611 - constant SQL, the query is a parameter
        f"{TABLE}.search_vector @@ to_tsquery('simple'::regconfig, %s)", [query], output_field=BooleanField()
    )
    return snippets.filter(matches)
