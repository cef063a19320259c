"""The comments of one material: the counts and threads the workspace script (static/js/comments.js)
loads beside the cards, the writes it posts, and the material's list page (which works without the
script: its forms post here and come back to the list).

Every address names the meeting and the material, loaded with the workspace's access rules: another
unit's ids (or another material's comment or entry) are a 404, a reader refused a write a 403.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from apps.accounts import access
from apps.entries.models import Material
from apps.workspace.views.common import load, page_context

from . import anchors, rules, selectors, services
from .forms import CommentForm
from .models import MaterialComment

REFUSED_WRITE = "您可以查看该材料，但不能提出意见。"
REFUSED_RESOLVE = "只有提出意见的人或材料的撰写人可以标记已解决或重新打开。"


def _material(request, meeting_pk: int, material_pk: int) -> Material:
    meeting = access.get_meeting_for_user(request.user, meeting_pk)
    return access.get_material_for_user(request.user, meeting, material_pk)


def _comment(material: Material, pk: int) -> MaterialComment:
    comment = get_object_or_404(material.comments.select_related("parent"), pk=pk)
    comment.material = material
    return comment


def _is_script(request) -> bool:
    return request.headers.get("X-Requested-With") == "XMLHttpRequest"


def _panel(request, material: Material, target: anchors.Target, **extra) -> dict:
    """The threads on one anchor as the panel shows them, with the open count for its button."""
    threads = selectors.threads_on(material, kind=target.kind, anchor_id=target.id, field=target.field)
    for thread in threads:
        thread.material = material
        thread.can_resolve = rules.can_resolve(request.user, thread)
    context = {
        "material": material,
        "meeting": material.meeting,
        "threads": threads,
        "anchor": target.key,
        "can_write": rules.can_write(request.user, material),
        **extra,
    }
    html = render_to_string("comments/_panel.html", context, request=request)
    return {"ok": True, "html": html, "anchor": target.key, "open": sum(not t.is_resolved for t in threads)}


@require_GET
@login_required
def counts(request, meeting_pk: int, material_pk: int):
    """Open threads per anchor for every card of a page: one query for the counts."""
    material = _material(request, meeting_pk, material_pk)
    return JsonResponse(
        {"counts": selectors.open_counts(material), "can_comment": rules.can_write(request.user, material)}
    )


@require_GET
@login_required
def thread(request, meeting_pk: int, material_pk: int):
    material = _material(request, meeting_pk, material_pk)
    target = anchors.resolve(material, request.GET.get("anchor", ""))
    return JsonResponse(_panel(request, material, target))


def _after_write(request, material: Material, comment: MaterialComment):
    if _is_script(request):
        target = anchors.Target(comment.anchor_kind, comment.anchor_id, comment.anchor_field)
        return JsonResponse(_panel(request, material, target))
    url = reverse("comments:list", args=[material.meeting_id, material.pk])
    return redirect(f"{url}#comment-{(comment.parent or comment).pk}")


def _invalid(request, material: Material, form: CommentForm, *, thread_pk: int | None = None):
    """A refused text comes back to where it was typed, with the reason: kept, never cut."""
    if _is_script(request):
        return JsonResponse({"ok": False, "errors": form.errors}, status=400)
    return _list_page(request, material, form=form, form_for=thread_pk, status=400)


@require_POST
@login_required
def create(request, meeting_pk: int, material_pk: int):
    material = _material(request, meeting_pk, material_pk)
    target = anchors.resolve(material, request.POST.get("anchor", ""))
    if not rules.can_write(request.user, material):
        raise PermissionDenied(REFUSED_WRITE)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _invalid(request, material, form)
    comment = services.comment_create(
        material=material, author=request.user, target=target, body=form.cleaned_data["body"]
    )
    return _after_write(request, material, comment)


@require_POST
@login_required
def reply(request, meeting_pk: int, material_pk: int, pk: int):
    material = _material(request, meeting_pk, material_pk)
    parent = _comment(material, pk)
    if not rules.can_write(request.user, material):
        raise PermissionDenied(REFUSED_WRITE)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _invalid(request, material, form, thread_pk=(parent.parent_id or parent.pk))
    comment = services.comment_reply(parent=parent, author=request.user, body=form.cleaned_data["body"])
    return _after_write(request, material, comment)


def _set_resolved(request, meeting_pk: int, material_pk: int, pk: int, change):
    material = _material(request, meeting_pk, material_pk)
    comment = _comment(material, pk)
    root = comment.parent or comment
    root.material = material
    if not rules.can_resolve(request.user, root):
        raise PermissionDenied(REFUSED_RESOLVE)
    change(comment=root, user=request.user)
    return _after_write(request, material, root)


@require_POST
@login_required
def resolve(request, meeting_pk: int, material_pk: int, pk: int):
    return _set_resolved(request, meeting_pk, material_pk, pk, services.comment_resolve)


@require_POST
@login_required
def reopen(request, meeting_pk: int, material_pk: int, pk: int):
    return _set_resolved(request, meeting_pk, material_pk, pk, services.comment_reopen)


@require_GET
@login_required
def material_list(request, meeting_pk: int, material_pk: int):
    ws = load(request, meeting_pk, material_pk)
    return _list_page(request, ws.material, ws=ws)


def _list_page(request, material: Material, *, ws=None, form=None, form_for=None, status=200):
    ws = ws or load(request, material.meeting_id, material.pk)
    show = request.GET.get("show", "")
    threads = selectors.threads_of(ws.material, show)
    for thread in threads:
        thread.material = ws.material
        thread.can_resolve = rules.can_resolve(request.user, thread)
        thread.label = anchors.label(thread)
        thread.step = anchors.step_of(thread)
    context = page_context(
        request,
        ws,
        "comments",
        threads=threads,
        show=show,
        filters=[(key, name) for key, (name, _) in selectors.FILTERS.items()],
        can_write=rules.can_write(request.user, ws.material),
        bound_form=form,
        bound_for=form_for,
        open_count=sum(not t.is_resolved for t in threads),
    )
    return render(request, "comments/list.html", context, status=status)
