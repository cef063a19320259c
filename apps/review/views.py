"""The review pages: one page per action (提交审核 with the 体检 findings first, 退回修改 with a
required comment, 审核通过, 重新打开修改), a material's 审核记录, and the queue of materials
waiting for the user's review. Who may do what is decided in apps.review.services only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from apps.accounts import access
from apps.checks.engine import check_material
from apps.checks.findings import ERROR, SEVERITY_LABELS
from apps.review import selectors, services
from apps.review.findings import finding_url
from apps.review.forms import TransitionForm
from apps.review.models import Transition

Action = Transition.Action
DONE_MESSAGES = {
    Action.SUBMIT: "已提交审核。退回或审核通过时会通知您。",
    Action.RETURN: "已退回修改，撰写人会收到您的意见。",
    Action.APPROVE: "已审核通过。",
    Action.REOPEN: "已重新打开，材料状态改为“起草中”，可以修改了。",
}
# The 体检 is shown to whoever submits, and to the 书记 before approving.
CHECKED_ACTIONS = {Action.SUBMIT, Action.APPROVE}


def _load(request, meeting_pk: int, material_pk: int):
    meeting = access.get_meeting_for_user(request.user, meeting_pk)
    return access.get_material_for_user(request.user, meeting, material_pk)


@require_http_methods(["GET", "POST"])
@login_required
def act(request, meeting_pk: int, material_pk: int, action: str):
    if action not in services.RULES:
        raise Http404("没有这个审核操作。")
    material = _load(request, meeting_pk, material_pk)
    reason = services.refusal(request.user, material, action)
    if reason:
        raise PermissionDenied(reason)
    capacity = services.acting_capacity(request.user, material, action)
    form = TransitionForm(
        request.POST if request.method == "POST" else None,
        comment_required=services.RULES[action].comment_required,
        comment_label="督导组意见" if capacity == services.SUPERVISOR else "意见",
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.perform(request.user, material, action, form.cleaned_data["comment"])
        except ValidationError as error:
            form.add_error("comment" if hasattr(error, "error_dict") else None, error)
        else:
            messages.success(request, DONE_MESSAGES[action])
            return redirect(services.workspace_url(material))
    findings = []
    if action in CHECKED_ACTIONS:
        findings = [
            (finding, finding_url(material, finding), SEVERITY_LABELS.get(finding.severity, ""))
            for finding in check_material(material, for_user=request.user)
        ]
    context = {
        "meeting": material.meeting,
        "material": material,
        "material_label": services.material_label(material),
        "action": action,
        "action_label": Action(action).label,
        "as_supervisor": capacity == services.SUPERVISOR,
        "form": form,
        "checked": action in CHECKED_ACTIONS,
        "findings": findings,
        "error_count": sum(1 for finding, _, _ in findings if finding.severity == ERROR),
        "latest_return": selectors.latest_return(material) if action == Action.SUBMIT else None,
        "workspace_url": services.workspace_url(material),
    }
    return render(request, "review/act.html", context, status=422 if form.errors else 200)


@require_GET
@login_required
def record(request, meeting_pk: int, material_pk: int):
    material = _load(request, meeting_pk, material_pk)
    context = {
        "meeting": material.meeting,
        "material": material,
        "material_label": services.material_label(material),
        "transitions": selectors.record_of(material),
        "workspace_url": services.workspace_url(material),
    }
    return render(request, "review/record.html", context)


@require_GET
@login_required
def queue(request):
    return render(request, "review/queue.html", {"materials": selectors.waiting_for(request.user)})
