"""What one autosave costs in queries: the step marks and counters come from two aggregate queries
(apps/workspace/selectors.py), not from recomputing every step, and stay correct."""

import json

from apps.entries import services
from apps.meetings.models import Opinion
from tests.workspace.conftest import material_url, meeting_url, post_json

# Session, user, meeting, material, role, the problem, its opinions to claim, the write (3 with its
# savepoint), the counters, the step marks and the history record (5): 20 on PostgreSQL and SQLite.
AUTOSAVE_QUERIES = 20


def problem_post(problem, **changes) -> dict:
    shown = {name: getattr(problem, name) for name in ["headline", "elaboration", "example", "source"]}
    return {**shown, **changes, "revision": problem.revision, "_base": json.dumps(shown)}


def test_an_autosave_of_a_problem_runs_a_fixed_small_number_of_queries(
    editor, team, fill_problems, meeting, django_assert_max_num_queries
):
    problems = fill_problems(team, 30)
    for index, problem in enumerate(problems[:5]):
        Opinion.objects.create(meeting=meeting, position=index + 1, text="意见", claimed_by=problem)
    problem = problems[7]
    with django_assert_max_num_queries(AUTOSAVE_QUERIES):
        status, data = post_json(
            editor,
            material_url("problem_save", team, problem.pk),
            problem_post(problem, example="比如，改了"),
        )
    assert status == 200, data
    problem.refresh_from_db()
    assert problem.example == "比如，改了"


def test_the_answer_carries_the_material_steps_with_fresh_marks(editor, team, aspects):
    bare = services.problem_add(material=team, aspect=aspects[0], headline="只有标题")
    status, data = post_json(editor, material_url("problem_save", team, bare.pk), problem_post(bare))
    assert status == 200
    steps = {step["key"]: step for step in data["steps"]}
    assert set(steps) == {"problems", "causes", "measures", "preview"}
    assert steps["problems"]["state"] == "attention"
    assert steps["problems"]["notes"] == ["2个方面还没有查摆问题", "1条问题还没有写具体表现"]
    assert steps["causes"]["state"] == "empty" and steps["preview"]["state"] == "attention"
    assert data["stats"]["problems"] == len("只有标题")

    status, data = post_json(
        editor, material_url("problem_save", team, bare.pk), {**problem_post(bare), "elaboration": "写了表现"}
    )
    steps = {step["key"]: step for step in data["steps"]}
    assert steps["problems"]["notes"] == ["2个方面还没有查摆问题"]
    assert data["stats"]["problems"] == len("只有标题写了表现")


def test_a_meeting_save_carries_the_meeting_steps_only(editor, meeting):
    status, data = post_json(
        editor, meeting_url("report_save", meeting), {"narrative": "会议情况", "revision": meeting.revision}
    )
    assert status == 200, data
    assert {step["key"] for step in data["steps"]} == {"info", "preparation", "report"}
    assert next(step for step in data["steps"] if step["key"] == "report")["state"] == "progress"
