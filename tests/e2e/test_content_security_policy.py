"""Every main page works under the Content-Security-Policy (no inline script, no eval): the browser
reports no `securitypolicyviolation` event and no CSP error on the console, with pdf.js drawing the
预览's pages (its worker), Chart.js drawing the 统计看板, and Django's admin (change form, autocomplete)."""

import pytest
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page, expect

from apps.entries.models import Material
from apps.meetings.models import Meeting
from tests.e2e.pages import ADMIN, DRAFTER, LOGIN_PATH, login, url
from tests.e2e.workspace_steps import workspace_url

# Recorded in every page before its own scripts run (init scripts are not subject to the page's policy).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${where}`);
});
"""


@pytest.fixture
def watched(context: BrowserContext) -> tuple[Page, list[str]]:
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    errors: list[str] = []
    page.on(
        "console",
        lambda message: errors.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return page, errors


def visit(page: Page, errors: list[str], address: str) -> None:
    response = page.goto(address)
    assert response is not None and response.status == 200, address
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    assert_clean(page, errors, address)


def assert_clean(page: Page, errors: list[str], where: str) -> None:
    violations = page.evaluate("window.__cspViolations")
    assert violations == [], f"{where}: {violations}"
    assert errors == [], f"{where}: {errors}"


def test_the_drafters_pages_raise_no_csp_violation(watched, live_server, demo: Meeting):
    page, errors = watched
    visit(page, errors, url(live_server, "accounts:login"))
    login(page, live_server, *DRAFTER)
    assert_clean(page, errors, "login")
    material = Material.objects.get(meeting=demo, member__isnull=True)
    addresses = [
        url(live_server, "meetings:dashboard"),
        url(live_server, "meetings:detail", demo.pk),
        workspace_url(live_server, "info", demo),
        workspace_url(live_server, "preparation", demo),
        workspace_url(live_server, "problems", demo, material=material),
        workspace_url(live_server, "causes", demo, material=material),
        workspace_url(live_server, "measures", demo, material=material),
        workspace_url(live_server, "report", demo),
        url(live_server, "ledger:meeting", demo.pk),
        url(live_server, "snippets:library_home"),
    ]
    for address in addresses:
        visit(page, errors, address)
    # 预览 with its pages drawn by pdf.js (module import and worker).
    visit(page, errors, workspace_url(live_server, "preview", demo, material=material))
    page.get_by_role("tab", name="版面（按页）").click()
    expect(page.get_by_role("img", name="第1页")).to_be_visible(timeout=30_000)
    assert_clean(page, errors, "预览 版面")
    # The watch works: an inline script is blocked and reported.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__ran = 1'; document.body.append(s); }"
    )
    page.wait_for_function("window.__cspViolations.length > 0")
    assert page.evaluate("window.__ran") is None


def test_the_dashboards_and_the_admin_raise_no_csp_violation(watched, live_server, demo: Meeting):
    page, errors = watched
    login(page, live_server, *ADMIN)
    expect(page).not_to_have_url(LOGIN_PATH)
    visit(page, errors, url(live_server, "dashboards:home"))
    visit(page, errors, url(live_server, "dashboards:unit", demo.unit_id))
    expect(page.locator("canvas[data-chart-drawn]").first).to_be_attached()
    assert_clean(page, errors, "统计看板")
    material = Material.objects.filter(meeting=demo).first()
    for address in (
        live_server.url + reverse("admin:index"),
        live_server.url + reverse("admin:entries_material_change", args=[material.pk]),
        live_server.url + reverse("admin:accounts_unitrole_add"),
        live_server.url + reverse("admin:security_loginevent_changelist"),
    ):
        visit(page, errors, address)
    # The unit role's autocomplete (select2 from the admin's own static files) opens and searches.
    page.goto(live_server.url + reverse("admin:accounts_unitrole_add"))
    page.locator(".select2-selection").first.click()
    page.keyboard.type("de")
    expect(page.locator(".select2-results__option").first).to_be_visible()
    assert_clean(page, errors, "admin autocomplete")
