"""Autosave when things go wrong, and the problems step without a mouse, on the demo meeting's
first aspect (two problems, 一是 and 二是):

- a save the network or the server refuses is shown as failed, retried, and kept once it passes;
- leaving a page with text not saved yet asks first (the browser's beforeunload question);
- a card is reached with Tab and moved with Alt+↓, and the new order is kept; the drag handle
  moves it back.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Dialog, Locator, Page, Route, expect

from apps.entries.models import Problem
from apps.meetings.models import Meeting
from tests.e2e.workspace_steps import (
    FAILED,
    SAVED,
    add_card,
    aspect_block,
    card_state,
    cards,
    expect_saved,
    fill_and_leave,
    first_aspect_problems,
    number_of,
    reload_leaving_unsaved_work,
    reload_when_saved,
    save_state,
    team_material,
)


def save_address(problem: Problem) -> str:
    """A glob matching the problem card's autosave address, for page.route()."""
    args = [problem.material.meeting_id, problem.material_id, problem.pk]
    return "**" + reverse("workspace:problem_save", args=args)


def first_card(page: Page) -> Locator:
    return cards(aspect_block(page, 1)).first


def test_a_failed_save_is_shown_retried_and_kept(problems_page: Page, demo: Meeting):
    page = problems_page
    problem = first_aspect_problems(demo)[0]
    text = "中心组学习以传达文件为主，联系数据工作实际的专题研讨不多。"
    refused: list[str] = []

    def refuse(route: Route) -> None:
        refused.append(route.request.method)
        if len(refused) == 1:
            route.abort("connectionfailed")  # the network is down…
        else:
            route.fulfill(status=500, body="Server Error")  # …then the server fails

    page.route(save_address(problem), refuse)
    card = first_card(page)
    with page.expect_response(lambda response: response.status == 500):
        fill_and_leave(card.get_by_label("具体表现"), text)
        expect(save_state(page)).to_have_text(FAILED)
        expect(card_state(card)).to_have_text(re.compile(r"^保存失败，\d+秒后重试$"))
    # Retried after a pause, failed again, still said so.
    expect(save_state(page)).to_have_text(FAILED)
    problem.refresh_from_db()
    assert problem.elaboration != text

    page.unroute(save_address(problem))  # back to normal: the next retry gets through
    expect_saved(page)
    expect(card_state(card)).to_have_text(SAVED)
    assert refused[:2] == ["POST", "POST"]
    problem.refresh_from_db()
    assert problem.elaboration == text
    reload_when_saved(page)
    expect(first_card(page).get_by_label("具体表现")).to_have_value(text)


def test_leaving_the_page_with_unsaved_text_asks_first(problems_page: Page, demo: Meeting):
    page = problems_page
    problem = first_aspect_problems(demo)[0]
    addition = "（补充：青年干部学习跟踪不够）"
    page.route(save_address(problem), lambda route: route.abort("connectionfailed"))

    # Typed with real key presses: Chromium asks before leaving only after the user did something.
    field = first_card(page).get_by_label("典型事例")
    field.click()
    field.press("Control+End")  # the end of the text, not of the wrapped line
    page.keyboard.type(addition)
    expect(save_state(page)).not_to_have_text(SAVED)

    questions: list[str] = []

    def stay(dialog: Dialog) -> None:
        questions.append(dialog.type)
        dialog.dismiss()  # "stay on this page"

    page.on("dialog", stay)
    with page.expect_event("dialog") as asked:
        page.close(run_before_unload=True)
    assert asked.value.type == "beforeunload"
    # Stayed: the page and the text are still there.
    assert not page.is_closed()
    expect(field).to_have_value(problem.example + addition)

    page.unroute(save_address(problem))
    expect_saved(page)
    page.reload()  # everything saved: no question this time
    expect(first_card(page).get_by_label("典型事例")).to_have_value(problem.example + addition)
    assert questions == ["beforeunload"]
    problem.refresh_from_db()
    assert problem.example.endswith(addition)


def test_a_problem_is_reached_with_tab_and_moved_with_alt_arrow(problems_page: Page, demo: Meeting):
    page = problems_page
    first, second = first_aspect_problems(demo)[:2]
    block = aspect_block(page, 1)
    handle = "拖动调整顺序"

    # Keyboard only: the skip link, then Tab until the focus is on the first problem card.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="跳到正文")).to_be_focused()
    page.keyboard.press("Enter")
    target = cards(block).first.element_handle()
    for _ in range(60):
        page.keyboard.press("Tab")
        if target.evaluate("(card) => card.contains(document.activeElement)"):
            break
    else:
        pytest.fail("Tab never reached the first problem card")
    expect(cards(block).first.get_by_role("button", name=handle)).to_be_focused()

    page.keyboard.press("Alt+ArrowDown")
    expect(cards(block).nth(0).get_by_label("问题概括")).to_have_value(second.headline)
    expect(cards(block).nth(1).get_by_label("问题概括")).to_have_value(first.headline)
    expect(number_of(cards(block).nth(1))).to_have_text("二是")
    expect(cards(block).nth(1).get_by_role("button", name=handle)).to_be_focused()  # it moved along

    reload_when_saved(page)
    expect(cards(block).nth(0).get_by_label("问题概括")).to_have_value(second.headline)
    expect(number_of(cards(block).nth(0))).to_have_text("一是")
    expect(cards(block).nth(1).get_by_label("问题概括")).to_have_value(first.headline)
    assert [p.pk for p in first_aspect_problems(demo)[:2]] == [second.pk, first.pk]

    # With the mouse, the drag handle moves it back.
    drag_above(page, cards(block).nth(1).get_by_role("button", name=handle), cards(block).nth(0))
    expect(cards(block).nth(0).get_by_label("问题概括")).to_have_value(first.headline)
    expect(number_of(cards(block).nth(0))).to_have_text("一是")
    reload_when_saved(page)
    expect(cards(block).nth(0).get_by_label("问题概括")).to_have_value(first.headline)
    assert [p.pk for p in first_aspect_problems(demo)[:2]] == [first.pk, second.pk]


def drag_above(page: Page, handle: Locator, target: Locator) -> None:
    """Drag by ``handle`` to the upper part of ``target``, moving in small steps as a hand does
    (SortableJS decides where the card goes from the dragover events along the way)."""
    handle.scroll_into_view_if_needed()
    start, end = handle.bounding_box(), target.bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(end["x"] + 40, max(end["y"], 0) + 20, steps=12)
    page.mouse.up()


def test_text_that_never_reached_the_server_comes_back_after_a_reload(problems_page: Page, demo: Meeting):
    page = problems_page
    problem = first_aspect_problems(demo)[0]
    text = "离线时写下的具体表现，刷新页面后不能丢。"
    page.route(save_address(problem), lambda route: route.abort("connectionfailed"))
    fill_and_leave(first_card(page).get_by_label("具体表现"), text)
    expect(save_state(page)).to_have_text(FAILED)

    reload_leaving_unsaved_work(page)
    # Put back from the browser's own copy, and sent again (still refused while offline).
    expect(page.get_by_text("已恢复1处上次未保存的内容")).to_be_visible()
    expect(first_card(page).get_by_label("具体表现")).to_have_value(text)
    expect(save_state(page)).to_have_text(FAILED)

    page.unroute(save_address(problem))
    expect_saved(page)
    problem.refresh_from_db()
    assert problem.elaboration == text
    page.reload()  # saved: nothing is restored twice
    expect(page.get_by_text("已恢复")).to_have_count(0)
    expect(first_card(page).get_by_label("具体表现")).to_have_value(text)


def test_a_new_card_not_yet_saveable_survives_a_reload(problems_page: Page, demo: Meeting):
    page = problems_page
    block = aspect_block(page, 2)
    before = cards(block).count()
    card = add_card(block, "在本方面添加问题")
    text = "还没想好概括，先记下表现：请示报告的时限执行不严。"
    fill_and_leave(card.get_by_label("具体表现"), text)
    expect(card.get_by_text("请填写问题概括。")).to_be_visible()  # cannot be created without a headline

    reload_leaving_unsaved_work(page)
    expect(cards(block)).to_have_count(before + 1)
    restored = cards(block).last
    expect(restored.get_by_label("具体表现")).to_have_value(text)
    expect(restored.get_by_text("请填写问题概括。")).to_be_visible()

    fill_and_leave(restored.get_by_label("问题概括"), "重大事项请示报告时限执行不严")
    expect_saved(page)
    created = team_material(demo).problems.get(headline="重大事项请示报告时限执行不严")
    assert created.elaboration == text
    reload_when_saved(page)
    expect(cards(block)).to_have_count(before + 1)  # the draft is gone once the card exists
