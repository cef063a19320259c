"""The 整改措施 step: autosaved measure cards with owner, deadline and links, their sub-items (一要…)
as small autosaved cards, the list of problems no measure answers yet, the closing text, conflicts,
delete with undo, reorder, access, queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.entries import services
from apps.entries.models import Material, Measure, MeasureItem
from tests.workspace.conftest import material_url as url
from tests.workspace.conftest import post_json

DEADLINE_MESSAGE = "完成时限不能早于会议日期（2031年1月5日）。"
OWNER_MESSAGE = "责任领导必须是本单位班子成员。"


@pytest.fixture
def deputy(unit):
    return unit.members.get(name="钱副书记")


def measure_data(**values) -> dict:
    return {
        "revision": 1,
        "headline": "加强理论学习",
        "elaboration": "",
        "owner": "",
        "department": "",
        "deadline": "",
        "kind": "deadline",
        **values,
    }


def uncovered_ids(payload: dict) -> list[int]:
    return [problem["id"] for problem in payload["uncovered"]]


def between(html: str, start: str, end: str) -> str:
    return html.split(start, 1)[1].split(end, 1)[0]


# --- The page -------------------------------------------------------------------------------------


def test_the_page_numbers_measures_and_sub_items_and_lists_unanswered_problems(
    editor, team, problems, deputy
):
    cause = services.cause_add(material=team, headline="学习自觉性不够", problems=[problems[0]])
    services.measure_add(
        material=team,
        headline="加强理论学习",
        items=["坚持第一议题制度", "开展专题读书班"],
        problems=[problems[0]],
        causes=[cause],
        owner=deputy,
        deadline=datetime.date(2031, 6, 30),
    )
    services.measure_add(material=team, headline="改进调查研究")
    html = editor.get(url("measures", team)).content.decode()
    assert html.count('data-marker="（）"') == 1 and 'data-marker="要"' in html
    assert "（一）</span>" in html and "（二）</span>" in html
    assert "一要</span>" in html and "二要</span>" in html
    assert html.index("坚持第一议题制度") < html.index("开展专题读书班") < html.index("改进调查研究")
    assert "（一）一是 测试问题0" in html and "（一）学习自觉性不够" in html  # chips for problems and causes
    assert 'value="2031-06-30"' in html and "不早于会议日期（2031年1月5日）" in html
    unanswered = between(html, "data-uncovered-list>", "</ul>")
    assert "尚无整改措施的问题" in html
    assert "测试问题0" not in unanswered and "（二）一是 测试问题1" in unanswered
    # The closing text (结尾) is edited at the bottom, saved through the material text endpoint.
    assert html.index("改进调查研究") < html.index('id="closing-title"')
    assert url("material_text", team) in html and 'name="closing"' in html
    assert "/static/js/entries.js" in html


def test_owners_are_the_units_members_in_official_order(editor, team, other_unit):
    services.measure_add(material=team, headline="措施")
    html = editor.get(url("measures", team)).content.decode()
    select = between(html, 'name="owner"', "</select>")
    names = re.findall(r">(\S+?)（职务）</option>", select)
    assert names == ["赵书记", "钱副书记", "孙委员"]
    assert "外单位成员" not in html


def test_a_new_measure_says_sub_items_come_after_its_first_save(editor, team):
    html = editor.get(url("measures", team)).content.decode()
    template = between(html, "<template data-new-entry>", "添加整改措施")
    assert "先填写措施概括，保存后可添加具体举措" in template
    assert "data-items hidden" in template


def test_the_ticked_links_and_the_chosen_owner_are_shown(editor, team, problems, deputy):
    cause = services.cause_add(material=team, headline="原因")
    measure = services.measure_add(
        material=team, headline="措施", problems=[problems[2]], causes=[cause], owner=deputy
    )
    html = editor.get(url("measures", team)).content.decode()
    for input_id, checked in [
        (f"id_measure{measure.pk}_problems_0", False),
        (f"id_measure{measure.pk}_problems_2", True),
        (f"id_measure{measure.pk}_causes_0", True),
    ]:
        tag = re.search(rf'<input [^>]*id="{input_id}"[^>]*>', html).group(0)
        assert (" checked" in tag) is checked
    assert f'<option value="{deputy.pk}" selected>' in html


# --- Create, save, errors -----------------------------------------------------------------------------


def test_typing_a_new_measure_creates_it_with_owner_deadline_and_links(editor, team, problems, deputy):
    cause = services.cause_add(material=team, headline="原因")
    status, payload = post_json(
        editor,
        url("measure_create", team),
        measure_data(
            headline="一是加强理论学习",
            owner=deputy.pk,
            department="办公室",
            deadline="2031-01-05",  # the meeting day itself is allowed
            kind="immediate",
            problems=[problems[1].pk],
            causes=[cause.pk],
        ),
    )
    assert status == 200 and payload["ok"]
    measure = Measure.objects.get(pk=payload["id"])
    assert measure.headline == "加强理论学习"
    assert (measure.owner, measure.department, measure.deadline, measure.kind) == (
        deputy,
        "办公室",
        datetime.date(2031, 1, 5),
        "immediate",
    )
    assert list(measure.problems.all()) == [problems[1]] and list(measure.causes.all()) == [cause]
    assert payload["urls"] == {
        "save": url("measure_save", team, measure.pk),
        "delete": url("measure_delete", team, measure.pk),
        "item_create": url("measure_item_create", team, measure.pk),
        "items_reorder": url("measure_items_reorder", team, measure.pk),
    }
    assert uncovered_ids(payload) == [problems[0].pk, problems[2].pk]


def test_saving_a_measure_updates_its_fields_and_links(editor, team, problems, deputy):
    measure = services.measure_add(material=team, headline="旧", items=["细项"], problems=[problems[0]])
    status, payload = post_json(
        editor,
        url("measure_save", team, measure.pk),
        measure_data(
            headline="新措施",
            owner=deputy.pk,
            deadline="2031-03-01",
            problems=[problems[0].pk, problems[1].pk],
        ),
    )
    assert status == 200 and payload["revision"] == 2
    measure.refresh_from_db()
    assert (measure.headline, measure.owner, measure.deadline) == (
        "新措施",
        deputy,
        datetime.date(2031, 3, 1),
    )
    assert sorted(measure.problems.values_list("pk", flat=True)) == [problems[0].pk, problems[1].pk]
    assert uncovered_ids(payload) == [problems[2].pk]
    assert list(measure.items.values_list("text", flat=True)) == ["细项"]
    # Clearing the owner and the deadline is allowed.
    status, _ = post_json(
        editor, url("measure_save", team, measure.pk), measure_data(headline="新措施", revision=2)
    )
    measure.refresh_from_db()
    assert status == 200 and measure.owner is None and measure.deadline is None


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"headline": ""}, "headline", "请填写措施概括。"),
        ({"headline": "长" * 201}, "headline", "超出 1 字，请精简后保存（最多 200 字，现有 201 字）。"),
        ({"department": "部" * 101}, "department", "超出 1 字，请精简后保存（最多 100 字，现有 101 字）。"),
        ({"deadline": "2031-01-04"}, "deadline", DEADLINE_MESSAGE),
        ({"deadline": "明年"}, "deadline", "日期"),
        ({"owner": "abc"}, "owner", OWNER_MESSAGE),
    ],
)
def test_bad_input_is_a_message_on_its_field(editor, team, values, field, message):
    measure = services.measure_add(material=team, headline="原文")
    for target in [url("measure_create", team), url("measure_save", team, measure.pk)]:
        status, payload = post_json(editor, target, measure_data(**values))
        assert status == 422 and not payload["ok"]
        assert message in " ".join(payload["errors"][field])
    assert list(team.measures.values_list("headline", flat=True)) == ["原文"]


def test_the_deadline_message_is_exactly_the_services_one(editor, team):
    status, payload = post_json(editor, url("measure_create", team), measure_data(deadline="2030-12-31"))
    assert status == 422 and payload["errors"]["deadline"] == [services.deadline_message(team.meeting.date)]
    assert payload["errors"]["deadline"] == [DEADLINE_MESSAGE]


def test_another_units_member_cannot_own_a_measure(editor, team, other_unit):
    outsider = other_unit.members.get()
    measure = services.measure_add(material=team, headline="原文")
    for target in [url("measure_create", team), url("measure_save", team, measure.pk)]:
        status, payload = post_json(editor, target, measure_data(owner=outsider.pk))
        assert status == 422 and payload["errors"] == {"owner": [OWNER_MESSAGE]}
    assert Measure.objects.filter(owner=outsider).count() == 0


def test_a_second_save_from_a_stale_page_shows_both_versions(editor, team, deputy, unit):
    measure = services.measure_add(material=team, headline="原文")
    first = post_json(
        editor,
        url("measure_save", team, measure.pk),
        measure_data(headline="甲的修改", deadline="2031-06-30"),
    )
    assert first[0] == 200
    status, payload = post_json(
        editor,
        url("measure_save", team, measure.pk),
        measure_data(headline="乙的修改", owner=deputy.pk, deadline="2031-07-01"),
    )
    assert status == 409
    fields = payload["conflict"]["fields"]
    assert (fields["headline"]["mine"], fields["headline"]["theirs"]) == ("乙的修改", "甲的修改")
    assert (fields["deadline"]["mine_text"], fields["deadline"]["theirs_text"]) == (
        "2031年7月1日",
        "2031年6月30日",
    )
    assert fields["owner"]["mine_text"] == "钱副书记（职务）" and fields["owner"]["theirs_text"] == "（空）"
    measure.refresh_from_db()
    assert measure.headline == "甲的修改" and measure.owner is None


# --- Delete, undo, reorder --------------------------------------------------------------------------


def test_delete_and_undo_restore_the_measure_with_its_sub_items(editor, team, problems):
    measure = services.measure_add(
        material=team, headline="措施甲", items=["一项", "二项"], problems=[problems[0]]
    )
    status, payload = post_json(editor, url("measure_delete", team, measure.pk))
    assert status == 200 and payload["undo"]["label"] == "措施“措施甲”"
    assert uncovered_ids(payload) == [p.pk for p in problems]
    assert not Measure.objects.exists() and not MeasureItem.objects.exists()
    status, restored = post_json(editor, payload["undo"]["url"], {"token": payload["undo"]["token"]})
    assert status == 200 and restored["id"] == measure.pk
    measure = team.measures.get()
    assert list(measure.items.order_by("position").values_list("text", flat=True)) == ["一项", "二项"]
    assert list(measure.problems.all()) == [problems[0]]


def test_reorder_measures(editor, team):
    a, b, c = (services.measure_add(material=team, headline=h) for h in "甲乙丙")
    status, _ = post_json(editor, url("measures_reorder", team), {"ids": [b.pk, c.pk, a.pk]})
    assert status == 200
    assert list(team.measures.order_by("position").values_list("headline", flat=True)) == ["乙", "丙", "甲"]
    status, payload = post_json(editor, url("measures_reorder", team), {"ids": [a.pk, b.pk]})
    assert status == 422 and "刷新页面" in payload["errors"]["__all__"][0]


# --- Sub-items (一要…) ----------------------------------------------------------------------------------


def test_sub_items_are_added_saved_reordered_and_deleted_with_undo(editor, team):
    measure = services.measure_add(material=team, headline="措施")
    created = []
    for text in ["一要坚持学习", "开展调研", "（三）建立台账"]:
        status, payload = post_json(
            editor, url("measure_item_create", team, measure.pk), {"revision": 1, "text": text}
        )
        assert status == 200
        created.append(payload["id"])
    assert payload["urls"] == {
        "save": url("measure_item_save", team, measure.pk, payload["id"]),
        "delete": url("measure_item_delete", team, measure.pk, payload["id"]),
    }
    items = measure.items.order_by("position")
    assert list(items.values_list("text", flat=True)) == ["坚持学习", "开展调研", "建立台账"]

    first, second, third = created
    status, payload = post_json(
        editor, url("measure_item_save", team, measure.pk, second), {"revision": 1, "text": "深入开展调研"}
    )
    assert status == 200 and payload["revision"] == 2

    status, _ = post_json(
        editor, url("measure_items_reorder", team, measure.pk), {"ids": [third, first, second]}
    )
    assert status == 200
    assert list(items.values_list("text", flat=True)) == ["建立台账", "坚持学习", "深入开展调研"]
    html = editor.get(url("measures", team)).content.decode()
    assert re.search(
        r"一要</span>.*?建立台账.*?二要</span>.*?坚持学习.*?三要</span>.*?深入开展调研", html, re.S
    )

    status, payload = post_json(editor, url("measure_item_delete", team, measure.pk, first))
    assert status == 200 and payload["undo"]["label"] == "具体举措“坚持学习”"
    assert list(items.values_list("text", flat=True)) == ["建立台账", "深入开展调研"]
    status, _ = post_json(editor, payload["undo"]["url"], {"token": payload["undo"]["token"]})
    assert status == 200
    assert list(items.values_list("text", flat=True)) == ["建立台账", "坚持学习", "深入开展调研"]


def test_sub_item_errors_and_conflicts(editor, team):
    measure = services.measure_add(material=team, headline="措施", items=["原文"])
    item = measure.items.get()
    save = url("measure_item_save", team, measure.pk, item.pk)
    status, payload = post_json(editor, save, {"revision": 1, "text": "  "})
    assert status == 422 and payload["errors"] == {"text": ["请填写具体举措。"]}
    status, payload = post_json(editor, save, {"revision": 1, "text": "长" * 1001})
    assert status == 422 and "（最多 1000 字，" in payload["errors"]["text"][0]
    assert post_json(editor, save, {"revision": 1, "text": "甲的修改"})[0] == 200
    status, payload = post_json(editor, save, {"revision": 1, "text": "乙的修改"})
    assert status == 409
    assert payload["conflict"]["fields"]["text"]["mine"] == "乙的修改"
    assert payload["conflict"]["fields"]["text"]["theirs"] == "甲的修改"
    status, _ = post_json(editor, url("measure_items_reorder", team, measure.pk), {"ids": []})
    assert status == 422


def test_a_sub_item_is_reached_only_through_its_own_measure(editor, team, other_meeting):
    mine = services.measure_add(material=team, headline="甲", items=["甲的细项"])
    other = services.measure_add(material=team, headline="乙")
    item = mine.items.get()
    assert (
        editor.post(
            url("measure_item_save", team, other.pk, item.pk), {"revision": 1, "text": "x"}
        ).status_code
        == 404
    )
    assert editor.post(url("measure_item_delete", team, other.pk, item.pk)).status_code == 404
    foreign = services.measure_add(
        material=other_meeting.materials.get(), headline="外", items=["外单位细项"]
    )
    foreign_item = foreign.items.get()
    for target in [
        url("measure_item_create", team, foreign.pk),
        url("measure_items_reorder", team, foreign.pk),
        url("measure_item_save", team, foreign.pk, foreign_item.pk),
        url("measure_item_save", team, mine.pk, foreign_item.pk),
        url("measure_item_delete", team, foreign.pk, foreign_item.pk),
    ]:
        assert editor.post(target, {"revision": 1, "text": "x", "ids": [foreign_item.pk]}).status_code == 404
    assert foreign.items.get().text == "外单位细项"


# --- Closing text -----------------------------------------------------------------------------------


def test_the_closing_text_is_saved_from_the_measures_page(editor, team):
    status, payload = post_json(
        editor, url("material_text", team), {"revision": 1, "closing": "我们将以此次民主生活会为新起点……"}
    )
    assert status == 200
    team.refresh_from_db()
    assert team.closing == "我们将以此次民主生活会为新起点……"
    assert "我们将以此次民主生活会为新起点……" in editor.get(url("measures", team)).content.decode()


# --- Access -----------------------------------------------------------------------------------------


def test_another_meetings_measures_are_a_404(editor, team, other_meeting):
    foreign = services.measure_add(material=other_meeting.materials.get(), headline="外单位的措施")
    for name in ["measure_save", "measure_delete"]:
        assert editor.post(url(name, team, foreign.pk), measure_data()).status_code == 404
    other_team = other_meeting.materials.get()
    assert editor.get(url("measures", other_team)).status_code == 404
    assert editor.post(url("measure_create", other_team), measure_data()).status_code == 404
    assert Measure.objects.get(pk=foreign.pk).headline == "外单位的措施"


def test_a_member_reads_the_team_measures_but_cannot_change_them(client, member_user, team):
    measure = services.measure_add(material=team, headline="班子的措施", items=["细项"])
    item = measure.items.get()
    client.force_login(member_user)
    html = client.get(url("measures", team)).content.decode()
    assert "班子的措施" in html and "细项" in html
    assert "data-autosave" not in html and "<fieldset disabled" in html
    assert "添加整改措施" not in html and "添加具体举措" not in html
    for target, data in [
        (url("measure_create", team), measure_data()),
        (url("measure_save", team, measure.pk), measure_data(headline="改")),
        (url("measure_delete", team, measure.pk), {}),
        (url("measures_reorder", team), {"ids": [measure.pk]}),
        (url("measure_item_create", team, measure.pk), {"revision": 1, "text": "x"}),
        (url("measure_item_save", team, measure.pk, item.pk), {"revision": 1, "text": "x"}),
        (url("measure_item_delete", team, measure.pk, item.pk), {}),
        (url("measure_items_reorder", team, measure.pk), {"ids": [item.pk]}),
    ]:
        assert client.post(target, data).status_code == 403, target
    assert team.measures.get().headline == "班子的措施" and item.__class__.objects.get().text == "细项"


def test_a_member_writes_the_measures_of_their_own_personal_material(
    client, member_user, meeting, unit, fill_problems
):
    me = unit.members.get(position=3)
    own = Material.objects.create(meeting=meeting, member=me)
    problem = fill_problems(own, 1)[0]
    client.force_login(member_user)
    html = client.get(url("measures", own)).content.decode()
    assert "data-autosave" in html and "（一）一是 测试问题0" in html
    status, payload = post_json(
        client,
        url("measure_create", own),
        measure_data(owner=me.pk, deadline="2031-03-31", problems=[problem.pk]),
    )
    assert status == 200 and payload["uncovered"] == []
    measure = own.measures.get()
    status, _ = post_json(
        client, url("measure_item_create", own, measure.pk), {"revision": 1, "text": "一要带头学"}
    )
    assert status == 200 and measure.items.get().text == "带头学"


# --- Queries ----------------------------------------------------------------------------------------


def test_the_page_runs_the_same_queries_for_5_and_50_measures(
    editor, team, unit, fill_problems, django_assert_max_num_queries
):
    problems = fill_problems(team, 50)
    owner = unit.members.first()

    def add_measures(start: int, stop: int) -> None:
        for index in range(start, stop):
            cause = services.cause_add(material=team, headline=f"原因{index}", problems=[problems[index]])
            services.measure_add(
                material=team,
                headline=f"措施{index}",
                items=["一项", "二项"],
                problems=[problems[index]],
                causes=[cause],
                owner=owner,
                deadline=datetime.date(2031, 6, 30),
            )

    def page_queries(expected_cards: int) -> int:
        with CaptureQueriesContext(connection) as queries:
            html = editor.get(url("measures", team)).content.decode()
        assert html.count("data-entry data-measure data-id") == expected_cards
        assert html.count("二要</span>") == expected_cards
        assert html.count("查看进展和佐证材料") == expected_cards  # each card links its ledger page
        return len(queries)

    add_measures(0, 5)
    with django_assert_max_num_queries(33):  # 30 today; an N+1 would add at least 5
        few = page_queries(5)
    add_measures(5, 50)
    with django_assert_max_num_queries(33):
        many = page_queries(50)
    assert many == few


def test_a_measure_card_shows_its_ledger_status_and_links_its_ledger_page(editor, team, problems):
    measure = services.measure_add(material=team, headline="强化理论武装", problems=[problems[0]])
    Measure.objects.filter(pk=measure.pk).update(status="in_progress")
    html = editor.get(url("measures", team)).content.decode()
    assert f'href="{reverse("ledger:measure", args=[measure.pk])}"' in html
    assert "整改台账：" in html and ">推进中</span>" in html
