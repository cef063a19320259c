"""Into next year, in the workspace of the new material: the 上年度整改落实情况 regenerated from
last year's ledger, and last year's open measures added as problems (上年未结).

Both need the right to edit the material (403 otherwise); another unit's meeting, material or
measure is a 404. ``recap_generate`` writes nothing: it answers the text, which the page puts in the
field for autosave to store (with its revision check, and 撤销 in the page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from apps.accounts import access
from apps.core.ids import get_by_id_or_404
from apps.entries.models import Material, Measure
from apps.ledger import carryover
from apps.outlines.models import Aspect
from apps.workspace.autosave import refused

NO_DRAFT = "没有找到上一次会议对应材料的整改措施，无法按上年台账生成。"


def _editable_material(request: HttpRequest, meeting_pk: int, material_pk: int) -> Material:
    meeting = access.get_meeting_for_user(request.user, meeting_pk)
    return access.get_material_for_user(request.user, meeting, material_pk, for_edit=True)


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "") or (
        request.headers.get("X-Requested-With") == "XMLHttpRequest"
    )


@require_POST
@login_required
def recap_generate(request, meeting_pk: int, material_pk: int):
    material = _editable_material(request, meeting_pk, material_pk)
    text = carryover.recap_draft(material)
    if not text:
        return refused(NO_DRAFT)
    return JsonResponse({"ok": True, "field": "recap", "text": text})


@require_POST
@login_required
def carry_over(request, meeting_pk: int, material_pk: int):
    material = _editable_material(request, meeting_pk, material_pk)
    meeting = material.meeting
    same_unit = Measure.objects.filter(material__meeting__unit_id=meeting.unit_id)
    measure = get_by_id_or_404(same_unit, request.POST.get("measure"))
    aspect = get_by_id_or_404(Aspect, request.POST.get("aspect"), outline_id=meeting.outline_id)
    page = reverse("workspace:problems", args=[meeting.pk, material.pk])
    try:
        problem = carryover.problem_carry_over(
            material=material, measure=measure, aspect=aspect, user=request.user
        )
    except ValidationError as error:
        message = "；".join(error.messages)
        if _wants_json(request):
            return refused(message)
        messages.error(request, message)
        return redirect(page + "#carryover")
    anchor = f"#id_problem{problem.pk}_headline"
    if _wants_json(request):
        return JsonResponse({"ok": True, "problem": problem.pk, "url": page + anchor})
    done = f"已将上年措施“{measure.headline}”作为上年未结问题加入“{aspect}”方面，可继续修改文字。"
    messages.success(request, done)
    return redirect(page + anchor)
