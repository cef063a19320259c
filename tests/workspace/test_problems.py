"""The 查摆问题 step: autosaved problem cards, conflicts, delete with undo, reorder, access, queries."""

import json

import pytest
from django.urls import reverse

from apps.entries import services
from apps.entries.models import Material, Problem
from apps.meetings.models import Opinion
from tests.workspace.conftest import material_url as url
from tests.workspace.conftest import post_json


def test_the_page_shows_every_aspect_as_it_will_print_with_its_problems_numbered(editor, team, aspects):
    services.problem_add(material=team, aspect=aspects[1], headline="落实方面的第一个问题")
    services.problem_add(material=team, aspect=aspects[1], headline="落实方面的第二个问题")
    html = editor.get(url("problems", team)).content.decode()
    assert "（一）带头学习测试内容" in html and "（二）带头落实测试内容" in html
    assert html.index("落实方面的第一个问题") < html.index("落实方面的第二个问题")
    assert ">一是<" in html and ">二是<" in html
    assert 'placeholder="比如，' in html


def test_the_first_save_of_a_new_card_creates_the_problem_at_the_end_of_its_aspect(editor, team, aspects):
    services.problem_add(material=team, aspect=aspects[0], headline="已有问题")
    status, data = post_json(
        editor,
        url("problem_create", team),
        {"aspect": aspects[0].pk, "headline": "（二）新问题", "elaboration": "表现", "source": "self"},
    )
    assert status == 200, data
    problem = Problem.objects.get(pk=data["id"])
    assert (problem.headline, problem.position, problem.aspect) == ("新问题", 2, aspects[0])
    assert data["urls"]["save"] == url("problem_save", team, problem.pk)
    assert data["normalised"] == {"headline": "新问题"}  # the page replaces what was typed
    assert data["stats"]["problems"] > 0
    assert {step["key"] for step in data["steps"]} >= {"problems", "causes", "measures"}


def test_an_empty_headline_is_refused_on_the_field_and_nothing_is_created(editor, team, aspects):
    status, data = post_json(
        editor,
        url("problem_create", team),
        {"aspect": aspects[0].pk, "headline": "  ", "elaboration": "只写了表现"},
    )
    assert status == 422
    assert data["errors"]["headline"] == ["请填写问题概括。"]
    assert not team.problems.exists()


def test_text_over_the_limit_gets_a_plain_message_with_both_numbers(editor, team, aspects):
    status, data = post_json(
        editor,
        url("problem_create", team),
        {"aspect": aspects[0].pk, "headline": "标题", "elaboration": "字" * 3001, "source": "self"},
    )
    assert status == 422
    assert data["errors"]["elaboration"] == ["超出 1 字，请精简后保存（最多 3000 字，现有 3001 字）。"]


def test_an_over_long_save_is_refused_and_the_stored_text_stays_as_it_was(editor, team, aspects):
    problem = services.problem_add(
        material=team, aspect=aspects[0], headline="标题", elaboration="原来的表现"
    )
    status, data = post_json(
        editor,
        url("problem_save", team, problem.pk),
        {"revision": 1, "headline": "改过的标题", "elaboration": "字" * 5000, "source": "self"},
    )
    assert status == 422
    assert data["errors"] == {"elaboration": ["超出 2000 字，请精简后保存（最多 3000 字，现有 5000 字）。"]}
    stored = Problem.objects.get(pk=problem.pk)
    assert (stored.headline, stored.elaboration, stored.revision) == (
        "标题",
        "原来的表现",
        1,
    )  # nothing stored


def test_no_field_of_the_page_lets_the_browser_cut_a_paste(editor, team, aspects):
    """Browsers silently cut text at an input's maxlength: the limits are shown as data-limit only."""
    services.problem_add(material=team, aspect=aspects[0], headline="标题")
    html = editor.get(url("problems", team)).content.decode()
    assert "maxlength" not in html
    assert 'data-limit="3000"' in html and 'data-limit="200"' in html


def test_text_pasted_from_word_keeps_chinese_punctuation_and_loses_control_characters(editor, team, aspects):
    problem = services.problem_add(material=team, aspect=aspects[0], headline="标题")
    pasted = "“学思想”不深入；\x0b比如：某次会议\x07……（见附件）"
    status, data = post_json(
        editor,
        url("problem_save", team, problem.pk),
        {"revision": 1, "headline": "标题", "elaboration": pasted, "source": "self"},
    )
    assert status == 200
    # The manual line break after a semicolon was inside the sentence: joined, not a new paragraph.
    stored = "“学思想”不深入；比如：某次会议……（见附件）"
    assert Problem.objects.get(pk=problem.pk).elaboration == stored
    assert data["normalised"] == {"elaboration": stored}  # the page shows what was stored


def test_a_second_save_from_an_old_revision_is_a_conflict_showing_both_texts(editor, team, aspects):
    problem = services.problem_add(material=team, aspect=aspects[0], headline="原标题")
    save = url("problem_save", team, problem.pk)
    first = {"revision": 1, "headline": "甲改的标题", "source": "self"}
    assert post_json(editor, save, first)[0] == 200

    status, data = post_json(editor, save, {"revision": 1, "headline": "乙改的标题", "source": "self"})
    assert status == 409
    field = data["conflict"]["fields"]["headline"]
    assert (field["mine"], field["theirs"], field["label"]) == ("乙改的标题", "甲改的标题", "问题概括")
    assert Problem.objects.get(pk=problem.pk).headline == "甲改的标题"

    # The drafter keeps their own version: saving at the revision the conflict reported wins.
    keep = {"revision": data["conflict"]["revision"], "headline": "乙改的标题", "source": "self"}
    assert post_json(editor, save, keep)[0] == 200
    assert Problem.objects.get(pk=problem.pk).headline == "乙改的标题"


def test_two_people_changing_different_fields_of_one_problem_are_merged_not_refused(editor, team, aspects):
    problem = services.problem_add(material=team, aspect=aspects[0], headline="原标题", elaboration="原表现")
    save = url("problem_save", team, problem.pk)
    loaded = json.dumps({"headline": "原标题", "elaboration": "原表现", "example": "", "source": "self"})
    first = {
        "revision": 1,
        "_base": loaded,
        "headline": "甲改的标题",
        "elaboration": "原表现",
        "source": "self",
    }
    assert post_json(editor, save, first)[0] == 200
    # The second editor's page still shows the old headline; they changed only the elaboration.
    second = {
        "revision": 1,
        "_base": loaded,
        "headline": "原标题",
        "elaboration": "乙补充的表现",
        "source": "self",
    }
    status, data = post_json(editor, save, second)
    assert status == 200, data
    assert data["normalised"] == {"headline": "甲改的标题"}  # the second page now shows the first edit
    stored = Problem.objects.get(pk=problem.pk)
    # Each keeps their own change: the second form's stale headline does not undo the first edit.
    assert (stored.headline, stored.elaboration, stored.revision) == ("甲改的标题", "乙补充的表现", 3)


def test_two_people_changing_the_same_field_still_conflict_with_a_base(editor, team, aspects):
    problem = services.problem_add(material=team, aspect=aspects[0], headline="原标题")
    save = url("problem_save", team, problem.pk)
    loaded = json.dumps({"headline": "原标题", "elaboration": "", "example": "", "source": "self"})
    assert (
        post_json(editor, save, {"revision": 1, "_base": loaded, "headline": "甲", "source": "self"})[0]
        == 200
    )
    status, data = post_json(
        editor, save, {"revision": 1, "_base": loaded, "headline": "乙", "source": "self"}
    )
    assert status == 409 and set(data["conflict"]["fields"]) == {"headline"}


def test_delete_then_undo_restores_the_problem_its_place_and_its_links(editor, team, aspects, meeting):
    first = services.problem_add(material=team, aspect=aspects[0], headline="第一")
    second = services.problem_add(material=team, aspect=aspects[0], headline="第二")
    services.problem_add(material=team, aspect=aspects[0], headline="第三")
    cause = services.cause_add(material=team, headline="原因", problems=[first, second])
    opinion = Opinion.objects.create(meeting=meeting, position=1, text="意见", claimed_by=second)

    status, data = post_json(editor, url("problem_delete", team, second.pk))
    assert status == 200 and "第二" in data["undo"]["label"]
    assert list(team.problems.values_list("headline", flat=True)) == ["第一", "第三"]

    status, data = post_json(editor, data["undo"]["url"], {"token": data["undo"]["token"]})
    assert status == 200
    assert list(team.problems.order_by("position").values_list("headline", flat=True)) == [
        "第一",
        "第二",
        "第三",
    ]
    assert set(cause.problems.values_list("headline", flat=True)) == {"第一", "第二"}
    opinion.refresh_from_db()
    assert opinion.claimed_by_id == second.pk


def test_undo_with_an_unknown_token_is_a_clear_message(editor, team):
    status, data = post_json(editor, url("restore", team), {"token": "nonsense"})
    assert status == 422 and "无法撤销" in data["errors"]["__all__"][0]


def test_reorder_puts_the_problems_of_an_aspect_in_the_posted_order(editor, team, aspects):
    a, b, c = (services.problem_add(material=team, aspect=aspects[0], headline=h) for h in "甲乙丙")
    status, _ = post_json(
        editor, url("problems_reorder", team), {"aspect": aspects[0].pk, "ids": [c.pk, a.pk, b.pk]}
    )
    assert status == 200
    assert list(team.problems.order_by("position").values_list("headline", flat=True)) == ["丙", "甲", "乙"]


def test_a_reorder_list_that_does_not_match_is_refused_without_change(editor, team, aspects):
    a, b = (services.problem_add(material=team, aspect=aspects[0], headline=h) for h in "甲乙")
    status, data = post_json(
        editor, url("problems_reorder", team), {"aspect": aspects[0].pk, "ids": [b.pk, "x"]}
    )
    assert status == 422 and "排序未保存" in data["errors"]["__all__"][0]
    assert list(team.problems.order_by("position").values_list("headline", flat=True)) == ["甲", "乙"]


def test_a_problem_claims_and_releases_opinions(editor, team, aspects, meeting):
    problem = services.problem_add(material=team, aspect=aspects[0], headline="问题")
    keep = Opinion.objects.create(meeting=meeting, position=1, text="意见一", aspect=aspects[0])
    drop = Opinion.objects.create(meeting=meeting, position=2, text="意见二", claimed_by=problem)
    save = url("problem_save", team, problem.pk)
    status, _ = post_json(
        editor, save, {"revision": 1, "headline": "问题", "source": "self", "claimed_opinions": [keep.pk]}
    )
    assert status == 200
    assert list(problem.claimed_opinions.all()) == [keep]
    drop.refresh_from_db()
    assert drop.claimed_by is None


def test_claiming_a_first_opinion_proposes_the_source_opinions_once(editor, team, aspects, meeting):
    problem = services.problem_add(material=team, aspect=aspects[0], headline="问题")
    opinion = Opinion.objects.create(meeting=meeting, position=1, text="意见一", aspect=aspects[0])
    save = url("problem_save", team, problem.pk)
    claim = {"revision": 1, "headline": "问题", "source": "self", "claimed_opinions": [opinion.pk]}
    status, data = post_json(editor, save, claim)
    assert status == 200
    assert data["normalised"]["source"] == "opinions"  # the page shows the proposal
    assert Problem.objects.get(pk=problem.pk).source == "opinions"
    # The drafter sets 自查 back on purpose: later saves keep it.
    status, _ = post_json(editor, save, {**claim, "revision": data["revision"]})
    assert status == 200
    assert Problem.objects.get(pk=problem.pk).source == "self"


def test_a_problem_with_another_source_keeps_it_when_claiming(editor, team, aspects, meeting):
    problem = services.problem_add(material=team, aspect=aspects[0], headline="问题", source="inspection")
    opinion = Opinion.objects.create(meeting=meeting, position=1, text="意见一", aspect=aspects[0])
    claim = {"revision": 1, "headline": "问题", "source": "inspection", "claimed_opinions": [opinion.pk]}
    assert post_json(editor, url("problem_save", team, problem.pk), claim)[0] == 200
    assert Problem.objects.get(pk=problem.pk).source == "inspection"


def test_material_intro_text_autosaves_with_revision_check(editor, team):
    status, data = post_json(
        editor, url("material_text", team), {"revision": 1, "preamble": "会前准备情况。报告如下："}
    )
    assert status == 200 and data["revision"] == 2
    assert Material.objects.get(pk=team.pk).preamble == "会前准备情况。报告如下："
    status, _ = post_json(editor, url("material_text", team), {"revision": 1, "preamble": "别的开头"})
    assert status == 409


@pytest.mark.parametrize("name", ["problems", "preview"])
def test_another_units_material_is_a_404(editor, other_meeting, name):
    material = other_meeting.materials.get()
    assert editor.get(url(name, material)).status_code == 404


def test_another_units_problem_id_in_a_url_is_a_404(editor, team, other_meeting):
    foreign_material = other_meeting.materials.get()
    foreign = services.problem_add(
        material=foreign_material, aspect=other_meeting.outline.aspects.first(), headline="外单位问题"
    )
    response = editor.post(url("problem_save", team, foreign.pk), {"revision": 1, "headline": "改"})
    assert response.status_code == 404
    assert editor.post(url("problem_delete", team, foreign.pk)).status_code == 404
    assert Problem.objects.get(pk=foreign.pk).headline == "外单位问题"


def test_a_member_reads_the_team_material_but_cannot_change_it(client, member_user, team, aspects):
    client.force_login(member_user)
    html = client.get(url("problems", team)).content.decode()
    assert "只读" in html and "data-autosave" not in html
    response = client.post(url("problem_create", team), {"aspect": aspects[0].pk, "headline": "成员写的"})
    assert response.status_code == 403
    assert not team.problems.exists()


def test_a_member_drafts_their_own_personal_material_which_other_members_cannot_see(
    client, member_user, secretary, supervisor, meeting, aspects
):
    client.force_login(member_user)
    mine = meeting.unit.members.get(user=member_user)
    response = client.post(reverse("workspace:personal", args=[meeting.pk, mine.pk]))
    material = Material.objects.get(meeting=meeting, member=mine)
    assert response.status_code == 302 and response.url == url("problems", material)
    status, _ = post_json(
        client,
        url("problem_create", material),
        {"aspect": aspects[0].pk, "headline": "我的问题", "source": "self"},
    )
    assert status == 200

    others = meeting.unit.members.exclude(pk=mine.pk).first()
    assert client.post(reverse("workspace:personal", args=[meeting.pk, others.pk])).status_code == 403

    client.force_login(secretary)
    assert client.get(url("problems", material)).status_code == 200
    client.force_login(supervisor)
    assert client.get(url("problems", material)).status_code == 404


@pytest.mark.parametrize("count", [5, 50])
def test_the_problems_page_runs_the_same_queries_for_5_or_50_problems(
    editor, team, fill_problems, meeting, count, django_assert_max_num_queries
):
    problems = fill_problems(team, count)
    for index, problem in enumerate(problems[:5]):
        Opinion.objects.create(meeting=meeting, position=index + 1, text="意见", claimed_by=problem)
    with django_assert_max_num_queries(30):  # 30 today (lead-ins, last year's ledger); an N+1 would add 50
        response = editor.get(url("problems", team))
    assert response.status_code == 200
    assert response.content.decode().count("data-entry data-id") == count
