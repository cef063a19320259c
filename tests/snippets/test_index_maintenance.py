"""SQLite's full-text index is kept by triggers, which a table rebuild drops: ``migrate`` puts them
back and re-indexes what was written meanwhile."""

import pytest
from django.core.management import call_command
from django.db import connection

from apps.snippets.models import Snippet
from apps.snippets.search import search
from apps.snippets.search.sqlite import TRIGGERS
from tests.snippets.conftest import on_sqlite


def trigger_names() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'")
        return {name for (name, table) in cursor.fetchall() if table == "snippets_snippet"}


@on_sqlite
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_index_works_again_after_a_migration_rebuilds_the_table(unit):
    Snippet.objects.create(unit=unit, text="重建之前保存的素材")
    with connection.schema_editor() as editor:
        editor._remake_table(Snippet)  # what SQLite does for most AlterField/AddField migrations
    assert not trigger_names() & set(TRIGGERS)
    Snippet.objects.create(unit=unit, text="触发器不在时保存的素材")

    call_command("migrate", verbosity=0)

    assert trigger_names() >= set(TRIGGERS)
    assert search(unit=unit, query="重建之前").total == 1
    assert search(unit=unit, query="触发器").total == 1
    Snippet.objects.create(unit=unit, text="迁移之后保存的素材")
    assert search(unit=unit, query="迁移之后").total == 1
    assert search(unit=unit, query="素材").total == 3
