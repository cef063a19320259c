"""Into next year in the browser: the demo unit met the year before, so the 查摆问题 step of the demo
meeting regenerates 上年度整改落实情况 from that year's ledger (asking before it replaces typed text,
saved by autosave, undone with 撤销) and adds last year's open measure as a 上年未结 problem."""

import datetime

from playwright.sync_api import Dialog, Locator, Page, expect

from apps.entries import services as entries
from apps.entries.models import Material, Measure
from apps.ledger import carryover
from apps.ledger.models import ProgressNote
from apps.meetings.models import Meeting
from tests.e2e.workspace_steps import expect_saved, open_problems, reload_when_saved, team_material

D = datetime.date


def previous_year(demo: Meeting) -> Material:
    """The demo unit's 2022 meeting: three measures, 已销号, 推进中 (with a progress note), 未启动."""
    meeting = Meeting.objects.create(
        unit=demo.unit, outline=demo.outline, kind="democratic_life", year=2022, title="2022年度民主生活会",
        date=D(2023, 1, 10),
    )  # fmt: skip
    team = Material.objects.create(meeting=meeting)
    first, second = demo.outline.aspects.order_by("position")[:2]
    owner = demo.unit.members.order_by("position").first()
    learn = entries.problem_add(material=team, aspect=first, headline="理论学习的系统性不够")
    share = entries.problem_add(material=team, aspect=second, headline="数据共享推进不够有力")
    closed = entries.measure_add(material=team, headline="建立学习清单", problems=[learn], owner=owner)
    open_ = entries.measure_add(
        material=team, headline="完善数据共享协调机制", problems=[share], owner=owner, deadline=D(2099, 6, 30)
    )
    entries.measure_add(material=team, headline="开展数据安全培训", owner=owner, deadline=D(2099, 12, 31))
    Measure.objects.filter(pk=closed.pk).update(status="closed", completed_on=D(2023, 5, 1))
    Measure.objects.filter(pk=open_.pk).update(status="in_progress")
    ProgressNote.objects.create(measure=open_, noted_on=D(2023, 9, 1), text="已起草协调机制办法。")
    return team


def toast(page: Page, text: str) -> Locator:
    return page.locator("#toast-area").get_by_role("status").filter(has_text=text)


def test_the_recap_is_regenerated_from_last_years_ledger_and_can_be_undone(
    drafter_page: Page, live_server, demo
):
    previous_year(demo)
    team = team_material(demo)
    page = open_problems(drafter_page, live_server, demo)
    recap = page.get_by_role("textbox", name="上年度整改落实情况")
    regenerate = page.get_by_role("button", name="按上年台账重新生成")
    draft = carryover.recap_draft(team)
    assert draft.startswith(
        "上年度民主生活会查摆的2个问题、制定的3项整改措施，已完成1项（其中已销号1项），正在推进1项"
    )
    questions: list[str] = []
    answers: list[bool] = []  # what the drafter answers to the next questions, in order

    def answer(dialog: Dialog) -> None:
        questions.append(dialog.message)
        dialog.accept() if answers.pop(0) else dialog.dismiss()

    page.on("dialog", answer)

    # An empty field is filled without a question, and autosave stores it.
    regenerate.click()
    expect(recap).to_have_value(draft)
    reload_when_saved(page)
    expect(recap).to_have_value(draft)
    assert questions == []
    team.refresh_from_db()
    assert team.recap == draft

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
    expect_saved(page)
    assert len(questions) == 2 and "替换" in questions[0]
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
    expect(panel.get_by_role("listitem")).to_have_count(2)  # 推进中 and 未启动; the closed one is not offered
    offer = panel.get_by_role("listitem").filter(has_text="完善数据共享协调机制")
    second = demo.outline.aspects.order_by("position")[1]
    expect(offer.get_by_label("加入到方面")).to_have_value(str(second.pk))  # the old problem's aspect
    offer.get_by_role("button", name="作为问题加入").click()

    expect(page.get_by_role("alert").filter(has_text="作为上年未结问题加入")).to_be_visible()
    problem = team_material(demo).problems.get(carried_from__material=last)
    expect(page.locator(f"#id_problem{problem.pk}_headline")).to_have_value("数据共享推进不够有力")
    assert problem.source == "carried_over" and problem.aspect == second
    assert "最新进展（2023年9月1日）：已起草协调机制办法。" in problem.elaboration
    expect(panel.get_by_role("listitem").filter(has_text="完善数据共享协调机制")).to_contain_text("已加入过")
    expect(panel.get_by_role("button", name="作为问题加入")).to_have_count(1)
