"""Each workspace autosave is a revision: who, when, and the row as it was saved."""

import json

from reversion.models import Version

from apps.history.models import MaterialEdit
from tests.workspace.conftest import material_url, post_json


def _problem_form(problem, **changes) -> dict:
    data = {
        "headline": problem.headline,
        "elaboration": problem.elaboration,
        "example": problem.example,
        "source": problem.source,
        "revision": problem.revision,
    }
    return {**data, **changes}


def test_an_autosave_records_who_changed_which_problem_and_the_new_text(editor, drafter, team, problems):
    problem = problems[0]
    status, _ = post_json(
        editor,
        material_url("problem_save", team, problem.pk),
        _problem_form(problem, headline="学习不够深入系统"),
    )
    assert status == 200
    edit = MaterialEdit.objects.get(material=team)
    assert edit.revision.user == drafter
    assert edit.action == "修改问题"
    version = Version.objects.get(revision=edit.revision)
    assert version.object_id == str(problem.pk)
    assert json.loads(version.serialized_data)[0]["fields"]["headline"] == "学习不够深入系统"


def test_each_autosave_is_its_own_revision(editor, team, problems):
    problem = problems[0]
    post_json(
        editor, material_url("problem_save", team, problem.pk), _problem_form(problem, headline="第一次改")
    )
    problem.refresh_from_db()
    post_json(
        editor, material_url("problem_save", team, problem.pk), _problem_form(problem, headline="第二次改")
    )
    texts = [
        json.loads(v.serialized_data)[0]["fields"]["headline"]
        for v in Version.objects.filter(revision__material_edit__material=team).order_by("pk")
    ]
    assert texts == ["第一次改", "第二次改"]


def test_a_new_problem_is_recorded_with_its_text(editor, team, aspects):
    data = {
        "aspect": aspects[0].pk,
        "headline": "新写的问题",
        "elaboration": "",
        "example": "",
        "source": "self",
    }
    status, body = post_json(editor, material_url("problem_create", team), data)
    assert status == 200
    edit = MaterialEdit.objects.get(material=team)
    assert edit.action == "新增问题"
    assert [v.object_id for v in edit.revision.version_set.all()] == [str(body["id"])]


def test_a_delete_names_the_deleted_problem(editor, team, problems):
    status, _ = post_json(editor, material_url("problem_delete", team, problems[1].pk))
    assert status == 200
    edit = MaterialEdit.objects.get(material=team)
    assert edit.revision.comment == "删除问题“测试问题1”"


def test_a_reorder_records_the_new_positions(editor, team, fill_problems, aspects):
    first, _, _, second = fill_problems(team, 4)
    ids = [second.pk, first.pk]  # both in the first aspect
    status, _ = post_json(
        editor, material_url("problems_reorder", team), {"aspect": aspects[0].pk, "ids": ids}
    )
    assert status == 200
    versions = Version.objects.filter(revision__material_edit__material=team)
    positions = {int(v.object_id): json.loads(v.serialized_data)[0]["fields"]["position"] for v in versions}
    assert positions == {second.pk: 1, first.pk: 2}


def test_a_refused_autosave_records_nothing(editor, team, problems):
    problem = problems[0]
    status, _ = post_json(
        editor, material_url("problem_save", team, problem.pk), _problem_form(problem, headline="")
    )
    assert status == 422
    assert not MaterialEdit.objects.exists()
    assert not Version.objects.exists()


def test_the_material_text_is_recorded_without_copying_every_entry(editor, team, problems):
    status, _ = post_json(
        editor, material_url("material_text", team), {"preamble": "会前认真准备。", "revision": team.revision}
    )
    assert status == 200
    edit = MaterialEdit.objects.get(material=team)
    assert [v.object_id for v in edit.revision.version_set.all()] == [str(team.pk)]
