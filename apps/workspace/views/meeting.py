"""Steps of the meeting itself: 会议信息, 会前准备, 情况报告 (being built)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from apps.workspace.views.common import load_meeting, meeting_page_context


@require_GET
@login_required
def info_page(request, meeting_pk: int):
    meeting = load_meeting(request, meeting_pk)
    return render(request, "workspace/info.html", meeting_page_context(request, meeting, "info"))


@require_GET
@login_required
def preparation_page(request, meeting_pk: int):
    meeting = load_meeting(request, meeting_pk)
    context = meeting_page_context(request, meeting, "preparation")
    return render(request, "workspace/preparation.html", context)


@require_GET
@login_required
def report_page(request, meeting_pk: int):
    meeting = load_meeting(request, meeting_pk)
    return render(request, "workspace/report.html", meeting_page_context(request, meeting, "report"))
