from django.conf import settings
from django.db import models

from apps.core.models import TimeStampedModel


class UnitRole(TimeStampedModel):
    """What a user may do in one unit. A user may hold several roles, in several units.

    Administrators are Django staff users and manage everything through the admin; they need no
    unit role.
    """

    class Role(models.TextChoices):
        DRAFTER = "drafter", "撰稿人"
        MEMBER = "member", "班子成员"
        SECRETARY = "secretary", "书记（审核）"
        SUPERVISOR = "supervisor", "督导组"
        # Reads every unit below the one it is given (its subtree), as the 督导组 reads its units.
        ORGANISATION = "organisation", "组织部门"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="unit_roles"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name="单位", on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = "单位角色"
        verbose_name_plural = "单位角色"
        ordering = ["unit", "role", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="unit_role_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.unit} · {self.get_role_display()}"
