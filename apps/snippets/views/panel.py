"""The 素材库 panel beside the entries in the workspace: search with the aspect in view, insert a
snippet into a field, save an entry to the library.

The workspace renders only the panel's frame (templates/snippets/panel/_panel.html, linking here by
URL name); static/js/snippet_panel.js asks these endpoints for the hits and posts the writes. Every
address names the meeting and the material, loaded with the workspace's access rules: another
unit's ids are a 404, a reader who may not change the material gets the search without the buttons
and a 403 from the writes.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from apps.core.ids import get_by_id_or_404, parse_id
from apps.snippets import services
from apps.snippets.models import Snippet, SnippetUse
from apps.snippets.search import search
from apps.workspace.views.common import load

PAGE_SIZE = 10
QUERY_LIMIT = 100  # characters of a query; a longer paste searches its beginning
OFFSET_LIMIT = 10_000


def _refused(message: str, status: int = 422) -> JsonResponse:
    return JsonResponse({"ok": False, "errors": {"__all__": [message]}}, status=status)


def _offset(value: str | None) -> int:
    try:
        return min(max(int(value or 0), 0), OFFSET_LIMIT)
    except ValueError:
        return 0


@require_GET
@login_required
def panel_search(request, meeting_pk: int, material_pk: int):
    """A page of hits as an HTML fragment in JSON: {"html", "total", "next_offset", "notice"}
    (notice: what of the query was not searched, in Chinese)."""
    ws = load(request, meeting_pk, material_pk)
    material = ws.material
    kind = request.GET.get("kind", "")
    offset = _offset(request.GET.get("offset"))
    query = request.GET.get("q", "")
    result = search(
        unit=material.meeting.unit,
        query=query[:QUERY_LIMIT],
        kind=kind if kind in Snippet.Kind.values else "",
        aspect_id=parse_id(request.GET.get("aspect")),
        untagged_too=True,  # snippets without an aspect (bulk-imported collections) fit any aspect
        limit=PAGE_SIZE,
        offset=offset,
    )
    prefetch_related_objects([hit.snippet for hit in result.hits], "aspects")
    shown = offset + len(result.hits)
    can_edit = ws.can_edit
    context = {"hits": result.hits, "can_edit": can_edit, "first": offset == 0}
    html = render_to_string("snippets/panel/_hits.html", context, request=request)
    next_offset = shown if shown < result.total else None
    notices = [result.notice] if result.notice else []
    if len(query) > QUERY_LIMIT:
        notices.append(f"查找内容较长，只按前{QUERY_LIMIT}个字查找。")
    return JsonResponse(
        {
            "ok": True,
            "html": html,
            "total": result.total,
            "next_offset": next_offset,
            "notice": "".join(notices),
        }
    )


@require_POST
@login_required
def record_use(request, meeting_pk: int, material_pk: int):
    """The snippet went into a field and the field was saved: remember it (see services)."""
    material = load(request, meeting_pk, material_pk, for_edit=True).material
    # A snippet of the material's unit or a shared one; any other (or no such id) is a 404.
    snippet = get_by_id_or_404(
        Snippet.objects.visible_to_unit(material.meeting.unit), request.POST.get("snippet")
    )
    entry_id = parse_id(request.POST.get("entry"))
    if entry_id is None:
        raise Http404("没有找到该内容。")
    try:
        use = services.record_use(
            snippet=snippet,
            material=material,
            entry_type=request.POST.get("entry_type", ""),
            entry_id=entry_id,
            field_name=request.POST.get("field", ""),
            mode=request.POST.get("mode", ""),
            user=request.user,
        )
    except services.EntryNotFound as missing:
        raise Http404("没有找到该内容。") from missing
    except ValidationError as error:
        return _refused(error.messages[0])
    return JsonResponse({"ok": True, "use": use.pk})


@require_POST
@login_required
def forget_use(request, meeting_pk: int, material_pk: int, pk: int):
    """The insertion was undone: its record goes too."""
    material = load(request, meeting_pk, material_pk, for_edit=True).material
    services.forget_use(use=get_object_or_404(SnippetUse, pk=pk, material=material))
    return JsonResponse({"ok": True})


@require_POST
@login_required
def save_entry(request, meeting_pk: int, material_pk: int):
    """存入素材库: the entry's text becomes a snippet of the unit (once). Whoever may edit the
    material may add its text to the unit's library, a member writing their own material too (the
    card offers the button to every editor); changing or deleting snippets stays the library
    editors'."""
    material = load(request, meeting_pk, material_pk, for_edit=True).material
    entry_id = parse_id(request.POST.get("entry"))
    if entry_id is None:
        raise Http404("没有找到该内容。")
    try:
        saved = services.snippet_from_entry(
            material=material,
            entry_type=request.POST.get("entry_type", ""),
            entry_id=entry_id,
            user=request.user,
        )
    except services.EntryNotFound as missing:
        raise Http404("没有找到该内容。") from missing
    except ValidationError as error:
        return _refused(error.messages[0])
    return JsonResponse(
        {"ok": True, "created": saved.created, "snippet": saved.snippet.pk, "message": saved.message}
    )


PANEL = "panel/<int:meeting_pk>/<int:material_pk>/"
urlpatterns = [
    path(PANEL, panel_search, name="panel_search"),
    path(PANEL + "uses/", record_use, name="panel_record_use"),
    path(PANEL + "uses/<int:pk>/forget/", forget_use, name="panel_forget_use"),
    path(PANEL + "save/", save_entry, name="panel_save_entry"),
]
