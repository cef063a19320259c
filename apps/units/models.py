from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.expressions import RawSQL

from apps.core.fields import CleanCharField
from apps.core.models import TimeStampedModel


class UnitQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def in_subtrees(self, roots_sql: str, params: tuple = ()):
        """The units under (and including) the roots that ``roots_sql`` selects (one column of unit
        ids), at any depth: one recursive query inside the filter, on SQLite and PostgreSQL alike."""
        # Only table names and the caller's fixed SQL are formatted in; every value is a parameter.
        table = self.model._meta.db_table
        tree = (
            f"WITH RECURSIVE subtree(id) AS ({roots_sql} "  # noqa: S608
            f"UNION SELECT child.id FROM {table} child JOIN subtree ON child.parent_id = subtree.id) "
            "SELECT id FROM subtree"
        )
        return self.filter(pk__in=RawSQL(tree, params))  # noqa: S611

    def subtree_of(self, unit: "Unit"):
        # The root selected from the table, not as a bare parameter: PostgreSQL types ``SELECT %s``
        # as integer and refuses a recursion whose other term yields the bigint ids.
        table = self.model._meta.db_table
        return self.in_subtrees(f"SELECT id FROM {table} WHERE id = %s", (unit.pk,))  # noqa: S608


class Unit(TimeStampedModel):
    """A unit and its leadership team (领导班子), e.g. 某某局党委."""

    class Kind(models.TextChoices):
        PARTY_COMMITTEE = "party_committee", "党委"
        PARTY_GROUP = "party_group", "党组"
        WORKING_COMMITTEE = "working_committee", "党工委"
        GENERAL_BRANCH = "general_branch", "党总支"
        BRANCH = "branch", "党支部"
        STANDING_COMMITTEE = "standing_committee", "常委会"
        OTHER = "other", "其他"

    name = CleanCharField("单位名称", max_length=100, blank=False, unique=True)
    short_name = CleanCharField("简称", max_length=30, help_text="用于文件名和列表，如“某某局党委”")
    kind = models.CharField("组织类型", max_length=30, choices=Kind.choices, default=Kind.PARTY_COMMITTEE)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级单位",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    is_active = models.BooleanField("启用", default=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "单位（领导班子）"
        verbose_name_plural = "单位（领导班子）"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="unit_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class MemberQuerySet(models.QuerySet):
    def active_on(self, day):
        """Members serving on ``day``: started on or before it and not yet left."""
        return self.filter(Q(active_from__isnull=True) | Q(active_from__lte=day)).filter(
            Q(active_to__isnull=True) | Q(active_to__gte=day)
        )


class Member(TimeStampedModel):
    """A member of a unit's leadership team (班子成员), listed in official order."""

    class Role(models.TextChoices):
        SECRETARY = "secretary", "书记"
        DEPUTY_SECRETARY = "deputy_secretary", "副书记"
        COMMITTEE_MEMBER = "committee_member", "委员"
        MEMBER = "member", "成员"

    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.CASCADE, related_name="members")
    name = CleanCharField("姓名", max_length=30, blank=False)
    title = CleanCharField("职务", max_length=100, help_text="如“局长、党委副书记”")
    role = models.CharField("班子职务", max_length=20, choices=Role.choices, default=Role.COMMITTEE_MEMBER)
    position = models.PositiveSmallIntegerField("排序", help_text="班子成员的正式排序，数字小的在前")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登录账号",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
    )
    active_from = models.DateField("任职起始", null=True, blank=True)
    active_to = models.DateField("任职截止", null=True, blank=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = "班子成员"
        verbose_name_plural = "班子成员"
        ordering = ["unit", "position"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "position"], name="member_position_unique_in_unit"),
            models.UniqueConstraint(
                fields=["unit", "user"], condition=Q(user__isnull=False), name="member_user_once_per_unit"
            ),
            models.CheckConstraint(
                condition=Q(active_to__isnull=True)
                | Q(active_from__isnull=True)
                | Q(active_to__gte=F("active_from")),
                name="member_active_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.title}）" if self.title else self.name
