"""Guard triggers around ``migrate``: dropped before it on SQLite, installed again after it."""

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.db.models.signals import post_migrate, pre_migrate

from apps.core.guards import declared_guards, drop_guards, install_guards
from apps.meetings.models import Attendance
from tests.db import rejected


def sqlite_triggers() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {name for (name,) in cursor.fetchall()}


@pytest.fixture
def sqlite(db):
    if connection.vendor != "sqlite":
        pytest.skip("only SQLite rebuilds tables to alter them")


def test_drop_guards_removes_every_guard_trigger_and_install_puts_them_back(sqlite, meeting, other_unit):
    names = {trigger for guard in declared_guards() for trigger in guard.sqlite_triggers()}
    assert names <= sqlite_triggers()

    # A migration that rebuilds a table runs while no guard reads it.
    drop_guards()
    assert not names & sqlite_triggers()

    install_guards()
    assert names <= sqlite_triggers()
    assert rejected(lambda: Attendance.objects.create(meeting=meeting, member=other_unit.members.get()))


def test_migrate_drops_the_guards_before_and_installs_them_after(sqlite):
    # The signals migrate sends around its migrations, as the core app receives them.
    core = django_apps.get_app_config("core")
    names = {trigger for guard in declared_guards() for trigger in guard.sqlite_triggers()}
    signal_args = {"app_config": core, "verbosity": 0, "interactive": False, "using": "default"}

    pre_migrate.send(sender=core, plan=[], apps=django_apps, **signal_args)
    assert not names & sqlite_triggers()
    post_migrate.send(sender=core, plan=[], apps=django_apps, **signal_args)
    assert names <= sqlite_triggers()
