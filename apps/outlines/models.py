from django.db import models

from apps.core.fields import CleanCharField, CleanTextField
from apps.core.models import TimeStampedModel


class MeetingKind(models.TextChoices):
    DEMOCRATIC_LIFE = "democratic_life", "民主生活会"
    SPECIAL_DEMOCRATIC_LIFE = "special_democratic_life", "专题民主生活会"
    ORGANISATIONAL_LIFE = "organisational_life", "组织生活会"


class DocumentKind(models.TextChoices):
    TEAM = "team", "班子对照检查材料"
    MEMBER = "member", "个人对照检查材料"
    SITUATION = "situation", "情况报告"


class SectionPart(models.TextChoices):
    """What a top-level section of a document holds; exporters fill each part from the data."""

    RECAP = "recap", "上年度整改落实情况"
    PROBLEMS = "problems", "存在的问题"
    CAUSES = "causes", "原因剖析"
    MEASURES = "measures", "整改措施"
    PREPARATION = "preparation", "会前准备"
    MEETING = "meeting", "会议召开"
    RECTIFICATION = "rectification", "整改落实"


# Shown on a personal material for an aspect whose outline has no member hint (an admin's own aspect).
MEMBER_GUIDANCE_DEFAULT = (
    "对照本方面的要求查找自己的差距，联系我分管的工作和岗位职责，用“比如”写出我自己经历的一件具体事；"
    "用“我”写问题，不写“有的同志”，不以成绩和理由代替问题。"
)


class OutlineTemplateQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class OutlineTemplate(TimeStampedModel):
    """The standard outline of one year's meeting: its theme, aspects and section headings."""

    name = CleanCharField("提纲名称", max_length=150, blank=False)
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True, help_text="通用提纲留空")
    meeting_kind = models.CharField("会议类型", max_length=30, choices=MeetingKind.choices)
    theme = CleanCharField("会议主题", max_length=300)
    title_theme = CleanCharField(
        "会议名称中的主题",
        max_length=30,
        help_text="新建会议时写进会议名称的主题简称，如“主题教育”（某某局党委2023年度主题教育专题民主生活会）；"
        "留空则会议名称不写主题",
    )
    general_requirement = CleanCharField("总要求", max_length=200)
    description = CleanTextField("说明", max_length=2000, help_text="上级通知的要点，供撰稿人参考")
    is_active = models.BooleanField("启用", default=True)

    objects = OutlineTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = "年度提纲"
        verbose_name_plural = "年度提纲"
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "year"], name="outline_name_unique_per_year"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def choice_label(self) -> str:
        """How the outline is offered when a meeting is created: its name and the year it is for."""
        return f"{self.name}（{'通用' if self.is_generic else f'{self.year}年'}）"

    @property
    def is_generic(self) -> bool:
        """A generic outline serves any year; admins fill in its aspects."""
        return self.year is None


class Aspect(models.Model):
    """One aspect (方面) of an outline, e.g. 带头严守政治纪律和政治规矩，维护党的团结统一."""

    outline = models.ForeignKey(
        OutlineTemplate, verbose_name="提纲", on_delete=models.CASCADE, related_name="aspects"
    )
    position = models.PositiveSmallIntegerField("排序")
    wording = CleanCharField("完整表述", max_length=300, blank=False)
    label = CleanCharField("简称", max_length=30, blank=False, help_text="用于界面和台账，如“政治纪律”")
    guidance = CleanTextField(
        "撰写提示", max_length=2000, help_text="班子对照检查材料的提示：写什么、督导组看什么"
    )
    member_guidance = CleanTextField(
        "个人材料撰写提示",
        max_length=2000,
        help_text="个人对照检查材料的提示，用第一人称写给班子成员本人，如“查找自己在……方面的差距”",
    )

    class Meta:
        verbose_name = "方面"
        verbose_name_plural = "方面"
        ordering = ["outline", "position"]
        constraints = [
            models.UniqueConstraint(fields=["outline", "position"], name="aspect_position_unique"),
        ]

    def __str__(self) -> str:
        return self.label or self.wording

    def guidance_for(self, *, team: bool) -> str:
        """The writing hint for the team material or for a member's personal one.

        The team hint speaks of the team (“写班子……”); a member writes in the first person about
        their own work, so a personal material never falls back to it, only to a generic hint.
        """
        if team:
            return self.guidance
        return self.member_guidance or MEMBER_GUIDANCE_DEFAULT


class OutlineSection(models.Model):
    """A top-level heading a document kind uses under this outline (numbered 一、二、… on export)."""

    outline = models.ForeignKey(
        OutlineTemplate, verbose_name="提纲", on_delete=models.CASCADE, related_name="sections"
    )
    document = models.CharField("文件类型", max_length=20, choices=DocumentKind.choices)
    part = models.CharField("内容", max_length=20, choices=SectionPart.choices)
    position = models.PositiveSmallIntegerField("排序")
    heading = CleanCharField("标题", max_length=100, blank=False, help_text="不含序号，导出时自动编号")

    class Meta:
        verbose_name = "章节标题"
        verbose_name_plural = "章节标题"
        ordering = ["outline", "document", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["outline", "document", "position"], name="section_position_unique"
            ),
            models.UniqueConstraint(fields=["outline", "document", "part"], name="section_part_unique"),
        ]

    def __str__(self) -> str:
        return self.heading
