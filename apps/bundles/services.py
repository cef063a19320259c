"""导出全部材料: which documents a user's zip holds, queuing it once, building it, and expiring it.

The build runs in a Huey worker (apps/bundles/tasks.py) or, in tests and with HUEY_IMMEDIATE, inside
the request that queues it. It writes the row after each document, so the page's progress bar moves
while any app server answers the polls; the zip goes to the default storage under a random name.
"""

from __future__ import annotations

import datetime
import logging
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.accounts import access
from apps.bundles.models import BundleJob
from apps.exports.documents import FORMATS, DocumentRef, Format, Kind, safe_file_name
from apps.exports.exporters import export_document, printed_materials
from apps.exports.signals import document_exported
from apps.meetings.models import Meeting
from apps.units.models import Member

logger = logging.getLogger(__name__)
Status = BundleJob.Status

FAILED_MESSAGE = "生成压缩包时出错，请重试；如果再次失败，请联系管理员。"
STUCK_MESSAGE = "生成压缩包超时（后台任务可能已中断），请重试。"
# A queued or running job untouched this long is taken as lost (its worker was killed, the queue was
# emptied): a new request replaces it instead of waiting on it forever. The row is written after every
# document, and one document takes seconds, so a live job is never this quiet.
STUCK_AFTER = datetime.timedelta(minutes=15)


@dataclass(frozen=True)
class Entry:
    """One file of the zip: a document of the meeting in one format."""

    ref: DocumentRef
    fmt: Format


def bundle_entries(meeting: Meeting, user) -> list[Entry]:
    """Every document of ``meeting`` that ``user`` may read, in the order of the export menu: the team
    material, the personal materials they may read (members in official order), the situation report,
    the 整改台账 and the 征求意见汇总."""
    refs = [DocumentRef(Kind.TEAM)]
    members = Member.objects.filter(materials__meeting=meeting).order_by("position", "pk").distinct()
    refs += [
        DocumentRef(Kind.MEMBER, member.pk)
        for member in members
        if access.can_view_personal_material(user, meeting, member)
    ]
    refs += [DocumentRef(Kind.SITUATION), DocumentRef(Kind.LEDGER), DocumentRef(Kind.OPINIONS)]
    return [Entry(ref, fmt) for ref in refs for fmt in FORMATS[ref.kind]]


def bundle_file_name(meeting: Meeting) -> str:
    return safe_file_name(f"{meeting.title}全部材料", "zip")


def bundle_request(*, meeting: Meeting, user, enqueue: Callable[[int], object]) -> BundleJob:
    """The user's job for this meeting that is queued or running, else a new one, queued on commit
    with ``enqueue(job_id)``. Two requests at once (two clicks, two app servers) create one job: the
    partial unique constraint lets one insert through and the other reads it back."""
    _expire_stuck(meeting=meeting, user=user)
    job = BundleJob.objects.filter(meeting=meeting, requested_by=user, status__in=BundleJob.ACTIVE).first()
    if job is not None:
        return job
    try:
        with transaction.atomic():
            job = BundleJob.objects.create(
                meeting=meeting, requested_by=user, filename=bundle_file_name(meeting)
            )
            transaction.on_commit(lambda: enqueue(job.pk))
    except IntegrityError:
        return BundleJob.objects.get(meeting=meeting, requested_by=user, status__in=BundleJob.ACTIVE)
    return job


def _expire_stuck(*, meeting: Meeting, user) -> None:
    BundleJob.objects.filter(
        meeting=meeting,
        requested_by=user,
        status__in=BundleJob.ACTIVE,
        updated_at__lt=timezone.now() - STUCK_AFTER,
    ).update(status=Status.FAILED, error=STUCK_MESSAGE, finished_at=timezone.now())


def bundle_build(*, job_id: int) -> BundleJob | None:
    """Write the zip of job ``job_id``; the row says 生成中 with its counts meanwhile, then 已完成 with
    the file, or 失败 with a Chinese message (the error itself goes to the log). None when the job is
    gone or was already taken by another worker."""
    now = timezone.now()
    claimed = BundleJob.objects.filter(pk=job_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=now, updated_at=now
    )
    if not claimed:
        return None
    job = BundleJob.objects.select_related("meeting", "requested_by").get(pk=job_id)
    try:
        _write(job)
    except Exception:
        logger.exception("bundle %s of meeting %s failed", job.pk, job.meeting_id)
        BundleJob.objects.filter(pk=job.pk).update(
            status=Status.FAILED, error=FAILED_MESSAGE, finished_at=timezone.now()
        )
        job.refresh_from_db()
    return job


def _write(job: BundleJob) -> None:
    meeting = Meeting.objects.with_related().get(pk=job.meeting_id)
    user = job.requested_by
    entries = bundle_entries(meeting, user)
    BundleJob.objects.filter(pk=job.pk).update(total=len(entries), done=0)
    names: set[str] = set()
    # On disk, not in memory: a meeting with many members' materials makes a zip of several MB.
    with tempfile.TemporaryFile() as spool:
        with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for done, entry in enumerate(entries, start=1):
                exported = export_document(meeting, entry.ref, entry.fmt, viewer=user)
                # Python marks non-ASCII entry names as UTF-8 in the zip, which Windows' Explorer,
                # macOS and unzip all read as Chinese.
                archive.writestr(_unique(exported.filename, names), exported.content)
                _snapshot(meeting, entry, user)
                BundleJob.objects.filter(pk=job.pk).update(done=done, updated_at=timezone.now())
        spool.seek(0)
        job.file.save(job.filename or bundle_file_name(meeting), File(spool), save=False)
    BundleJob.objects.filter(pk=job.pk).update(
        file=job.file.name, status=Status.DONE, finished_at=timezone.now(), done=len(entries)
    )


def _unique(name: str, taken: set[str]) -> str:
    """Two members of one name would write one file over the other: the second becomes ``名（2）.docx``."""
    stem, dot, extension = name.rpartition(".")
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}（{number}）{dot}{extension}"
    taken.add(candidate)
    return candidate


def _snapshot(meeting: Meeting, entry: Entry, user) -> None:
    """As a single download does, the 版本 list records the material as it was exported (once per
    material, not per format)."""
    if entry.ref.kind not in (Kind.TEAM, Kind.MEMBER) or entry.fmt != FORMATS[entry.ref.kind][0]:
        return
    materials = printed_materials(meeting, entry.ref)
    document_exported.send(
        sender=bundle_build, meeting=meeting, document=entry.ref, fmt="zip", user=user, materials=materials
    )


def bundles_expire(*, older_than: datetime.timedelta | None = None) -> int:
    """Delete the jobs (and their files) finished more than ``older_than`` ago (BUNDLE_KEEP_HOURS,
    24 h by default); returns how many. A job still running is left alone however old it is."""
    older_than = older_than or datetime.timedelta(hours=settings.BUNDLE_KEEP_HOURS)
    old = BundleJob.objects.filter(
        status__in=[Status.DONE, Status.FAILED], created_at__lt=timezone.now() - older_than
    )
    count = 0
    for job in old.iterator():
        job.delete()  # its file goes after the commit (apps/bundles/receivers.py)
        count += 1
    return count
