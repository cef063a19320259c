"""A zip of all of a meeting's documents one user may read (导出全部材料), built in the background.

The row is what every app server and worker shares: its status and counts drive the page's progress
bar, the file lives in Django's default storage (local files or S3), so the server that answers the
download need not be the one that queued it nor the worker that wrote it."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from apps.meetings.models import Meeting


def bundle_path(instance: "BundleJob", filename: str) -> str:
    """A random stored name: the Chinese name (``filename``) is only ever sent in the download's header."""
    return f"bundles/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.zip"


class BundleJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "生成中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    meeting = models.ForeignKey(
        Meeting, verbose_name="会议", on_delete=models.CASCADE, related_name="bundle_jobs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="申请人", on_delete=models.CASCADE, related_name="bundle_jobs"
    )
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField("已完成文件数", default=0)
    total = models.PositiveIntegerField("文件总数", default=0)
    file = models.FileField("文件", upload_to=bundle_path, max_length=300, blank=True)
    filename = models.CharField("下载文件名", max_length=200, blank=True)
    error = models.TextField("失败原因", blank=True)
    created_at = models.DateTimeField("申请时间", auto_now_add=True, db_index=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "打包下载"
        verbose_name_plural = "打包下载"
        ordering = ["-created_at", "-pk"]
        constraints = [
            # At most one job per meeting and user is waiting or running: a second click (or a second
            # app server answering it) gets that job back instead of doing the work twice.
            models.UniqueConstraint(
                fields=["meeting", "requested_by"],
                condition=Q(status__in=["queued", "running"]),
                name="bundle_one_active_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.requested_by} · {self.get_status_display()}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0
