"""PostgreSQL only: the search ``tsvector`` built from the token columns without the text-search
parser, and the heap kept narrow (see apps.snippets.search.postgresql).

0002's ``to_tsvector('simple', …)`` ran the parser over every token (and stored positions no query
uses): 2.8 s of a 10,000-snippet import. ``array_to_tsvector`` takes the app's tokens as they are
(0.7 s); the queries cast their lexemes to ``tsquery`` the same way, so both sides agree without
depending on how the database's locale classifies CJK characters. The token columns move out of
the table's rows (TOAST) and the text stays in them, so a search reads a third of the pages.

The SQL is written out here, not imported, so that this migration does what it did when it ran.
"""

from django.db import migrations

TABLE = "snippets_snippet"
SEPARATOR = "丨丨丨"  # apps.snippets.search.tokens.SEPARATOR: between runs, never looked up

FORWARD = [
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector",
    f"ALTER TABLE {TABLE} ALTER COLUMN search_bigrams SET STORAGE EXTERNAL, "
    "ALTER COLUMN search_unigrams SET STORAGE EXTERNAL, ALTER COLUMN text SET STORAGE MAIN, "
    "SET (toast_tuple_target = 1024)",
    f"ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (array_to_tsvector("
    f"array_remove(string_to_array(search_bigrams, ' '), '{SEPARATOR}') "
    "|| string_to_array(search_unigrams, ' '))) STORED",
    f"CREATE INDEX snippets_snippet_search ON {TABLE} USING gin (search_vector)",
]
BACKWARD = [  # as migration 0002 left it
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector",
    f"ALTER TABLE {TABLE} ALTER COLUMN search_bigrams SET STORAGE EXTENDED, "
    "ALTER COLUMN search_unigrams SET STORAGE EXTENDED, ALTER COLUMN text SET STORAGE EXTENDED, "
    "RESET (toast_tuple_target)",
    f"ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "to_tsvector('simple'::regconfig, search_bigrams) || to_tsvector('simple'::regconfig, search_unigrams)"
    ") STORED",
    f"CREATE INDEX snippets_snippet_search ON {TABLE} USING gin (search_vector)",
]


def run(statements: list[str]):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return  # SQLite's FTS5 index is unchanged
        with schema_editor.connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("snippets", "0002_search_index"),
    ]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
