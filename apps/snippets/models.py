"""The 素材库: paragraphs a unit keeps (or an administrator shares with every unit) to draft from,
and which entry took which snippet (the quality check flags text used unchanged)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from apps.core.fields import CleanCharField, CleanTextField
from apps.core.models import TimeStampedModel
from apps.core.text import clean_text


class SnippetQuerySet(models.QuerySet):
    def visible_to(self, units):
        """The snippets of ``units`` and the shared ones; never another unit's private snippets."""
        return self.filter(Q(unit__isnull=True) | Q(unit__in=units))

    def visible_to_unit(self, unit):
        """One unit's library: its own snippets and the shared ones (no unit: the shared ones)."""
        return self.filter(unit__isnull=True) if unit is None else self.visible_to([unit])


class Snippet(TimeStampedModel):
    class Kind(models.TextChoices):
        PROBLEM = "problem", "问题"
        CAUSE = "cause", "原因"
        MEASURE = "measure", "措施"
        LEAD_IN = "lead_in", "导语"
        OTHER = "other", "其他"

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name="所属单位",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="snippets",
        help_text="留空表示共享给所有单位（只有管理员可以共享）",
    )
    text = CleanTextField("内容", max_length=5000, blank=False)
    kind = models.CharField("类别", max_length=20, choices=Kind.choices, default=Kind.OTHER)
    aspects = models.ManyToManyField(
        "outlines.Aspect", verbose_name="所属方面", blank=True, related_name="snippets"
    )
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    source = CleanCharField("来源", max_length=200, help_text="如素材集的标题、某单位某年度材料")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="保存人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="snippets",
    )
    # The full-text index's tokens (apps.snippets.search.tokens), computed from ``text`` by the app
    # so that save() and bulk_create() fill them alike; the database indexes them (FTS5 on SQLite,
    # a GIN tsvector on PostgreSQL). QuerySet.update(text=…) bypasses them: use save() or
    # fill_search_columns() first.
    search_bigrams = models.TextField(editable=False, default="")
    search_unigrams = models.TextField(editable=False, default="")

    objects = SnippetQuerySet.as_manager()

    class Meta:
        verbose_name = "素材"
        verbose_name_plural = "素材库"
        ordering = ["-created_at", "-pk"]

    def fill_search_columns(self) -> None:
        # Imported here: the search package imports this module.
        from apps.snippets.search.tokens import index_columns

        self.search_bigrams, self.search_unigrams = index_columns(self.text)

    def save(self, *args, **kwargs) -> None:
        # The text is cleaned by its field's pre_save, which runs later: clean it first, so the
        # tokens describe the stored text.
        self.text = clean_text(self.text)
        self.fill_search_columns()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "text" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_bigrams", "search_unigrams"}
        super().save(*args, **kwargs)

    @property
    def is_shared(self) -> bool:
        return self.unit_id is None

    def __str__(self) -> str:
        return self.text[:40]


class SnippetUse(models.Model):
    """One insertion of a snippet into a field of an entry (a problem, cause, measure, item, aspect
    lead-in or the material's own text)."""

    class Mode(models.TextChoices):
        APPEND = "append", "追加"
        REPLACE = "replace", "替换"

    snippet = models.ForeignKey(Snippet, verbose_name="素材", on_delete=models.CASCADE, related_name="uses")
    material = models.ForeignKey(
        "entries.Material", verbose_name="材料", on_delete=models.CASCADE, related_name="snippet_uses"
    )
    entry_type = models.ForeignKey(ContentType, verbose_name="条目类型", on_delete=models.CASCADE)
    entry_id = models.PositiveBigIntegerField("条目")
    entry = GenericForeignKey("entry_type", "entry_id")
    field_name = models.CharField("字段", max_length=50)
    mode = models.CharField("方式", max_length=10, choices=Mode.choices)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="使用人", on_delete=models.SET_NULL, null=True, blank=True
    )
    used_at = models.DateTimeField("使用时间", auto_now_add=True)

    class Meta:
        verbose_name = "素材使用记录"
        verbose_name_plural = "素材使用记录"
        ordering = ["-used_at"]
        indexes = [models.Index(fields=["entry_type", "entry_id"], name="snippet_use_entry")]

    def __str__(self) -> str:
        return f"{self.snippet} → {self.entry_type.model}#{self.entry_id}.{self.field_name}"
