"""The structured content of the materials: problems, their causes and the measures answering them.

Every entry belongs to a :class:`Material`: the team's material of a meeting (member empty) or one
member's personal material. Links between entries stay inside one material; guards enforce it.
"""

from django.db import models
from django.db.models import Q

from apps.core.fields import CleanCharField, CleanTextField
from apps.core.models import RevisionedModel, TimeStampedModel, UnorderedManager


class MaterialQuerySet(models.QuerySet):
    def team(self):
        return self.filter(member__isnull=True)

    def personal(self):
        return self.filter(member__isnull=False)


# The material's own fields by what they hold; the admin, the workspace's settings panel and the
# history (diff, restore) list them from here.
MATERIAL_WORDING_FIELDS = ("title", "recap_heading", "problems_heading", "causes_heading", "measures_heading")
MATERIAL_LEAD_FIELDS = ("problems_lead", "causes_lead", "measures_lead")
MATERIAL_PRINT_SETTINGS = (
    "layout",
    "aspect_numbering",
    "problem_numbering",
    "causes_numbering",
    "measures_numbering",
    "measure_item_marker",
    "auto_leads",
    "signature",
    "signature_date",
)


class Material(RevisionedModel, TimeStampedModel):
    """One document's own free text: the team material or one member's 个人对照检查材料, and how it
    prints: its own wording of the title and section headings, the leads the drafter wrote, the
    layout of the problem blocks, the numbering of aspects, problems, causes and measures, whether
    empty leads get a generated one, and the signature. Every
    wording left empty prints the default from the outline and the meeting."""

    class Status(models.TextChoices):
        DRAFT = "draft", "起草中"
        SUBMITTED = "submitted", "已提交审核"
        RETURNED = "returned", "退回修改"
        APPROVED = "approved", "审核通过"

    class Layout(models.TextChoices):
        RUN_IN = "run_in", "连排：方面标题作段首句，问题接排在同一段"
        SEPARATE = "separate", "分行：方面标题单独一行，每条问题一段"

    class Numbering(models.TextChoices):
        PAREN = "paren", "（一）（二）……"
        DECIMAL = "decimal", "1. 2. ……"
        INLINE = "inline", "一是、二是……"

    class AspectNumbering(models.TextChoices):
        PAREN = "paren", "（一）（二）……"
        PAREN_DIGIT = "paren_digit", "（1）（2）……"
        DECIMAL = "decimal", "1. 2. ……"

    class ProblemNumbering(models.TextChoices):
        INLINE = "inline", "一是、二是……"
        DECIMAL = "decimal", "1. 2. ……"
        PAREN_DIGIT = "paren_digit", "（1）（2）……"

    class ItemMarker(models.TextChoices):
        YAO = "yao", "一要、二要……"
        SHI = "shi", "一是、二是……"

    class Signature(models.TextChoices):
        MEETING_DATE = "meeting_date", "单位名称和会议日期"
        CHOSEN_DATE = "chosen_date", "单位名称和指定日期"
        UNDATED = "undated", "只署单位名称"
        NONE = "none", "不落款"

    meeting = models.ForeignKey(
        "meetings.Meeting", verbose_name="会议", on_delete=models.CASCADE, related_name="materials"
    )
    member = models.ForeignKey(
        "units.Member",
        verbose_name="班子成员",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="留空表示班子对照检查材料",
        related_name="materials",
    )
    preamble = CleanTextField("开头", max_length=3000, help_text="会议主题、会前准备，以“报告如下：”结尾")
    recap = CleanTextField("上年度整改落实情况", max_length=5000)
    closing = CleanTextField("结尾", max_length=2000)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)

    # Wording chosen for this material (empty: the default from the meeting and the outline).
    title = CleanCharField("标题", max_length=200, help_text="留空则按会议名称生成")
    recap_heading = CleanCharField("“上年度整改落实情况”部分标题", max_length=100)
    problems_heading = CleanCharField("“存在的问题”部分标题", max_length=100)
    causes_heading = CleanCharField("“原因剖析”部分标题", max_length=100)
    measures_heading = CleanCharField("“整改措施”部分标题", max_length=100)
    # Leads written by the drafter (empty: none for the problems, a generated one with the count
    # for causes and measures).
    problems_lead = CleanTextField("问题部分导语", max_length=1000)
    causes_lead = CleanTextField("原因部分导语", max_length=1000)
    measures_lead = CleanTextField("措施部分导语", max_length=1000)
    # Layout.
    layout = models.CharField("问题排版", max_length=20, choices=Layout.choices, blank=True)
    aspect_numbering = models.CharField(
        "方面序号", max_length=20, choices=AspectNumbering.choices, default=AspectNumbering.PAREN
    )
    problem_numbering = models.CharField(
        "问题序号（分行排版时）",
        max_length=20,
        choices=ProblemNumbering.choices,
        default=ProblemNumbering.INLINE,
        help_text="连排时问题接排在方面标题之后，总是用“一是、二是……”",
    )
    causes_numbering = models.CharField(
        "原因序号", max_length=20, choices=Numbering.choices, default=Numbering.PAREN
    )
    measures_numbering = models.CharField(
        "措施序号", max_length=20, choices=Numbering.choices, default=Numbering.PAREN
    )
    measure_item_marker = models.CharField(
        "措施细项序号", max_length=10, choices=ItemMarker.choices, default=ItemMarker.YAO
    )
    # Off: a part whose lead is left empty prints none (as a source imported without one).
    auto_leads = models.BooleanField(
        "未写导语时自动生成", default=True, help_text="原因、措施部分没有写导语时，按条数生成一句导语"
    )
    signature = models.CharField("落款", max_length=20, choices=Signature.choices, blank=True)
    signature_date = models.DateField("落款日期", null=True, blank=True, help_text="落款选“指定日期”时填写")

    objects = MaterialQuerySet.as_manager()
    unordered = UnorderedManager()

    class Meta:
        base_manager_name = "unordered"
        verbose_name = "对照检查材料"
        verbose_name_plural = "对照检查材料"
        ordering = ["meeting", "member__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting"], condition=Q(member__isnull=True), name="material_one_team_material"
            ),
            models.UniqueConstraint(
                fields=["meeting", "member"],
                condition=Q(member__isnull=False),
                name="material_one_per_member",
            ),
        ]

    @property
    def is_team(self) -> bool:
        return self.member_id is None

    def save(self, *args, **kwargs):
        # Team materials print as real ones do (an aspect in one paragraph, signed by the unit);
        # a personal material keeps a line per heading and has its author under the title.
        if not self.layout:
            self.layout = self.Layout.RUN_IN if self.is_team else self.Layout.SEPARATE
        if not self.signature:
            self.signature = self.Signature.MEETING_DATE if self.is_team else self.Signature.NONE
        super().save(*args, **kwargs)

    @property
    def document_label(self) -> str:
        """``班子对照检查材料`` or ``张三个人对照检查材料``: the material as pages and messages name it."""
        return "班子对照检查材料" if self.is_team else f"{self.member.name}个人对照检查材料"

    def __str__(self) -> str:
        return f"{self.meeting} · {self.document_label}"


class AspectText(RevisionedModel, TimeStampedModel):
    """What a material writes for one aspect besides its problems: its own wording of the aspect's
    heading and the lead-in before 一是 (the team's achievements and the turn “但还存在一些问题：”)."""

    material = models.ForeignKey(
        Material, verbose_name="材料", on_delete=models.CASCADE, related_name="aspect_texts"
    )
    aspect = models.ForeignKey(
        "outlines.Aspect", verbose_name="方面", on_delete=models.PROTECT, related_name="material_texts"
    )
    heading = CleanCharField("本材料中的方面标题", max_length=300, help_text="留空则用提纲的完整表述")
    lead_in = CleanTextField("方面导语", max_length=2000, help_text="写在“一是”之前：成绩和转折")

    objects = models.Manager()
    unordered = UnorderedManager()

    class Meta:
        base_manager_name = "unordered"
        verbose_name = "方面标题和导语"
        verbose_name_plural = "方面标题和导语"
        ordering = ["material", "aspect__position"]
        constraints = [
            models.UniqueConstraint(fields=["material", "aspect"], name="aspect_text_once_per_material"),
        ]

    def __str__(self) -> str:
        return self.heading or str(self.aspect)


class Problem(RevisionedModel, TimeStampedModel):
    """A problem found (查摆问题) under one aspect of the outline."""

    class Source(models.TextChoices):
        SELF_EXAMINATION = "self", "自查"
        OPINIONS = "opinions", "征求意见"
        SUPERVISION = "supervision", "督导反馈"
        INSPECTION = "inspection", "巡视巡察"
        CARRIED_OVER = "carried_over", "上年未结"

    material = models.ForeignKey(
        Material, verbose_name="材料", on_delete=models.CASCADE, related_name="problems"
    )
    aspect = models.ForeignKey(
        "outlines.Aspect", verbose_name="所属方面", on_delete=models.PROTECT, related_name="problems"
    )
    position = models.PositiveSmallIntegerField("排序")
    headline = CleanCharField("问题概括", max_length=200, blank=False, help_text="一句话概括，不写序号")
    elaboration = CleanTextField("具体表现", max_length=3000)
    example = CleanTextField("典型事例", max_length=2000, help_text="以“比如”开头的具体事例")
    source = models.CharField(
        "问题来源", max_length=20, choices=Source.choices, default=Source.SELF_EXAMINATION
    )
    # A problem carried over from last year's open measure (source 上年未结).
    carried_from = models.ForeignKey(
        "entries.Measure",
        verbose_name="上年整改措施",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_into",
    )

    objects = models.Manager()
    unordered = UnorderedManager()

    class Meta:
        base_manager_name = "unordered"
        verbose_name = "查摆问题"
        verbose_name_plural = "查摆问题"
        ordering = ["material", "aspect__position", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["material", "aspect", "position"], name="problem_position_unique_in_aspect"
            ),
        ]

    def __str__(self) -> str:
        return self.headline


class Cause(RevisionedModel, TimeStampedModel):
    """A cause (原因剖析) and the problems it explains."""

    class Category(models.TextChoices):
        IDEALS = "ideals", "理想信念"
        PARTY_SPIRIT = "party_spirit", "党性修养"
        PURPOSE = "purpose", "宗旨意识"
        DISCIPLINE = "discipline", "纪律规矩"
        CONDUCT = "conduct", "作风"
        CAPABILITY = "capability", "能力"
        OTHER = "other", "其他"

    material = models.ForeignKey(
        Material, verbose_name="材料", on_delete=models.CASCADE, related_name="causes"
    )
    position = models.PositiveSmallIntegerField("排序")
    category = models.CharField("类别", max_length=20, choices=Category.choices, default=Category.OTHER)
    headline = CleanCharField("原因概括", max_length=200, blank=False)
    elaboration = CleanTextField("具体剖析", max_length=3000)
    problems = models.ManyToManyField(Problem, verbose_name="对应问题", blank=True, related_name="causes")

    objects = models.Manager()
    unordered = UnorderedManager()

    class Meta:
        base_manager_name = "unordered"
        verbose_name = "原因剖析"
        verbose_name_plural = "原因剖析"
        ordering = ["material", "position"]
        constraints = [
            models.UniqueConstraint(fields=["material", "position"], name="cause_position_unique"),
        ]

    def __str__(self) -> str:
        return self.headline


class MeasureQuerySet(models.QuerySet):
    def still_open(self):
        """Not yet 已完成 or 已销号: the measures the ledger follows, reminds of and carries over."""
        return self.filter(status__in=Measure.OPEN_STATUSES)

    def overdue(self, today):
        """Open and past the deadline: the ledger's 已逾期, everywhere it is counted."""
        return self.still_open().filter(deadline__lt=today)


class Measure(RevisionedModel, TimeStampedModel):
    """A rectification measure (整改措施) with its owner and deadline: one row of the 整改台账."""

    class Kind(models.TextChoices):
        IMMEDIATE = "immediate", "立行立改"
        DEADLINE = "deadline", "限期整改"
        LONG_TERM = "long_term", "长期坚持"

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "未启动"
        IN_PROGRESS = "in_progress", "推进中"
        DONE = "done", "已完成"
        CLOSED = "closed", "已销号"

    OPEN_STATUSES = (Status.NOT_STARTED, Status.IN_PROGRESS)
    FINISHED_STATUSES = (Status.DONE, Status.CLOSED)

    material = models.ForeignKey(
        Material, verbose_name="材料", on_delete=models.CASCADE, related_name="measures"
    )
    position = models.PositiveSmallIntegerField("排序")
    headline = CleanCharField("措施概括", max_length=200, blank=False)
    elaboration = CleanTextField("具体内容", max_length=3000)
    problems = models.ManyToManyField(Problem, verbose_name="对应问题", blank=True, related_name="measures")
    causes = models.ManyToManyField(Cause, verbose_name="对应原因", blank=True, related_name="measures")
    owner = models.ForeignKey(
        "units.Member",
        verbose_name="责任领导",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_measures",
    )
    department = CleanCharField("责任部门", max_length=100)
    deadline = models.DateField("完成时限", null=True, blank=True)
    kind = models.CharField("整改类型", max_length=20, choices=Kind.choices, default=Kind.DEADLINE)
    # Followed after the meeting in the 整改台账 (apps/ledger): progress notes, evidence files and every
    # status change live there; a measure past 未启动 is never deleted from the workspace.
    status = models.CharField("整改状态", max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    completed_on = models.DateField("完成日期", null=True, blank=True)

    objects = MeasureQuerySet.as_manager()
    unordered = UnorderedManager()

    class Meta:
        base_manager_name = "unordered"
        verbose_name = "整改措施"
        verbose_name_plural = "整改措施"
        ordering = ["material", "position"]
        indexes = [models.Index(fields=["status", "deadline"], name="measure_status_deadline")]
        constraints = [
            models.UniqueConstraint(fields=["material", "position"], name="measure_position_unique"),
            models.CheckConstraint(
                condition=Q(status__in=["not_started", "in_progress"]) | Q(completed_on__isnull=False),
                name="measure_done_has_completion_date",
            ),
        ]

    def __str__(self) -> str:
        return self.headline

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def is_overdue(self, today) -> bool:
        """Open and past its deadline (已完成 and 已销号 are never overdue)."""
        return self.is_open and self.deadline is not None and self.deadline < today


class MeasureItem(RevisionedModel):
    """A sub-item of a measure, printed as 一要…二要…"""

    measure = models.ForeignKey(
        Measure, verbose_name="整改措施", on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField("排序")
    text = CleanTextField("内容", max_length=1000, blank=False)

    objects = models.Manager()
    unordered = UnorderedManager()

    class Meta:
        base_manager_name = "unordered"
        verbose_name = "措施细项"
        verbose_name_plural = "措施细项"
        ordering = ["measure", "position"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "position"], name="measure_item_position_unique"),
        ]

    def __str__(self) -> str:
        return self.text[:40]
