from django.apps import AppConfig


class BundlesConfig(AppConfig):
    name = "apps.bundles"
    verbose_name = "打包下载"

    def ready(self) -> None:
        from apps.bundles import receivers  # noqa: F401  (a job's file leaves the storage with its row)
