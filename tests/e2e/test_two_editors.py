"""Two people editing the same problem at once, each in their own browser (separate contexts and
sessions: the demo drafter and the administrator), on the demo meeting's first problem.

- Different fields: the later, stale save is merged (apps/core/revisions.py), nothing is lost and
  the later editor's page shows the other person's change at once.
- The same field: the later editor sees both texts and keeps the one they choose; the other
  text was on their screen, and the first editor, now stale in turn, is told the same way.
"""

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from apps.entries.models import Problem
from apps.meetings.models import Meeting
from tests.e2e.pages import ADMIN, DRAFTER, login
from tests.e2e.workspace_steps import (
    CONFLICT,
    SAVED,
    aspect_block,
    card_state,
    cards,
    expect_saved,
    fill_and_leave,
    reload_when_saved,
    save_state,
    team_material,
    workspace_url,
)

CONFLICT_TITLE = "这条内容刚被其他人修改并保存过。请对比两个版本，选择要保留的内容："


@pytest.fixture
def problem(demo: Meeting) -> Problem:
    """The demo meeting's first team problem (first aspect, 一是)."""
    return team_material(demo).problems.order_by("aspect__position", "position").first()


@pytest.fixture
def editors(new_context: Callable[..., BrowserContext], live_server, demo: Meeting, problem) -> tuple:
    """Two pages, the drafter's and the administrator's, showing the problem at the same revision."""
    pages = []
    for account in [DRAFTER, ADMIN]:
        page = new_context().new_page()
        login(page, live_server, *account)
        page.goto(workspace_url(live_server, "problems", demo))
        expect(first_card(page).get_by_label("问题概括")).to_have_value(problem.headline)
        pages.append(page)
    return tuple(pages)


def first_card(page: Page) -> Locator:
    return cards(aspect_block(page, 1)).first


def conflict_panel(card: Locator) -> Locator:
    return card.get_by_text(CONFLICT_TITLE).locator("..")


def test_changes_to_different_fields_of_one_problem_are_both_kept(editors, problem):
    drafter, admin = editors
    headline = "理论学习与数据工作结合得不够紧密（撰稿人改）"
    elaboration = "管理员补充的具体表现：专题研讨的成果转化为制度的不多。"

    fill_and_leave(first_card(drafter).get_by_label("问题概括"), headline)
    expect_saved(drafter)
    # The administrator's page still shows the old headline and revision: a stale save.
    fill_and_leave(first_card(admin).get_by_label("具体表现"), elaboration)
    expect_saved(admin)
    expect(card_state(first_card(admin))).to_have_text(SAVED)
    # Merged, not refused: the drafter's headline appears on the administrator's page at once.
    expect(first_card(admin).get_by_label("问题概括")).to_have_value(headline)
    expect(first_card(admin).get_by_text(CONFLICT_TITLE)).to_have_count(0)

    problem.refresh_from_db()
    assert (problem.headline, problem.elaboration) == (headline, elaboration)
    for page in editors:
        reload_when_saved(page)
        expect(first_card(page).get_by_label("问题概括")).to_have_value(headline)
        expect(first_card(page).get_by_label("具体表现")).to_have_value(elaboration)


def test_both_changing_the_headline_see_both_texts_and_keep_the_one_they_choose(editors, problem):
    drafter, admin = editors
    drafters_text = "理论学习与数据工作结合得不够紧密（撰稿人的版本）"
    admins_text = "理论学习联系数据工作实际不够（管理员的版本）"

    fill_and_leave(first_card(drafter).get_by_label("问题概括"), drafters_text)
    expect_saved(drafter)

    # The administrator saves over it from a stale page: refused, both texts shown side by side.
    card = first_card(admin)
    fill_and_leave(card.get_by_label("问题概括"), admins_text)
    expect(save_state(admin)).to_have_text(CONFLICT)
    panel = conflict_panel(card)
    expect(panel.get_by_text("问题概括（我的版本）")).to_be_visible()
    expect(panel.get_by_text("问题概括（对方保存的版本）")).to_be_visible()
    expect(panel.get_by_text(admins_text, exact=True)).to_be_visible()
    expect(panel.get_by_text(drafters_text, exact=True)).to_be_visible()
    problem.refresh_from_db()
    assert problem.headline == drafters_text  # nothing was overwritten while undecided

    # Having read the drafter's text, the administrator keeps their own.
    expect(panel.get_by_role("button", name="保留我的版本")).to_be_focused()
    panel.get_by_role("button", name="保留我的版本").click()
    expect_saved(admin)
    expect(card.get_by_text(CONFLICT_TITLE)).to_have_count(0)
    expect(card.get_by_label("问题概括")).to_have_value(admins_text)
    problem.refresh_from_db()
    assert problem.headline == admins_text

    # The drafter's page is stale now: typing again there meets the administrator's text, and
    # this time the other version is adopted.
    card = first_card(drafter)
    fill_and_leave(card.get_by_label("问题概括"), drafters_text + "，再改一次")
    expect(save_state(drafter)).to_have_text(CONFLICT)
    panel = conflict_panel(card)
    expect(panel.get_by_text(admins_text, exact=True)).to_be_visible()
    expect(panel.get_by_text(drafters_text + "，再改一次", exact=True)).to_be_visible()
    panel.get_by_role("button", name="采用对方的版本").click()
    expect(card.get_by_label("问题概括")).to_have_value(admins_text)
    expect_saved(drafter)

    problem.refresh_from_db()
    assert problem.headline == admins_text
    for page in editors:
        reload_when_saved(page)
        expect(first_card(page).get_by_label("问题概括")).to_have_value(admins_text)
