"""Database guards that keep links inside one meeting or one unit.

A foreign key proves that the row exists, not that it belongs to the same meeting: a cause could
otherwise explain another unit's problem. These checks span two tables, which CHECK constraints
cannot do, so each guard is a trigger that aborts the INSERT or UPDATE with an integrity error.
The same violation expression (plain SQL on ``NEW``) runs on SQLite and on PostgreSQL.

Apps declare their guards in a ``GUARDS`` list in ``<app>/guards.py``; ``install_guards`` runs after
every ``migrate`` and is idempotent.
"""

from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.db import connections


@dataclass(frozen=True)
class Guard:
    table: str
    name: str
    # SQL that is true when NEW breaks the rule; NULL (an empty optional link) lets the row pass.
    violation: str
    message: str

    def sqlite_triggers(self) -> dict[str, str]:
        """Trigger name → the event it fires on."""
        return {f"{self.name}_{event.lower()}": event for event in ("INSERT", "UPDATE")}

    def sqlite_statements(self) -> list[str]:
        statements = []
        for trigger, event in self.sqlite_triggers().items():
            statements += [
                f"DROP TRIGGER IF EXISTS {trigger}",
                f"CREATE TRIGGER {trigger} BEFORE {event} ON {self.table} FOR EACH ROW "
                f"WHEN {self.violation} BEGIN SELECT RAISE(ABORT, '{self.message}'); END",
            ]
        return statements

    def postgresql_statements(self) -> list[str]:
        return [
            f"CREATE OR REPLACE FUNCTION {self.name}() RETURNS trigger AS $guard$ BEGIN "
            f"IF {self.violation} THEN RAISE EXCEPTION '{self.message}' USING ERRCODE = '23514'; "
            f"END IF; RETURN NEW; END $guard$ LANGUAGE plpgsql",
            f"DROP TRIGGER IF EXISTS {self.name} ON {self.table}",
            f"CREATE TRIGGER {self.name} BEFORE INSERT OR UPDATE ON {self.table} "
            f"FOR EACH ROW EXECUTE FUNCTION {self.name}()",
        ]


def declared_guards() -> list[Guard]:
    guards: list[Guard] = []
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.guards")
        except ModuleNotFoundError:
            continue
        guards += getattr(module, "GUARDS", [])
    return guards


def install_guards(using: str = "default", **kwargs) -> None:
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for guard in declared_guards():
            if guard.table not in tables:
                continue  # a partial migrate (e.g. to an earlier state) has not created it yet
            if connection.vendor == "postgresql":
                statements = guard.postgresql_statements()
            elif connection.vendor == "sqlite":
                statements = guard.sqlite_statements()
            else:
                continue
            for statement in statements:
                cursor.execute(statement)


def drop_guards(using: str = "default", **kwargs) -> None:
    """Remove the SQLite guard triggers before migrations run; ``install_guards`` puts them back.

    To add or alter most columns SQLite rebuilds the table (create a copy, drop the old one, rename
    the copy). A guard on another table that reads the rebuilt one (an opinion's guard reads
    ``outlines_aspect``) makes that DROP fail with "error in trigger …: no such table", so on an
    existing database such a migration could never run. PostgreSQL alters tables in place and
    keeps its guards. If a migrate fails half-way the guards stay off until the next one succeeds.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for guard in declared_guards():
            for trigger in guard.sqlite_triggers():
                cursor.execute(f"DROP TRIGGER IF EXISTS {trigger}")


def unit_of_member(column: str) -> str:
    return f"(SELECT unit_id FROM units_member WHERE id = NEW.{column})"


def meeting_column(column: str, meeting_column: str = "meeting_id") -> str:
    return f"(SELECT {column} FROM meetings_meeting WHERE id = NEW.{meeting_column})"
