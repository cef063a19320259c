"""Steps 原因剖析 and 整改措施 (being built)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from apps.workspace.views.common import load, page_context


@require_GET
@login_required
def causes_page(request, meeting_pk: int, material_pk: int):
    ws = load(request, meeting_pk, material_pk)
    return render(request, "workspace/causes.html", page_context(request, ws, "causes"))


@require_GET
@login_required
def measures_page(request, meeting_pk: int, material_pk: int):
    ws = load(request, meeting_pk, material_pk)
    return render(request, "workspace/measures.html", page_context(request, ws, "measures"))
