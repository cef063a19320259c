"""Workspace entry point and the 预览 step."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from apps.workspace.views.common import load, load_meeting, page_context, team_material


@require_GET
@login_required
def home(request, meeting_pk: int):
    """The team workspace opens at its first step."""
    meeting = load_meeting(request, meeting_pk)
    return redirect("workspace:problems", meeting.pk, team_material(meeting).pk)


@require_GET
@login_required
def preview(request, meeting_pk: int, material_pk: int):
    ws = load(request, meeting_pk, material_pk)
    return render(request, "workspace/preview.html", page_context(request, ws, "preview"))
