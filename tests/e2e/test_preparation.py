"""The 会前准备 step in a real browser: the sources offered for pasted opinions follow the
solicitation cards without a reload, and the talks' date field shows a whole date and keeps it."""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from apps.meetings.models import Meeting
from tests.e2e.workspace_steps import (
    add_card,
    cards,
    expect_field_error,
    expect_saved,
    fill_and_leave,
    reload_when_saved,
    workspace_url,
)

FORUM = "座谈会（2023年12月12日） 区县数据局负责人、街道便民服务中心干部代表"


@pytest.fixture
def preparation(drafter_page: Page, live_server, demo: Meeting) -> Page:
    drafter_page.goto(workspace_url(live_server, "preparation", demo))
    drafter_page.on("dialog", lambda dialog: dialog.accept())  # 确定删除…吗？
    return drafter_page


def sources(page: Page) -> Locator:
    """The 来源 options of the paste form, （不指定） first."""
    return page.get_by_role("form", name="批量粘贴意见建议").get_by_label("来源")


def test_a_solicitation_added_renamed_or_deleted_is_offered_as_a_source_at_once(
    preparation: Page, demo: Meeting
):
    page = preparation
    from_forum = demo.opinions.filter(solicitation__method="forum").count()
    solicit = page.get_by_role("region", name="（二）征求意见")
    expect(sources(page).locator("option")).to_have_count(4)

    card = add_card(solicit.locator("#solicitations"), "添加征求方式")
    card.get_by_label("方式").select_option(label="个别访谈")
    card.get_by_label("日期").fill("2023-12-20")
    fill_and_leave(card.get_by_label("参加对象"), "退休老干部")
    expect_saved(page)
    expect(sources(page).locator("option")).to_have_count(5)  # no reload
    expect(sources(page).locator("option").last).to_have_text("个别访谈（2023年12月20日） 退休老干部")
    sources(page).select_option(label="个别访谈（2023年12月20日） 退休老干部")

    fill_and_leave(card.get_by_label("参加对象"), "退休老干部代表")
    expect_saved(page)
    expect(sources(page).locator("option:checked")).to_have_text("个别访谈（2023年12月20日） 退休老干部代表")

    # Renaming a source the opinions came from renames it on their cards too.
    forum = cards(solicit.locator("#solicitations")).first
    expect(page.get_by_text(f"来源：{FORUM}")).to_have_count(from_forum)
    fill_and_leave(forum.get_by_label("参加对象"), "区县数据局负责人")
    expect_saved(page)
    renamed = page.get_by_text("来源：座谈会（2023年12月12日） 区县数据局负责人", exact=True)
    expect(renamed).to_have_count(from_forum)
    expect(sources(page).locator("option").nth(1)).to_have_text("座谈会（2023年12月12日） 区县数据局负责人")

    # Deleting the chosen source takes it out of the list; the paste falls back to （不指定）.
    card.get_by_role("button", name="删除征求意见记录").click()
    expect(sources(page).locator("option")).to_have_count(4)
    expect(sources(page)).to_have_value("")
    forum.get_by_role("button", name="删除征求意见记录").click()
    expect(sources(page).locator("option")).to_have_count(3)
    expect(page.get_by_text(re.compile("^来源：座谈会"))).to_have_count(0)  # its opinions keep no source


def test_a_talks_date_shows_whole_and_a_click_or_focus_never_clears_it(preparation: Page):
    page = preparation
    talks = page.get_by_role("region", name=re.compile(r"^（三）谈心谈话"))
    date = cards(talks).first.get_by_label("日期")
    expect(date).to_have_value("2024-01-03")
    # Wide enough for a date and its picker button on a 1366×768 screen (it was ~160 px).
    assert date.bounding_box()["width"] >= 300
    assert date.evaluate("input => input.scrollWidth <= input.clientWidth")

    posts: list[str] = []
    page.on("request", lambda request: request.method == "POST" and posts.append(request.url))
    box = date.bounding_box()
    for x in (0.15, 0.5, 0.85):
        date.click(position={"x": box["width"] * x, "y": box["height"] / 2})
        page.keyboard.press("Escape")  # close the picker if it opened
        expect(date).to_have_value("2024-01-03")
    date.focus()
    page.keyboard.press("Tab")
    expect(date).to_have_value("2024-01-03")
    assert posts == []  # nothing changed, nothing saved

    # One part of the date deleted (the value reads "" meanwhile) and the field left: the stored
    # date is not erased; the field says what is missing.
    date.focus()
    page.keyboard.press("Backspace")
    talks.get_by_label("谈话要点").first.focus()
    expect_field_error(date, "日期不完整：请填写年、月、日，或全部删除。")
    assert posts == []
    date.fill("2024-01-02")  # still the first talk by date
    date.blur()
    expect_saved(page)
    reload_when_saved(page)
    expect(cards(talks).first.get_by_label("日期")).to_have_value("2024-01-02")
