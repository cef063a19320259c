# ruff: noqa: S608 - the SQL is assembled from the constants below, never from input (queries are parameters)
"""SQLite: an FTS5 table over the two token columns (external content: the tokens are stored once,
in ``snippets_snippet``), kept in step by triggers, queried with MATCH.

SQLite drops a table's triggers whenever a migration rebuilds the table (most column changes do),
so, like the guards of apps.core.guards, the triggers are dropped before every ``migrate`` and
installed again after it, followed by a rebuild of the index from the table: a later migration
cannot silently stop the indexing, and whatever was written while the triggers were off is indexed.
"""

from contextlib import nullcontext

from django.db import connections
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from apps.snippets.models import Snippet
from apps.snippets.search.tokens import index_is_exact, runs, substring_filter

TABLE = "snippets_snippet"
FTS_TABLE = "snippets_snippet_fts"
COLUMNS = ("search_bigrams", "search_unigrams")
FENCE = ""  # see postgresql.FENCE: SQLite needs none

CREATE_FTS = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    f"search_bigrams, search_unigrams, content='{TABLE}', content_rowid='id', columnsize=0, "
    "tokenize='unicode61 remove_diacritics 0')"
)
_NEW = f"new.id, new.{COLUMNS[0]}, new.{COLUMNS[1]}"
_OLD = f"old.id, old.{COLUMNS[0]}, old.{COLUMNS[1]}"
_ADD = f"INSERT INTO {FTS_TABLE}(rowid, {COLUMNS[0]}, {COLUMNS[1]}) VALUES ({_NEW});"
_REMOVE = (
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {COLUMNS[0]}, {COLUMNS[1]}) VALUES ('delete', {_OLD});"
)
TRIGGERS = {
    "snippets_fts_insert": f"AFTER INSERT ON {TABLE} BEGIN {_ADD} END",
    "snippets_fts_delete": f"AFTER DELETE ON {TABLE} BEGIN {_REMOVE} END",
    "snippets_fts_update": f"AFTER UPDATE ON {TABLE} BEGIN {_REMOVE} {_ADD} END",
}


def visible(unit) -> QuerySet:
    """The unit's own snippets and the shared ones (the unit index serves it, with the FTS rowids)."""
    return Snippet.objects.visible_to_unit(unit)


def create_index(cursor) -> None:
    """The FTS table itself (migration 0002); the triggers come with :func:`install_triggers`."""
    cursor.execute(CREATE_FTS)


def drop_triggers(using: str = "default", **kwargs) -> None:
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def install_triggers(using: str = "default", **kwargs) -> None:
    """(Re)install the triggers and rebuild the index from the table (milliseconds per thousand
    snippets); runs after every ``migrate``."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    tables = set(connection.introspection.table_names())
    if TABLE not in tables or FTS_TABLE not in tables:
        return  # migrated back before 0002, or not yet that far
    with connection.cursor() as cursor:
        for name, body in TRIGGERS.items():
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"CREATE TRIGGER {name} {body}")
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def match_expression(terms: list[str]) -> str:
    """FTS5 query: a one-character term in the unigram column, a longer Chinese run as the phrase
    of its bigrams, a Latin word as a prefix; all of them required. Tokens hold only CJK
    characters, letters and digits, so quoting them needs no escaping."""
    parts = []
    for term in terms:
        for run in runs(term):
            if not run.chinese:
                parts.append(f'search_bigrams : "{run.text}" *')
            elif len(run.text) == 1:
                parts.append(f'search_unigrams : "{run.text}"')
            else:
                parts.append(f'search_bigrams : "{" ".join(run.bigrams)}"')
    return " AND ".join(parts)


def narrow(snippets: QuerySet, terms: list[str]) -> QuerySet:
    expression = match_expression(terms)
    if expression:  # else only punctuation or symbols: the substring check alone decides
        matching = RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [expression])  # noqa: S611
        snippets = snippets.filter(id__in=matching)
    for term in terms:
        if not index_is_exact(term):
            snippets = substring_filter(snippets, term)
    return snippets


def planning(using: str):
    """SQLite's planner needs no hint (the FTS5 subquery always drives)."""
    return nullcontext()
