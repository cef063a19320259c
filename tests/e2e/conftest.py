"""Browser tests: Playwright for Python driving Debian's Chromium against pytest-django's live server.

Every test collected under ``tests/e2e/`` is marked ``browser`` (deselect with ``-m "not browser"``)
and ``django_db(transaction=True, serialized_rollback=True)``: the live server answers from another
thread, so the test cannot run inside a rolled-back transaction, and the standard outlines created
by a data migration must survive the flush that ends each transactional test (see
``pytest_fixture_post_finalizer`` below).

Fixtures: ``browser`` (session), ``new_context`` (factory), ``context``, ``page``, ``demo`` (the
seeded demo meeting) and ``drafter_page`` (a page logged in as the demo drafter). On failure every
open page is saved as a full-page screenshot plus its HTML under ``test-artifacts/``.
"""

import os
import re
from collections.abc import Callable, Generator, Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connections
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

from apps.meetings import demo_content
from apps.meetings.models import Meeting
from tests.e2e.pages import DRAFTER, login
from tests.e2e.workspace_steps import open_problems

CHROMIUM = "/usr/bin/chromium"  # Debian's package, installed by `make test`
CHROMIUM_ARGS = [
    "--no-sandbox",  # containers and CI run as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-dev-shm-usage",  # /dev/shm is tiny in containers
    "--disable-background-networking",  # offline machine: no update, sync or safe-browsing calls
    "--disable-component-update",
    "--disable-sync",
]
# What the issue promises to work on: a 1366×768 screen, Chinese locale, Beijing time.
CONTEXT_OPTIONS = {
    "viewport": {"width": 1366, "height": 768},
    "locale": "zh-CN",
    "timezone_id": "Asia/Shanghai",
}
# Playwright waits 30 s by default; on a loaded 2-core machine 10 s is ample and fails faster.
ACTION_TIMEOUT_MS = 10_000
# The same patience for expect(...) assertions (5 s by default) in every browser test.
expect.set_options(timeout=ACTION_TIMEOUT_MS)

REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()
DB_BLOCKER = pytest.StashKey[object]()


def pytest_itemcollected(item: pytest.Item) -> None:
    # Only called for items under this directory (a conftest-local hook), before `-m` deselects
    # and before pytest-django sorts transactional tests after the others.
    item.add_marker(pytest.mark.browser)
    if item.get_closest_marker("django_db") is None:
        item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    # Keep each phase's report on the item, so that fixtures can tell at teardown whether the test
    # failed and attach the artifacts' paths to the failure.
    report = yield
    item.stash.setdefault(REPORTS, {})[report.when] = report
    return report


@pytest.fixture(scope="session", autouse=True)
def _remember_db_blocker(request: pytest.FixtureRequest, django_db_blocker) -> None:
    request.config.stash[DB_BLOCKER] = django_db_blocker


def pytest_fixture_post_finalizer(fixturedef: pytest.FixtureDef, request: pytest.FixtureRequest) -> None:
    """Put the migration data back right after a browser test's closing flush.

    A transactional test ends by flushing every table, which deletes the standard outlines that
    migration ``outlines.0002`` created. ``serialized_rollback`` reloads them at the *start* of the
    next serialized test only, so any other test that happens to run after this one (another order,
    ``--reuse-db`` keeping the emptied database for the next run) would find no outlines. Reloading
    here leaves the database as ``migrate`` left it, whatever runs next. ``_django_db_helper`` is
    the pytest-django fixture that performs the flush; this hook runs after its teardown.
    """
    if fixturedef.argname != "_django_db_helper":
        return
    with request.config.stash[DB_BLOCKER].unblock():
        for connection in connections.all(initialized_only=False):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents is not None:
                connection.creation.deserialize_db_from_string(contents)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """Playwright's sync API keeps an asyncio event loop running in the main thread from start() to
    stop(). Two consequences for Django, in every test that runs meanwhile (browser or not):

    - Django sees an "async context", so every ORM call, from a test body as from pytest-django's
      own setup, would raise SynchronousOnlyOperation. Nothing here is concurrent (the test thread
      waits while Playwright works), so we lift that check for exactly as long as Playwright runs.
    - ``django.db.connections`` is an asgiref ``Local``: with a loop running it would hand out new
      connection objects, not the ones pytest-django created the test database with. Those lack
      ``_test_serialized_contents`` (serialized rollback would silently restore nothing) and differ
      from the one the live server shares for in-memory SQLite. We register the same objects.
    """
    originals = {alias: connections[alias] for alias in connections}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as driver:
            for alias, connection in originals.items():
                connections[alias] = connection
            yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"{CHROMIUM} is missing: `make test` installs Debian's chromium package; "
            'or skip the browser tests with -m "not browser".'
        )
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def new_context(
    request: pytest.FixtureRequest, browser: Browser, live_server
) -> Iterator[Callable[..., BrowserContext]]:
    """A factory of browser contexts (separate cookie jars: two users, or one user twice) aimed at the
    live server, so that ``page.goto("/meetings/new/")`` works. Closed, and on failure saved, at the end."""
    contexts: list[BrowserContext] = []
    logs: list[str] = []

    def make(**options) -> BrowserContext:
        context = browser.new_context(base_url=live_server.url, **{**CONTEXT_OPTIONS, **options})
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        number = len(contexts) + 1
        context.on(
            "console", lambda message: logs.append(f"[context {number}] {message.type}: {message.text}")
        )
        context.on("weberror", lambda error: logs.append(f"[context {number}] page error: {error.error}"))
        contexts.append(context)
        return context

    yield make
    try:
        if _failed(request.node):
            _save_artifacts(request, [page for context in contexts for page in context.pages], logs)
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def context(new_context: Callable[..., BrowserContext]) -> BrowserContext:
    return new_context()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture
def demo(settings, transactional_db) -> Meeting:
    """The demo data of ``manage.py seed_demo`` (a unit, its team, the logins ``pages.DRAFTER``,
    ``SECRETARY``, ``MEMBER``, ``SUPERVISOR``, ``ADMIN``); returns the demo meeting."""
    settings.ALLOW_DEMO_SEED = True
    call_command("seed_demo", stdout=StringIO())
    return Meeting.objects.get(title=demo_content.MEETING.title)


@pytest.fixture
def drafter_page(page: Page, live_server, demo: Meeting) -> Page:
    """A page where the demo drafter has logged in and sees 工作台."""
    login(page, live_server, *DRAFTER)
    return page


@pytest.fixture
def problems_page(drafter_page: Page, live_server, demo: Meeting) -> Page:
    """The demo drafter on 查摆问题 of the demo team material, everything saved."""
    return open_problems(drafter_page, live_server, demo)


def _failed(item: pytest.Item) -> bool:
    reports = item.stash.get(REPORTS, {})
    return any(report.failed for report in reports.values())


def _save_artifacts(request: pytest.FixtureRequest, pages: list[Page], logs: list[str]) -> None:
    folder = request.config.rootpath / "test-artifacts"
    folder.mkdir(exist_ok=True)
    stem = re.sub(r"[^\w.-]+", "_", request.node.nodeid).strip("_")
    saved = []
    for number, page in enumerate(pages, start=1):
        name = stem if number == 1 else f"{stem}-page{number}"
        try:
            page.screenshot(path=folder / f"{name}.png", full_page=True)
            (folder / f"{name}.html").write_text(page.content(), encoding="utf-8")
        except Exception as error:  # a closed or crashed page must not hide the test's own failure
            saved.append(f"{name}: not saved ({error})")
            continue
        saved.append(f"{folder / name}.png (+ .html)  {page.url}")
    if logs:
        (folder / f"{stem}.console.txt").write_text("\n".join(logs) + "\n", encoding="utf-8")
        saved.append(f"{folder / stem}.console.txt")
    if not saved:
        return
    # Shown under the failure in pytest's report (the reports are rendered at the end of the run).
    for report in request.node.stash.get(REPORTS, {}).values():
        if report.failed:
            report.sections.append(("browser artifacts", "\n".join(saved)))
