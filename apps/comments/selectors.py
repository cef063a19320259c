"""Reading comments without N+1 queries: the open counts of a page's anchors, one anchor's threads,
a material's list, and what waits for a user on 工作台."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery

from apps.accounts.models import UnitRole
from apps.entries.models import Material

from .anchors import mark_deleted_anchors
from .models import MaterialComment

FILTERS = {
    "open": ("未解决", Q(resolved_at__isnull=True)),
    "resolved": ("已解决", Q(resolved_at__isnull=False)),
    "supervisor": ("督导组意见", Q(as_supervisor=True) | Q(replies__as_supervisor=True)),
}


def open_counts(material: Material) -> dict[str, int]:
    """Open threads per anchor (``problem:12`` → 2): one query, whatever the number of entries."""
    rows = (
        material.comments.roots()
        .open()
        .values("anchor_kind", "anchor_id", "anchor_field")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        MaterialComment(
            anchor_kind=r["anchor_kind"], anchor_id=r["anchor_id"], anchor_field=r["anchor_field"]
        ).anchor: r["n"]
        for r in rows
    }


def _with_replies(queryset: QuerySet) -> QuerySet:
    replies = MaterialComment.objects.select_related("author").order_by("created_at", "pk")
    return queryset.select_related("author", "resolved_by").prefetch_related(
        Prefetch("replies", queryset=replies)
    )


def threads_on(material: Material, *, kind: str, anchor_id: int | None, field: str) -> list[MaterialComment]:
    """The threads on one anchor, open ones first."""
    roots = material.comments.roots().filter(anchor_kind=kind, anchor_id=anchor_id, anchor_field=field)
    threads = list(_with_replies(roots).order_by("created_at", "pk"))
    threads.sort(key=lambda c: c.is_resolved)  # stable: open first, each group by time
    return threads


def threads_of(material: Material, show: str = "") -> list[MaterialComment]:
    """All threads of a material, open ones first, then by time; ``show`` one of FILTERS."""
    roots = material.comments.roots()
    if show in FILTERS:
        roots = roots.filter(FILTERS[show][1]).distinct()
    threads = list(_with_replies(roots).order_by("created_at", "pk"))
    threads.sort(key=lambda c: c.is_resolved)  # stable: open first, each group by time
    mark_deleted_anchors(material, threads)
    return threads


def to_answer(user, limit: int = 20) -> list[MaterialComment]:
    """Open threads waiting for ``user``: on a material they write, started by someone else and not
    answered by them yet; or started by them and answered by someone else since their last word."""
    if not user.is_authenticated:
        return []
    roles = UnitRole.objects.filter(user=user, unit__is_active=True)
    drafts = roles.filter(role=UnitRole.Role.DRAFTER).values("unit_id")
    member_units = roles.filter(role=UnitRole.Role.MEMBER).values("unit_id")
    writes = Q(material__meeting__unit_id__in=drafts) | Q(
        material__member__user=user, material__meeting__unit_id__in=member_units
    )
    mine = MaterialComment.objects.filter(parent=OuterRef("pk"), author=user)
    last_reply = MaterialComment.objects.filter(parent=OuterRef("pk")).order_by("-created_at", "-pk")
    roots = (
        MaterialComment.objects.roots()
        .open()
        .annotate(answered=Exists(mine), last_author=Subquery(last_reply.values("author_id")[:1]))
        .filter(
            (writes & ~Q(author=user) & Q(answered=False))
            | (Q(author=user) & Q(last_author__isnull=False) & ~Q(last_author=user.pk))
        )
        .select_related("author", "material__meeting", "material__member")
        .order_by("-created_at")
    )
    return list(roots[:limit])
