from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate


class CoreConfig(AppConfig):
    name = "apps.core"
    verbose_name = "基础"

    def ready(self) -> None:
        from apps.core import checks  # noqa: F401 - registers the system checks
        from apps.core.guards import drop_guards, install_guards

        # Guards are (re)installed after every migrate: SQLite drops a table's triggers whenever a
        # migration rebuilds that table, so installing them once in a migration would not last.
        # They are dropped before it, because a guard reading a table SQLite rebuilds breaks the
        # rebuild (see drop_guards).
        pre_migrate.connect(drop_guards, sender=self, dispatch_uid="reportbuilder-drop-guards")
        post_migrate.connect(install_guards, sender=self, dispatch_uid="reportbuilder-install-guards")
