import pytest
from django.db import connection

from apps.snippets.models import Snippet

# The search tests run on the database the suite runs on: SQLite by default, PostgreSQL with
# DATABASE_URL=postgres://… (see README). Backend-specific checks skip on the other one.
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite-only check")
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs DATABASE_URL=postgres://…"
)


@pytest.fixture
def make_snippet(unit):
    def make(text: str, *, owner=unit, **fields) -> Snippet:
        return Snippet.objects.create(unit=owner, text=text, **fields)

    return make
