from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "apps.ledger"
    verbose_name = "整改台账"

    def ready(self) -> None:
        import reversion

        from apps.ledger import receivers  # noqa: F401  (demo progress notes, evidence file removal)
        from apps.ledger.models import Evidence, ProgressNote, StatusChange

        # A ledger write's revision (apps.ledger.services) lists the rows it wrote in the material's
        # 修改记录: the measure, and the note, its files and the status change saved with it.
        for model in (ProgressNote, Evidence, StatusChange):
            if not reversion.is_registered(model):
                reversion.register(model)
