"""导出全部材料 in the browser: the meeting page's menu queues the zip, the job's page shows a Bootstrap
progress bar that follows the job (static/js/bundles.js polls its status) and then the download."""

import io
import re
import zipfile
from pathlib import Path

from playwright.sync_api import Page, expect

from apps.bundles.models import BundleJob
from apps.bundles.services import bundle_build, bundle_file_name
from apps.entries import services as entries
from tests.e2e.pages import login

BUILD_TIMEOUT_MS = 120_000  # the request builds the zip (immediate Huey): PDFs on a loaded machine


def add_problem(meeting) -> None:
    team = meeting.materials.get(member__isnull=True)
    aspect = meeting.outline.aspects.order_by("position").first()
    entries.problem_add(material=team, aspect=aspect, headline="浏览器里导出的问题", elaboration="具体表现。")


def test_the_bar_follows_a_queued_job_and_then_offers_the_download(
    page: Page, live_server, drafter, meeting, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    add_problem(meeting)
    login(page, live_server, "drafter", "pw-drafter")
    # A job as the queue holds it before a worker takes it: the page shows it waiting.
    job = BundleJob.objects.create(meeting=meeting, requested_by=drafter, filename=bundle_file_name(meeting))
    page.goto(f"/bundles/{job.pk}/")
    bar = page.get_by_role("progressbar", name="生成进度")
    expect(bar).to_have_attribute("aria-valuenow", "0")
    expect(page.get_by_role("status").filter(has_text="排队中")).to_be_visible()
    download = page.get_by_role("link", name=re.compile("下载"))
    expect(download).to_be_hidden()

    bundle_build(job_id=job.pk)  # what the worker does; the open page learns it by polling

    expect(bar).to_have_attribute("aria-valuenow", "100")
    expect(page.get_by_text("已完成：已完成 6 / 6 个文件")).to_be_visible()
    with page.expect_download() as caught:
        download.click()
    assert caught.value.suggested_filename == f"{meeting.title}全部材料.zip"
    names = zipfile.ZipFile(io.BytesIO(Path(caught.value.path()).read_bytes())).namelist()
    assert len(names) == 6 and any(name.endswith(".pdf") for name in names)


def test_the_meeting_menu_queues_the_zip_and_lands_on_its_page(
    page: Page, live_server, drafter, meeting, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    add_problem(meeting)
    login(page, live_server, "drafter", "pw-drafter")
    page.goto(f"/meetings/{meeting.pk}/")
    page.get_by_role("button", name="更多导出").click()
    with page.expect_navigation(timeout=BUILD_TIMEOUT_MS):
        page.get_by_role("button", name="导出全部材料（zip）").click()

    expect(page).to_have_url(re.compile(r"/bundles/\d+/$"))
    expect(page.get_by_role("progressbar", name="生成进度")).to_have_attribute("aria-valuenow", "100")
    expect(page.get_by_role("link", name=re.compile("下载.*全部材料"))).to_be_visible()
    assert BundleJob.objects.get().status == BundleJob.Status.DONE
