"""Into next year, over HTTP: 按上年台账重新生成 and last year's open measures added as 上年未结 problems,
who may do either, and the 查摆问题 step that offers them."""

import datetime

import pytest
from django.urls import reverse
from reversion.models import Version

from apps.entries import services as entries
from apps.entries.models import Material, Problem
from apps.history.models import MaterialEdit
from apps.ledger import carryover
from tests.ledger import carryover_cast as cast

D = datetime.date
last_outline, last_year, last_team, last_personal = (
    cast.last_outline,
    cast.last_year,
    cast.last_team,
    cast.last_personal,
)
measure_named = cast.measure


@pytest.fixture(autouse=True)
def counted_on_new_years_day(monkeypatch):
    """Overdue counted on 2031-01-01: the measure due 2030-06-30 is late, the ones due 2099 are not."""
    monkeypatch.setattr(carryover, "counting_day", lambda: cast.TODAY)


@pytest.fixture
def team(last_year, meeting) -> Material:
    """This year's team material (the cast's meeting, after last year's)."""
    return meeting.materials.get(member=None)


@pytest.fixture
def personal(last_year, meeting, unit, member_user) -> Material:
    """孙委员's personal material this year."""
    return Material.objects.create(meeting=meeting, member=unit.members.get(position=3))


def generate_url(material: Material) -> str:
    return reverse("ledger:recap_generate", args=[material.meeting_id, material.pk])


def carry_url(material: Material) -> str:
    return reverse("ledger:carry_over", args=[material.meeting_id, material.pk])


def problems_url(material: Material) -> str:
    return reverse("workspace:problems", args=[material.meeting_id, material.pk])


def post_json(client, url: str, data: dict | None = None):
    response = client.post(
        url, data or {}, HTTP_X_REQUESTED_WITH="XMLHttpRequest", HTTP_ACCEPT="application/json"
    )
    return response.status_code, response.json() if response.get(
        "Content-Type"
    ) == "application/json" else None


def aspect_of(material: Material, label: str):
    return material.meeting.outline.aspects.get(label=label)


# --- 按上年台账重新生成 --------------------------------------------------------------------------------


def test_the_drafter_gets_the_draft_and_nothing_is_written(client, drafter, team):
    team.recap = "撰稿人自己写的文字。"
    team.save()
    client.force_login(drafter)
    status, body = post_json(client, generate_url(team))
    assert status == 200
    assert body == {"ok": True, "field": "recap", "text": carryover.recap_draft(team)}
    assert body["text"].startswith("上年度民主生活会查摆的4个问题、制定的4项整改措施，已完成2项")
    team.refresh_from_db()
    assert team.recap == "撰稿人自己写的文字。"  # the page puts it in the field; autosave stores it


def test_a_member_generates_their_own_recap_in_the_first_person(client, member_user, personal):
    client.force_login(member_user)
    status, body = post_json(client, generate_url(personal))
    assert status == 200 and body["text"].startswith("上年度民主生活会我查摆的1个问题")


def test_without_a_previous_year_there_is_nothing_to_generate(client, drafter, meeting):
    client.force_login(drafter)
    status, body = post_json(client, generate_url(meeting.materials.get(member=None)))
    assert status == 422
    assert "没有找到上一次会议对应材料的整改措施" in body["errors"]["__all__"][0]


@pytest.mark.parametrize("who", ["secretary", "supervisor", "member_user"])
def test_readers_of_the_team_material_may_not_generate(client, request, who, team):
    client.force_login(request.getfixturevalue(who))
    assert client.post(generate_url(team)).status_code == 403


def test_a_submitted_material_is_frozen(client, drafter, team):
    Material.objects.filter(pk=team.pk).update(status="submitted")
    client.force_login(drafter)
    assert client.post(generate_url(team)).status_code == 403


def test_generate_access_anonymous_outsider_and_method(client, outsider, team):
    response = client.post(generate_url(team))
    assert response.status_code == 302 and "/login" in response["Location"]
    client.force_login(outsider)
    assert client.post(generate_url(team)).status_code == 404
    assert client.get(generate_url(team)).status_code == 405


# --- 作为问题加入 ------------------------------------------------------------------------------------


def test_an_open_measure_becomes_a_carried_over_problem_once(client, drafter, team, last_team):
    old = measure_named(last_team, "健全廉洁风险防控机制")
    clean = aspect_of(team, "廉洁")
    client.force_login(drafter)
    response = client.post(carry_url(team), {"measure": old.pk, "aspect": clean.pk})
    problem = team.problems.get()
    assert response.status_code == 302
    assert response["Location"] == problems_url(team) + f"#id_problem{problem.pk}_headline"
    assert (problem.source, problem.carried_from, problem.aspect) == ("carried_over", old, clean)
    assert problem.headline == "廉洁风险防控不够严密"  # the old problem's, without its full stop
    assert problem.elaboration == (
        "上年度针对这一问题制定的整改措施“健全廉洁风险防控机制”（责任领导钱副书记，完成时限2030年6月30日）"
        "尚未完成，目前正在推进，已超过完成时限。最新进展（2030年9月15日）：完成风险点排查，清单正在审定。"
    )
    assert list(old.carried_into.all()) == [problem]
    # Twice is refused, as a message on the page and as 422 to a script; still one problem.
    again = client.post(carry_url(team), {"measure": old.pk, "aspect": clean.pk}, follow=True)
    assert "已作为上年未结问题加入过本材料" in again.content.decode()
    status, body = post_json(client, carry_url(team), {"measure": old.pk, "aspect": clean.pk})
    assert status == 422 and "加入过" in body["errors"]["__all__"][0]
    assert team.problems.count() == 1


def test_a_measure_without_problems_is_carried_under_its_own_headline(client, drafter, team, last_team):
    old = measure_named(last_team, "建立攻坚项目包联制度")
    client.force_login(drafter)
    status, body = post_json(
        client, carry_url(team), {"measure": old.pk, "aspect": aspect_of(team, "学习").pk}
    )
    assert status == 200
    problem = Problem.objects.get(pk=body["problem"])
    assert problem.headline == "上年度整改措施“建立攻坚项目包联制度”尚未完成"
    assert problem.elaboration.startswith(
        "上年度制定的整改措施“建立攻坚项目包联制度”（责任领导赵书记，完成时限2099年12月31日）"
    )
    assert "目前尚未启动" in problem.elaboration and "最新进展" not in problem.elaboration


def test_the_carry_over_is_in_the_materials_edit_record(client, drafter, team, last_team):
    old = measure_named(last_team, "建立攻坚项目包联制度")
    client.force_login(drafter)
    post_json(client, carry_url(team), {"measure": old.pk, "aspect": aspect_of(team, "学习").pk})
    edit = MaterialEdit.objects.get(material=team)
    assert edit.action == carryover.EDIT_ACTION
    assert edit.revision.user == drafter
    problem = team.problems.get()
    assert Version.objects.get_for_object(problem).get().revision == edit.revision


@pytest.mark.parametrize("headline", ["强化理论武装", "改进调查研究"])  # 已销号, 已完成
def test_a_measure_no_longer_open_is_refused(client, drafter, team, last_team, headline):
    client.force_login(drafter)
    data = {"measure": measure_named(last_team, headline).pk, "aspect": aspect_of(team, "学习").pk}
    status, body = post_json(client, carry_url(team), data)
    assert status == 422 and "不需要作为上年未结问题加入" in body["errors"]["__all__"][0]
    assert not team.problems.exists()


def test_a_measure_not_from_the_matching_material_is_refused(client, drafter, team, last_personal, meeting):
    client.force_login(drafter)
    learn = aspect_of(team, "学习").pk
    # 孙委员's personal measure of last year is not the team's to carry …
    status, body = post_json(
        client, carry_url(team), {"measure": last_personal.measures.first().pk, "aspect": learn}
    )
    assert status == 422 and "不是本材料上一次会议对应材料中的整改措施" in body["errors"]["__all__"][0]
    # … nor is a measure of this year's own material.
    this_year = entries.measure_add(material=team, headline="今年的措施")
    status, _ = post_json(client, carry_url(team), {"measure": this_year.pk, "aspect": learn})
    assert status == 422
    assert not team.problems.exists()


def test_another_units_ids_are_a_404(client, drafter, team, other_meeting, last_team):
    other_team = other_meeting.materials.get()
    other_measure = entries.measure_add(material=other_team, headline="外单位措施")
    client.force_login(drafter)
    learn = aspect_of(team, "学习").pk
    assert client.post(carry_url(team), {"measure": other_measure.pk, "aspect": learn}).status_code == 404
    open_measure = measure_named(last_team, "建立攻坚项目包联制度").pk
    assert client.post(carry_url(team), {"measure": "abc", "aspect": learn}).status_code == 404
    # An aspect of last year's outline is not one of this meeting's.
    old_aspect = last_team.meeting.outline.aspects.first().pk
    assert client.post(carry_url(team), {"measure": open_measure, "aspect": old_aspect}).status_code == 404
    assert client.post(carry_url(other_team), {"measure": open_measure, "aspect": learn}).status_code == 404
    assert not team.problems.exists()


@pytest.mark.parametrize("who", ["secretary", "supervisor", "member_user"])
def test_only_those_who_may_edit_the_material_carry_over(client, request, who, team, last_team):
    client.force_login(request.getfixturevalue(who))
    data = {
        "measure": measure_named(last_team, "建立攻坚项目包联制度").pk,
        "aspect": aspect_of(team, "学习").pk,
    }
    assert client.post(carry_url(team), data).status_code == 403
    assert client.get(carry_url(team)).status_code == 405
    assert not team.problems.exists()


def test_a_member_carries_their_own_open_measure_into_their_own_material(
    client, member_user, personal, last_personal
):
    client.force_login(member_user)
    old = measure_named(last_personal, "建立项目周调度")
    status, body = post_json(
        client, carry_url(personal), {"measure": old.pk, "aspect": aspect_of(personal, "落实").pk}
    )
    assert status == 200
    problem = personal.problems.get()
    assert problem.carried_from == old and problem.headline == "分管项目推进慢"
    assert problem.elaboration.startswith(
        "上年度我针对这一问题制定的整改措施“建立项目周调度”（完成时限2099年6月30日）"
    )


# --- The 查摆问题 step ----------------------------------------------------------------------------


def test_the_problems_step_offers_the_open_measures_with_a_matching_aspect(client, drafter, team, last_team):
    client.force_login(drafter)
    page = client.get(problems_url(team)).content.decode()
    assert "上年未结的整改措施" in page and "按上年台账重新生成" in page
    offers = carryover.carryover_for(Material.objects.get(pk=team.pk)).offers
    assert [offer.measure.headline for offer in offers] == ["健全廉洁风险防控机制", "建立攻坚项目包联制度"]
    # 廉洁 is still an aspect this year; 担当 is not, so the measure without problems gets the first.
    assert [offer.default_aspect.label for offer in offers] == ["廉洁", "学习"]
    assert f'<option value="{aspect_of(team, "廉洁").pk}" selected>' in page
    assert "强化理论武装" not in page.split('id="carryover"')[1].split("</section>")[0]  # closed: not offered
    assert page.count("作为问题加入") == 2


def test_a_carried_measure_shows_as_added_and_is_not_offered_again(client, drafter, team, last_team):
    old = measure_named(last_team, "健全廉洁风险防控机制")
    client.force_login(drafter)
    post_json(client, carry_url(team), {"measure": old.pk, "aspect": aspect_of(team, "廉洁").pk})
    page = client.get(problems_url(team)).content.decode()
    assert "已加入过" in page
    assert f'href="#id_problem{team.problems.get().pk}_headline"' in page
    assert page.count("作为问题加入") == 1


def test_readers_see_last_years_measures_without_buttons(client, secretary, team, last_team):
    client.force_login(secretary)
    page = client.get(problems_url(team)).content.decode()
    assert "上年未结的整改措施" in page
    assert "作为问题加入" not in page and "按上年台账重新生成" not in page


def test_without_a_previous_year_the_step_shows_neither(client, drafter, meeting):
    client.force_login(drafter)
    page = client.get(problems_url(meeting.materials.get(member=None))).content.decode()
    assert "上年未结的整改措施" not in page and "按上年台账重新生成" not in page


@pytest.mark.parametrize("count", [2, 20])
def test_the_step_runs_the_same_queries_for_2_or_20_open_measures(
    client, drafter, team, last_team, count, django_assert_max_num_queries
):
    owner = team.meeting.unit.members.first()
    for n in range(count):
        measure = entries.measure_add(
            material=last_team, headline=f"措施{n}", owner=owner, deadline=D(2099, 1, 1)
        )
        measure.problems.set(last_team.problems.all())
    client.force_login(drafter)
    with django_assert_max_num_queries(35):  # 35 today, whatever the number of measures
        response = client.get(problems_url(team))
    assert response.content.decode().count("作为问题加入") == count + 2
