from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "apps.dashboards"
    verbose_name = "统计看板"

    def ready(self) -> None:
        from apps.dashboards import receivers  # noqa: F401  (whether the top bar shows 统计看板)
