"""What the browser tests of the meeting workspace (/meetings/<id>/work/…) share.

Locators follow pages.py: roles, Chinese names and labels as a drafter sees them. The few CSS
hooks used are the ones the issue names: the page-wide save state ``#save-state``, a card's own
state ``[data-card-state]`` and its number ``[data-number]`` (一是、（一）、一要…).

Autosave (static/js/autosave.js) marks the page "保存中…" synchronously when a field changes (and
workspace.js does the same when a card is moved), so ``expect_saved`` right after a ``fill`` or a
move waits for that very save to be answered.
"""

import re

from playwright.sync_api import Locator, Page, expect

from apps.core.numbering import chinese_numeral
from apps.entries.models import Material, Problem
from apps.meetings.models import Meeting
from tests.e2e.pages import url

SAVED = "已保存"
SAVING = "保存中…"
FAILED = "保存失败，正在重试"
INVALID = "有内容未保存：请按提示修改"
CONFLICT = "有修改冲突，请选择保留的版本"


# --- Addresses --------------------------------------------------------------------------------------


def team_material(meeting: Meeting) -> Material:
    return meeting.materials.team().get()


def workspace_url(live_server, name: str, meeting: Meeting, *, material: Material | None = None) -> str:
    """workspace_url(live_server, "problems", meeting): a step of the team material (the steps of
    the meeting itself, "info", "preparation", "report", take no material)."""
    args = [meeting.pk]
    if name in {"problems", "causes", "measures", "preview"}:
        args.append((material or team_material(meeting)).pk)
    return url(live_server, f"workspace:{name}", *args)


# --- Saving -------------------------------------------------------------------------------------------


def save_state(page: Page) -> Locator:
    """The page-wide state in the header: 已保存 / 保存中… / 保存失败，正在重试 / …"""
    return page.locator("#save-state")


def expect_saved(page: Page) -> None:
    expect(save_state(page)).to_have_text(SAVED)


def reload_when_saved(page: Page) -> None:
    """Reload as a drafter would, once the page says everything is saved."""
    expect_saved(page)
    page.reload()
    expect_saved(page)


def reload_leaving_unsaved_work(page: Page) -> None:
    """Reload although the page warns about unsaved text (the drafter confirms leaving)."""
    page.once("dialog", lambda dialog: dialog.accept())
    page.reload()


def drafts_kept(page: Page) -> int:
    """How many forms' texts the browser keeps in its own copy (localStorage, autosave.js) because
    the server does not have them yet."""
    script = "Object.keys(localStorage).filter((key) => key.startsWith('reportbuilder-draft:')).length"
    return page.evaluate(script)


def fill_and_leave(field: Locator, text: str) -> None:
    """Type ``text`` into a field and leave it: autosave sends it at once instead of after the
    typing pause."""
    field.fill(text)
    field.blur()


# --- Steps in the sidebar -------------------------------------------------------------------------


def step_link(page: Page, label: str) -> Locator:
    """The sidebar link of a step: "1 会议信息 还需填写：… 填写中"."""
    nav = page.get_by_role("navigation", name="撰写步骤")
    return nav.get_by_role("link", name=re.compile(rf"^\d+ {re.escape(label)}(?:\s|$)"))


def expect_step_state(page: Page, label: str, state: str) -> None:
    """The state mark beside a step: 空 / 填写中 / 完成 / 需处理."""
    expect(step_link(page, label).locator("[data-step-state]")).to_have_text(state)


def step_heading(page: Page, label: str) -> Locator:
    return page.get_by_role("heading", level=2, name=re.compile(rf"^\d+\. {re.escape(label)}$"))


def open_step(page: Page, label: str) -> None:
    """Go to another step through the sidebar, after the current page has saved everything."""
    expect_saved(page)
    step_link(page, label).click()
    expect(step_heading(page, label)).to_be_visible()


# --- Cards ----------------------------------------------------------------------------------------------


def aspect_block(page: Page, number: int) -> Locator:
    """The 查摆问题 block of the outline's ``number``-th aspect, titled （一）… as it will print."""
    return page.get_by_role("region", name=re.compile(rf"^（{chinese_numeral(number)}）"))


def cards(scope: Locator) -> Locator:
    """The cards (problems, causes, measures, study sessions…) in a block, in their order."""
    return scope.get_by_role("article")


def add_card(scope: Locator, button: str) -> Locator:
    """Click the block's add button (在本方面添加问题, 添加原因…) and return the new, last card."""
    count = cards(scope).count()
    scope.get_by_role("button", name=button).click()
    expect(cards(scope)).to_have_count(count + 1)
    return cards(scope).nth(count)


def number_of(card: Locator) -> Locator:
    """The number shown beside a card (一是、（一）、1.…); the drafter never types it."""
    return card.locator("[data-number]").first


def card_state(card: Locator) -> Locator:
    return card.locator("[data-card-state]").first


def expect_field_error(field: Locator, message: str) -> None:
    """The message is shown under the field and announced as the field's description."""
    expect(field).to_have_accessible_description(message)
    expect(field).to_have_class(re.compile(r"\bis-invalid\b"))


def expect_no_field_error(field: Locator) -> None:
    expect(field).not_to_have_class(re.compile(r"\bis-invalid\b"))


def first_aspect_problems(meeting: Meeting) -> list[Problem]:
    """The team material's problems under the outline's first aspect, in their order."""
    material = team_material(meeting)
    aspect = meeting.outline.aspects.order_by("position").first()
    return list(material.problems.filter(aspect=aspect).order_by("position"))


def open_problems(page: Page, live_server, meeting: Meeting) -> Page:
    """Go to 查摆问题 of the team material and wait until the page is settled."""
    page.goto(workspace_url(live_server, "problems", meeting))
    expect_saved(page)
    return page
