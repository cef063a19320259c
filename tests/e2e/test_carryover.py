"""Into next year in the browser: the demo unit met the year before, so the demo meeting's team
material started with 上年度整改落实情况 drafted from that year's ledger; 查摆问题 regenerates it (asking
before it replaces typed text, saved by autosave, undone with 撤销) and adds last year's open measure
as a 上年未结 problem."""

from playwright.sync_api import Dialog, Locator, Page, expect

from apps.entries.models import Material
from apps.ledger import carryover
from apps.meetings.models import Meeting
from tests.e2e.workspace_steps import expect_saved, open_problems, reload_when_saved, team_material


def previous_year(demo: Meeting) -> Material:
    """The demo unit's meeting of the year before (seed_demo): four measures, 已销号, 已完成, 推进中
    (with progress notes) and 未启动."""
    return carryover.previous_material(team_material(demo))


def toast(page: Page, text: str) -> Locator:
    return page.locator("#toast-area").get_by_role("status").filter(has_text=text)


def test_the_recap_is_regenerated_from_last_years_ledger_and_can_be_undone(
    drafter_page: Page, live_server, demo
):
    team = team_material(demo)
    page = open_problems(drafter_page, live_server, demo)
    recap = page.get_by_role("textbox", name="上年度整改落实情况")
    regenerate = page.get_by_role("button", name="按上年台账重新生成")
    draft = carryover.recap_draft(team)
    assert draft.startswith(
        "上年度民主生活会查摆的4个问题、制定的4项整改措施，已完成2项（其中已销号1项），正在推进1项"
    )
    expect(recap).to_have_value(draft)  # the material started with it
    questions: list[str] = []
    answers: list[bool] = []  # what the drafter answers to the next questions, in order

    def answer(dialog: Dialog) -> None:
        questions.append(dialog.message)
        dialog.accept() if answers.pop(0) else dialog.dismiss()

    page.on("dialog", answer)

    # The same text: nothing to ask, nothing changes.
    regenerate.click()
    expect(toast(page, "没有改动")).to_be_visible()
    assert questions == []

    # Over typed text it asks first: declined, nothing changes; accepted, replaced, then undone.
    typed = "撰稿人改写的上年度整改情况。"
    recap.fill(typed)
    recap.blur()
    expect_saved(page)
    answers.append(False)
    with page.expect_response(lambda response: "/recap/generate/" in response.url):
        regenerate.click()
    expect(recap).to_have_value(typed)
    answers.append(True)
    regenerate.click()
    expect(recap).to_have_value(draft)
    reload_when_saved(page)
    expect(recap).to_have_value(draft)
    team.refresh_from_db()
    assert team.recap == draft
    assert len(questions) == 2 and "替换" in questions[0]

    # 撤销 puts the typed text back, saved like typing.
    recap.fill(typed)
    recap.blur()
    expect_saved(page)
    answers.append(True)
    regenerate.click()
    expect(recap).to_have_value(draft)
    toast(page, "已按上年台账重新生成").get_by_role("button", name="撤销").click()
    expect(recap).to_have_value(typed)
    reload_when_saved(page)
    expect(recap).to_have_value(typed)
    team.refresh_from_db()
    assert team.recap == typed


def test_an_open_measure_is_added_as_a_carried_over_problem(drafter_page: Page, live_server, demo):
    last = previous_year(demo)
    page = open_problems(drafter_page, live_server, demo)
    panel = page.get_by_role("region", name="上年未结的整改措施")
    expect(panel.get_by_role("listitem")).to_have_count(
        2
    )  # 推进中 and 未启动; the finished ones are not offered
    offer = panel.get_by_role("listitem").filter(has_text="优化高频事项网办流程")
    serve = demo.outline.aspects.get(label="为民服务")
    expect(offer.get_by_label("加入到方面")).to_have_value(str(serve.pk))  # the old problem's aspect
    offer.get_by_role("button", name="作为问题加入").click()

    expect(page.get_by_role("alert").filter(has_text="作为上年未结问题加入")).to_be_visible()
    problem = team_material(demo).problems.get(carried_from__material=last)
    expect(page.locator(f"#id_problem{problem.pk}_headline")).to_have_value(
        "企业开办等高频事项网上办理体验不佳"
    )
    assert problem.source == "carried_over" and problem.aspect == serve
    assert "最新进展（2023年1月12日）：已梳理高频事项32项" in problem.elaboration
    expect(panel.get_by_role("listitem").filter(has_text="优化高频事项网办流程")).to_contain_text("已加入过")
    expect(panel.get_by_role("button", name="作为问题加入")).to_have_count(1)
