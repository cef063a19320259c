"""The workspace's 素材库 panel (apps/snippets/views/panel.py, apps/snippets/services.py): search from
beside the entries, record which entry took which snippet, save an entry to the library."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.entries import services as entry_services
from apps.entries.models import AspectText, Material, Problem
from apps.snippets.models import Snippet, SnippetUse
from apps.snippets.search import search as search_snippets

# --- The cast -------------------------------------------------------------------------------------


@pytest.fixture
def team(meeting) -> Material:
    return meeting.materials.get(member__isnull=True)


@pytest.fixture
def aspects(meeting) -> list:
    return list(meeting.outline.aspects.order_by("position"))


@pytest.fixture
def problem(team, aspects) -> Problem:
    return entry_services.problem_add(
        material=team,
        aspect=aspects[1],
        headline="调查研究不够深入",
        elaboration="下基层多是听汇报、看材料。",
        example="比如，去年三次调研都没有进村入户。",
    )


@pytest.fixture
def editor(client, drafter):
    client.force_login(drafter)
    return client


def snippet(unit, text: str, **extra) -> Snippet:
    aspects = extra.pop("aspects", [])
    made = Snippet.objects.create(unit=unit, text=text, source=extra.pop("source", "测试素材"), **extra)
    made.aspects.set(aspects)
    return made


def panel_url(name: str, material: Material, *args) -> str:
    return reverse(f"snippets:{name}", args=[material.meeting_id, material.pk, *args])


def search(client, material: Material, **params):
    response = client.get(panel_url("panel_search", material), params)
    assert response.status_code == 200
    return response.json()


def hit_ids(data: dict) -> list[int]:
    return [int(pk) for pk in re.findall(r'data-snippet-id="(\d+)"', data["html"])]


def post(client, url: str, data: dict):
    response = client.post(url, data, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    return response.status_code, (response.json() if response["Content-Type"] == "application/json" else {})


def record(client, material: Material, data: dict):
    return post(client, panel_url("panel_record_use", material), data)


def use_data(snippet_: Snippet, entry_type: str, entry: object, field: str, mode: str = "append") -> dict:
    return {"snippet": snippet_.pk, "entry_type": entry_type, "entry": entry, "field": field, "mode": mode}


# --- Search ----------------------------------------------------------------------------------------


def test_the_panel_finds_the_units_and_the_shared_snippets_but_never_another_units(
    editor, team, unit, other_unit
):
    own = snippet(unit, "加强理论学习，做到学思用贯通。")
    shared = snippet(None, "理论学习要联系实际。")
    snippet(other_unit, "另一单位的理论学习素材。")
    snippet(unit, "调查研究不够深入。")

    data = search(editor, team, q="学习")

    assert sorted(hit_ids(data)) == sorted([own.pk, shared.pk])
    assert data["total"] == 2
    # Each hit shows the search's highlighted text as it is (safe HTML, not escaped a second time).
    for hit in search_snippets(unit=unit, query="学习").hits:
        assert str(hit.highlighted) in data["html"]
    assert "<mark>学习</mark>" in data["html"]
    assert "共享" in data["html"]  # the shared one says so


def test_the_kind_and_aspect_filters_narrow_the_hits(editor, team, unit, aspects):
    problem_in_first = snippet(unit, "学习不够系统。", kind="problem", aspects=[aspects[0]])
    problem_in_second = snippet(unit, "学习后落实不够。", kind="problem", aspects=[aspects[1]])
    cause = snippet(unit, "学习的自觉性不强。", kind="cause", aspects=[aspects[0]])

    assert sorted(hit_ids(search(editor, team, q="学习", kind="problem"))) == sorted(
        [problem_in_first.pk, problem_in_second.pk]
    )
    assert hit_ids(search(editor, team, q="学习", kind="problem", aspect=aspects[0].pk)) == [
        problem_in_first.pk
    ]
    assert hit_ids(search(editor, team, q="", kind="cause")) == [cause.pk]
    # A kind or an aspect the panel does not know filters nothing instead of failing.
    assert len(hit_ids(search(editor, team, q="学习", kind="nonsense", aspect="abc"))) == 3


def test_the_aspect_in_view_lets_through_snippets_without_any_aspect_after_its_own(
    editor, team, unit, aspects
):
    # A bulk-imported collection has no aspect tags: it fits any aspect, after the aspect's own.
    general = snippet(unit, "学习形式单一，研讨不深。", kind="problem")
    own = snippet(unit, "学习不够系统。", kind="problem", aspects=[aspects[0]])
    other = snippet(unit, "学习后落实不够。", kind="problem", aspects=[aspects[1]])

    found = hit_ids(search(editor, team, q="学习", kind="problem", aspect=aspects[0].pk))
    assert found == [own.pk, general.pk] and other.pk not in found


def test_more_hits_come_a_page_at_a_time(editor, team, unit):
    for number in range(12):
        snippet(unit, f"第{number}条学习素材。")

    first = search(editor, team, q="学习")
    rest = search(editor, team, q="学习", offset=first["next_offset"])

    assert (len(hit_ids(first)), first["total"], first["next_offset"]) == (10, 12, 10)
    assert (len(hit_ids(rest)), rest["next_offset"]) == (2, None)
    assert not set(hit_ids(first)) & set(hit_ids(rest))
    assert "没有找到" not in rest["html"]  # a later page adds hits, never the "nothing found" line


def test_nothing_found_is_said(editor, team):
    assert "没有找到符合条件的素材" in search(editor, team, q="不存在的词")["html"]


def test_an_editor_gets_insert_buttons_a_reader_gets_none(client, editor, secretary, team, unit):
    snippet(unit, "学习素材。")
    assert "data-snippet-insert" in search(editor, team, q="学习")["html"]

    client.force_login(secretary)  # reads the team material, may not change it
    data = search(client, team, q="学习")
    assert hit_ids(data) and "data-snippet-insert" not in data["html"]


def test_the_panel_of_another_units_material_is_a_404(client, outsider, team):
    client.force_login(outsider)
    assert client.get(panel_url("panel_search", team), {"q": "学习"}).status_code == 404


def test_the_panel_asks_anonymous_users_to_log_in(client, team):
    response = client.get(panel_url("panel_search", team), {"q": "学习"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_panel_answers_with_the_same_number_of_queries_for_many_hits(editor, team, unit, aspects):
    def queries_for(count: int) -> int:
        Snippet.objects.all().delete()
        for number in range(count):
            snippet(unit, f"学习素材{number}。", aspects=aspects[:2], kind="problem")
            snippet(None, f"共享学习素材{number}。", aspects=aspects[1:])
        with CaptureQueriesContext(connection) as queries:
            data = search(editor, team, q="学习")
        assert len(hit_ids(data)) == min(2 * count, 10)
        return len(queries)

    assert queries_for(1) == queries_for(6)


# --- The panel in the workspace page ----------------------------------------------------------------


def workspace_page(client, material: Material, step: str) -> str:
    response = client.get(reverse(f"workspace:{step}", args=[material.meeting_id, material.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_kinds_offered_are_the_snippets_kinds_preset_from_the_step(editor, team):
    for step, preset in [("problems", "problem"), ("causes", "cause"), ("measures", "measure")]:
        html = workspace_page(editor, team, step)
        select = re.search(r'<select name="kind".*?</select>', html, re.S).group(0)
        options = re.findall(r'<option value="(\w*)"\s*(selected)?>([^<]*)</option>', select)
        assert [(value, label) for value, _, label in options] == [("", "不限类别"), *Snippet.Kind.choices]
        assert [value for value, selected, _ in options if selected] == [preset]


def test_the_aspect_filter_offers_the_meetings_aspects(editor, team, aspects):
    html = workspace_page(editor, team, "problems")
    select = re.search(r'<select name="aspect".*?</select>', html, re.S).group(0)
    assert re.findall(r'<option value="(\d*)"', select) == ["", *[str(a.pk) for a in aspects]]
    assert "不限方面" in select


def test_an_editor_gets_the_write_addresses_and_save_buttons_a_reader_does_not(
    client, editor, secretary, team, problem
):
    html = workspace_page(editor, team, "problems")
    assert 'data-use-url="' + panel_url("panel_record_use", team) in html
    assert html.count("data-snippet-save") == 1 + 3 + 3  # the problem's card, new cards, lead-ins

    client.force_login(secretary)
    html = workspace_page(client, team, "problems")
    assert "data-snippet-panel" in html  # the search is there, read-only
    assert "data-use-url" not in html and "data-save-url" not in html
    assert "data-snippet-save" not in html


# --- Recording a use ----------------------------------------------------------------------------------


def test_a_use_is_recorded_for_the_entry_and_field(editor, drafter, team, unit, problem):
    used = snippet(unit, "比如，某次调研只看了展板。")

    status, data = post(
        editor, panel_url("panel_record_use", team), use_data(used, "problem", problem.pk, "example")
    )

    assert status == 200 and data["ok"]
    use = SnippetUse.objects.get()
    assert (use.pk, use.snippet, use.material, use.entry, use.field_name, use.mode, use.used_by) == (
        data["use"],
        used,
        team,
        problem,
        "example",
        "append",
        drafter,
    )


def test_a_shared_snippet_used_in_a_lead_in_is_recorded_on_the_aspects_text(editor, team, aspects):
    shared = snippet(None, "班子能够坚持学习，但还存在一些问题：")
    entry_services.aspect_text_update(
        material=team, aspect=aspects[0], values={"lead_in": shared.text}, expected_revision=1
    )

    status, _ = post(
        editor,
        panel_url("panel_record_use", team),
        use_data(shared, "aspect", aspects[0].pk, "lead_in", "replace"),
    )

    assert status == 200
    use = SnippetUse.objects.get()
    assert use.entry == AspectText.objects.get(material=team, aspect=aspects[0])
    assert use.entry_type == ContentType.objects.get_for_model(AspectText)


def test_a_use_in_the_materials_own_text_and_a_measure_item(editor, team):
    used = snippet(team.meeting.unit, "坚持问题导向。")
    measure = entry_services.measure_add(material=team, headline="健全学习制度", items=["完善学习计划"])
    item = measure.items.get()
    url = panel_url("panel_record_use", team)

    assert post(editor, url, use_data(used, "material", team.pk, "problems_lead"))[0] == 200
    assert post(editor, url, use_data(used, "item", item.pk, "text"))[0] == 200
    assert {use.entry for use in SnippetUse.objects.all()} == {team, item}


def test_a_field_outside_the_allow_list_is_refused(editor, team, unit, problem):
    used = snippet(unit, "素材。")
    url = panel_url("panel_record_use", team)

    for entry_type, entry, field in [
        ("problem", problem.pk, "source"),
        ("problem", problem.pk, "material"),
        ("problem", problem.pk, "text"),
        ("material", team.pk, "status"),
        ("opinion", problem.pk, "text"),
    ]:
        status, data = post(editor, url, use_data(used, entry_type, entry, field))
        assert status == 422, (entry_type, field)
        assert data["errors"]["__all__"][0]

    status, data = post(editor, url, use_data(used, "problem", problem.pk, "example", mode="prepend"))
    assert status == 422 and data["errors"]["__all__"] == ["插入方式只能是追加或替换。"]
    assert not SnippetUse.objects.exists()


def test_another_units_ids_are_a_404(editor, team, unit, other_unit, other_meeting, aspects, problem):
    own = snippet(unit, "素材。")
    foreign_snippet = snippet(other_unit, "外单位的私有素材。")
    other_team = other_meeting.materials.get()
    foreign_problem = entry_services.problem_add(
        material=other_team, aspect=aspects[0], headline="外单位问题"
    )
    foreign_measure = entry_services.measure_add(material=other_team, headline="外单位措施", items=["一项"])
    url = panel_url("panel_record_use", team)

    for data in [
        use_data(own, "problem", foreign_problem.pk, "headline"),  # another unit's entry
        use_data(own, "item", foreign_measure.items.get().pk, "text"),
        use_data(own, "material", other_team.pk, "closing"),
        use_data(foreign_snippet, "problem", problem.pk, "headline"),  # another unit's private snippet
        use_data(own, "problem", "abc", "headline"),  # no id at all
        use_data(own, "aspect", aspects[2].pk, "lead_in"),  # a lead-in never written
        {**use_data(own, "problem", problem.pk, "headline"), "snippet": "1.5"},
    ]:
        assert post(editor, url, data)[0] == 404, data
    # Another unit's material in the address.
    assert (
        post(
            editor,
            panel_url("panel_record_use", other_team),
            use_data(own, "problem", problem.pk, "headline"),
        )[0]
        == 404
    )
    assert not SnippetUse.objects.exists()


def test_a_reader_cannot_record_a_use(client, secretary, team, unit, problem):
    client.force_login(secretary)
    used = snippet(unit, "素材。")
    status, _ = post(
        client, panel_url("panel_record_use", team), use_data(used, "problem", problem.pk, "headline")
    )
    assert status == 403 and not SnippetUse.objects.exists()


def test_an_undone_insertion_forgets_its_use(editor, team, unit, problem):
    used = snippet(unit, "素材。")
    _, data = post(
        editor, panel_url("panel_record_use", team), use_data(used, "problem", problem.pk, "headline")
    )

    status, _ = post(editor, panel_url("panel_forget_use", team, data["use"]), {})

    assert status == 200 and not SnippetUse.objects.exists()
    assert post(editor, panel_url("panel_forget_use", team, data["use"]), {})[0] == 404  # gone already


def test_a_use_of_another_material_cannot_be_forgotten_through_this_one(editor, meeting, team, unit, problem):
    used = snippet(unit, "素材。")
    personal = Material.objects.create(meeting=meeting, member=unit.members.get(position=3))
    use = SnippetUse.objects.create(
        snippet=used,
        material=team,
        entry_type=ContentType.objects.get_for_model(Problem),
        entry_id=problem.pk,
        field_name="headline",
        mode="append",
    )
    assert post(editor, panel_url("panel_forget_use", personal, use.pk), {})[0] == 404
    assert SnippetUse.objects.filter(pk=use.pk).exists()


# --- Saving an entry to the library -----------------------------------------------------------------


def save(client, material: Material, entry_type: str, entry: object):
    return post(client, panel_url("panel_save_entry", material), {"entry_type": entry_type, "entry": entry})


def test_a_problem_is_saved_as_the_export_prints_it(editor, drafter, team, unit, problem):
    status, data = save(editor, team, "problem", problem.pk)

    assert status == 200 and data["created"] and data["message"] == "已存入素材库。"
    saved = Snippet.objects.get(pk=data["snippet"])
    assert saved.text == "调查研究不够深入。下基层多是听汇报、看材料。比如，去年三次调研都没有进村入户。"
    assert (saved.unit, saved.kind, saved.year, saved.created_by) == (unit, "problem", 2030, drafter)
    assert list(saved.aspects.all()) == [problem.aspect]
    assert saved.source == "本单位2030年班子对照检查材料"


def test_the_same_text_is_not_saved_twice(editor, team, problem):
    save(editor, team, "problem", problem.pk)
    status, data = save(editor, team, "problem", problem.pk)

    assert status == 200 and not data["created"]
    assert data["message"] == "素材库中已有相同内容。"
    assert Snippet.objects.count() == 1


def test_causes_measures_and_lead_ins_are_saved_with_their_kind_and_aspects(editor, team, aspects, problem):
    cause = entry_services.cause_add(
        material=team, headline="宗旨意识有所淡化", elaboration="对群众的冷暖关心不够。", problems=[problem]
    )
    measure = entry_services.measure_add(
        material=team,
        headline="改进调查研究",
        elaboration="每季度蹲点一次。",
        items=["建立调研台账", "跟踪问题整改"],
    )
    entry_services.aspect_text_update(
        material=team,
        aspect=aspects[0],
        values={"lead_in": "班子能够带头学习，但还存在一些问题："},
        expected_revision=1,
    )

    saved = {
        entry_type: Snippet.objects.get(pk=save(editor, team, entry_type, pk)[1]["snippet"])
        for entry_type, pk in [("cause", cause.pk), ("measure", measure.pk), ("aspect", aspects[0].pk)]
    }

    assert saved["cause"].text == "宗旨意识有所淡化。对群众的冷暖关心不够。"
    assert (saved["cause"].kind, list(saved["cause"].aspects.all())) == ("cause", [problem.aspect])
    assert saved["measure"].text == "改进调查研究。每季度蹲点一次。一要建立调研台账。二要跟踪问题整改。"
    assert (saved["measure"].kind, list(saved["measure"].aspects.all())) == ("measure", [])
    assert saved["aspect"].text == "班子能够带头学习，但还存在一些问题："
    assert (saved["aspect"].kind, list(saved["aspect"].aspects.all())) == ("lead_in", [aspects[0]])


def test_a_members_entry_names_the_member_in_its_source(editor, meeting, unit, aspects):
    member = unit.members.get(position=3)
    personal = Material.objects.create(meeting=meeting, member=member)
    theirs = entry_services.problem_add(material=personal, aspect=aspects[0], headline="我学习不够")

    status, data = save(editor, personal, "problem", theirs.pk)

    assert status == 200
    assert Snippet.objects.get(pk=data["snippet"]).source == "本单位2030年孙委员个人对照检查材料"


def test_a_member_writing_their_material_may_insert_and_add_it_to_the_library(
    client, member_user, meeting, unit, aspects
):
    personal = Material.objects.create(meeting=meeting, member=unit.members.get(user=member_user))
    mine = entry_services.problem_add(material=personal, aspect=aspects[0], headline="我学习不够")
    used = snippet(unit, "素材。")
    client.force_login(member_user)

    assert record(client, personal, use_data(used, "problem", mine.pk, "headline"))[0] == 200
    status, data = save(client, personal, "problem", mine.pk)
    assert status == 200
    saved = Snippet.objects.get(pk=data["snippet"])
    assert (saved.unit, saved.text, saved.created_by) == (unit, "我学习不够。", member_user)


def test_an_empty_lead_in_or_an_unknown_type_is_refused_with_a_message(editor, team, aspects, problem):
    entry_services.aspect_text_update(
        material=team, aspect=aspects[0], values={"heading": "学习方面"}, expected_revision=1
    )
    status, data = save(editor, team, "aspect", aspects[0].pk)
    assert status == 422 and "还是空的" in data["errors"]["__all__"][0]

    status, data = save(editor, team, "material", team.pk)
    assert status == 422
    assert not Snippet.objects.exists()


def test_a_text_longer_than_a_snippet_is_refused_not_cut(editor, team, aspects):
    long_problem = entry_services.problem_add(
        material=team, aspect=aspects[0], headline="问题", elaboration="长" * 3000, example="例" * 2000
    )
    status, data = save(editor, team, "problem", long_problem.pk)
    assert status == 422 and "超过素材库单条 5000 字的上限" in data["errors"]["__all__"][0]
    assert not Snippet.objects.exists()


def test_saving_needs_the_right_to_edit_and_the_units_own_entry(
    client, secretary, outsider, team, problem, other_meeting, aspects
):
    client.force_login(secretary)
    assert save(client, team, "problem", problem.pk)[0] == 403

    client.force_login(outsider)
    assert save(client, team, "problem", problem.pk)[0] == 404
    other_team = other_meeting.materials.get()
    assert save(client, other_team, "problem", problem.pk)[0] == 404  # the entry is not that material's
    assert not Snippet.objects.exists()


@pytest.mark.parametrize("name", ["panel_record_use", "panel_save_entry"])
def test_the_writes_refuse_get(editor, team, name):
    assert editor.get(panel_url(name, team)).status_code == 405


def test_a_very_long_query_says_what_was_searched(editor, team, unit):
    snippet(unit, "学习素材。")
    data = search(editor, team, q="学习" + "很" * 200)
    assert "只按前100个字查找" in data["notice"]
