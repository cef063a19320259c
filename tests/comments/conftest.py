"""The cast of tests/conftest.py plus a team material with a problem, a cause, a measure with a
sub-item, and the helpers to post as static/js/comments.js does."""

import pytest
from django.urls import reverse

from apps.comments import anchors, services
from apps.entries.models import Cause, Material, Measure, MeasureItem, Problem


def comments_url(name: str, material: Material, *args) -> str:
    return reverse(f"comments:{name}", args=[material.meeting_id, material.pk, *args])


def post_script(client, url: str, data: dict | None = None):
    """POST as comments.js does; return (status, decoded JSON or None)."""
    response = client.post(url, data or {}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    is_json = response.get("Content-Type", "").startswith("application/json")
    return response.status_code, (response.json() if is_json else None)


@pytest.fixture
def team(meeting) -> Material:
    return meeting.materials.get(member__isnull=True)


@pytest.fixture
def aspect(meeting):
    return meeting.outline.aspects.order_by("position").first()


@pytest.fixture
def problem(team, aspect) -> Problem:
    return Problem.objects.create(
        material=team, aspect=aspect, position=1, headline="理论学习的系统性不够", elaboration="学用脱节。"
    )


@pytest.fixture
def cause(team) -> Cause:
    return Cause.objects.create(material=team, position=1, headline="理想信念有所弱化")


@pytest.fixture
def measure(team) -> Measure:
    return Measure.objects.create(material=team, position=1, headline="健全学习制度")


@pytest.fixture
def item(measure) -> MeasureItem:
    return MeasureItem.objects.create(measure=measure, position=1, text="一要制定年度学习计划")


@pytest.fixture
def write():
    """write(material, user, anchor, body): a comment written through the service."""

    def make(material, user, anchor: str, body: str = "请补充具体事例。"):
        target = anchors.resolve(material, anchor)
        return services.comment_create(material=material, author=user, target=target, body=body)

    return make
