from django.conf import settings
from django.db import models
from django.db.models import F, Q

from apps.core.fields import CleanCharField, CleanTextField
from apps.core.models import RevisionedModel, TimeStampedModel
from apps.outlines.models import MeetingKind

# What a meeting's pages read with it (its unit decides who sees it).
MEETING_RELATED = ("unit", "outline", "host")


class MeetingQuerySet(models.QuerySet):
    def for_units(self, units):
        return self.filter(unit__in=units)

    def with_related(self):
        return self.select_related(*MEETING_RELATED)


class Meeting(RevisionedModel, TimeStampedModel):
    """One 民主生活会 / 组织生活会 of one unit, and the free text of its situation report."""

    class Status(models.TextChoices):
        PREPARING = "preparing", "筹备中"
        HELD = "held", "已召开"
        RECTIFYING = "rectifying", "整改中"
        DONE = "done", "已完成"

    unit = models.ForeignKey(
        "units.Unit", verbose_name="单位", on_delete=models.PROTECT, related_name="meetings"
    )
    outline = models.ForeignKey(
        "outlines.OutlineTemplate", verbose_name="提纲", on_delete=models.PROTECT, related_name="meetings"
    )
    kind = models.CharField("会议类型", max_length=30, choices=MeetingKind.choices)
    year = models.PositiveSmallIntegerField("年度")
    title = CleanCharField("会议名称", max_length=200, blank=False)
    date = models.DateField("召开日期", null=True, blank=True)
    place = CleanCharField("地点", max_length=100)
    host = models.ForeignKey(
        "units.Member",
        verbose_name="主持人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_meetings",
    )
    supervisor_names = CleanCharField("督导组成员", max_length=200, help_text="多人用顿号分隔")
    supervisor_org = CleanCharField("督导组单位", max_length=100)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.PREPARING)
    narrative = CleanTextField("会议情况", max_length=5000, help_text="情况报告中的会议召开经过")
    supervisor_remarks = CleanTextField("督导组点评", max_length=3000)
    report_date = models.DateField("报告日期", null=True, blank=True, help_text="情况报告落款的日期")

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = "会议"
        verbose_name_plural = "会议"
        ordering = ["-year", "-date", "-pk"]
        indexes = [models.Index(fields=["unit", "-year"], name="meeting_unit_year")]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    """Whether a member attended the meeting; an absence needs a reason (请假事由)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="会议", on_delete=models.CASCADE, related_name="attendances"
    )
    member = models.ForeignKey(
        "units.Member", verbose_name="班子成员", on_delete=models.CASCADE, related_name="attendances"
    )
    present = models.BooleanField("出席", default=True)
    absence_reason = CleanCharField("缺席原因", max_length=200)

    class Meta:
        verbose_name = "出席情况"
        verbose_name_plural = "出席情况"
        ordering = ["meeting", "member__position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once_per_member"),
            models.CheckConstraint(
                condition=Q(present=True) | ~Q(absence_reason=""), name="absence_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member.name}：{'出席' if self.present else '缺席'}"


class StudySession(RevisionedModel):
    """A study session (学习研讨) held to prepare the meeting."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="会议", on_delete=models.CASCADE, related_name="study_sessions"
    )
    date = models.DateField("日期")
    topic = CleanCharField("主题", max_length=200, blank=False)
    content = CleanTextField("内容", max_length=2000)

    class Meta:
        verbose_name = "学习研讨"
        verbose_name_plural = "学习研讨"
        ordering = ["meeting", "date", "pk"]

    def __str__(self) -> str:
        return self.topic


class OpinionSolicitation(RevisionedModel):
    """One way opinions were gathered: a 座谈会, a 征求意见表, an 意见箱 …"""

    class Method(models.TextChoices):
        FORUM = "forum", "座谈会"
        FORM = "form", "征求意见表"
        BOX = "box", "意见箱"
        TALK = "talk", "个别访谈"
        ONLINE = "online", "网络征集"
        OTHER = "other", "其他"

    meeting = models.ForeignKey(
        Meeting, verbose_name="会议", on_delete=models.CASCADE, related_name="solicitations"
    )
    method = models.CharField("方式", max_length=20, choices=Method.choices)
    date = models.DateField("日期", null=True, blank=True)
    participants = CleanCharField("参加对象", max_length=200, help_text="如“基层党员代表、服务对象”")

    class Meta:
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"
        ordering = ["meeting", "date", "pk"]

    def __str__(self) -> str:
        return (
            f"{self.get_method_display()}（{self.date:%Y-%m-%d}）" if self.date else self.get_method_display()
        )


class Opinion(RevisionedModel):
    """One opinion or suggestion received; the team or a member claims it (认领) with a problem."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="会议", on_delete=models.CASCADE, related_name="opinions"
    )
    position = models.PositiveIntegerField("排序")
    text = CleanTextField("意见建议", max_length=1000, blank=False)
    solicitation = models.ForeignKey(
        OpinionSolicitation,
        verbose_name="来源",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opinions",
    )
    aspect = models.ForeignKey(
        "outlines.Aspect", verbose_name="所属方面", on_delete=models.SET_NULL, null=True, blank=True
    )
    target_member = models.ForeignKey(
        "units.Member",
        verbose_name="针对对象",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text="留空表示针对班子",
        related_name="opinions",
    )
    claimed_by = models.ForeignKey(
        "entries.Problem",
        verbose_name="认领问题",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="claimed_opinions",
    )

    class Meta:
        verbose_name = "意见建议"
        verbose_name_plural = "意见建议"
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="opinion_position_unique"),
        ]

    def __str__(self) -> str:
        return self.text[:40]


class Talk(RevisionedModel):
    """A one-to-one talk (谈心谈话) held before the meeting."""

    meeting = models.ForeignKey(Meeting, verbose_name="会议", on_delete=models.CASCADE, related_name="talks")
    initiator = models.ForeignKey(
        "units.Member", verbose_name="谈话人", on_delete=models.CASCADE, related_name="talks_held"
    )
    counterpart = models.ForeignKey(
        "units.Member",
        verbose_name="谈话对象（班子成员）",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="talks_received",
    )
    counterpart_name = CleanCharField(
        "谈话对象（其他人员）", max_length=100, help_text="谈话对象不是班子成员时填写姓名和职务"
    )
    date = models.DateField("日期", null=True, blank=True)
    summary = CleanTextField("谈话要点", max_length=2000)

    class Meta:
        verbose_name = "谈心谈话"
        verbose_name_plural = "谈心谈话"
        ordering = ["meeting", "date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(counterpart__isnull=False) | ~Q(counterpart_name=""), name="talk_has_counterpart"
            ),
            models.CheckConstraint(condition=~Q(initiator=F("counterpart")), name="talk_not_with_self"),
        ]

    def __str__(self) -> str:
        return f"{self.initiator.name}—{self.counterpart_display}"

    @property
    def counterpart_display(self) -> str:
        return self.counterpart.name if self.counterpart_id else self.counterpart_name


class Comment(TimeStampedModel):
    """A remark on a meeting's materials by the secretary (审核意见) or the 督导组, answered by drafters."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="会议", on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提出人",
        on_delete=models.PROTECT,
        related_name="meeting_comments",
    )
    body = CleanTextField("意见", max_length=2000, blank=False)
    resolved = models.BooleanField("已处理", default=False)

    class Meta:
        verbose_name = "审核意见"
        verbose_name_plural = "审核意见"
        ordering = ["meeting", "-created_at"]

    def __str__(self) -> str:
        return self.body[:40]
