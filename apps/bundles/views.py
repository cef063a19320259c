"""导出全部材料: queue the zip (POST), its page with the progress bar, the JSON the bar polls, and
the download. A job is its requester's alone: anyone else gets 404, as for a meeting they cannot see."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from apps.accounts.access import get_meeting_for_user
from apps.bundles.models import BundleJob
from apps.bundles.services import bundle_request
from apps.bundles.tasks import build_bundle
from apps.exports.views import content_disposition


def _job_for_user(request: HttpRequest, pk: int) -> BundleJob:
    job = get_object_or_404(BundleJob, pk=pk, requested_by=request.user)
    job.meeting = get_meeting_for_user(request.user, job.meeting_id)  # lost access: 404 too
    return job


@require_POST
@login_required
def request_bundle(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, meeting_pk)
    job = bundle_request(meeting=meeting, user=request.user, enqueue=build_bundle)
    return redirect("bundles:detail", pk=job.pk)


@require_GET
@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_for_user(request, pk)
    context = {"job": job, "meeting": job.meeting, "keep_hours": settings.BUNDLE_KEEP_HOURS}
    return render(request, "bundles/detail.html", context)


@require_GET
@login_required
def status(request: HttpRequest, pk: int) -> JsonResponse:
    job = _job_for_user(request, pk)
    response = JsonResponse(status_payload(job))
    response["Cache-Control"] = "no-store"
    return response


def status_payload(job: BundleJob) -> dict:
    done = job.status == BundleJob.Status.DONE
    return {
        "status": job.status,
        "label": job.get_status_display(),
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "filename": job.filename,
        "download_url": reverse("bundles:download", args=[job.pk]) if done else "",
        "error": job.error if job.status == BundleJob.Status.FAILED else "",
    }


@require_GET
@login_required
def download(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_for_user(request, pk)
    if job.status != BundleJob.Status.DONE or not job.file.name:
        raise Http404("压缩包尚未生成或已过期，请重新导出。")
    try:
        handle = job.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("压缩包已过期，请重新导出。") from None
    response = FileResponse(handle, content_type="application/zip")
    response["Content-Disposition"] = content_disposition(
        job.filename, fallback_stem="bundle", extension="zip"
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
