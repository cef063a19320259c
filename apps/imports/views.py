"""导入已有材料: upload or paste → review beside the source → correct → commit → result.

Every view loads the material for editing (another unit's ids: 404, a reader: 403) and an import
only of that material and, while it is under review, only the user's own.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.checks.engine import check_proposal
from apps.imports import parsing, reading, review, services
from apps.imports.errors import ImportRefused
from apps.imports.forms import UploadForm
from apps.imports.limits import MATERIAL_TEXTS as WRITTEN_TEXTS
from apps.imports.models import PendingImport
from apps.imports.pending import (
    pending_import_commit,
    pending_import_create,
    pending_import_discard,
    pending_import_save,
)
from apps.imports.proposal import MATERIAL
from apps.imports.uploads import SizeLimitedUploadHandler
from apps.outlines.models import Aspect
from apps.workspace.views.common import Workspace, load

NOT_A_MATERIAL = "这份文件不是对照检查材料，无法导入为问题、原因和措施。"
SAVED = "修改已保存，尚未导入。"
NOT_COMMITTED = "尚未导入：请先按标红的提示修改，再点“确认导入”。"
ALREADY_DONE = "这次导入已经完成或已放弃。"


def _material_name(ws: Workspace) -> str:
    return ws.material.document_label


def _context(ws: Workspace, **extra) -> dict:
    return {"meeting": ws.meeting, "material": ws.material, "material_name": _material_name(ws), **extra}


def _args(ws: Workspace, *more) -> list:
    return [ws.meeting.pk, ws.material.pk, *more]


# --- Start -----------------------------------------------------------------------------------------


@login_required
@csrf_exempt  # the upload handler must be set before the CSRF check reads the body; checked below
@require_http_methods(["GET", "POST"])
def start(request, meeting_pk: int, material_pk: int):
    # Only an upload is still unread here: a form-encoded body was parsed already by the body-size limit
    # (apps/security/limits.py), and Django refuses new handlers once a body is parsed.
    if request.content_type == "multipart/form-data":
        request.upload_handlers = [SizeLimitedUploadHandler(request)]
    return _start(request, meeting_pk, material_pk)


@csrf_protect
def _start(request, meeting_pk: int, material_pk: int):
    ws = load(request, meeting_pk, material_pk, for_edit=True)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        pending = _propose(request, ws, form)
        if pending is not None:
            return redirect("imports:review", *_args(ws, pending.pk))
    history = (
        ws.material.imports.filter(
            Q(status=PendingImport.Status.COMMITTED)
            | Q(status=PendingImport.Status.PENDING, created_by=request.user)
        )
        .select_related("created_by")
        .order_by("-created_at")[:20]
    )
    return render(request, "imports/start.html", _context(ws, form=form, history=history))


def _propose(request, ws: Workspace, form: UploadForm) -> PendingImport | None:
    """Read and parse the source; a refusal lands on the form and nothing is stored."""
    upload = form.cleaned_data.get("file")
    try:
        if upload:
            lines = reading.read_upload(upload.name, upload.read())
            name = upload.name
            kind = (
                PendingImport.SourceKind.DOCX
                if name.lower().endswith(".docx")
                else PendingImport.SourceKind.TXT
            )
        else:
            lines = reading.read_pasted(form.cleaned_data["text"])
            name, kind = "粘贴的文字", PendingImport.SourceKind.PASTE
    except ImportRefused as refused:
        form.add_error("file" if upload else "text", refused.message)
        return None
    proposal = parsing.propose(lines, ws.meeting, personal=not ws.is_team)
    if proposal.kind != MATERIAL:
        form.add_error(None, " ".join([NOT_A_MATERIAL, *proposal.warnings]))
        return None
    return pending_import_create(
        material=ws.material, user=request.user, source_name=name, source_kind=kind, proposal=proposal
    )


# --- Review ----------------------------------------------------------------------------------------


def _load_pending(request, meeting_pk: int, material_pk: int, pk: int) -> tuple[Workspace, PendingImport]:
    ws = load(request, meeting_pk, material_pk, for_edit=True)
    pending = get_object_or_404(PendingImport, pk=pk, material=ws.material, created_by=request.user)
    pending.material = ws.material
    return ws, pending


def _existing_counts(ws: Workspace) -> dict[str, int]:
    """What the material holds already; anything at all and the drafter is asked to replace or
    append (on an empty material an import replaces: its layout and numbering are taken too)."""
    material = ws.material
    return {
        "problems": material.problems.count(),
        "causes": material.causes.count(),
        "measures": material.measures.count(),
        "texts": int(
            any(getattr(material, name) for name in WRITTEN_TEXTS) or material.aspect_texts.exists()
        ),
    }


def _apply_post(request, ws: Workspace, pending: PendingImport):
    """The posted corrections, saved (even with errors: nothing typed is lost), and their errors."""
    proposal = pending.get_proposal()
    aspect_ids = set(Aspect.objects.filter(outline_id=ws.meeting.outline_id).values_list("pk", flat=True))
    proposal, errors = review.apply_corrections(proposal, request.POST, aspect_ids)
    mode = request.POST.get("mode")
    if mode not in PendingImport.Mode.values:
        mode = None
    pending_import_save(pending=pending, proposal=proposal, mode=mode)
    return proposal, errors


@login_required
@require_http_methods(["GET", "POST"])
def review_page(request, meeting_pk: int, material_pk: int, pk: int):
    ws, pending = _load_pending(request, meeting_pk, material_pk, pk)
    if not pending.is_pending:
        return _finished(request, ws, pending)
    if request.method == "POST":
        proposal, errors = _apply_post(request, ws, pending)
        errors = {**services.validate(proposal, ws.material), **errors}
        if not errors:
            messages.success(request, SAVED)
            return redirect("imports:review", *_args(ws, pending.pk))
        return _render_review(request, ws, pending, proposal, errors)
    proposal = pending.get_proposal()
    return _render_review(request, ws, pending, proposal, services.validate(proposal, ws.material))


@login_required
@require_POST
def commit(request, meeting_pk: int, material_pk: int, pk: int):
    ws, pending = _load_pending(request, meeting_pk, material_pk, pk)
    if not pending.is_pending:
        return _finished(request, ws, pending)
    proposal, errors = _apply_post(request, ws, pending)
    existing = _existing_counts(ws)
    mode = pending.mode or (None if any(existing.values()) else services.REPLACE)
    if mode is None:
        errors["mode"] = review.MODE_MISSING
    errors = {**services.validate(proposal, ws.material), **errors}
    if not errors:
        try:
            done = pending_import_commit(pending=pending, proposal=proposal, mode=mode, user=request.user)
        except ValidationError as error:
            errors = {key: " ".join(messages_) for key, messages_ in error.message_dict.items()}
        else:
            if done is None:
                messages.info(request, ALREADY_DONE)
            return redirect("imports:result", *_args(ws, pending.pk))
    messages.error(request, NOT_COMMITTED)
    return _render_review(request, ws, pending, proposal, errors, existing=existing)


def _render_review(request, ws, pending, proposal, errors, *, existing=None):
    aspects = list(Aspect.objects.filter(outline_id=ws.meeting.outline_id).order_by("position"))
    existing = existing if existing is not None else _existing_counts(ws)
    roles = review.line_roles(proposal)
    context = _context(
        ws,
        pending=pending,
        proposal=proposal,
        review=review.build_review(proposal, errors),
        errors=errors,
        outline_aspects=aspects,
        source=[
            (number, text, roles[number], review.ROLE_LABELS[roles[number]])
            for number, text in enumerate(proposal.source_lines)
        ],
        existing=existing,
        has_entries=any(existing.values()),
        mode_error=errors.get("mode", ""),
        # 体检 of the texts before anything is written (a warning, never a block).
        check_findings=check_proposal(proposal, ws.meeting),
    )
    return render(request, "imports/review.html", context)


def _finished(request, ws: Workspace, pending: PendingImport):
    if pending.status == PendingImport.Status.COMMITTED:
        return redirect("imports:result", *_args(ws, pending.pk))
    messages.info(request, ALREADY_DONE)
    return redirect("imports:start", *_args(ws))


# --- After -----------------------------------------------------------------------------------------


@login_required
@require_GET
def result(request, meeting_pk: int, material_pk: int, pk: int):
    """What was imported and the text kept as text. Open to every editor of the material: the kept
    text is the material's, whoever committed it."""
    ws = load(request, meeting_pk, material_pk, for_edit=True)
    pending = get_object_or_404(
        PendingImport.objects.select_related("created_by"),
        pk=pk,
        material=ws.material,
        status=PendingImport.Status.COMMITTED,
    )
    steps = [
        ("problems", "查摆问题", pending.counts.get("problems", 0), "条问题"),
        ("causes", "原因剖析", pending.counts.get("causes", 0), "条原因"),
        ("measures", "整改措施", pending.counts.get("measures", 0), "条措施"),
    ]
    links = [
        {"url": reverse(f"workspace:{key}", args=_args(ws)), "label": label, "count": count, "unit": unit}
        for key, label, count, unit in steps
    ]
    kept = "\n\n".join(pending.kept_as_text)
    return render(request, "imports/result.html", _context(ws, pending=pending, links=links, kept=kept))


@login_required
@require_POST
def discard(request, meeting_pk: int, material_pk: int, pk: int):
    ws, pending = _load_pending(request, meeting_pk, material_pk, pk)
    pending_import_discard(pending=pending)
    messages.info(request, "已放弃这次导入，材料没有任何改动。")
    return redirect("workspace:problems", *_args(ws))
