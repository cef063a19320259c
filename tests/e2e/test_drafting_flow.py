"""The whole drafting flow in a real browser, as the demo drafter with nothing but the demo login:
create a meeting on the 2021 outline, fill every step of the workspace, meet a validation error on
the way and fix it, reorder problems from the keyboard, reload each step and find everything kept,
read the numbered preview and download the Word and PDF files.

One long test on purpose: every step builds on the previous ones, and a fresh meeting per step
would repeat the slow part (seeding, creating, filling) for each.
"""

import re
from urllib.parse import quote

from playwright.sync_api import Page, expect

from apps.entries.models import Measure
from apps.meetings.models import Meeting
from apps.outlines.models import OutlineTemplate
from tests.e2e.workspace_steps import (
    INVALID,
    SAVED,
    add_card,
    aspect_block,
    card_state,
    cards,
    expect_field_error,
    expect_no_field_error,
    expect_saved,
    expect_step_state,
    fill_and_leave,
    number_of,
    open_step,
    reload_when_saved,
    save_state,
    step_heading,
    step_link,
    team_material,
)

MEETING_DATE = "2022-01-14"
TITLE = (
    "市数据局党组2021年度党史学习教育专题民主生活会"  # proposed from the unit's short name and the outline
)
FILE_STEM = "示范市数据资源管理局党组班子2021年度党史学习教育专题民主生活会对照检查材料"

PLACE = "局机关四楼第一会议室"
HOST = "周明远（党组书记、局长）"
SUPERVISOR_ORG = "市委第二督导组"
SUPERVISOR_NAMES = "王建国、李红梅"
ABSENT = "杜若冰"
ABSENCE_REASON = "参加省委党校专题培训"

STUDY_TOPIC = "学习习近平总书记在党史学习教育动员大会上的重要讲话"
FORUM_PARTICIPANTS = "基层党支部书记、服务对象代表"
OPINIONS = [
    "窗口办事有时还要群众反复提交同一份材料。",
    "对基层反映的问题回复不够及时，有的超过一个月。",
    "调研多在机关开座谈会，到乡镇便民服务中心少。",
]
TALK_SUMMARY = "交流分管工作中的不足，互提意见各3条。"

# 查摆问题: two problems in the first aspect, one in the third.
HEADLINE_1 = "理论学习的系统性还不够强"
ELABORATION_1 = "中心组学习以传达文件为主，专题研讨少，联系本单位实际不够。"
EXAMPLE_1 = "比如，2021年中心组学习12次，结合数据共享开展研讨的只有1次。"
HEADLINE_2 = "以史为鉴推动工作的意识不够强"
ELABORATION_2 = "学习党史满足于读原文、听报告，用党史经验研究解决数据工作难题不够。"
EXAMPLE_2 = "比如，学习研讨中提出的4条改进建议，年底只落实了1条。"
HEADLINE_3 = "为群众办实事的主动性不够"
ELABORATION_3 = "对群众反映强烈的重复提交材料问题，推动解决的办法不多。"

CAUSE_HEADLINE = "理论武装不够深入，学史力行的自觉性不强"
CAUSE_ELABORATION = "对党史学习教育的要求理解不深，满足于完成规定动作，没有把学习成果转化为破解难题的实招。"

MEASURE_HEADLINE = "坚持不懈强化理论武装"
MEASURE_ITEMS = [
    "完善中心组学习制度，每季度安排1次专题研讨。",
    "研讨提出的建议形成清单，由办公室跟踪落实。",
]
DEPARTMENT = "办公室"

NARRATIVE = "会议由党组书记周明远同志主持，班子成员逐一发言并开展相互批评，督导组作点评讲话。"
REMARKS = "会议准备充分，问题查摆具体，相互批评有辣味。"


def test_drafter_writes_a_complete_team_material_on_the_2021_outline(drafter_page: Page, demo):
    page = drafter_page
    meeting = create_meeting(page, demo.unit.name)
    fill_meeting_info(page)
    fill_preparation(page)
    fill_problems(page, meeting)
    fill_causes(page)
    fill_measures(page, meeting)
    fill_report(page)
    read_preview(page)
    download_exports(page)


def create_meeting(page: Page, unit_name: str) -> Meeting:
    outline = OutlineTemplate.objects.get(year=2021)
    page.get_by_role("link", name="新建会议").click()
    page.get_by_label("单位").select_option(label=unit_name)
    page.get_by_label("提纲").select_option(label=outline.choice_label)
    page.get_by_label("召开日期").fill(MEETING_DATE)
    page.get_by_role("button", name="创建会议").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)

    page.get_by_role("link", name="进入撰写（班子对照检查材料）").click()
    expect(step_heading(page, "会议信息")).to_be_visible()
    expect_saved(page)
    # Only the date is known yet: 会议信息 is under way, every other step is empty.
    expect_step_state(page, "会议信息", "填写中")
    for label in ["会前准备", "查摆问题", "原因剖析", "整改措施", "预览", "情况报告"]:
        expect_step_state(page, label, "空")
    meeting = Meeting.objects.get(title=TITLE)
    assert meeting.outline == outline
    return meeting


def fill_meeting_info(page: Page) -> None:
    info = page.get_by_role("region", name="基本信息")
    fill_and_leave(info.get_by_label("地点"), PLACE)
    info.get_by_label("主持人").select_option(label=HOST)
    fill_and_leave(info.get_by_label("督导组单位"), SUPERVISOR_ORG)
    fill_and_leave(info.get_by_label("督导组成员"), SUPERVISOR_NAMES)
    expect_saved(page)

    # A member is absent: without a reason the row is refused, with the message on the reason.
    attendance = page.get_by_role("region", name="出席情况")
    attendance.get_by_label(f"{ABSENT}出席").uncheck()
    reason = attendance.get_by_label(f"{ABSENT}缺席原因")
    expect_field_error(reason, "请填写缺席原因。")
    expect(save_state(page)).to_have_text(INVALID)
    fill_and_leave(reason, ABSENCE_REASON)
    expect_saved(page)
    expect_no_field_error(reason)
    expect(attendance).to_contain_text("应到7人，实到6人")
    expect(attendance).to_contain_text(f"缺席：{ABSENT}（{ABSENCE_REASON}）")
    expect_step_state(page, "会议信息", "完成")

    reload_when_saved(page)
    expect(info.get_by_label("地点")).to_have_value(PLACE)
    expect(info.get_by_label("主持人")).to_have_value(re.compile(r"^\d+$"))
    expect(info.get_by_label("主持人").locator("option:checked")).to_have_text(HOST)
    expect(info.get_by_label("督导组单位")).to_have_value(SUPERVISOR_ORG)
    expect(info.get_by_label("督导组成员")).to_have_value(SUPERVISOR_NAMES)
    expect(attendance.get_by_label(f"{ABSENT}出席")).not_to_be_checked()
    expect(reason).to_have_value(ABSENCE_REASON)
    expect(attendance).to_contain_text("应到7人，实到6人")


def fill_preparation(page: Page) -> None:
    open_step(page, "会前准备")
    counts = page.get_by_role("region", name="情况报告中的数字")

    study = page.get_by_role("region", name=re.compile(r"^（一）学习研讨"))
    session = add_card(study, "添加学习研讨")
    expect(number_of(session)).to_have_text("1.")
    session.get_by_label("主题").fill(STUDY_TOPIC)
    fill_and_leave(session.get_by_label("日期"), "2021-12-20")
    expect_saved(page)
    expect(counts).to_contain_text("会前组织集中学习研讨1次")

    solicit = page.get_by_role("region", name="（二）征求意见")
    forum = add_card(solicit, "添加征求方式")
    forum.get_by_label("方式").select_option(label="座谈会")
    forum.get_by_label("日期").fill("2021-12-15")
    fill_and_leave(forum.get_by_label("参加对象"), FORUM_PARTICIPANTS)
    expect_saved(page)

    talks = page.get_by_role("region", name=re.compile(r"^（三）谈心谈话"))
    talk = add_card(talks, "添加谈心谈话")
    talk.get_by_label("谈话人").select_option(label="周明远")
    talk.get_by_label("谈话对象（班子成员）").select_option(label="陈晓岚")
    talk.get_by_label("日期").fill("2021-12-28")
    fill_and_leave(talk.get_by_label("谈话要点"), TALK_SUMMARY)
    expect_saved(page)
    expect(counts).to_contain_text("班子成员之间开展谈心谈话1人次")

    # The new solicitation is a source to paste opinions under at once; a reload keeps everything.
    paste = page.get_by_role("form", name="批量粘贴意见建议")
    expect(paste.get_by_label("来源").locator("option")).to_contain_text(
        ["（不指定）", f"座谈会（2021年12月15日） {FORUM_PARTICIPANTS}"]
    )
    reload_when_saved(page)
    expect(cards(study)).to_have_count(1)
    expect(cards(study).first.get_by_label("主题")).to_have_value(STUDY_TOPIC)
    expect(cards(study).first.get_by_label("日期")).to_have_value("2021-12-20")
    expect(cards(solicit).first.get_by_label("参加对象")).to_have_value(FORUM_PARTICIPANTS)
    expect(cards(talks).first.get_by_label("谈话要点")).to_have_value(TALK_SUMMARY)

    # Three opinions pasted at once, numbered as people type them in Word: the numbers go.
    paste.get_by_label("粘贴意见建议（每行一条）").fill(
        "\n".join(f"{n}. {text}" for n, text in enumerate(OPINIONS, start=1))
    )
    paste.get_by_label("来源").select_option(label=f"座谈会（2021年12月15日） {FORUM_PARTICIPANTS}")
    paste.get_by_label("所属方面").select_option(label="（三）人民中心")
    paste.get_by_role("button", name="添加这些意见建议").click()
    expect(page.get_by_role("alert")).to_contain_text("已添加3条意见建议。")

    expect(counts).to_contain_text("征求意见1次（其中座谈会1场），征求到1个方面共3条意见建议")
    opinions = solicit.get_by_role("textbox", name="意见建议", exact=True)
    expect(opinions).to_have_count(3)
    for number, text in enumerate(OPINIONS):
        expect(opinions.nth(number)).to_have_value(text)
    expect(page.get_by_text("来源：座谈会（2021年12月15日）")).to_have_count(3)
    expect_step_state(page, "会前准备", "完成")


def fill_problems(page: Page, meeting: Meeting) -> None:
    open_step(page, "查摆问题")
    aspects = list(meeting.outline.aspects.order_by("position"))
    first, third = aspect_block(page, 1), aspect_block(page, 3)
    # Each block shows the aspect's full wording and its guidance.
    expect(first.get_by_role("heading")).to_have_text(f"（一）{aspects[0].wording}")
    expect(first).to_contain_text(aspects[0].guidance)

    # A headline typed with its own number: the system numbers items, the typed 一是、 goes.
    problem = add_card(first, "在本方面添加问题")
    expect(number_of(problem)).to_have_text("一是")
    problem.get_by_label("问题概括").fill(f"一是、{HEADLINE_1}")
    problem.get_by_label("具体表现").fill(ELABORATION_1)
    fill_and_leave(problem.get_by_label("典型事例"), EXAMPLE_1)
    expect_saved(page)
    expect(problem.get_by_label("问题概括")).to_have_value(HEADLINE_1)
    expect(card_state(problem)).to_have_text(SAVED)

    # A problem written before its headline: refused with the message on the headline, then fixed.
    problem = add_card(first, "在本方面添加问题")
    expect(number_of(problem)).to_have_text("二是")
    fill_and_leave(problem.get_by_label("具体表现"), ELABORATION_2)
    expect_field_error(problem.get_by_label("问题概括"), "请填写问题概括。")
    expect(save_state(page)).to_have_text(INVALID)
    fill_and_leave(problem.get_by_label("问题概括"), HEADLINE_2)
    expect_saved(page)
    expect_no_field_error(problem.get_by_label("问题概括"))
    expect(problem.get_by_label("具体表现")).to_have_value(ELABORATION_2)  # nothing typed was lost
    fill_and_leave(problem.get_by_label("典型事例"), EXAMPLE_2)

    # The third aspect's problem answers an opinion pasted under that aspect: it claims it.
    problem = add_card(third, "在本方面添加问题")
    expect(number_of(problem)).to_have_text("一是")
    problem.get_by_label("问题概括").fill(HEADLINE_3)
    fill_and_leave(problem.get_by_label("具体表现"), ELABORATION_3)
    problem.get_by_text("问题来源、认领意见建议").click()
    problem.get_by_role("checkbox", name=OPINIONS[0]).check()
    expect_saved(page)
    expect(first).to_contain_text("2 条问题")

    # Alt+↑ inside the second problem moves it first; the numbers follow, the caret stays.
    headline_2 = cards(first).nth(1).get_by_label("问题概括")
    headline_2.press("Alt+ArrowUp")
    expect(cards(first).nth(0).get_by_label("问题概括")).to_have_value(HEADLINE_2)
    expect(cards(first).nth(0).get_by_label("问题概括")).to_be_focused()
    expect(cards(first).nth(1).get_by_label("问题概括")).to_have_value(HEADLINE_1)
    expect(number_of(cards(first).nth(0))).to_have_text("一是")
    expect(number_of(cards(first).nth(1))).to_have_text("二是")

    reload_when_saved(page)
    expect(cards(first)).to_have_count(2)
    for index, (headline, elaboration, example) in enumerate(
        [(HEADLINE_2, ELABORATION_2, EXAMPLE_2), (HEADLINE_1, ELABORATION_1, EXAMPLE_1)]
    ):
        card = cards(first).nth(index)
        expect(number_of(card)).to_have_text(["一是", "二是"][index])
        expect(card.get_by_label("问题概括")).to_have_value(headline)
        expect(card.get_by_label("具体表现")).to_have_value(elaboration)
        expect(card.get_by_label("典型事例")).to_have_value(example)
    expect(cards(third)).to_have_count(1)
    expect(cards(third).first.get_by_label("问题概括")).to_have_value(HEADLINE_3)
    expect(cards(third).first.get_by_label("具体表现")).to_have_value(ELABORATION_3)
    cards(third).first.get_by_text("问题来源、认领意见建议（已认领1条）").click()
    expect(cards(third).first.get_by_role("checkbox", name=OPINIONS[0])).to_be_checked()
    headlines = [p.headline for p in team_material(meeting).problems.order_by("aspect__position", "position")]
    assert headlines == [HEADLINE_2, HEADLINE_1, HEADLINE_3]

    # Deleted by mistake: 撤销 brings it back.
    cards(third).first.get_by_role("button", name="删除问题").click()
    expect(cards(third)).to_have_count(0)
    toast = page.get_by_role("status").filter(has_text=f"已删除问题“{HEADLINE_3}”。")
    toast.get_by_role("button", name="撤销").click()
    expect(cards(third)).to_have_count(1)
    expect(cards(third).first.get_by_label("问题概括")).to_have_value(HEADLINE_3)
    expect(cards(third).first.get_by_text("问题来源、认领意见建议（已认领1条）")).to_be_visible()

    # Three of the outline's five aspects have no problem yet: the step says so.
    expect_step_state(page, "查摆问题", "需处理")
    expect(step_link(page, "查摆问题")).to_contain_text("3个方面还没有查摆问题")


def fill_causes(page: Page) -> None:
    open_step(page, "原因剖析")
    uncovered = page.get_by_role("region", name=re.compile(r"^尚未剖析原因的问题"))
    expect(uncovered.get_by_role("listitem")).to_have_text(
        [f"（一）一是 {HEADLINE_2}", f"（一）二是 {HEADLINE_1}", f"（三）一是 {HEADLINE_3}"]
    )

    cause = add_card(page.get_by_role("region", name="原因列表"), "添加原因")
    expect(number_of(cause)).to_have_text("（一）")
    cause.get_by_label("原因概括").fill(CAUSE_HEADLINE)
    cause.get_by_label("类别").select_option(label="理想信念")
    cause.get_by_label("具体剖析").fill(CAUSE_ELABORATION)
    cause.get_by_role("checkbox", name=f"（一）一是 {HEADLINE_2}").check()
    expect_saved(page)
    expect(uncovered.get_by_role("listitem")).to_have_text(
        [f"（一）二是 {HEADLINE_1}", f"（三）一是 {HEADLINE_3}"]
    )
    expect_step_state(page, "原因剖析", "需处理")

    reload_when_saved(page)
    cause = cards(page.get_by_role("region", name="原因列表")).first
    expect(cause.get_by_label("原因概括")).to_have_value(CAUSE_HEADLINE)
    expect(cause.get_by_label("类别").locator("option:checked")).to_have_text("理想信念")
    expect(cause.get_by_label("具体剖析")).to_have_value(CAUSE_ELABORATION)
    expect(cause.get_by_role("checkbox", name=f"（一）一是 {HEADLINE_2}")).to_be_checked()
    expect(cause.get_by_role("checkbox", name=f"（一）二是 {HEADLINE_1}")).not_to_be_checked()
    expect(uncovered.get_by_role("listitem")).to_have_count(2)


def fill_measures(page: Page, meeting: Meeting) -> None:
    open_step(page, "整改措施")
    measures = page.get_by_role("region", name="整改措施列表")
    measure = add_card(measures, "添加整改措施")
    expect(number_of(measure)).to_have_text("（一）")
    expect(measure).to_contain_text("先填写措施概括，保存后可添加具体举措。")
    fill_and_leave(measure.get_by_label("措施概括"), MEASURE_HEADLINE)
    expect_saved(page)

    measure.get_by_label("责任领导").select_option(label=HOST)
    fill_and_leave(measure.get_by_label("责任部门"), DEPARTMENT)
    # A deadline before the meeting: refused, with the meeting's date in Chinese in the message.
    deadline = measure.get_by_label("完成时限")
    fill_and_leave(deadline, "2022-01-10")
    expect_field_error(deadline, "完成时限不能早于会议日期（2022年1月14日）。")
    expect(save_state(page)).to_have_text(INVALID)
    fill_and_leave(deadline, "2022-06-30")
    expect_saved(page)
    expect_no_field_error(deadline)
    expect(measure).to_contain_text("2022年6月30日")
    measure.get_by_role("checkbox", name=f"（一）一是 {HEADLINE_2}").check()
    measure.get_by_role("checkbox", name=f"（一）{CAUSE_HEADLINE}").check()
    expect_saved(page)

    # Two sub-items; the first typed with its 一要, which the system writes itself.
    for number, text in enumerate(MEASURE_ITEMS):
        measure.get_by_role("button", name="添加具体举措").click()
        item = measure.get_by_role("textbox", name="具体举措").nth(number)
        expect(item).to_be_focused()
        fill_and_leave(item, f"一要{text}" if number == 0 else text)
        expect_saved(page)
    items = measure.get_by_role("textbox", name="具体举措")
    expect(items.nth(0)).to_have_value(MEASURE_ITEMS[0])
    expect(measure.get_by_text(re.compile(r"^[一二]要$"))).to_have_text(["一要", "二要"])

    reload_when_saved(page)
    measure = cards(measures).first
    expect(measure.get_by_label("措施概括")).to_have_value(MEASURE_HEADLINE)
    expect(measure.get_by_label("责任领导").locator("option:checked")).to_have_text(HOST)
    expect(measure.get_by_label("责任部门")).to_have_value(DEPARTMENT)
    expect(measure.get_by_label("完成时限")).to_have_value("2022-06-30")
    expect(measure.get_by_role("checkbox", name=f"（一）一是 {HEADLINE_2}")).to_be_checked()
    expect(measure.get_by_role("checkbox", name=f"（一）{CAUSE_HEADLINE}")).to_be_checked()
    expect(measure.get_by_role("textbox", name="具体举措")).to_have_count(2)
    for number, text in enumerate(MEASURE_ITEMS):
        expect(measure.get_by_role("textbox", name="具体举措").nth(number)).to_have_value(text)
    saved = Measure.objects.get(material=team_material(meeting))
    assert (saved.owner.name, str(saved.deadline)) == ("周明远", "2022-06-30")
    assert [item.text for item in saved.items.order_by("position")] == MEASURE_ITEMS


def fill_report(page: Page) -> None:
    open_step(page, "情况报告")
    page.get_by_role("textbox", name="会议召开情况").fill(NARRATIVE)
    fill_and_leave(page.get_by_role("textbox", name="督导组点评意见"), REMARKS)
    expect_saved(page)
    expect_step_state(page, "情况报告", "完成")

    reload_when_saved(page)
    expect(page.get_by_role("textbox", name="会议召开情况")).to_have_value(NARRATIVE)
    expect(page.get_by_role("textbox", name="督导组点评意见")).to_have_value(REMARKS)
    # What the earlier steps recorded, in the report's words.
    facts = page.get_by_role("region", name=re.compile(r"^报告要素"))
    expect(facts).to_contain_text(PLACE)
    expect(facts).to_contain_text(f"{SUPERVISOR_ORG}（{SUPERVISOR_NAMES}）")
    expect(facts).to_contain_text(f"应到7人，实到6人；{ABSENT}同志因{ABSENCE_REASON}请假")
    expect(facts).to_contain_text(
        "会前组织集中学习研讨1次；召开座谈会1场，征求到1个方面共3条意见建议（已被问题认领1条）"
    )
    expect(facts).to_contain_text("查摆出2个方面3条问题")
    expect(facts).to_contain_text("制定整改措施1条")


def read_preview(page: Page) -> None:
    open_step(page, "预览")
    # Every step has left 空; the entry steps still point at aspects and problems not covered.
    for label, state in [
        ("会议信息", "完成"),
        ("会前准备", "完成"),
        ("查摆问题", "需处理"),
        ("原因剖析", "需处理"),
        ("整改措施", "需处理"),
        ("预览", "需处理"),
        ("情况报告", "完成"),
    ]:
        expect_step_state(page, label, state)

    doc = page.get_by_role("article")
    expect(doc.get_by_role("heading", level=1)).to_have_text(re.compile(r"班子2021年.*对照检查材料$"))
    expect(doc.get_by_role("heading", level=2)).to_have_text(
        ["一、存在的主要问题", "二、产生问题的原因剖析", "三、整改措施和努力方向"]
    )
    # A team material runs each aspect in one paragraph: its heading as the lead sentence, then the
    # problems in the order the drafter gave them, numbered by the system.
    aspects = [
        "（一）带头深刻感悟“两个确立”的决定性意义方面。",
        "（二）带头牢记我们党是什么、要干什么这个根本问题方面。",
        "（三）带头践行以人民为中心的发展思想方面。",
        "（四）带头学习运用党在不同历史时期成功应对风险挑战的丰富经验方面。",
        "（五）带头深刻汲取党史中正反两方面经验方面。",
    ]
    expect(doc.get_by_role("paragraph").filter(has_text=re.compile(r"^（[一二三四五]）带头"))).to_have_text(
        [re.compile("^" + re.escape(heading)) for heading in aspects]
    )
    first = f"一是{HEADLINE_2}。{ELABORATION_2}{EXAMPLE_2}二是{HEADLINE_1}。{ELABORATION_1}{EXAMPLE_1}"
    expect(doc.get_by_role("paragraph").filter(has_text=HEADLINE_1)).to_have_text(
        re.compile(r"^（[一二三四五]）.*方面。" + re.escape(first) + "$")
    )
    expect(doc.get_by_role("paragraph").filter(has_text=HEADLINE_3)).to_have_text(
        re.compile(r"^（[一二三四五]）.*方面。" + re.escape(f"一是{HEADLINE_3}。{ELABORATION_3}") + "$")
    )
    expect(doc.get_by_text("深刻剖析产生上述问题的原因，主要有以下一个方面：")).to_be_visible()
    expect(doc.get_by_role("paragraph").filter(has_text=CAUSE_HEADLINE)).to_have_text(
        f"（一）{CAUSE_HEADLINE}。{CAUSE_ELABORATION}"
    )
    expect(doc.get_by_text("针对查摆出的问题，班子将在以下一个方面着力整改：")).to_be_visible()
    expect(doc.get_by_role("paragraph").filter(has_text=MEASURE_HEADLINE)).to_have_text(
        f"（一）{MEASURE_HEADLINE}。一要{MEASURE_ITEMS[0]}二要{MEASURE_ITEMS[1]}"
    )


def download_exports(page: Page) -> None:
    """The export buttons answer with the files, named in Chinese (RFC 6266 filename*)."""
    exports = page.get_by_role("group", name="导出文件")
    for link, extension, magic in [("导出 Word", "docx", b"PK"), ("导出 PDF", "pdf", b"%PDF")]:
        href = exports.get_by_role("link", name=link).get_attribute("href")
        response = page.request.get(href)  # the page's cookies: the drafter's session
        assert response.status == 200, (href, response.status)
        disposition = response.headers["content-disposition"]
        assert f"filename*=UTF-8''{quote(f'{FILE_STEM}.{extension}')}" in disposition, disposition
        assert response.body().startswith(magic)
