"""The database itself keeps orders unique and links inside one meeting, whatever writes to it."""

import datetime

import pytest

from apps.entries.models import Cause, Material, Measure, MeasureItem, Problem
from apps.outlines.models import Aspect, OutlineTemplate
from tests.db import rejected


@pytest.fixture
def team(meeting) -> Material:
    return meeting.materials.get()


@pytest.fixture
def problem(team) -> Problem:
    return Problem.objects.create(
        material=team, aspect=team.meeting.outline.aspects.first(), position=1, headline="甲"
    )


@pytest.fixture
def foreign_problem(other_meeting) -> Problem:
    material = other_meeting.materials.get()
    return Problem.objects.create(
        material=material, aspect=other_meeting.outline.aspects.first(), position=1, headline="外"
    )


def test_problem_positions_are_unique_within_an_aspect(team, problem):
    assert rejected(
        lambda: Problem.objects.create(material=team, aspect=problem.aspect, position=1, headline="乙")
    )
    other_aspect = team.meeting.outline.aspects.last()
    Problem.objects.create(material=team, aspect=other_aspect, position=1, headline="丙")


def test_cause_and_measure_positions_are_unique(team):
    Cause.objects.create(material=team, position=1, headline="原因")
    assert rejected(lambda: Cause.objects.create(material=team, position=1, headline="原因二"))
    measure = Measure.objects.create(material=team, position=1, headline="措施")
    assert rejected(lambda: Measure.objects.create(material=team, position=1, headline="措施二"))
    MeasureItem.objects.create(measure=measure, position=1, text="一")
    assert rejected(lambda: MeasureItem.objects.create(measure=measure, position=1, text="二"))


def test_one_team_material_and_one_material_per_member(meeting, unit):
    assert rejected(lambda: Material.objects.create(meeting=meeting))
    member = unit.members.first()
    Material.objects.create(meeting=meeting, member=member)
    assert rejected(lambda: Material.objects.create(meeting=meeting, member=member))


def test_personal_material_of_another_units_member_is_rejected(meeting, other_unit):
    assert rejected(lambda: Material.objects.create(meeting=meeting, member=other_unit.members.get()))


def test_cause_cannot_explain_another_meetings_problem(team, problem, foreign_problem):
    cause = Cause.objects.create(material=team, position=1, headline="原因")
    cause.problems.add(problem)
    assert rejected(lambda: cause.problems.add(foreign_problem))
    assert list(cause.problems.all()) == [problem]


def test_cause_cannot_explain_a_members_problem_from_the_team_material(team, problem, unit):
    personal = Material.objects.create(meeting=team.meeting, member=unit.members.first())
    personal_problem = Problem.objects.create(
        material=personal, aspect=problem.aspect, position=1, headline="个人"
    )
    cause = Cause.objects.create(material=team, position=1, headline="原因")
    assert rejected(lambda: cause.problems.add(personal_problem))


def test_measure_links_stay_in_the_material(team, problem, foreign_problem, other_meeting):
    measure = Measure.objects.create(material=team, position=1, headline="措施")
    measure.problems.add(problem)
    assert rejected(lambda: measure.problems.add(foreign_problem))
    foreign_cause = Cause.objects.create(material=other_meeting.materials.get(), position=1, headline="外因")
    assert rejected(lambda: measure.causes.add(foreign_cause))


def test_measure_owner_must_belong_to_the_unit(team, unit, other_unit):
    Measure.objects.create(material=team, position=1, headline="措施", owner=unit.members.first())
    assert rejected(
        lambda: Measure.objects.create(
            material=team, position=2, headline="措施", owner=other_unit.members.get()
        )
    )


def test_owner_change_to_an_outsider_is_rejected_on_update(team, other_unit):
    measure = Measure.objects.create(material=team, position=1, headline="措施")
    assert rejected(lambda: Measure.objects.filter(pk=measure.pk).update(owner=other_unit.members.get()))


def test_problem_aspect_must_come_from_the_meetings_outline(team):
    other_outline = OutlineTemplate.objects.create(name="别的提纲", year=2031, meeting_kind="democratic_life")
    aspect = Aspect.objects.create(outline=other_outline, position=1, wording="别的方面", label="别的")
    assert rejected(lambda: Problem.objects.create(material=team, aspect=aspect, position=1, headline="甲"))


def test_finished_measure_needs_a_completion_date(team):
    assert rejected(lambda: Measure.objects.create(material=team, position=1, headline="措施", status="done"))
    Measure.objects.create(
        material=team, position=1, headline="措施", status="done", completed_on=datetime.date(2031, 3, 1)
    )
