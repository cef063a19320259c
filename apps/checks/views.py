"""The 体检 step of the workspace and the counts the sidebar and the export buttons show."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from apps.checks.engine import check_material, counts_by_severity
from apps.checks.findings import ERROR, HINT, SEVERITY_LABELS, WARNING
from apps.checks.links import finding_url, marked
from apps.workspace.views.common import Workspace, load, load_meeting, page_context, team_material


@dataclass
class StepMark:
    """The 体检 step as the sidebar marks it (the workspace's own steps do not know of it)."""

    key: str
    number: int
    label: str = "体检"


def _findings(request, ws: Workspace):
    findings = check_material(ws.material, for_user=request.user)
    for finding in findings:
        finding.url = finding_url(ws.meeting.pk, ws.material.pk, finding)
        finding.pieces = marked(finding.text, finding.spans) if finding.spans else []
    return findings


@login_required
@require_GET
def step_page(request, meeting_pk: int, material_pk: int):
    ws = load(request, meeting_pk, material_pk)
    findings = _findings(request, ws)
    groups = [
        (severity, SEVERITY_LABELS[severity], [f for f in findings if f.severity == severity])
        for severity in (ERROR, WARNING, HINT)
    ]
    context = page_context(request, ws, "checks", groups=groups, counts=counts_by_severity(findings))
    context["current_step"] = StepMark("checks", len(context["steps"]) + 1)
    return render(request, "checks/step.html", context)


@login_required
@require_GET
def counts(request, meeting_pk: int, material_pk: int):
    ws = load(request, meeting_pk, material_pk)
    return _counts_response(ws)


def _counts_response(ws: Workspace) -> JsonResponse:
    tally = counts_by_severity(check_material(ws.material, refresh_index=False))
    url = reverse("checks:step", args=[ws.meeting.pk, ws.material.pk])
    return JsonResponse({**tally, "url": url})


@login_required
@require_GET
def team_step(request, meeting_pk: int):
    meeting = load_meeting(request, meeting_pk)
    return redirect("checks:step", meeting.pk, team_material(meeting).pk)


@login_required
@require_GET
def team_counts(request, meeting_pk: int):
    meeting = load_meeting(request, meeting_pk)
    return counts(request, meeting.pk, team_material(meeting).pk)
