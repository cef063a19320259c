"""The 素材库 panel beside the entries, on the demo meeting's 查摆问题 step: search with the aspect in
view pre-selected, 追加 / 替换 into the field last clicked (saved by autosave, recorded once saved,
undone with 撤销), 存入素材库 from a card, and a reader's panel without any of the writes."""

import re
from urllib.parse import unquote

from playwright.sync_api import Locator, Page, expect

from apps.meetings.models import Meeting
from apps.snippets.models import Snippet, SnippetUse
from apps.snippets.search import search
from tests.e2e.pages import SECRETARY, login
from tests.e2e.workspace_steps import (
    aspect_block,
    cards,
    expect_saved,
    first_aspect_problems,
    open_problems,
    reload_when_saved,
    workspace_url,
)


def make_snippet(meeting: Meeting, text: str, aspect, kind: str = Snippet.Kind.PROBLEM) -> Snippet:
    snippet = Snippet.objects.create(unit=meeting.unit, text=text, kind=kind, source="测试素材集")
    snippet.aspects.set([aspect])
    return snippet


def aspects_of(meeting: Meeting) -> list:
    return list(meeting.outline.aspects.order_by("position"))


def open_panel(page: Page) -> Locator:
    page.get_by_role("tab", name="素材库").click()
    return page.get_by_role("region", name="素材库")


def hits(panel: Locator) -> Locator:
    return panel.get_by_role("listitem")


def toast(page: Page, text: str) -> Locator:
    return page.locator("#toast-area").get_by_role("status").filter(has_text=text)


def search_for(page: Page, panel: Locator, words: str) -> None:
    """Type the words and wait for the panel's answer to exactly them."""
    with page.expect_response(lambda r: "/snippets/panel/" in r.url and "q=" + words in unquote(r.url)):
        panel.get_by_role("searchbox", name="搜索素材").fill(words)


def test_a_hit_is_appended_saved_recorded_and_a_replacement_undone(problems_page: Page, demo: Meeting):
    page = problems_page
    first, second = aspects_of(demo)[:2]
    matching = make_snippet(demo, "坚持调研开路，把问题摸清摸透。", first)
    make_snippet(demo, "学习制度执行不严。", first)  # same aspect, other words
    make_snippet(demo, "调研成果转化不够。", second)  # the words, another aspect
    problem = first_aspect_problems(demo)[0]
    original_example = problem.example
    card = cards(aspect_block(page, 1)).first
    panel = open_panel(page)

    # Nothing clicked yet: the panel says where to click first.
    search_for(page, panel, "调研")
    hits(panel).first.get_by_role("button", name="追加").click()
    expect(toast(page, "请先点击要插入的输入框")).to_be_visible()

    # The drafter clicks the elaboration of 一是 in the first aspect: that aspect is pre-selected.
    elaboration = card.get_by_label("具体表现")
    elaboration.click()
    expect(panel.get_by_label("所属方面")).to_have_value(str(first.pk))
    expect(panel.get_by_label("素材类别")).to_have_value("problem")
    search_for(page, panel, "调研")
    expect(hits(panel)).to_have_count(1)
    hit = hits(panel).first
    expected = search(unit=demo.unit, query="调研", kind="problem", aspect_id=first.pk).hits[0]
    assert expected.snippet == matching
    # The search's highlighted hit is shown as it is (the words marked, nothing escaped twice).
    assert hit.locator(".snippet-text").inner_html() == str(expected.highlighted)
    expect(hit.locator("mark").first).to_have_text("调研")

    with page.expect_response(lambda r: r.url.endswith("/uses/") and r.request.method == "POST"):
        hit.get_by_role("button", name="追加").click()
    appended = problem.elaboration + matching.text
    expect(elaboration).to_have_value(appended)
    expect_saved(page)
    problem.refresh_from_db()
    assert problem.elaboration == appended
    use = SnippetUse.objects.get()
    assert (use.snippet, use.entry, use.field_name, use.mode) == (matching, problem, "elaboration", "append")

    reload_when_saved(page)
    card = cards(aspect_block(page, 1)).first
    expect(card.get_by_label("具体表现")).to_have_value(appended)

    # 替换 into the example, then 撤销: the old text is back, saved, and the use forgotten.
    example = card.get_by_label("典型事例")
    example.click()
    panel = page.get_by_role("region", name="素材库")  # the tab stays open after the reload
    search_for(page, panel, "调研")
    with page.expect_response(lambda r: r.url.endswith("/uses/") and r.request.method == "POST"):
        hits(panel).first.get_by_role("button", name="替换").click()
    expect(example).to_have_value(matching.text)
    assert SnippetUse.objects.filter(field_name="example").exists()
    with page.expect_response(lambda r: "/forget/" in r.url):
        toast(page, "已替换").get_by_role("button", name="撤销").click()
    expect(example).to_have_value(original_example)
    expect_saved(page)
    problem.refresh_from_db()
    assert problem.example == original_example
    assert list(SnippetUse.objects.values_list("field_name", flat=True)) == ["elaboration"]


def test_an_entry_saved_to_the_library_is_found_by_search(problems_page: Page, demo: Meeting):
    page = problems_page
    problem = first_aspect_problems(demo)[0]
    card = cards(aspect_block(page, 1)).first

    card.get_by_role("button", name="存入素材库").click()
    expect(toast(page, "已存入素材库")).to_be_visible()
    saved = Snippet.objects.get()
    assert saved.text.startswith(problem.headline)
    assert (saved.unit, saved.kind, saved.year) == (demo.unit, "problem", demo.year)
    assert list(saved.aspects.all()) == [problem.aspect]

    card.get_by_role("button", name="存入素材库").click()
    expect(toast(page, "素材库中已有相同内容")).to_be_visible()
    assert Snippet.objects.count() == 1

    card.get_by_label("问题概括").click()
    panel = open_panel(page)
    words = problem.headline[:2]
    search_for(page, panel, words)
    expect(hits(panel).filter(has_text=re.compile(re.escape(problem.headline[:8])))).to_have_count(1)
    expect(hits(panel).first.get_by_role("button", name="追加")).to_be_visible()


def test_a_reader_searches_but_cannot_insert_or_save(page: Page, live_server, demo: Meeting):
    make_snippet(demo, "坚持调研开路。", aspects_of(demo)[0])
    login(page, live_server, *SECRETARY)
    open_problems(page, live_server, demo)

    panel = open_panel(page)
    search_for(page, panel, "调研")
    expect(hits(panel)).to_have_count(1)
    expect(panel.get_by_role("button", name="追加")).to_have_count(0)
    expect(page.get_by_role("button", name="存入素材库")).to_have_count(0)
    expect(panel).to_contain_text("只读")


def test_on_the_measures_step_a_hit_goes_into_a_sub_item(drafter_page: Page, live_server, demo: Meeting):
    page = drafter_page
    measure = demo.materials.team().get().measures.order_by("position").first()
    item = measure.items.order_by("position").first()
    snippet = make_snippet(demo, "建立整改台账，逐项销号。", aspects_of(demo)[0], kind=Snippet.Kind.MEASURE)
    page.goto(workspace_url(live_server, "measures", demo))
    expect_saved(page)
    card = cards(page.get_by_role("region", name="整改措施列表")).first

    card.get_by_label("具体举措", exact=True).first.click()
    panel = open_panel(page)
    expect(panel.get_by_label("素材类别")).to_have_value("measure")
    search_for(page, panel, "台账")
    with page.expect_response(lambda r: r.url.endswith("/uses/") and r.request.method == "POST"):
        hits(panel).first.get_by_role("button", name="替换").click()
    expect(card.get_by_label("具体举措", exact=True).first).to_have_value(snippet.text)
    expect_saved(page)
    item.refresh_from_db()
    assert item.text == snippet.text
    use = SnippetUse.objects.get()
    assert (use.entry, use.field_name, use.mode) == (item, "text", "replace")

    card.get_by_role("button", name="存入素材库").click()
    expect(toast(page, "已存入素材库")).to_be_visible()
    saved = Snippet.objects.exclude(pk=snippet.pk).get()
    assert saved.kind == "measure" and "一要" + snippet.text in saved.text
