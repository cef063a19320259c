"""The 版本 pages of a material: the snapshots and the autosave record, a diff between two versions
(or a version and now) in the preview's layout, and restoring an entry or the whole material."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from apps.history import restore, selectors
from apps.history.diff import material_diff
from apps.history.state import live_state, revision_state
from apps.workspace.views.common import load, page_context

NOW = "now"


@require_GET
@login_required
def versions(request, meeting_pk: int, material_pk: int):
    ws = load(request, meeting_pk, material_pk)
    snapshots = list(selectors.snapshots_of(ws.material))
    made_on = selectors.comments_on_snapshots(ws.material, snapshots)
    for snapshot in snapshots:
        snapshot.comments_made_on = made_on[snapshot.pk]
    context = page_context(
        request,
        ws,
        "versions",
        snapshots=snapshots,
        edits=selectors.edits_page(ws.material, request.GET.get("page")),
    )
    return render(request, "history/versions.html", context)


@require_GET
@login_required
def compare(request, meeting_pk: int, material_pk: int):
    """``?a=<snapshot>&b=<snapshot or now>``: what changed from a to b (b defaults to now)."""
    ws = load(request, meeting_pk, material_pk)
    old = selectors.snapshot_of(ws.material, request.GET.get("a"))
    b = request.GET.get("b", NOW)
    new = None if b == NOW else selectors.snapshot_of(ws.material, b)
    new_state = live_state(ws.material) if new is None else revision_state(new.revision)
    aspects = list(ws.meeting.outline.aspects.order_by("position"))
    names = dict(ws.meeting.unit.members.values_list("pk", "name"))
    diff = material_diff(revision_state(old.revision), new_state, aspects, names)
    snapshots = list(selectors.snapshots_of(ws.material))
    context = page_context(request, ws, "versions", diff=diff, old=old, new=new, snapshots=snapshots)
    return render(request, "history/compare.html", context)


@require_POST
@login_required
def restore_material(request, meeting_pk: int, material_pk: int, snapshot_pk: int):
    ws = load(request, meeting_pk, material_pk, for_edit=True)
    snapshot = selectors.snapshot_of(ws.material, snapshot_pk)
    return _restored(
        request,
        ws,
        lambda: restore.material_restore_to(material=ws.material, snapshot=snapshot, user=request.user),
    )


@require_POST
@login_required
def restore_entry(request, meeting_pk: int, material_pk: int, snapshot_pk: int, kind: str, pk: int):
    ws = load(request, meeting_pk, material_pk, for_edit=True)
    snapshot = selectors.snapshot_of(ws.material, snapshot_pk)

    def run():
        return restore.entry_restore_to(
            material=ws.material, snapshot=snapshot, kind=kind, pk=pk, user=request.user
        )

    return _restored(request, ws, run)


def _restored(request, ws, run):
    try:
        after = run()
    except ValidationError as error:
        messages.error(request, "未能恢复：" + "；".join(error.messages))
        return redirect("history:versions", ws.meeting.pk, ws.material.pk)
    messages.success(request, f"{after.note}。恢复前的内容已存为“恢复前”版本，恢复它即可撤销。")
    url = reverse("history:versions", args=[ws.meeting.pk, ws.material.pk])
    return redirect(url)
