from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "apps.comments"
    verbose_name = "审核意见"
