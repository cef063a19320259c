"""What the 整改台账 adds to a measure after the meeting: a dated list of progress notes (进展),
the evidence files attached to them (佐证材料), every status change with who made it and why, and
the reminders already sent. The measure itself (owner, deadline, status) lives in apps/entries."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from apps.core.fields import CleanCharField, CleanTextField
from apps.entries.models import Measure

Status = Measure.Status


class ProgressNote(models.Model):
    """One dated report of progress on a measure: who wrote it, when, what was done."""

    measure = models.ForeignKey(
        Measure, verbose_name="整改措施", on_delete=models.CASCADE, related_name="progress_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="填写人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="progress_notes",
    )
    noted_on = models.DateField("进展日期", default=timezone.localdate)
    text = CleanTextField("进展情况", max_length=2000, blank=False)
    created_at = models.DateTimeField("填写时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "整改进展"
        verbose_name_plural = "整改进展"
        ordering = ["measure", "noted_on", "created_at", "pk"]
        indexes = [models.Index(fields=["measure", "-noted_on", "-created_at"], name="progress_note_latest")]

    def __str__(self) -> str:
        return f"{self.noted_on:%Y-%m-%d} {self.text[:30]}"


def evidence_path(instance: "Evidence", filename: str) -> str:
    """Stored under a random name: the user's file name (kept in ``name``) never reaches the
    storage, so no path trick or odd character does either."""
    import uuid

    return f"evidence/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.{instance.kind}"


class Evidence(models.Model):
    """A file (佐证材料) attached to a progress note, stored through Django's storage API."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        JPG = "jpg", "JPEG 图片"
        PNG = "png", "PNG 图片"
        DOCX = "docx", "Word 文档"
        XLSX = "xlsx", "Excel 表格"

    note = models.ForeignKey(
        ProgressNote, verbose_name="整改进展", on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField("文件", upload_to=evidence_path, max_length=300)
    name = CleanCharField("文件名", max_length=200, blank=False)
    kind = models.CharField("文件类型", max_length=10, choices=Kind.choices)
    size = models.PositiveIntegerField("大小（字节）")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"
        ordering = ["note", "pk"]

    def __str__(self) -> str:
        return self.name


class StatusChange(models.Model):
    """One change of a measure's status (开始推进, 标记完成, 销号, 重新打开 …), with its note or reason."""

    class Action(models.TextChoices):
        START = "start", "开始推进"
        COMPLETE = "complete", "标记完成"
        CLOSE = "close", "销号"
        REOPEN = "reopen", "重新打开"

    measure = models.ForeignKey(
        Measure, verbose_name="整改措施", on_delete=models.CASCADE, related_name="status_changes"
    )
    action = models.CharField("操作", max_length=20, choices=Action.choices)
    from_status = models.CharField("原状态", max_length=20, choices=Status.choices)
    to_status = models.CharField("新状态", max_length=20, choices=Status.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        on_delete=models.SET_NULL,
        null=True,
        related_name="measure_status_changes",
    )
    note = CleanTextField("说明", max_length=2000, help_text="销号时写整改成效，重新打开时写原因")
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "整改状态记录"
        verbose_name_plural = "整改状态记录"
        ordering = ["measure", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.measure} · {self.get_action_display()}"


class Reminder(models.Model):
    """A reminder sent about one measure on one day: the daily job sends at most one per day."""

    class Reason(models.TextChoices):
        DUE_SOON = "due_soon", "即将到期"
        OVERDUE = "overdue", "已逾期"

    measure = models.ForeignKey(Measure, verbose_name="整改措施", on_delete=models.CASCADE, related_name="+")
    day = models.DateField("日期")
    reason = models.CharField("原因", max_length=20, choices=Reason.choices)
    recipients = models.PositiveSmallIntegerField("提醒人数", default=0)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "整改提醒"
        verbose_name_plural = "整改提醒"
        ordering = ["-day", "measure"]
        constraints = [models.UniqueConstraint(fields=["measure", "day"], name="reminder_once_a_day")]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} · {self.measure}"
