"""The 整改台账 list in the browser: from the meeting page to the ledger, filter by status, sort by
deadline with the column header, and the Excel download holds the rows on screen."""

import io
import re
from urllib.parse import unquote

import openpyxl
from playwright.sync_api import Page, expect

from apps.meetings.models import Meeting
from tests.e2e.pages import url


def test_the_drafter_filters_sorts_and_exports_the_ledger(drafter_page: Page, live_server, demo: Meeting):
    page = drafter_page
    page.goto(url(live_server, "meetings:detail", demo.pk))
    page.get_by_role("link", name="整改台账").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{demo.title}整改台账")

    filters = page.get_by_role("search", name="筛选整改措施")
    filters.get_by_label("推进中").check()
    filters.get_by_role("button", name="筛选").click()
    expect(page.locator("[data-ledger-description]")).to_contain_text("筛选：状态：推进中")
    statuses = page.locator("[data-ledger-table] tbody [data-status]")
    expect(statuses.first).to_be_visible()
    assert set(statuses.all_inner_texts()) == {"推进中"}

    page.get_by_role("link", name=re.compile("^完成时限")).click()
    expect(page.locator("th[aria-sort=ascending]")).to_contain_text("完成时限")
    deadlines = page.locator("[data-ledger-table] tbody [data-deadline]")
    days = [value for value in (cell.get_attribute("data-deadline") for cell in deadlines.all()) if value]
    assert days == sorted(days)
    shown = page.locator("[data-ledger-table] [data-headline]").all_inner_texts()

    href = page.get_by_role("link", name="导出 Excel").get_attribute("href")
    assert "status=in_progress" in href and "sort=deadline" in href
    response = page.request.get(href)  # the page's cookies: the drafter's session
    assert response.status == 200
    name = unquote(response.headers["content-disposition"].split("filename*=UTF-8''")[1])
    assert name.startswith(demo.unit.name) and name.endswith("整改台账（筛选）.xlsx"), name
    sheet = openpyxl.load_workbook(io.BytesIO(response.body())).active
    exported = [
        str(sheet.cell(row=row, column=headers(sheet).index("整改措施") + 1).value)
        for row in range(3, sheet.max_row + 1)
    ]
    assert [text.split("\n")[0].rstrip("。") for text in exported] == shown

    # A click shows 正在生成… until the file arrives, then saves it under its Chinese name.
    with page.expect_download() as download:
        page.get_by_role("link", name="导出 PDF").click()
    assert download.value.suggested_filename.endswith("整改台账（筛选）.pdf")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    expect(page.get_by_role("link", name="导出 PDF")).to_be_visible()  # back from 正在生成…


def headers(sheet) -> list[str]:
    return [cell.value for cell in sheet[2]]
