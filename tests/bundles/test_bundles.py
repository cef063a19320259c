"""导出全部材料 over HTTP, end to end with Huey in immediate mode: the zip holds every document the
requester may read under its Chinese name, opens as Word/PDF/Excel, and is the requester's alone."""

import datetime
import io
from urllib.parse import quote

import docx
import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from apps.bundles.models import BundleJob
from apps.bundles.services import STUCK_MESSAGE, bundle_entries, bundles_expire
from apps.bundles.tasks import expire_bundles
from apps.exports.exporters import export_document
from tests.bundles.conftest import open_zip, request_bundle


def expected_names(meeting, user) -> set[str]:
    return {
        export_document(meeting, entry.ref, entry.fmt, viewer=user).filename
        for entry in bundle_entries(meeting, user)
    }


def test_the_drafter_gets_one_zip_of_every_document_under_chinese_names(
    client, drafter, bundle_meeting, django_capture_on_commit_callbacks
):
    client.force_login(drafter)
    pk = request_bundle(client, bundle_meeting, django_capture_on_commit_callbacks)

    state = client.get(reverse("bundles:status", args=[pk])).json()
    assert (state["status"], state["label"], state["percent"]) == ("done", "已完成", 100)
    assert state["done"] == state["total"] == 10  # team, 2 personal, situation ×2; ledger, opinions
    response = client.get(state["download_url"])

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    zip_name = f"{bundle_meeting.title}全部材料.zip"
    assert f"filename*=UTF-8''{quote(zip_name, safe='')}" in response["Content-Disposition"]
    archive = open_zip(b"".join(response.streaming_content))
    names = set(archive.namelist())
    assert names == expected_names(bundle_meeting, drafter)
    assert any("钱副书记" in name for name in names) and any("孙委员" in name for name in names)
    for name in names:
        content = archive.read(name)
        if name.endswith(".docx"):
            assert docx.Document(io.BytesIO(content)).paragraphs  # python-docx opens it
        elif name.endswith(".pdf"):
            assert content.startswith(b"%PDF")
        else:
            assert name.endswith(".xlsx") and openpyxl.load_workbook(io.BytesIO(content)).worksheets
    team_docx = export_document(bundle_meeting, "team", "docx").filename
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(archive.read(team_docx))).paragraphs)
    assert "理论学习不够深入" in text


def test_a_members_zip_lacks_the_other_members_personal_materials(
    client, member_user, bundle_meeting, django_capture_on_commit_callbacks
):
    client.force_login(member_user)  # 孙委员
    pk = request_bundle(client, bundle_meeting, django_capture_on_commit_callbacks)

    archive = open_zip(b"".join(client.get(reverse("bundles:download", args=[pk])).streaming_content))
    names = set(archive.namelist())
    assert names == expected_names(bundle_meeting, member_user)
    assert any("孙委员" in name for name in names)
    assert not any("钱副书记" in name for name in names)
    assert len(names) == 8


def test_a_reader_without_personal_rights_gets_the_shared_documents_only(
    client, supervisor, bundle_meeting, django_capture_on_commit_callbacks
):
    client.force_login(supervisor)  # 督导组: reads the meeting, not the members' own materials
    pk = request_bundle(client, bundle_meeting, django_capture_on_commit_callbacks)

    archive = open_zip(b"".join(client.get(reverse("bundles:download", args=[pk])).streaming_content))
    names = set(archive.namelist())
    assert names == expected_names(bundle_meeting, supervisor)
    assert len(names) == 6 and not any("个人" in name for name in names)


def test_the_page_shows_the_progress_bar_and_the_download(
    client, drafter, bundle_meeting, django_capture_on_commit_callbacks
):
    client.force_login(drafter)
    pk = request_bundle(client, bundle_meeting, django_capture_on_commit_callbacks)
    page = client.get(reverse("bundles:detail", args=[pk])).content.decode()
    assert 'role="progressbar"' in page and 'aria-valuenow="100"' in page
    assert reverse("bundles:download", args=[pk]) in page
    assert "js/bundles.js" in page and "<script>" not in page


def test_the_meeting_page_offers_the_zip(client, drafter, bundle_meeting):
    client.force_login(drafter)
    page = client.get(reverse("meetings:detail", args=[bundle_meeting.pk])).content.decode()
    assert reverse("bundles:request", args=[bundle_meeting.pk]) in page
    assert "导出全部材料（zip）" in page


@pytest.mark.parametrize("name", ["detail", "status", "download"])
def test_anyone_but_the_requester_gets_404(
    client, drafter, secretary, outsider, admin_user, bundle_meeting, django_capture_on_commit_callbacks, name
):
    client.force_login(drafter)
    pk = request_bundle(client, bundle_meeting, django_capture_on_commit_callbacks)
    for other in (secretary, outsider, admin_user):
        client.force_login(other)
        assert client.get(reverse(f"bundles:{name}", args=[pk])).status_code == 404
    client.logout()
    assert client.get(reverse(f"bundles:{name}", args=[pk])).status_code == 302  # to the login


def test_an_outsider_cannot_queue_a_zip_of_another_units_meeting(client, outsider, bundle_meeting):
    client.force_login(outsider)
    assert client.post(reverse("bundles:request", args=[bundle_meeting.pk])).status_code == 404
    assert not BundleJob.objects.exists()


def test_queueing_is_post_only(client, drafter, bundle_meeting):
    client.force_login(drafter)
    assert client.get(reverse("bundles:request", args=[bundle_meeting.pk])).status_code == 405


def test_a_second_request_while_queued_returns_the_same_job(client, drafter, bundle_meeting):
    client.force_login(drafter)
    # Nothing queued on commit runs here (the test's transaction never commits): the job stays 排队中.
    first = client.post(reverse("bundles:request", args=[bundle_meeting.pk]))
    second = client.post(reverse("bundles:request", args=[bundle_meeting.pk]))
    assert first["Location"] == second["Location"]
    job = BundleJob.objects.get()
    assert job.status == BundleJob.Status.QUEUED
    state = client.get(reverse("bundles:status", args=[job.pk])).json()
    assert (state["label"], state["percent"], state["download_url"]) == ("排队中", 0, "")
    assert client.get(reverse("bundles:download", args=[job.pk])).status_code == 404


def test_a_job_stuck_for_long_is_failed_and_replaced(client, drafter, bundle_meeting):
    client.force_login(drafter)
    client.post(reverse("bundles:request", args=[bundle_meeting.pk]))
    stuck = BundleJob.objects.get()
    BundleJob.objects.filter(pk=stuck.pk).update(
        status=BundleJob.Status.RUNNING, updated_at=timezone.now() - datetime.timedelta(hours=1)
    )
    client.post(reverse("bundles:request", args=[bundle_meeting.pk]))
    stuck.refresh_from_db()
    assert (stuck.status, stuck.error) == (BundleJob.Status.FAILED, STUCK_MESSAGE)
    assert BundleJob.objects.filter(status=BundleJob.Status.QUEUED).count() == 1


def test_a_failure_is_recorded_with_a_chinese_message_and_a_retry(
    client, drafter, bundle_meeting, settings, tmp_path, django_capture_on_commit_callbacks
):
    # A storage that cannot write (its root is a file): the real error, not a mock.
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("x")
    settings.MEDIA_ROOT = blocked
    client.force_login(drafter)
    pk = request_bundle(client, bundle_meeting, django_capture_on_commit_callbacks)

    state = client.get(reverse("bundles:status", args=[pk])).json()
    assert state["status"] == "failed" and "请重试" in state["error"]
    page = client.get(reverse("bundles:detail", args=[pk])).content.decode()
    assert "重试" in page and reverse("bundles:request", args=[bundle_meeting.pk]) in page

    settings.MEDIA_ROOT = tmp_path / "media"
    again = request_bundle(client, bundle_meeting, django_capture_on_commit_callbacks)
    assert again != pk
    assert client.get(reverse("bundles:status", args=[again])).json()["status"] == "done"


def test_old_zips_are_deleted_with_their_files_and_running_ones_kept(
    client, drafter, bundle_meeting, django_capture_on_commit_callbacks
):
    client.force_login(drafter)
    pk = request_bundle(client, bundle_meeting, django_capture_on_commit_callbacks)
    job = BundleJob.objects.get(pk=pk)
    assert default_storage.exists(job.file.name)
    day_ago = timezone.now() - datetime.timedelta(hours=25)
    BundleJob.objects.filter(pk=pk).update(created_at=day_ago)
    running = BundleJob.objects.create(
        meeting=bundle_meeting, requested_by=drafter, status=BundleJob.Status.RUNNING
    )
    BundleJob.objects.filter(pk=running.pk).update(created_at=day_ago)

    with django_capture_on_commit_callbacks(execute=True):
        assert bundles_expire() == 1

    assert not default_storage.exists(job.file.name)
    assert list(BundleJob.objects.values_list("pk", flat=True)) == [running.pk]


def test_old_zips_are_cleared_every_hour():
    task = expire_bundles.s()
    hour = datetime.datetime(2031, 6, 20, 10, 0)
    runs = [m for m in range(60) if task.validate_datetime(hour.replace(minute=m))]
    assert runs == [17]
    assert all(task.validate_datetime(hour.replace(hour=h, minute=17)) for h in range(24))
