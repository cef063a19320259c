from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "apps.ledger"
    verbose_name = "整改台账"

    def ready(self) -> None:
        from apps.ledger import receivers  # noqa: F401  (demo progress notes, history registration)
