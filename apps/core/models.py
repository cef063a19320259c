from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        abstract = True


class RevisionedModel(models.Model):
    """A row edited from the browser by several people: every save through
    :func:`apps.core.revisions.save_revision` bumps ``revision``, so a save based on an older
    revision is detected instead of silently overwriting someone else's text."""

    revision = models.PositiveIntegerField("版本", default=1, editable=False)

    class Meta:
        abstract = True


class UnorderedManager(models.Manager):
    """A model's base manager (``Meta.base_manager_name``) without the default ordering: Django
    reads through it to follow a foreign key, to save and to delete, and django-reversion to check
    that the rows of a revision still exist (every autosave). None of them needs an order, and the
    entries' default orderings (material → meeting, member, aspect) cost joins that were most of
    compiling those one-row queries."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().order_by()
