"""Comments beside the cards, on the demo meeting's 查摆问题: the secretary opens a problem's 意见 and
writes a comment; the drafter sees the count on that card, opens the thread, replies and resolves."""

import re

from playwright.sync_api import Locator, Page, expect

from apps.comments.models import MaterialComment
from apps.meetings.models import Meeting
from tests.e2e.pages import DRAFTER, SECRETARY, login
from tests.e2e.workspace_steps import (
    add_card,
    aspect_block,
    cards,
    expect_saved,
    fill_and_leave,
    first_aspect_problems,
    open_problems,
)


def comments_button(card: Locator) -> Locator:
    return card.get_by_role("button", name=re.compile(r"^意见"))


def comments_panel(page: Page) -> Locator:
    return page.get_by_role("dialog", name=re.compile(r"^意见"))


def test_secretary_comments_on_a_problem_and_the_drafter_replies_and_resolves(
    new_context, live_server, demo: Meeting
):
    problem = first_aspect_problems(demo)[0]

    # The secretary (a reader of the material) opens the first problem's 意见 and writes one.
    secretary = new_context().new_page()
    login(secretary, live_server, *SECRETARY)
    open_problems(secretary, live_server, demo)
    card = cards(aspect_block(secretary, 1)).first
    expect(comments_button(card)).to_have_text(re.compile(r"^\s*意见\s*$"))
    comments_button(card).click()
    panel = comments_panel(secretary)
    expect(panel).to_be_visible()
    expect(panel.get_by_text("还没有意见。")).to_be_visible()
    panel.get_by_label("新意见").fill("典型事例不够具体，请写明时间和后果。")
    panel.get_by_role("button", name="提出意见").click()
    expect(panel.get_by_text("典型事例不够具体，请写明时间和后果。")).to_be_visible()
    expect(comments_button(card)).to_have_text(re.compile(r"意见\s*1"))
    comment = MaterialComment.objects.get()
    assert comment.anchor == f"problem:{problem.pk}" and comment.author.username == SECRETARY.username

    # The drafter sees the count on that card, and only there.
    drafter = new_context().new_page()
    login(drafter, live_server, *DRAFTER)
    open_problems(drafter, live_server, demo)
    card = cards(aspect_block(drafter, 1)).first
    expect(comments_button(card)).to_have_text(re.compile(r"意见\s*1"))
    expect(comments_button(cards(aspect_block(drafter, 1)).nth(1))).to_have_text(re.compile(r"^\s*意见\s*$"))

    # Opens the thread, replies, resolves.
    comments_button(card).click()
    panel = comments_panel(drafter)
    thread = panel.get_by_role("article", name=re.compile("典型事例不够具体"))
    expect(thread).to_be_visible()
    thread.get_by_label("回复意见").fill("已补充2030年3月的调研事例。")
    thread.get_by_role("button", name="回复").click()
    thread = panel.get_by_role("article", name=re.compile("典型事例不够具体"))
    expect(thread.get_by_text("已补充2030年3月的调研事例。")).to_be_visible()
    thread.get_by_role("button", name="已解决").click()
    expect(panel.get_by_text(re.compile(r"已解决（"))).to_be_visible()
    expect(comments_button(card)).to_have_text(re.compile(r"^\s*意见\s*$"))

    comment.refresh_from_db()
    assert comment.resolved_by.username == DRAFTER.username
    assert [r.body for r in comment.replies.all()] == ["已补充2030年3月的调研事例。"]

    # A problem added on the page gets its 意见 button once it is saved.
    new = add_card(aspect_block(drafter, 1), "在本方面添加问题")
    expect(comments_button(new)).to_have_count(0)
    fill_and_leave(new.get_by_label("问题概括"), "调查研究不够深入")
    expect_saved(drafter)
    expect(comments_button(new)).to_have_text(re.compile(r"^\s*意见\s*$"))


def test_leaving_the_page_with_an_unsent_comment_asks_first(problems_page: Page):
    """The text of a comment lives only in its box until 提出意见: a reload asks (the browser's own
    question), staying keeps the text, and a sent comment no longer holds the page."""
    page = problems_page
    comments_button(cards(aspect_block(page, 1)).first).click()
    panel = comments_panel(page)
    expect(panel.get_by_text("还没有意见。")).to_be_visible()
    panel.get_by_label("新意见").fill("尚未提交的意见：请补充整改时限。")
    asked = []

    def stay(dialog) -> None:
        asked.append(dialog.type)
        dialog.dismiss()

    page.once("dialog", stay)
    page.evaluate("location.reload()")  # a reload the page can refuse (page.reload() waits for it)
    expect(panel.get_by_label("新意见")).to_have_value("尚未提交的意见：请补充整改时限。")
    assert asked == ["beforeunload"]

    panel.get_by_role("button", name="提出意见").click()
    expect(panel.get_by_role("article", name=re.compile("尚未提交的意见"))).to_be_visible()
    page.on("dialog", lambda dialog: asked.append(dialog.type))
    page.reload()
    expect(comments_button(cards(aspect_block(page, 1)).first)).to_have_text(re.compile(r"意见\s*1"))
    assert asked == ["beforeunload"]  # nothing asked the second time
