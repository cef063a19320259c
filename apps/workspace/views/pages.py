"""Workspace entry point and the 预览 step: the document as it will print, the material settings
(title, headings, layout, numbering, signature) beside it, and its pages as the PDF lays them out."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from apps.exports.context import build_export_context
from apps.exports.context.materials import HEADING_FIELDS, default_headings, default_title, document_kind
from apps.exports.documents import DocumentRef, Kind
from apps.workspace import selectors
from apps.workspace.material_forms import LAYOUT, WORDING, MaterialTextForm
from apps.workspace.views.common import Workspace, load, load_meeting, page_context, team_material
from apps.workspace.views.problems import heading_form


@require_GET
@login_required
def home(request, meeting_pk: int):
    """The team workspace opens at its first step (and makes sure the team material exists)."""
    meeting = load_meeting(request, meeting_pk)
    team_material(meeting)
    return redirect("workspace:info", meeting.pk)


def _ref(ws: Workspace) -> DocumentRef:
    return DocumentRef(Kind.TEAM) if ws.is_team else DocumentRef(Kind.MEMBER, ws.material.member_id)


@require_GET
@login_required
def preview(request, meeting_pk: int, material_pk: int):
    """The document as it will print, from the same export context as the Word and PDF files;
    ``?part=body`` answers the document alone (the page refreshes it after a settings change)."""
    ws = load(request, meeting_pk, material_pk)
    doc = build_export_context(ws.meeting, _ref(ws))
    if request.GET.get("part") == "body":
        return render(request, "exports/_document_body.html", {"doc": doc})
    pdf_url = reverse("exports:download", args=[ws.meeting.pk, _ref(ws).slug, "pdf"])
    context = page_context(request, ws, "preview", doc=doc, pdf_url=pdf_url, **_settings(ws))
    return render(request, "workspace/preview.html", context)


def _settings(ws: Workspace) -> dict:
    """The material settings panel: the wording (defaults shown as placeholders), the layout, the
    numbering and the signature, and each aspect's heading."""
    kind = document_kind(ws.material)
    headings = default_headings(ws.meeting, kind)
    defaults = {"title": default_title(ws.meeting, kind)}
    defaults |= {name: headings.get(part, "") for part, name in HEADING_FIELDS.items()}
    blocks = selectors.problem_blocks(ws.material, with_opinions=False)
    return {
        "wording_form": MaterialTextForm(instance=ws.material, only=WORDING, placeholders=defaults),
        "layout_form": MaterialTextForm(instance=ws.material, only=LAYOUT),
        "aspect_forms": [heading_form(ws, block) for block in blocks],
    }
