"""An import between upload and commit: the source as lines, the structure the parser proposed and
the drafter corrected, and, once committed, the text that was kept as text (never lost)."""

from django.conf import settings
from django.db import models

from apps.core.models import TimeStampedModel
from apps.imports.proposal import Proposal


class PendingImportQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=PendingImport.Status.PENDING)

    def of_material(self, material):
        return self.filter(material=material)


class PendingImport(TimeStampedModel):
    class SourceKind(models.TextChoices):
        DOCX = "docx", "Word 文件（.docx）"
        TXT = "txt", "文本文件（.txt）"
        PASTE = "paste", "粘贴的文字"

    class Mode(models.TextChoices):
        REPLACE = "replace", "替换本材料已有的内容"
        APPEND = "append", "追加到已有内容后面"

    class Status(models.TextChoices):
        PENDING = "pending", "待确认"
        COMMITTED = "committed", "已导入"
        DISCARDED = "discarded", "已放弃"

    material = models.ForeignKey(
        "entries.Material", verbose_name="材料", on_delete=models.CASCADE, related_name="imports"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="导入人",
        on_delete=models.SET_NULL,
        null=True,
        related_name="material_imports",
    )
    source_name = models.CharField("来源", max_length=255, blank=True)
    source_kind = models.CharField("来源类型", max_length=10, choices=SourceKind.choices)
    source_lines = models.JSONField("原文（按段）", default=list)
    # The proposal as the drafter last saved it, without its source lines (kept once, above).
    proposal = models.JSONField("识别结果", default=dict)
    mode = models.CharField("导入方式", max_length=10, choices=Mode.choices, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    committed_at = models.DateTimeField("导入时间", null=True, blank=True)
    # After the commit: what became entries (counts) and what was kept as text, for the result page.
    counts = models.JSONField("导入条数", default=dict, blank=True)
    kept_as_text = models.JSONField("保留为文字的内容", default=list, blank=True)

    objects = PendingImportQuerySet.as_manager()

    class Meta:
        verbose_name = "材料导入"
        verbose_name_plural = "材料导入"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["material", "status"], name="import_material_status")]

    def __str__(self) -> str:
        return f"{self.source_name or self.get_source_kind_display()}（{self.get_status_display()}）"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    def get_proposal(self) -> Proposal:
        return Proposal.from_json({**self.proposal, "source_lines": list(self.source_lines)})

    def set_proposal(self, proposal: Proposal) -> None:
        data = proposal.to_json()
        data.pop("source_lines", None)
        self.proposal = data
