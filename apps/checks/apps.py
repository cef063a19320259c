from django.apps import AppConfig


class ChecksConfig(AppConfig):
    name = "apps.checks"
    verbose_name = "体检"

    def ready(self) -> None:
        from apps.checks import receivers  # noqa: F401  (the copy index refreshed after an import)
