"""The 原因剖析 step: autosaved cause cards linked to problems, the list of problems no cause explains
yet, conflicts, delete with undo, reorder, access, queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.entries import services
from apps.entries.models import Cause, Material
from tests.workspace.conftest import material_url as url
from tests.workspace.conftest import post_json


def cause_data(**values) -> dict:
    return {"revision": 1, "headline": "理想信念不够坚定", "category": "ideals", "elaboration": "", **values}


def uncovered_ids(payload: dict) -> list[int]:
    return [problem["id"] for problem in payload["uncovered"]]


# --- The page -------------------------------------------------------------------------------------


def test_the_page_numbers_causes_and_lists_the_problems_no_cause_explains(editor, team, problems):
    services.cause_add(material=team, headline="理论学习不够系统", problems=[problems[0]])
    services.cause_add(material=team, headline="宗旨意识有所淡化", category=Cause.Category.PURPOSE)
    html = editor.get(url("causes", team)).content.decode()
    assert 'data-marker="（）"' in html
    assert "（一）</span>" in html and "（二）</span>" in html
    assert html.index("理论学习不够系统") < html.index("宗旨意识有所淡化")
    # Chips carry the problems' numbering as it will print.
    assert "（一）一是 测试问题0" in html and "（三）一是 测试问题2" in html
    assert 'class="mb-3 chip-field"' in html
    uncovered = html.split("data-uncovered-list>")[1].split("</ul>")[0]
    assert "测试问题0" not in uncovered
    assert "（二）一是 测试问题1" in uncovered and "（三）一是 测试问题2" in uncovered
    assert "尚未剖析原因的问题" in html
    # The new-card template and the add button are there for an editor.
    assert "data-new-entry" in html and "添加原因" in html
    assert "/static/js/entries.js" in html


def checkbox(html: str, input_id: str) -> str:
    """The <input> tag with this id."""
    match = re.search(rf'<input [^>]*id="{input_id}"[^>]*>', html)
    assert match, input_id
    return match.group(0)


def test_the_linked_problems_are_ticked_on_the_card(editor, team, problems):
    cause = services.cause_add(material=team, headline="原因", problems=[problems[1]])
    html = editor.get(url("causes", team)).content.decode()
    ticked = [" checked" in checkbox(html, f"id_cause{cause.pk}_problems_{n}") for n in range(3)]
    assert ticked == [False, True, False]


def test_without_problems_the_page_says_where_to_start(editor, team):
    html = editor.get(url("causes", team)).content.decode()
    assert "还没有查摆问题" in html
    assert url("problems", team) in html


# --- Create, save, errors -----------------------------------------------------------------------------


def test_typing_a_new_cause_creates_it_with_its_problems(editor, team, problems):
    status, payload = post_json(
        editor,
        url("cause_create", team),
        cause_data(headline="（一）理想信念不够坚定", problems=[problems[0].pk, problems[2].pk]),
    )
    assert status == 200 and payload["ok"]
    cause = Cause.objects.get(pk=payload["id"])
    assert cause.headline == "理想信念不够坚定"  # typed numbering stripped: the system numbers causes
    assert cause.category == "ideals" and cause.position == 1
    assert sorted(cause.problems.values_list("pk", flat=True)) == [problems[0].pk, problems[2].pk]
    assert payload["urls"]["save"] == url("cause_save", team, cause.pk)
    assert payload["urls"]["delete"] == url("cause_delete", team, cause.pk)
    assert uncovered_ids(payload) == [problems[1].pk]
    assert payload["uncovered"][0]["label"] == "（二）一是 测试问题1"
    assert any(step["key"] == "causes" for step in payload["steps"])


def test_new_causes_go_to_the_end(editor, team, problems):
    first = post_json(editor, url("cause_create", team), cause_data(headline="甲"))[1]
    second = post_json(editor, url("cause_create", team), cause_data(headline="一是乙"))[1]
    positions = dict(team.causes.values_list("pk", "position"))
    assert positions[first["id"]] < positions[second["id"]]
    assert team.causes.get(pk=second["id"]).headline == "乙"


def test_saving_a_cause_updates_text_category_and_links(editor, team, problems):
    cause = services.cause_add(material=team, headline="旧", problems=[problems[0]])
    status, payload = post_json(
        editor,
        url("cause_save", team, cause.pk),
        cause_data(
            headline="新的原因", category="conduct", elaboration="具体剖析", problems=[problems[1].pk]
        ),
    )
    assert status == 200 and payload["revision"] == 2
    cause.refresh_from_db()
    assert (cause.headline, cause.category, cause.elaboration) == ("新的原因", "conduct", "具体剖析")
    assert list(cause.problems.values_list("pk", flat=True)) == [problems[1].pk]
    assert uncovered_ids(payload) == [problems[0].pk, problems[2].pk]


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"headline": "   "}, "headline", "请填写原因概括。"),
        ({"headline": "长" * 201}, "headline", "超出 1 字，请精简后保存（最多 200 字，现有 201 字）。"),
        (
            {"elaboration": "长" * 3001},
            "elaboration",
            "超出 1 字，请精简后保存（最多 3000 字，现有 3001 字）。",
        ),
        ({"category": "nonsense"}, "category", "nonsense"),
    ],
)
def test_bad_input_is_a_message_on_its_field(editor, team, problems, values, field, message):
    cause = services.cause_add(material=team, headline="原文")
    for target in [url("cause_create", team), url("cause_save", team, cause.pk)]:
        status, payload = post_json(editor, target, cause_data(**values))
        assert status == 422 and not payload["ok"]
        assert message in " ".join(payload["errors"][field])
    assert team.causes.get().headline == "原文"


def test_a_problem_of_another_material_cannot_be_linked(editor, team, problems, meeting, unit, fill_problems):
    personal = Material.objects.create(meeting=meeting, member=unit.members.get(position=1))
    foreign = fill_problems(personal, 1)[0]
    status, payload = post_json(editor, url("cause_create", team), cause_data(problems=[foreign.pk]))
    assert status == 422
    assert "请刷新页面" in payload["errors"]["problems"][0]
    assert not team.causes.exists()


def test_a_second_save_from_a_stale_page_shows_both_texts(editor, team, problems):
    cause = services.cause_add(material=team, headline="原文")
    first = post_json(editor, url("cause_save", team, cause.pk), cause_data(headline="甲的修改"))
    assert first[0] == 200
    status, payload = post_json(
        editor, url("cause_save", team, cause.pk), cause_data(headline="乙的修改", problems=[problems[0].pk])
    )
    assert status == 409
    fields = payload["conflict"]["fields"]
    assert fields["headline"]["mine"] == "乙的修改" and fields["headline"]["theirs"] == "甲的修改"
    assert fields["problems"]["mine_text"] == "（一）一是 测试问题0"
    assert fields["problems"]["theirs_text"] == "（空）"
    assert payload["conflict"]["revision"] == 2
    cause.refresh_from_db()
    assert cause.headline == "甲的修改" and not cause.problems.exists()
    # Keeping one's own version: saved again on top of the current revision.
    status, payload = post_json(
        editor, url("cause_save", team, cause.pk), cause_data(headline="乙的修改", revision=2)
    )
    assert status == 200 and payload["revision"] == 3


# --- Delete, undo, reorder --------------------------------------------------------------------------


def test_delete_and_undo_restore_the_cause_its_place_and_its_links(editor, team, problems):
    first = services.cause_add(material=team, headline="第一", problems=[problems[0]])
    services.cause_add(material=team, headline="第二")
    measure = services.measure_add(material=team, headline="措施", causes=[first])
    status, payload = post_json(editor, url("cause_delete", team, first.pk))
    assert status == 200 and payload["undo"]["label"] == "原因“第一”"
    assert problems[0].pk in uncovered_ids(payload)
    assert not team.causes.filter(pk=first.pk).exists()
    status, restored = post_json(editor, payload["undo"]["url"], {"token": payload["undo"]["token"]})
    assert status == 200 and restored["id"] == first.pk
    cause = team.causes.get(pk=first.pk)
    assert cause.position == 1
    assert list(cause.problems.all()) == [problems[0]]
    assert list(measure.causes.all()) == [cause]


def test_reorder_changes_the_numbering(editor, team):
    a, b, c = (services.cause_add(material=team, headline=h) for h in "甲乙丙")
    status, _ = post_json(editor, url("causes_reorder", team), {"ids": [c.pk, a.pk, b.pk]})
    assert status == 200
    assert list(team.causes.order_by("position").values_list("headline", flat=True)) == ["丙", "甲", "乙"]
    html = editor.get(url("causes", team)).content.decode()
    assert html.index("丙") < html.index("甲") < html.index("乙")


def test_reorder_with_a_stale_list_is_refused(editor, team):
    a, b = (services.cause_add(material=team, headline=h) for h in "甲乙")
    status, payload = post_json(editor, url("causes_reorder", team), {"ids": [b.pk]})
    assert status == 422 and "刷新页面" in payload["errors"]["__all__"][0]
    status, _ = post_json(editor, url("causes_reorder", team), {"ids": ["x"]})
    assert status == 422


# --- Access -----------------------------------------------------------------------------------------


def test_another_meetings_causes_are_a_404(editor, team, other_meeting):
    foreign = services.cause_add(material=other_meeting.materials.get(), headline="外单位的原因")
    for name in ["cause_save", "cause_delete"]:
        assert editor.post(url(name, team, foreign.pk), cause_data()).status_code == 404
    other_team = other_meeting.materials.get()
    assert editor.get(url("causes", other_team)).status_code == 404
    assert editor.post(url("cause_create", other_team), cause_data()).status_code == 404
    assert Cause.objects.get(pk=foreign.pk).headline == "外单位的原因"


def test_a_member_reads_the_team_causes_but_cannot_change_them(client, member_user, team):
    cause = services.cause_add(material=team, headline="班子的原因")
    client.force_login(member_user)
    html = client.get(url("causes", team)).content.decode()
    assert "班子的原因" in html
    assert "data-autosave" not in html and "<fieldset disabled" in html
    assert "添加原因" not in html
    assert client.post(url("cause_create", team), cause_data()).status_code == 403
    assert client.post(url("cause_save", team, cause.pk), cause_data(headline="改")).status_code == 403
    assert client.post(url("cause_delete", team, cause.pk)).status_code == 403
    assert client.post(url("causes_reorder", team), {"ids": [cause.pk]}).status_code == 403
    assert team.causes.get().headline == "班子的原因"


def test_a_member_writes_the_causes_of_their_own_personal_material(
    client, member_user, meeting, unit, fill_problems
):
    own = Material.objects.create(meeting=meeting, member=unit.members.get(position=3))
    problem = fill_problems(own, 1)[0]
    client.force_login(member_user)
    assert client.get(url("causes", own)).status_code == 200
    status, payload = post_json(client, url("cause_create", own), cause_data(problems=[problem.pk]))
    assert status == 200 and payload["uncovered"] == []
    cause = own.causes.get()
    status, _ = post_json(client, url("cause_save", own, cause.pk), cause_data(headline="党性修养有所放松"))
    assert status == 200
    assert own.causes.get().headline == "党性修养有所放松"
    # Another member's personal material stays closed to them.
    other = Material.objects.create(meeting=meeting, member=unit.members.get(position=1))
    assert client.get(url("causes", other)).status_code == 404


# --- Queries ----------------------------------------------------------------------------------------


def test_the_page_runs_the_same_queries_for_5_and_50_causes(
    editor, team, fill_problems, django_assert_max_num_queries
):
    problems = fill_problems(team, 50)

    def add_causes(start: int, stop: int) -> None:
        for index in range(start, stop):
            services.cause_add(
                material=team, headline=f"原因{index}", problems=[problems[index], problems[0]]
            )

    def page_queries(expected_cards: int) -> int:
        with CaptureQueriesContext(connection) as queries:
            html = editor.get(url("causes", team)).content.decode()
        assert html.count("data-entry data-id") == expected_cards
        return len(queries)

    add_causes(0, 5)
    with django_assert_max_num_queries(29):  # 26 today; an N+1 would add at least 5
        few = page_queries(5)
    add_causes(5, 50)
    with django_assert_max_num_queries(29):
        many = page_queries(50)
    assert many == few
