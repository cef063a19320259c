"""Reads for the review pages and the 工作台 panels, each in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Max, Q, QuerySet

from apps.accounts import access
from apps.accounts.models import UnitRole
from apps.entries.models import Material
from apps.review.models import Transition

Role = UnitRole.Role
Status = Material.Status


def _units_where(user, role: str) -> QuerySet:
    return UnitRole.objects.filter(user=user, role=role).values("unit_id")


def _listed(queryset: QuerySet[Material]) -> QuerySet[Material]:
    return (
        queryset.filter(meeting__unit__is_active=True)
        .select_related("meeting__unit", "member")
        .annotate(last_change=Max("transitions__created_at"))
        .order_by("-last_change", "meeting__unit__name", "member__position")
    )


def waiting_for(user) -> QuerySet[Material]:
    """Materials waiting for ``user`` to review: submitted ones in the units where they are 书记
    (every submitted one for an administrator), and the submitted or approved team materials of the
    units the 督导组 member oversees."""
    if not user.is_authenticated:
        return Material.objects.none()
    if access.is_admin(user):
        return _listed(Material.objects.filter(status=Status.SUBMITTED))
    as_secretary = Q(status=Status.SUBMITTED, meeting__unit__in=_units_where(user, Role.SECRETARY))
    as_supervisor = Q(
        member__isnull=True,
        status__in=[Status.SUBMITTED, Status.APPROVED],
        meeting__unit__in=_units_where(user, Role.SUPERVISOR),
    )
    return _listed(Material.objects.filter(as_secretary | as_supervisor))


def returned_to(user) -> QuerySet[Material]:
    """Returned materials ``user`` has to revise: their own personal material, and as a drafter the
    team materials (and the personal materials of members without a login account)."""
    if not user.is_authenticated:
        return Material.objects.none()
    drafts_in = _units_where(user, Role.DRAFTER)
    mine = Q(member__user=user, meeting__unit__in=_units_where(user, Role.MEMBER))
    drafted = Q(meeting__unit__in=drafts_in) & (Q(member__isnull=True) | Q(member__user__isnull=True))
    return _listed(Material.objects.filter(mine | drafted, status=Status.RETURNED))


def latest_return(material: Material) -> Transition | None:
    return (
        material.transitions.filter(action=Transition.Action.RETURN)
        .select_related("user")
        .order_by("-created_at", "-pk")
        .first()
    )


def record_of(material: Material) -> QuerySet[Transition]:
    return material.transitions.select_related("user").order_by("created_at", "pk")
