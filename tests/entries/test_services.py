import datetime

import pytest
from django.core.exceptions import ValidationError

from apps.core.numbering import inline_marker
from apps.entries import services
from apps.entries.models import Problem


@pytest.fixture
def team(meeting):
    return meeting.materials.get()


@pytest.fixture
def aspect(meeting):
    return meeting.outline.aspects.first()


def test_problems_are_appended_in_their_aspect(team, aspect):
    first = services.problem_add(material=team, aspect=aspect, headline="甲")
    second = services.problem_add(material=team, aspect=aspect, headline="乙")
    other = services.problem_add(material=team, aspect=team.meeting.outline.aspects.last(), headline="丙")
    assert (first.position, second.position, other.position) == (1, 2, 1)


def test_empty_headline_is_refused_on_its_field(team, aspect):
    with pytest.raises(ValidationError) as error:
        services.problem_add(material=team, aspect=aspect, headline="   ")
    assert "headline" in error.value.message_dict
    assert not Problem.objects.exists()


def test_problems_reorder_changes_the_numbering(team, aspect):
    a, b, c = (services.problem_add(material=team, aspect=aspect, headline=h) for h in "甲乙丙")
    services.problems_reorder(material=team, aspect=aspect, ordered_ids=[c.pk, a.pk, b.pk])
    ordered = team.problems.filter(aspect=aspect).order_by("position")
    assert [f"{inline_marker(i)}{p.headline}" for i, p in enumerate(ordered, 1)] == [
        "一是丙",
        "二是甲",
        "三是乙",
    ]


def test_reorder_with_a_stale_list_is_a_clear_error(team, aspect):
    a = services.problem_add(material=team, aspect=aspect, headline="甲")
    services.problem_add(material=team, aspect=aspect, headline="乙")
    with pytest.raises(ValidationError):
        services.problems_reorder(material=team, aspect=aspect, ordered_ids=[a.pk])


def test_cause_links_problems_of_its_material_only(team, aspect, other_meeting):
    problem = services.problem_add(material=team, aspect=aspect, headline="甲")
    cause = services.cause_add(
        material=team, headline="理想信念有所松懈", category="ideals", problems=[problem]
    )
    assert list(cause.problems.all()) == [problem]
    foreign = services.problem_add(
        material=other_meeting.materials.get(), aspect=other_meeting.outline.aspects.first(), headline="外"
    )
    with pytest.raises(ValidationError):
        services.cause_add(material=team, headline="原因", problems=[foreign])


def test_measure_with_items_owner_and_deadline(team, aspect, unit):
    problem = services.problem_add(material=team, aspect=aspect, headline="甲")
    measure = services.measure_add(
        material=team,
        headline="强化理论武装",
        items=["坚持第一议题制度", "开展专题研讨"],
        problems=[problem],
        owner=unit.members.first(),
        department="办公室",
        deadline=datetime.date(2031, 6, 30),
    )
    assert [item.text for item in measure.items.all()] == ["坚持第一议题制度", "开展专题研讨"]
    assert [item.position for item in measure.items.all()] == [1, 2]
    assert measure.owner.name == "赵书记"


def test_measure_deadline_before_the_meeting_is_refused(team):
    with pytest.raises(ValidationError) as error:
        services.measure_add(material=team, headline="措施", deadline=datetime.date(2030, 12, 1))
    assert error.value.message_dict["deadline"] == ["完成时限不能早于会议日期（2031年1月5日）。"]


def test_measure_owner_from_another_unit_is_refused(team, other_unit):
    with pytest.raises(ValidationError) as error:
        services.measure_add(material=team, headline="措施", owner=other_unit.members.get())
    assert "owner" in error.value.message_dict
