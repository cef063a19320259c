"""An idle session that expired while the drafter works: the server answers the scripts 401
(apps/security/sessions.py) and static/js/session.js says 登录已过期 with a link to log in in a new
window. An autosave keeps the text in the browser (localStorage) and the retry saves it; a reload
lands on the login page and, after logging in, the typed text comes back and is saved. A comment
stays in its box and is saved once after logging in."""

import json
import re

from django.contrib.sessions.models import Session
from playwright.sync_api import BrowserContext, Locator, Page, expect

from apps.comments.models import MaterialComment
from apps.meetings.models import Meeting
from tests.e2e.pages import DRAFTER, LOGIN_PATH
from tests.e2e.test_comments import comments_button, comments_panel
from tests.e2e.workspace_steps import (
    aspect_block,
    cards,
    expect_saved,
    fill_and_leave,
    first_aspect_problems,
    reload_leaving_unsaved_work,
    save_state,
    workspace_url,
)

EXPIRED = "登录已过期，内容暂存在本浏览器"


def expire_sessions() -> None:
    """What SESSION_COOKIE_AGE does after 30 idle minutes: the server no longer knows the session."""
    Session.objects.all().delete()


def browser_copies(page: Page) -> list[str]:
    script = """Object.keys(localStorage).filter((k) => k.startsWith('reportbuilder-draft:'))
        .map((k) => localStorage.getItem(k))"""
    return [json.dumps(json.loads(raw)["values"], ensure_ascii=False) for raw in page.evaluate(script)]


def expired_notice(page: Page) -> Locator:
    return page.get_by_role("alert").filter(has_text="登录已过期")


def log_in_in_a_new_window(page: Page, context: BrowserContext) -> None:
    """The notice's link, as a user follows it: the login page in a new window, closed after."""
    with context.expect_page() as new_window:
        expired_notice(page).get_by_role("link", name="在新窗口登录").click()
    login_page = new_window.value
    expect(login_page).to_have_url(LOGIN_PATH)
    log_in_here(login_page)
    expect(login_page).not_to_have_url(LOGIN_PATH)
    login_page.close()


def log_in_here(page: Page) -> None:
    page.get_by_label("用户名").fill(DRAFTER.username)
    page.get_by_label("密码").fill(DRAFTER.password)
    page.get_by_role("button", name="登录", exact=True).click()


def type_after_expiry(page: Page, text: str) -> None:
    expire_sessions()
    fill_and_leave(cards(aspect_block(page, 1)).first.get_by_label("具体表现"), text)
    expect(save_state(page)).to_have_text(EXPIRED)
    expect(expired_notice(page)).to_contain_text("您输入的内容都还在，不会丢失")
    assert any(text in copy for copy in browser_copies(page))


def test_log_in_in_a_new_window_then_the_retry_saves(
    problems_page: Page, context: BrowserContext, demo: Meeting
):
    page = problems_page
    text = "会话过期后输入的文字：专题研讨联系实际不够。"
    type_after_expiry(page, text)
    log_in_in_a_new_window(page, context)
    page.bring_to_front()
    page.get_by_role("button", name="重试", exact=True).click()
    expect_saved(page)
    expect(expired_notice(page)).to_have_count(0)
    problem = first_aspect_problems(demo)[0]
    assert problem.elaboration == text
    assert not browser_copies(page)


def test_a_reload_goes_to_the_login_and_the_text_survives(problems_page: Page, demo: Meeting):
    page = problems_page
    text = "会话过期后输入、再刷新页面的文字：调查研究不够深入。"
    type_after_expiry(page, text)
    reload_leaving_unsaved_work(page)
    expect(page).to_have_url(LOGIN_PATH)
    assert any(text in copy for copy in browser_copies(page))  # still in this browser
    log_in_here(page)  # back to 查摆问题 (the login's next)
    field = cards(aspect_block(page, 1)).first.get_by_label("具体表现")
    expect(field).to_have_value(text)
    expect_saved(page)
    assert first_aspect_problems(demo)[0].elaboration == text


def test_a_comment_sent_after_expiry_stays_in_its_box_and_is_saved_once_after_logging_in(
    problems_page: Page, context: BrowserContext, demo: Meeting
):
    page = problems_page
    problem = first_aspect_problems(demo)[0]
    comments_button(cards(aspect_block(page, 1)).first).click()
    panel = comments_panel(page)
    expect(panel.get_by_text("还没有意见。")).to_be_visible()
    text = "会话过期后写的意见：典型事例请写明时间和后果。"
    panel.get_by_label("新意见").fill(text)

    expire_sessions()
    panel.get_by_role("button", name="提出意见").click()
    expect(expired_notice(page)).to_contain_text("您输入的内容都还在，不会丢失")
    expect(panel.get_by_text("意见还没有提交，内容仍在输入框中")).to_be_visible()
    expect(panel.get_by_label("新意见")).to_have_value(text)
    assert not MaterialComment.objects.exists()

    # Logging in again rotates the CSRF cookie: the retry must still be accepted.
    log_in_in_a_new_window(page, context)
    expired_notice(page).get_by_role("button", name="重试", exact=True).click()
    expect(panel.get_by_role("article", name=re.compile("会话过期后写的意见"))).to_be_visible()
    expect(expired_notice(page)).to_have_count(0)
    expect(comments_button(cards(aspect_block(page, 1)).first)).to_have_text(re.compile(r"意见\s*1"))

    # Nothing is left waiting: coming back to the window sends nothing again.
    page.evaluate("window.dispatchEvent(new Event('focus'))")
    comments_button(cards(aspect_block(page, 1)).first).click()
    expect(panel.get_by_role("article", name=re.compile("会话过期后写的意见"))).to_have_count(1)
    comment = MaterialComment.objects.get()
    assert (comment.body, comment.anchor, comment.author.username) == (
        text,
        f"problem:{problem.pk}",
        DRAFTER.username,
    )


def test_the_pages_view_after_expiry_says_so_and_draws_the_pages_after_logging_in(
    drafter_page: Page, context: BrowserContext, live_server, demo: Meeting
):
    """pdf.js fetches the PDF itself: marked as a script's request, it gets the 401 too, not the
    login page's HTML (which it would report as a broken file)."""
    page = drafter_page
    page.goto(workspace_url(live_server, "preview", demo))
    expire_sessions()
    page.get_by_role("tab", name="版面（按页）").click()
    status = page.locator("[data-pages-status]")
    expect(status).to_have_text("登录已过期，重新登录后版面将再次显示。", timeout=30_000)
    expect(expired_notice(page)).to_be_visible()
    log_in_in_a_new_window(page, context)
    expired_notice(page).get_by_role("button", name="重试", exact=True).click()
    expect(status).to_have_text(re.compile(r"共 \d+ 页"), timeout=30_000)
    expect(page.locator(".pdf-page canvas").first).to_be_visible()
    expect(expired_notice(page)).to_have_count(0)
