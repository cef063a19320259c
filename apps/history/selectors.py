"""Reads for the 版本 pages, each in a fixed number of queries however long the material is."""

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from reversion.models import Version

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
