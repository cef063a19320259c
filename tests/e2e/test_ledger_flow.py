"""The 整改台账 in a real browser, on the demo meeting: the owner of a measure (the member login
chengyuan, 郑立群, 责任领导 of “切实为基层和群众办实事解难题”) adds progress with an evidence picture,
downloads it back and marks the measure done; the 书记 (shuji), told that it waits for 销号, signs it
off with a note on the effect; the page shows 已销号 and the status record and the material's 版本 page
list the steps."""

import io
from pathlib import Path

from django.urls import reverse
from PIL import Image
from playwright.sync_api import Locator, Page, expect

from apps.entries.models import Measure
from apps.meetings.models import Meeting
from tests.e2e.pages import MEMBER, SECRETARY, login

HEADLINE = "切实为基层和群众办实事解难题"


def picture() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (180, 40, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def action_panel(page: Page, label: str) -> Locator:
    """The <details> of one action (标记完成, 销号 …), opened."""
    panel = page.locator("details[data-action]").filter(has=page.locator("summary", has_text=label))
    panel.locator("summary").click()
    return panel


def status_badge(page: Page) -> Locator:
    return page.locator("h1 [data-measure-status]")


def test_owner_reports_progress_with_evidence_and_marks_done_then_the_secretary_signs_off(
    new_context, live_server, demo: Meeting, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    measure = Measure.objects.get(material__meeting=demo, material__member__isnull=True, headline=HEADLINE)
    measure_url = live_server.url + reverse("ledger:measure", args=[measure.pk])
    content = picture()

    # The owner: a progress note with a picture, the picture back, then 标记完成.
    owner = new_context().new_page()
    login(owner, live_server, *MEMBER)
    owner.goto(measure_url)
    expect(owner.get_by_role("heading", level=1)).to_contain_text(HEADLINE)
    expect(status_badge(owner)).to_have_text("推进中")
    form = owner.locator("form[data-note-form]")
    form.get_by_label("进展情况").fill("户籍、社保数据已向全部街道回流，基层重复录入问题基本解决。")
    form.get_by_label("佐证材料").set_input_files(
        [{"name": "数据回流验收单.png", "mimeType": "image/png", "buffer": content}]
    )
    with owner.expect_request(lambda request: request.method == "POST" and "/notes/" in request.url) as sent:
        form.get_by_role("button", name="保存进展").click()
    assert sent.value.resource_type == "xhr"  # sent with an upload progress bar, not a plain submit
    expect(owner.get_by_role("alert")).to_contain_text("已填写整改进展")
    assert owner.url.split("#")[0] == measure_url  # the page the server redirected to
    note = owner.locator("[data-note]").last
    expect(note).to_contain_text("基层重复录入问题基本解决")
    link = note.get_by_role("link", name="数据回流验收单.png")
    with owner.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "数据回流验收单.png"
    assert Path(download.value.path()).read_bytes() == content

    panel = action_panel(owner, "标记完成")
    expect(panel.get_by_label("完成日期")).to_be_visible()
    panel.get_by_role("button", name="确认标记完成").click()
    expect(owner.get_by_role("alert")).to_contain_text("已标记完成")
    expect(status_badge(owner)).to_have_text("已完成")
    expect(owner.locator("details[data-action=close]")).to_have_count(0)  # 销号 is the 书记's

    # The 书记: told, signs off with the effect after confirming.
    secretary = new_context().new_page()
    login(secretary, live_server, *SECRETARY)
    secretary.goto(live_server.url + reverse("notifications:list"))
    expect(secretary.get_by_text(f"整改措施“{HEADLINE}”已标记完成，待销号。")).to_be_visible()
    secretary.goto(measure_url)
    panel = action_panel(secretary, "销号")
    panel.get_by_label("整改成效").fill("高频数据回流全覆盖，街道报表减少三成，群众办事少跑腿。")
    secretary.once("dialog", lambda dialog: dialog.accept())
    panel.get_by_role("button", name="确认销号").click()
    expect(secretary.get_by_role("alert")).to_contain_text("已销号")
    expect(status_badge(secretary)).to_have_text("已销号")
    record = secretary.locator("[data-status-changes] [data-change]")
    expect(record).to_have_count(2)
    expect(record.nth(0)).to_contain_text("标记完成")
    expect(record.nth(1)).to_contain_text("销号")
    expect(record.nth(1)).to_contain_text("街道报表减少三成")
    expect(secretary.locator("form[data-note-form]")).to_have_count(0)  # signed off: no more notes

    # The material's 版本 page lists the ledger writes in its 修改记录.
    secretary.goto(live_server.url + reverse("history:versions", args=[demo.pk, measure.material_id]))
    edits = secretary.locator("[data-edit]")
    expect(edits.filter(has_text="台账：销号")).to_have_count(1)
    expect(edits.filter(has_text="台账：标记完成")).to_have_count(1)
    expect(edits.filter(has_text="台账：填写进展")).to_have_count(1)
    measure.refresh_from_db()
    assert measure.status == Measure.Status.CLOSED
