"""Comments (审核意见) on one material, each anchored to what it concerns: an entry (a problem, a
cause, a measure or one of its sub-items), an aspect's lead-in, one of the material's own texts (the
preamble, a part's lead, the closing) or the whole material.

The anchor is stored as a kind and an id (or a field name), not as a foreign key: a comment outlives
the entry it was made on, which a drafter may delete while answering it. A short excerpt of the
anchored text, the material's revision and the entry's revision at the time keep it tied to the
version it was made on (the history's snapshots are placed by time, ``created_at``).
"""

from django.conf import settings
from django.db import models

from apps.core.fields import CleanCharField, CleanTextField
from apps.core.models import TimeStampedModel

BODY_LIMIT = 2000
EXCERPT_LIMIT = 80


class CommentQuerySet(models.QuerySet):
    def roots(self):
        return self.filter(parent__isnull=True)

    def open(self):
        return self.filter(resolved_at__isnull=True)


class MaterialComment(TimeStampedModel):
    class Anchor(models.TextChoices):
        MATERIAL = "material", "整份材料"
        TEXT = "text", "材料文字"
        ASPECT = "aspect", "方面导语"
        PROBLEM = "problem", "问题"
        CAUSE = "cause", "原因"
        MEASURE = "measure", "措施"
        ITEM = "item", "具体举措"

    material = models.ForeignKey(
        "entries.Material", verbose_name="材料", on_delete=models.CASCADE, related_name="comments"
    )
    anchor_kind = models.CharField("针对", max_length=20, choices=Anchor.choices, default=Anchor.MATERIAL)
    # The entry's id (an aspect's id for its lead-in); empty for the material and its texts.
    anchor_id = models.PositiveIntegerField("条目编号", null=True, blank=True)
    # The material's field (preamble, problems_lead, …) for a comment on one of its texts.
    anchor_field = models.CharField("材料字段", max_length=30, blank=True)
    excerpt = CleanCharField("原文摘录", max_length=EXCERPT_LIMIT + 1)
    parent = models.ForeignKey(
        "self",
        verbose_name="回复的意见",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提出人",
        on_delete=models.PROTECT,
        related_name="material_comments",
    )
    body = CleanTextField("意见", max_length=BODY_LIMIT, blank=False)
    as_supervisor = models.BooleanField("督导组意见", default=False)
    material_revision = models.PositiveIntegerField("材料版本", default=1)
    entry_revision = models.PositiveIntegerField("条目版本", null=True, blank=True)
    resolved_at = models.DateTimeField("解决时间", null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="解决人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = "条目意见"
        verbose_name_plural = "条目意见"
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["material", "anchor_kind", "anchor_id"], name="comment_anchor_idx")]

    def __str__(self) -> str:
        return self.body[:40]

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None

    @property
    def anchor(self) -> str:
        """The anchor as the workspace script names it: ``problem:12``, ``text:preamble``, ``material``."""
        if self.anchor_kind == self.Anchor.MATERIAL:
            return "material"
        if self.anchor_kind == self.Anchor.TEXT:
            return f"text:{self.anchor_field}"
        return f"{self.anchor_kind}:{self.anchor_id}"
