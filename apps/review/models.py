"""The review record: one row per change of a material's review status (submitted, returned,
approved, reopened), with who made it, when, and the comment a return requires."""

from django.conf import settings
from django.db import models

from apps.core.fields import CleanTextField
from apps.entries.models import Material

Status = Material.Status


class Transition(models.Model):
    class Action(models.TextChoices):
        SUBMIT = "submit", "提交审核"
        RETURN = "return", "退回修改"
        APPROVE = "approve", "审核通过"
        REOPEN = "reopen", "重新打开修改"

    material = models.ForeignKey(
        Material, verbose_name="材料", on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField("操作", max_length=20, choices=Action.choices)
    from_status = models.CharField("原状态", max_length=20, choices=Status.choices)
    to_status = models.CharField("新状态", max_length=20, choices=Status.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        on_delete=models.SET_NULL,
        null=True,
        related_name="review_transitions",
    )
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    comment = CleanTextField("意见", max_length=5000)
    # A return by the 督导组 is labelled 督导组意见 wherever it is shown.
    as_supervisor = models.BooleanField("督导组意见", default=False)

    class Meta:
        verbose_name = "审核记录"
        verbose_name_plural = "审核记录"
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["material", "-created_at"], name="review_transition_latest")]

    def __str__(self) -> str:
        return f"{self.material} · {self.get_action_display()}"

    @property
    def comment_label(self) -> str:
        return "督导组意见" if self.as_supervisor else "审核意见"
