"""What one autosave costs in queries: the step marks and counters come from one query
(apps/workspace/figures.py), not from recomputing every step, and stay correct."""

import datetime
import json

from apps.entries import services
from apps.meetings.models import Opinion
from apps.workspace import selectors
from tests.workspace.conftest import material_url, meeting_url, post_json

# Session, user, the material with its meeting (1), the user's roles, the problem, its opinions to
# claim, the write (3 with its savepoint), the counters and step marks (1) and the history record (5):
# 18 (27 before, 15 of them recomputing every step; 19 while the meeting, the material and the role
# were read apart).
AUTOSAVE_QUERIES = 18


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


def test_the_figures_of_one_query_match_the_entries(team, aspects, members, other_meeting):
    """Every count and sum the step marks and counters read, on a material with something of each
    kind (and another meeting's material, which must not leak in)."""
    one = services.problem_add(
        material=team, aspect=aspects[0], headline="一", elaboration="表现", example="比如"
    )
    two = services.problem_add(material=team, aspect=aspects[0], headline="二二")
    three = services.problem_add(material=team, aspect=aspects[2], headline="三三三", elaboration="表现")
    services.cause_add(material=team, headline="原因", elaboration="剖析", problems=[one, two])
    services.measure_add(material=team, headline="措施", items=["举措一", "举措"], problems=[one])
    services.measure_add(
        material=team, headline="完整", owner=members[0], deadline=datetime.date(2031, 6, 1), problems=[three]
    )
    services.aspect_text_update(
        material=team, aspect=aspects[0], values={"lead_in": "导语五个字"}, expected_revision=1
    )
    other = other_meeting.materials.get(member=None)
    services.problem_add(material=other, aspect=aspects[1], headline="别的会议")

    counts = selectors.counts_of([team, other])
    assert counts[team.pk] == selectors.MaterialCounts(
        aspects=3,
        aspects_without_problems=1,
        problems=3,
        problems_without_elaboration=1,
        causes=1,
        problems_unexplained=1,
        measures=2,
        measures_incomplete=1,
        problems_unanswered=1,
    )
    assert (counts[other.pk].problems, counts[other.pk].aspects_without_problems) == (1, 2)
    stats, _steps = selectors.page_overview(team.meeting, team)
    assert stats["problems"] == len("一表现比如二二三三三表现")
    assert stats["causes"] == len("原因剖析")
    assert stats["measures"] == len("措施举措一举措完整")
    assert stats["total"] == stats["problems"] + stats["causes"] + stats["measures"] + len("导语五个字")
