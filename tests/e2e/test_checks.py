"""体检 in the browser: the step in the sidebar shows its error count, the step page lists a left-in
placeholder, and its link lands on the field holding it."""

import re

from playwright.sync_api import Page, expect

from apps.meetings.models import Meeting
from tests.e2e.workspace_steps import first_aspect_problems


def test_a_placeholder_is_listed_and_its_link_opens_the_field(problems_page: Page, demo: Meeting):
    page = problems_page
    problem = first_aspect_problems(demo)[0]
    problem.elaboration = "全年开展专题调研xx次，走访基层单位。"
    problem.save()
    page.reload()

    step = page.locator('[data-step="checks"]')
    expect(step.locator('[data-checks-count="error"]')).to_be_visible()  # filled by checks.js
    step.click()
    expect(page.locator("#step-title")).to_contain_text("体检")

    finding = page.locator('[data-finding="placeholder"]').first
    expect(finding).to_contain_text("留有占位符“xx”")
    finding.locator("[data-finding-link]").click()

    field = page.locator(f"#id_problem{problem.pk}_elaboration")
    expect(page).to_have_url(re.compile(f"#id_problem{problem.pk}_elaboration$"))
    expect(field).to_be_in_viewport()
    expect(field).to_have_value(re.compile("xx次"))
