from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "apps.workspace"
    verbose_name = "材料撰写"
