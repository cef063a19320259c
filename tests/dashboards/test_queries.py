"""The dashboard and its lists run the same number of queries for 2 units as for 20 (with ten times
the materials, problems and measures): one aggregate query per figure, never one per unit or row."""

import pytest
from django.urls import reverse

from apps.accounts.models import UnitRole
from apps.entries.models import Material, Measure
from tests.conftest import make_user
from tests.dashboards.conftest import add_measure, add_problems, make_meeting, make_unit

STATUSES = [status for status, _ in Material.Status.choices]
MEASURE_STATUSES = [Measure.Status.NOT_STARTED, Measure.Status.IN_PROGRESS]


def grow(root, outline, start: int, count: int) -> None:
    """``count`` more units under ``root`` (every other one a level deeper), each with a meeting,
    a team and a personal material, problems and overdue and open measures."""
    parent = root
    for number in range(start, start + count):
        unit = make_unit(f"单位{number:03d}", parent)
        parent = unit if number % 2 else root
        meeting = make_meeting(unit, outline, team_status=STATUSES[number % 4])
        team = meeting.materials.team().get()
        Material.objects.create(meeting=meeting, member=unit.members.get(position=2))
        add_problems(team, {"学习": 2, "廉洁": 1})
        for index in range(5):
            add_measure(team, MEASURE_STATUSES[index % 2], days=-3 if index % 2 else 10)


@pytest.fixture
def root(db, outline):
    return make_unit("测试市委")


@pytest.fixture
def org_user(root):
    user = make_user("zuzhi")
    UnitRole.objects.create(user=user, unit=root, role=UnitRole.Role.ORGANISATION)
    return user


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("dashboards:unit", {"scope": "subtree"}),
        ("dashboards:materials", {"scope": "subtree"}),
        ("dashboards:problems", {"scope": "subtree", "aspect": "学习"}),
        ("dashboards:units", {"scope": "subtree", "state": ["draft", "returned"]}),
    ],
)
def test_the_query_count_does_not_grow_with_units_and_measures(
    client, root, outline, org_user, name, params, django_assert_max_num_queries
):
    grow(root, outline, 0, 2)
    client.force_login(org_user)
    url = reverse(name, args=[root.pk])
    client.get(url, params)  # the session and the caches warm
    with django_assert_max_num_queries(20) as few:
        assert client.get(url, params).status_code == 200
    grow(root, outline, 2, 18)
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        response = client.get(url, params)
    assert response.status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_dashboard_asks_one_query_per_figure(client, root, outline, org_user, django_assert_num_queries):
    """Session and user (2), the bell's unread count (1), the unit (1), the years (1), six figures
    (6) and the number of units in scope (1)."""
    grow(root, outline, 0, 3)
    client.force_login(org_user)
    url = reverse("dashboards:unit", args=[root.pk])
    client.get(url, {"scope": "subtree"})
    with django_assert_num_queries(12):
        client.get(url, {"scope": "subtree"})
