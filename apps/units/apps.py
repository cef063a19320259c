from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "apps.units"
    verbose_name = "单位与班子成员"
