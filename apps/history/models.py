"""What the history adds beside django-reversion's Revision and Version: why a whole-material
revision was taken (Snapshot), and which material an autosave revision belongs to (MaterialEdit)."""

from django.conf import settings
from django.db import models
from reversion.models import Revision


class Snapshot(models.Model):
    """The whole material with its entries at a moment that matters: a review transition, an export,
    just before and just after a restore. Several snapshots share one revision when nothing changed
    in between (exports are frequent): the listing still says when each one happened."""

    class Reason(models.TextChoices):
        SUBMIT = "submit", "提交审核"
        RETURN = "return", "退回修改"
        APPROVE = "approve", "审核通过"
        REOPEN = "reopen", "重新修改"
        EXPORT = "export", "导出"
        BEFORE_RESTORE = "before_restore", "恢复前"
        RESTORE = "restore", "恢复"

    material = models.ForeignKey(
        "entries.Material", verbose_name="材料", on_delete=models.CASCADE, related_name="snapshots"
    )
    revision = models.ForeignKey(Revision, verbose_name="版本数据", on_delete=models.CASCADE)
    reason = models.CharField("原因", max_length=20, choices=Reason.choices)
    note = models.CharField("说明", max_length=500, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField("时间", auto_now_add=True)
    transition_id = models.PositiveIntegerField("审核记录", null=True, blank=True)
    content_hash = models.CharField("内容指纹", max_length=64, editable=False)

    class Meta:
        verbose_name = "版本"
        verbose_name_plural = "版本"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["material", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.material} · {self.get_reason_display()} · {self.created_at:%Y-%m-%d %H:%M}"


class MaterialEdit(models.Model):
    """One autosave (or other workspace write) of a material: the audit trail of the workspace.
    Its revision holds who, when, and the rows as they were saved."""

    revision = models.OneToOneField(Revision, on_delete=models.CASCADE, related_name="material_edit")
    material = models.ForeignKey(
        "entries.Material", verbose_name="材料", on_delete=models.CASCADE, related_name="edits"
    )
    action = models.CharField("操作", max_length=40)

    class Meta:
        verbose_name = "修改记录"
        verbose_name_plural = "修改记录"
        ordering = ["-pk"]

    def __str__(self) -> str:
        return self.action
