"""版本 in a real browser: the drafter edits a problem, exports, edits it again, opens 版本, reads
the diff with the changed characters marked, and restores the problem to the exported text."""

from playwright.sync_api import Page, expect

from apps.meetings.models import Meeting
from tests.e2e.workspace_steps import aspect_block, cards, expect_saved, fill_and_leave, open_problems


def test_edit_export_edit_then_diff_and_restore_the_entry(problems_page: Page, live_server, demo: Meeting):
    page = problems_page
    headline = cards(aspect_block(page, 1)).nth(0).get_by_label("问题概括")
    original = headline.input_value()

    fill_and_leave(headline, "认真" + original)
    expect_saved(page)
    href = (
        page.get_by_role("group", name="导出文件").get_by_role("link", name="导出 Word").get_attribute("href")
    )
    assert page.request.get(href).status == 200  # the page's session: the export is the drafter's
    fill_and_leave(headline, "深入" + original)
    expect_saved(page)

    page.get_by_role("link", name="版本和修改记录").click()
    expect(page.get_by_role("heading", name="版本和修改记录")).to_be_visible()
    snapshot = page.locator("[data-reason=export]")
    expect(snapshot).to_have_count(1)
    expect(page.locator("[data-edit]").first).to_contain_text("修改问题")
    snapshot.get_by_role("link", name="与现在比较").click()

    changed = page.locator("[data-history-diff] [data-status=changed]")
    expect(changed).to_have_count(1)
    expect(changed.locator("del")).to_have_text("认真")
    expect(changed.locator("ins")).to_have_text("深入")

    changed.get_by_role("button", name="恢复此条到导出时的版本").click()
    expect(page.get_by_role("alert")).to_contain_text("恢复前的内容已存为“恢复前”版本")
    expect(page.locator("[data-reason=before_restore]")).to_have_count(1)

    open_problems(page, live_server, demo)
    expect(cards(aspect_block(page, 1)).nth(0).get_by_label("问题概括")).to_have_value("认真" + original)
