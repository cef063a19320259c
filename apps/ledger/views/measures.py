"""One measure in the 整改台账: its progress notes with evidence, its status changes, and the
actions the user may take (开始推进, 标记完成, 销号, 重新打开). Who may do what is decided in
apps.ledger.rules; the writes are apps.ledger.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from apps.accounts import access
from apps.entries.models import Measure
from apps.exports.views import content_disposition
from apps.ledger import evidence, rules, services
from apps.ledger.forms import ActionForm, NoteForm
from apps.ledger.models import Evidence, StatusChange

Action = StatusChange.Action
DONE_MESSAGES = {
    Action.START: "已开始推进。",
    Action.COMPLETE: "已标记完成，书记会收到待销号的提醒。",
    Action.CLOSE: "已销号。",
    Action.REOPEN: "已重新打开，措施回到“推进中”。",
}
READ_ONLY = "您可以查看这项措施的整改情况，但没有填写或办理的权限。"


def _visible(user, measure: Measure) -> Measure:
    """``measure`` if ``user`` may read it: its meeting visible, and a personal material's measure
    only to those who may read that material. Anything else is a 404."""
    meeting = access.get_meeting_for_user(user, measure.material.meeting_id)
    measure.material.meeting = meeting
    if not access.can_view_material(user, measure.material):
        raise Http404("没有找到该整改措施。")
    return measure


def _measure_for(user, pk: int) -> Measure:
    measure = get_object_or_404(Measure.objects.select_related("material__member", "owner"), pk=pk)
    return _visible(user, measure)


@require_GET
@login_required
def measure_detail(request, pk: int):
    return _page(request, _measure_for(request.user, pk))


@require_POST
@login_required
def note_add(request, pk: int):
    measure = _measure_for(request.user, pk)
    reason = rules.note_refusal(request.user, measure)
    if reason:
        raise PermissionDenied(reason)
    form = NoteForm(request.POST, request.FILES)
    if form.is_valid() and _saved(form, services.note_add, measure=measure, user=request.user):
        messages.success(request, "已填写整改进展。")
        return redirect(services.measure_url(measure) + "#progress")
    return _page(request, measure, note_form=form, status=422)


@require_POST
@login_required
def transition(request, pk: int, action: str):
    if action not in rules.RULES:
        raise Http404(rules.UNKNOWN_ACTION)
    measure = _measure_for(request.user, pk)
    reason = rules.refusal(request.user, measure, action)
    if reason:
        raise PermissionDenied(reason)
    form = ActionForm(action, request.POST, request.FILES)
    if form.is_valid() and _saved(
        form, services.transition, measure=measure, user=request.user, action=action
    ):
        messages.success(request, DONE_MESSAGES[action])
        return redirect(services.measure_url(measure))
    return _page(request, measure, action_form=form, status=422)


def _saved(form, write, **target) -> bool:
    """Run the service with the form's data; its refusals go onto the form's fields."""
    try:
        write(**target, **form.cleaned_data)
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return False
    return True


def _page(request, measure: Measure, note_form=None, action_form=None, status: int = 200):
    user = request.user
    meeting = measure.material.meeting
    allowed = rules.allowed_actions(user, measure)
    forms = {action: ActionForm(action) for action in allowed}
    if action_form is not None:
        forms[action_form.action] = action_form
    may_note = rules.can_add_note(user, measure)
    follows = bool(rules.capacities(user, measure) & set(rules.FOLLOWERS))
    context = {
        "meeting": meeting,
        "measure": measure,
        "material": measure.material,
        "problems": measure.problems.select_related("aspect").order_by("aspect__position", "position"),
        "items": measure.items.all(),
        "notes": measure.progress_notes.select_related("author").prefetch_related("evidence"),
        "changes": measure.status_changes.select_related("user"),
        "overdue": measure.is_overdue(timezone.localdate()),
        "note_form": (note_form or NoteForm()) if may_note else None,
        "action_forms": [forms[action] for action in allowed],
        "open_form": action_form.action if action_form is not None else "",
        "read_only": _read_only_reason(measure, follows, allowed, may_note),
        "ledger_url": reverse("ledger:meeting", args=[meeting.pk]),
        "workspace_url": reverse("workspace:measures", args=[meeting.pk, measure.material_id]),
    }
    return render(request, "ledger/measure.html", context, status=status)


def _read_only_reason(measure: Measure, follows: bool, allowed: list[str], may_note: bool) -> str:
    if not measure.material.meeting.unit.is_active:
        return access.INACTIVE_UNIT_MESSAGE
    if not follows:
        return READ_ONLY
    if not allowed and not may_note:
        return rules.CLOSED_REOPEN
    return ""


@require_GET
@login_required
def evidence_download(request, pk: int):
    """The file, to those who may read its measure (404 for anyone else), always as an attachment
    under its Chinese name: never shown inline, never sniffed into another type."""
    item = get_object_or_404(
        Evidence.objects.select_related("note__measure__material__member", "note__measure__owner"), pk=pk
    )
    _visible(request.user, item.note.measure)
    try:
        handle = item.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("文件已不存在。") from None
    response = FileResponse(handle, content_type=evidence.content_type(item))
    response["Content-Disposition"] = content_disposition(
        item.name, fallback_stem="evidence", extension=item.kind
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
