"""Endpoints shared by the entry steps: the material's own text, undoing a delete, entering a
member's personal material."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from apps.accounts import access
from apps.entries.models import Material
from apps.entries.services import entry_restore, material_text_update
from apps.units.models import Member
from apps.workspace import autosave
from apps.workspace.material_forms import MaterialTextForm
from apps.workspace.views.common import load, load_meeting, progress, take_deleted


@require_POST
@login_required
def material_text_save(request, meeting_pk: int, material_pk: int):
    ws = load(request, meeting_pk, material_pk, for_edit=True)
    only = [name for name in MaterialTextForm.Meta.fields if name in request.POST]
    form = MaterialTextForm(request.POST, instance=ws.material, only=only)

    def write():
        return material_text_update(
            material=ws.material, fields=only, expected_revision=autosave.posted_revision(request)
        )

    return autosave.save_form(form, write, lambda _: progress(ws.material))


@require_POST
@login_required
def restore(request, meeting_pk: int, material_pk: int):
    ws = load(request, meeting_pk, material_pk, for_edit=True)
    snapshot = take_deleted(request, request.POST.get("token", ""))
    if snapshot is None:
        return autosave.refused("无法撤销：删除已过期，请重新填写。")
    try:
        entry = entry_restore(material=ws.material, snapshot=snapshot)
    except ValidationError as error:
        return autosave.refused("；".join(error.messages))
    return JsonResponse({"ok": True, "id": entry.pk, "reload": True, **progress(ws.material)})


@require_POST
@login_required
def personal_material(request, meeting_pk: int, member_pk: int):
    """Open (creating on first visit) a member's 个人对照检查材料."""
    meeting = load_meeting(request, meeting_pk)
    member = get_object_or_404(Member, pk=member_pk, unit_id=meeting.unit_id)
    probe = Material(meeting=meeting, member=member)
    if not meeting.unit.is_active:
        raise PermissionDenied(access.INACTIVE_UNIT_MESSAGE)
    if not access.can_edit_material(request.user, probe):
        raise PermissionDenied("只有本人和撰稿人可以起草个人对照检查材料。")
    material, _ = Material.objects.get_or_create(meeting=meeting, member=member)
    return redirect("workspace:problems", meeting.pk, material.pk)
