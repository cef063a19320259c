"""Reads for the 版本 pages, each in a fixed number of queries however long the material is."""

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from reversion.models import Version

from apps.comments.models import MaterialComment
from apps.core.ids import parse_id
from apps.entries.models import Material
from apps.history.models import MaterialEdit, Snapshot

EDITS_PER_PAGE = 30


def snapshots_of(material: Material) -> QuerySet[Snapshot]:
    return Snapshot.objects.filter(material=material).select_related("user").order_by("-created_at", "-pk")


def snapshot_of(material: Material, value: object) -> Snapshot:
    """A snapshot of this material named in the query string; anything else is a 404."""
    pk = parse_id(value)
    snapshot = (
        Snapshot.objects.filter(material=material, pk=pk).select_related("user").first() if pk else None
    )
    if snapshot is None:
        raise Http404("没有找到该版本。")
    return snapshot


def edits_page(material: Material, number: object) -> Page:
    """One page of the audit trail: each autosave with who, when and the rows it wrote."""
    edits = (
        MaterialEdit.objects.filter(material=material)
        .select_related("revision__user")
        .prefetch_related(
            Prefetch(
                "revision__version_set",
                Version.objects.select_related("content_type").only(
                    "revision_id", "object_repr", "content_type__app_label", "content_type__model"
                ),
            )
        )
        .order_by("-pk")
    )
    return Paginator(edits, EDITS_PER_PAGE).get_page(number)


def comments_on_snapshots(material: Material, snapshots: list[Snapshot]) -> dict[int, list[MaterialComment]]:
    """The comments made on each version: those written after the snapshot was taken and before the
    next one (the text the reviewer read), in one query. Earlier comments belong to no snapshot."""
    by_time = sorted(snapshots, key=lambda snapshot: (snapshot.created_at, snapshot.pk))
    made_on: dict[int, list[MaterialComment]] = {snapshot.pk: [] for snapshot in snapshots}
    comments = (
        MaterialComment.objects.filter(material=material).select_related("author").order_by("created_at")
    )
    position = -1
    for comment in comments:
        while position + 1 < len(by_time) and by_time[position + 1].created_at <= comment.created_at:
            position += 1
        if position >= 0:
            made_on[by_time[position].pk].append(comment)
    return made_on
