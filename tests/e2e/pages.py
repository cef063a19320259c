"""What browser tests share: the demo logins and the steps every test repeats.

Locate things the way a user sees them: by role and Chinese name (``get_by_role("button",
name="登录")``), by label (``get_by_label("提纲")``) or by text, never by CSS classes.
"""

import re
from typing import NamedTuple

from django.urls import reverse
from playwright.sync_api import Page, expect

from apps.meetings import demo_content


class DemoLogin(NamedTuple):
    username: str
    password: str


def _demo_login(username: str) -> DemoLogin:
    account = next(account for account in demo_content.ACCOUNTS if account.username == username)
    return DemoLogin(account.username, account.password)


# The accounts `manage.py seed_demo` creates (the `demo` fixture), e.g. login(page, live_server, *DRAFTER).
DRAFTER = _demo_login("demo")
SECRETARY = _demo_login("shuji")
MEMBER = _demo_login("chengyuan")
SUPERVISOR = _demo_login("dudao")
ADMIN = _demo_login("admin")

LOGIN_PATH = re.compile(r"/accounts/login/")


def url(live_server, name: str, *args) -> str:
    """The live server's absolute URL of a named route: url(live_server, "meetings:detail", meeting.pk)."""
    return live_server.url + reverse(name, args=args)


def submit_login(page: Page, live_server, username: str, password: str) -> None:
    """Fill in and send the login form, as a user does; asserts nothing about the outcome."""
    page.goto(url(live_server, "accounts:login"))
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录", exact=True).click()


def login(page: Page, live_server, username: str, password: str) -> None:
    """Log in through the form and wait until the login page has been left (工作台 by default)."""
    submit_login(page, live_server, username, password)
    expect(page).not_to_have_url(LOGIN_PATH)
