"""Workspace entry point and the 预览 step."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from apps.exports.context import build_export_context
from apps.exports.documents import DocumentRef, Kind
from apps.workspace.views.common import load, load_meeting, page_context, team_material


@require_GET
@login_required
def home(request, meeting_pk: int):
    """The team workspace opens at its first step (and makes sure the team material exists)."""
    meeting = load_meeting(request, meeting_pk)
    team_material(meeting)
    return redirect("workspace:info", meeting.pk)


@require_GET
@login_required
def preview(request, meeting_pk: int, material_pk: int):
    """The document as it will print, from the same export context as the Word and PDF files."""
    ws = load(request, meeting_pk, material_pk)
    ref = DocumentRef(Kind.TEAM) if ws.is_team else DocumentRef(Kind.MEMBER, ws.material.member_id)
    doc = build_export_context(ws.meeting, ref)
    return render(request, "workspace/preview.html", page_context(request, ws, "preview", doc=doc))
