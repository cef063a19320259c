from django.apps import AppConfig


class SnippetsConfig(AppConfig):
    name = "apps.snippets"
    verbose_name = "素材库"
