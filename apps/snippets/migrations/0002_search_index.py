"""The full-text index of the 素材库: two token columns the app computes, and over them an FTS5 table
(SQLite) or a stored tsvector with a GIN index (PostgreSQL). See apps.snippets.search."""

from django.db import migrations, models


def fill_and_index(apps, schema_editor):
    """Tokens for the snippets saved before this migration, then the backend's index over them
    (SQLite's triggers are installed, and the index rebuilt, after every migrate: apps.snippets.apps)."""
    from apps.snippets.search import postgresql, sqlite
    from apps.snippets.search.tokens import index_columns

    Snippet = apps.get_model("snippets", "Snippet")
    for snippet in Snippet.objects.only("text").iterator():
        snippet.search_bigrams, snippet.search_unigrams = index_columns(snippet.text)
        snippet.save(update_fields=["search_bigrams", "search_unigrams"])
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "sqlite":
            sqlite.create_index(cursor)
        elif vendor == "postgresql":
            postgresql.create_index(cursor)


def drop_index(apps, schema_editor):
    from apps.snippets.search import postgresql, sqlite

    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "sqlite":
            sqlite.drop_triggers(schema_editor.connection.alias)
            cursor.execute(f"DROP TABLE IF EXISTS {sqlite.FTS_TABLE}")
        elif vendor == "postgresql":
            for statement in postgresql.DROP_INDEX:
                cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("snippets", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="snippet",
            name="search_bigrams",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="snippet",
            name="search_unigrams",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(fill_and_index, drop_index),
    ]
