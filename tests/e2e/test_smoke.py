"""Smoke test of the screens that exist: login, 工作台, a meeting, 新建会议.

Like every test under tests/e2e/, these are marked ``browser`` and run against the live server with
a transactional database (see conftest.py).
"""

import datetime
import re

from playwright.sync_api import Page, expect

from apps.meetings.models import Meeting
from tests.e2e.pages import DRAFTER, submit_login, url


def test_drafter_logs_in_lands_on_the_dashboard_and_opens_the_demo_meeting(page: Page, live_server, demo):
    submit_login(page, live_server, *DRAFTER)

    expect(page).to_have_url(url(live_server, "meetings:dashboard"))
    expect(page.get_by_role("heading", name="工作台", level=1)).to_be_visible()
    page.get_by_role("link", name=demo.title, exact=True).click()

    expect(page).to_have_url(url(live_server, "meetings:detail", demo.pk))
    expect(page.get_by_role("heading", level=1)).to_have_text(demo.title)


def test_wrong_password_shows_the_chinese_error_and_keeps_the_username(page: Page, live_server, demo):
    submit_login(page, live_server, DRAFTER.username, "not-the-password")

    expect(page.get_by_text("用户名或密码不正确，请重新输入（密码区分大小写）。")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.get_by_label("用户名")).to_have_value(DRAFTER.username)


def test_pages_get_bootstrap_from_the_live_server(page: Page, live_server):
    statuses: dict[str, int] = {}
    page.on("response", lambda response: statuses.setdefault(response.url, response.status))

    page.goto(url(live_server, "accounts:login"))

    static = {address: status for address, status in statuses.items() if "/static/" in address}
    assert any(address.endswith("/bootstrap.min.css") for address in static), statuses
    assert any(address.endswith("/bootstrap.bundle.min.js") for address in static), statuses
    assert set(static.values()) == {200}, static
    # Loaded and applied: the submit button has Bootstrap's primary blue, its JavaScript is there.
    expect(page.get_by_role("button", name="登录", exact=True)).to_have_css(
        "background-color", "rgb(13, 110, 253)"
    )
    assert page.evaluate("typeof window.bootstrap") == "object"


def test_new_meeting_left_untitled_gets_the_proposed_title(drafter_page: Page):
    page = drafter_page
    page.get_by_role("link", name="新建会议").click()
    expect(page.get_by_role("heading", name="新建会议", level=1)).to_be_visible()

    page.get_by_label("单位").select_option(label="示范市数据资源管理局党组")
    page.get_by_label("提纲").select_option(label="党史学习教育专题民主生活会（2021年）")
    page.get_by_label("召开日期").fill("2022-01-14")
    # No script proposes the title while typing: the form says it will be generated when left empty.
    expect(page.get_by_label("会议名称")).to_have_value("")
    expect(page.get_by_text("留空则自动生成")).to_be_visible()
    page.get_by_role("button", name="创建会议").click()

    title = "市数据局党组2021年度党史学习教育专题民主生活会"  # the outline's short theme in it
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_role("alert")).to_contain_text(f"已创建“{title}”。")
    expect(page.get_by_text("2022年1月14日")).to_be_visible()
    meeting = Meeting.objects.get(title=title)
    assert (meeting.outline.year, meeting.year, meeting.date) == (2021, 2021, datetime.date(2022, 1, 14))
