"""In a real browser: a lead-in typed at the top of its aspect block, the material settings on 预览
(layout, numbering, title) changing the preview at once, and the 版面 view drawing the exported
PDF's pages with their text."""

import re

from django.core.cache import cache
from playwright.sync_api import Page, expect

from apps.exports import rendering
from apps.exports.exporters import export_document
from apps.meetings.models import Meeting
from tests.e2e.workspace_steps import aspect_block, expect_saved, fill_and_leave, workspace_url
from tests.exports.readback import read_pdf

LEAD_IN = "局党组坚持向党中央看齐，重大事项按规定请示报告。但对照更高要求，还存在一些差距："


def open_settings(page: Page) -> None:
    page.get_by_text("材料设置：标题、章节标题、版式、序号和落款").click()


def text_view(page: Page):
    return page.locator("[data-preview-body]")


def test_a_lead_in_typed_at_the_top_of_its_aspect_prints_between_heading_and_problems(
    drafter_page: Page, live_server, demo: Meeting
):
    page = drafter_page
    page.goto(workspace_url(live_server, "problems", demo))
    block = aspect_block(page, 2)
    fill_and_leave(block.get_by_label("方面导语"), LEAD_IN)
    expect_saved(page)
    page.reload()
    expect(aspect_block(page, 2).get_by_label("方面导语")).to_have_value(LEAD_IN)
    page.goto(workspace_url(live_server, "preview", demo))
    expect(text_view(page)).to_contain_text(f"（二）维护党中央权威和集中统一领导方面。{LEAD_IN}一是")


def test_settings_change_the_preview_without_a_reload(drafter_page: Page, live_server, demo: Meeting):
    page = drafter_page
    page.goto(workspace_url(live_server, "preview", demo))
    body = text_view(page)
    expect(body.get_by_role("heading", level=3)).to_have_count(0)  # run in: no heading lines
    open_settings(page)
    page.get_by_label("分行：方面标题单独一行，每条问题一段").check()
    expect_saved(page)
    expect(body.get_by_role("heading", level=3).first).to_have_text(
        "（一）学习贯彻习近平新时代中国特色社会主义思想方面"
    )
    page.get_by_role("group", name="原因序号").get_by_label("1. 2. ……").check()
    expect_saved(page)
    expect(body).to_contain_text("1.理论武装不够深入")
    fill_and_leave(page.get_by_label("标题", exact=True), "市数据局党组班子专题民主生活会对照检查材料")
    expect_saved(page)
    expect(body.locator(".doc-title")).to_have_text("市数据局党组班子专题民主生活会对照检查材料")
    page.reload()
    expect(text_view(page)).to_contain_text("1.理论武装不够深入")  # kept on the server


def test_the_pages_view_draws_every_page_of_the_pdf_with_its_text(
    drafter_page: Page, live_server, demo: Meeting
):
    expected_pages = read_pdf(export_document(demo, "team", "pdf").content).pages
    page = drafter_page
    page.goto(workspace_url(live_server, "preview", demo))
    page.get_by_role("tab", name="版面（按页）").click()
    status = page.locator("[data-pages-status]")
    expect(status).to_have_text(re.compile(rf"共 {expected_pages} 页"), timeout=30_000)
    canvases = page.locator(".pdf-page canvas")
    expect(canvases).to_have_count(expected_pages)
    expect(page.locator(".pdf-page figcaption").first).to_have_text(f"第 1 页 / 共 {expected_pages} 页")
    # Ink on the first page: a body page of 22 lines darkens several percent of its pixels; a PDF
    # whose CJK glyphs a viewer cannot draw (the trimmed-font defect) leaves it almost white.
    ink = canvases.first.evaluate(
        """canvas => {
            const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
            let dark = 0;
            for (let i = 0; i < data.length; i += 4) if (data[i] < 128 && data[i + 3] > 0) dark += 1;
            return dark / (canvas.width * canvas.height);
        }"""
    )
    assert ink > 0.02


def test_the_pages_view_says_so_when_every_pdf_render_slot_is_taken(
    drafter_page: Page, live_server, demo: Meeting, settings
):
    """The live server runs in this process: holding its only render slot here makes the PDF the
    版面 view asks for wait past the queue timeout, and the server answers 503."""
    settings.EXPORT_PDF_CONCURRENCY, settings.EXPORT_PDF_QUEUE_TIMEOUT = 1, 0.05
    cache.clear()  # no PDF of the demo from an earlier test: it must be rendered
    page = drafter_page
    page.goto(workspace_url(live_server, "preview", demo))
    with rendering.slots().slot(timeout=5):
        page.get_by_role("tab", name="版面（按页）").click()
        expect(page.locator("[data-pages-status]")).to_contain_text("导出繁忙，请稍后重试", timeout=30_000)
