"""An idle session that expired while the drafter types: the autosave is answered by the login page;
the text stays in the browser (localStorage), the page says so with a link to log in in a new window,
and after logging in the retry saves it. A reload lands on the login page and, after logging in,
the typed text comes back and is saved."""

import json

from django.contrib.sessions.models import Session
from playwright.sync_api import BrowserContext, Page, expect

from apps.meetings.models import Meeting
from tests.e2e.pages import DRAFTER, LOGIN_PATH
from tests.e2e.workspace_steps import (
    aspect_block,
    cards,
    expect_saved,
    fill_and_leave,
    first_aspect_problems,
    reload_leaving_unsaved_work,
    save_state,
)

EXPIRED = "登录已过期，内容暂存在本浏览器"


def expire_sessions() -> None:
    """What SESSION_COOKIE_AGE does after 30 idle minutes: the server no longer knows the session."""
    Session.objects.all().delete()


def browser_copies(page: Page) -> list[str]:
    script = """Object.keys(localStorage).filter((k) => k.startsWith('reportbuilder-draft:'))
        .map((k) => localStorage.getItem(k))"""
    return [json.dumps(json.loads(raw)["values"], ensure_ascii=False) for raw in page.evaluate(script)]


def log_in_here(page: Page) -> None:
    page.get_by_label("用户名").fill(DRAFTER.username)
    page.get_by_label("密码").fill(DRAFTER.password)
    page.get_by_role("button", name="登录", exact=True).click()


def type_after_expiry(page: Page, text: str) -> None:
    expire_sessions()
    fill_and_leave(cards(aspect_block(page, 1)).first.get_by_label("具体表现"), text)
    expect(save_state(page)).to_have_text(EXPIRED)
    notice = page.get_by_role("alert").filter(has_text="登录已过期")
    expect(notice).to_contain_text("您输入的内容暂存在本浏览器中，不会丢失")
    assert any(text in copy for copy in browser_copies(page))


def test_log_in_in_a_new_window_then_the_retry_saves(
    problems_page: Page, context: BrowserContext, demo: Meeting
):
    page = problems_page
    text = "会话过期后输入的文字：专题研讨联系实际不够。"
    type_after_expiry(page, text)
    with context.expect_page() as new_window:
        page.get_by_role("link", name="在新窗口登录").click()
    login_page = new_window.value
    expect(login_page).to_have_url(LOGIN_PATH)
    log_in_here(login_page)
    expect(login_page).not_to_have_url(LOGIN_PATH)
    login_page.close()
    page.bring_to_front()
    page.get_by_role("button", name="重试保存").click()
    expect_saved(page)
    expect(page.get_by_role("alert").filter(has_text="登录已过期")).to_have_count(0)
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
