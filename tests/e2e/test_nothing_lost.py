"""Nothing typed is lost or changed without telling, on the demo meeting's 查摆问题 step:

- a paste over a field's limit stays whole in the field and in the browser's copy, says by how much
  it is too long, and reaches the server only once it fits;
- a manual line break pasted from Word inside a sentence joins the sentence in the preview, one
  after a full stop starts a paragraph;
- emoji, private-use characters and characters no installed font has are warned about on the
  field and saved as typed;
- the aspect's character count follows a delete, its undo and a new problem.
"""

import re

from django.urls import reverse
from playwright.sync_api import Locator, Page, Request, expect

from apps.entries.models import Problem
from apps.meetings.models import Meeting
from tests.e2e.workspace_steps import (
    INVALID,
    add_card,
    aspect_block,
    card_state,
    cards,
    drafts_kept,
    expect_field_error,
    expect_no_field_error,
    expect_saved,
    fill_and_leave,
    first_aspect_problems,
    open_step,
    reload_leaving_unsaved_work,
    save_state,
)


def first_card(page: Page) -> Locator:
    return cards(aspect_block(page, 1)).first


def test_an_over_long_paste_is_kept_whole_and_saved_only_once_it_fits(problems_page: Page, demo: Meeting):
    page = problems_page
    problem = first_aspect_problems(demo)[0]
    stored = (problem.elaboration, problem.revision)
    limit = Problem._meta.get_field("elaboration").max_length
    assert limit == 3000
    pasted = "对照党章党规找差距，" * 500  # 5,000 characters
    save_url = reverse("workspace:problem_save", args=[demo.pk, problem.material_id, problem.pk])
    posted: list[str] = []

    def note(request: Request) -> None:
        if request.method == "POST" and request.url.endswith(save_url):
            posted.append(request.post_data or "")

    page.on("request", note)

    field = first_card(page).get_by_label("具体表现")
    fill_and_leave(field, pasted)
    expect(field).to_have_value(pasted)  # not cut at the limit
    expect_field_error(field, "超出 2000 字，请精简后保存")
    expect(save_state(page)).to_have_text(INVALID)
    expect(card_state(first_card(page))).to_have_text("未保存：请按提示修改")
    assert drafts_kept(page) == 1

    # A reload puts the whole text back from the browser's copy, still refused, still said.
    reload_leaving_unsaved_work(page)
    expect(page.get_by_text("已恢复1处上次未保存的内容，超出字数的内容精简后才会保存。")).to_be_visible()
    field = first_card(page).get_by_label("具体表现")
    expect(field).to_have_value(pasted)
    expect_field_error(field, "超出 2000 字，请精简后保存")
    expect(save_state(page)).to_have_text(INVALID)
    assert drafts_kept(page) == 1
    assert posted == []  # nothing was sent, before or after the reload
    problem.refresh_from_db()
    assert (problem.elaboration, problem.revision) == stored

    # Shortened to fit: the mark goes at once and the text is saved as usual.
    fitting = pasted[:limit]
    fill_and_leave(field, fitting)
    expect_no_field_error(field)
    expect_saved(page)
    problem.refresh_from_db()
    assert problem.elaboration == fitting
    assert posted and drafts_kept(page) == 0


def test_a_manual_line_break_inside_a_sentence_is_joined_in_the_preview(problems_page: Page, demo: Meeting):
    page = problems_page
    field = first_card(page).get_by_label("具体表现")
    # As pasted from Word: Shift+Enter in the middle of the first sentence, and after its full stop.
    fill_and_leave(field, "专题学习研讨的题目\u000b不够聚焦。\u000b调研成果转化为制度的不多。")
    expect_saved(page)
    expect(field).to_have_value("专题学习研讨的题目不够聚焦。\n调研成果转化为制度的不多。")

    open_step(page, "预览")
    paragraphs = page.get_by_role("article").get_by_role("paragraph")
    joined = paragraphs.filter(has_text="专题学习研讨的题目不够聚焦。")
    expect(joined).to_have_count(1)
    expect(joined).not_to_contain_text("调研成果转化为制度的不多")
    expect(paragraphs.filter(has_text=re.compile(r"^调研成果转化为制度的不多。"))).to_have_count(1)


BEYOND_EVERY_FONT = "\U00030000"  # 𰀀, CJK Extension G: no font `make` installs has it
PRIVATE_USE = "\ue000"  # a font's own 造字


def test_characters_the_export_cannot_print_are_warned_about_and_saved_as_typed(
    problems_page: Page, demo: Meeting
):
    page = problems_page
    problem = first_aspect_problems(demo)[0]
    field = first_card(page).get_by_label("典型事例")
    typed = f"比如，群里回复“收到👍🏻”了事😀，文件里还有{BEYOND_EVERY_FONT}和{PRIVATE_USE}两个字。"
    fill_and_leave(field, typed)
    expect(field).to_have_accessible_description(
        re.compile("含有表情符号“👍🏻”“😀”，公文中不宜使用，导出的 Word/PDF 可能无法正常显示")
    )
    expect(field).to_have_accessible_description(re.compile(f"含有自造字或私用区字符“{PRIVATE_USE}”"))
    expect(field).to_have_accessible_description(re.compile(f"含有字库中没有的字“{BEYOND_EVERY_FONT}”"))
    expect_no_field_error(field)
    expect_saved(page)  # warnings only: the text is saved as typed
    problem.refresh_from_db()
    assert problem.example == typed

    fill_and_leave(field, "比如，群里回复“收到”了事。")
    expect(field).not_to_have_accessible_description(re.compile("含有"))
    expect_saved(page)


def test_the_aspect_count_follows_a_delete_its_undo_and_a_new_problem(problems_page: Page, demo: Meeting):
    page = problems_page
    block = aspect_block(page, 1)
    count = block.locator("[data-section-count]")
    problems = first_aspect_problems(demo)
    assert len(problems) == 2

    def characters(problem: Problem) -> int:  # the fields the counters count
        return len(problem.headline) + len(problem.elaboration) + len(problem.example)

    lead_in = demo.materials.get(member=None).aspect_texts.get(aspect=problems[0].aspect).lead_in
    total = len(lead_in) + sum(characters(p) for p in problems)  # the aspect's paragraph, lead-in included
    expect(count).to_have_text(str(total))

    cards(block).first.get_by_role("button", name="删除问题").click()
    toast = page.get_by_role("status").filter(has_text=f"已删除问题“{problems[0].headline}”。")
    expect(cards(block)).to_have_count(1)
    expect(count).to_have_text(str(total - characters(problems[0])))

    toast.get_by_role("button", name="撤销").click()
    expect(cards(block)).to_have_count(2)
    expect(count).to_have_text(str(total))

    card = add_card(block, "在本方面添加问题")
    fill_and_leave(card.get_by_label("问题概括"), "新问题")
    expect_saved(page)
    expect(count).to_have_text(str(total + len("新问题")))
