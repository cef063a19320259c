from django.apps import AppConfig


class OutlinesConfig(AppConfig):
    name = "apps.outlines"
    verbose_name = "年度提纲"
