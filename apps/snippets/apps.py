from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate


class SnippetsConfig(AppConfig):
    name = "apps.snippets"
    verbose_name = "素材库"

    def ready(self) -> None:
        from apps.snippets.search.sqlite import drop_triggers, install_triggers

        # SQLite's full-text index is kept in step by triggers, which a table rebuild in a later
        # migration would drop: like apps.core's guards they are dropped before every migrate and
        # installed after it, with the index rebuilt from the table (see apps.snippets.search.sqlite).
        pre_migrate.connect(drop_triggers, sender=self, dispatch_uid="snippets-drop-fts-triggers")
        post_migrate.connect(install_triggers, sender=self, dispatch_uid="snippets-install-fts-triggers")
