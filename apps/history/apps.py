from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "apps.history"
    verbose_name = "修改记录与版本"

    def ready(self) -> None:
        # Registration lives here, not in apps/entries: the entries do not know they are versioned.
        from apps.history import receivers, registration

        registration.register_entries()
        receivers.connect()
