"""Shared helpers for the workspace tests: posting like static/js/autosave.js does, and filling a
material with many entries for the query-count tests."""

import pytest
from django.urls import reverse

from apps.entries import services as entry_services
from apps.entries.models import Material
from apps.meetings.models import Meeting
from apps.units.models import Member


def post_json(client, url: str, data: dict | None = None):
    """POST as the autosave script does; return (status, decoded JSON)."""
    response = client.post(url, data or {}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    return response.status_code, response.json()


def material_url(name: str, material: Material, *args) -> str:
    """A workspace URL of one material: material_url("problems", team)."""
    return reverse(f"workspace:{name}", args=[material.meeting_id, material.pk, *args])


def meeting_url(name: str, meeting: Meeting, *args) -> str:
    """A workspace URL of the meeting itself: meeting_url("info", meeting)."""
    return reverse(f"workspace:{name}", args=[meeting.pk, *args])


@pytest.fixture
def editor(client, drafter):
    """A client logged in as the unit's drafter."""
    client.force_login(drafter)
    return client


@pytest.fixture
def aspects(meeting) -> list:
    return list(meeting.outline.aspects.order_by("position"))


@pytest.fixture
def members(unit) -> list[Member]:
    return list(unit.members.order_by("position"))


@pytest.fixture
def problems(team, fill_problems):
    """测试问题0 (aspect 1), 测试问题1 (aspect 2), 测试问题2 (aspect 3): each 一是 of its aspect."""
    return fill_problems(team, 3)


@pytest.fixture
def team(meeting) -> Material:
    return meeting.materials.get(member__isnull=True)


@pytest.fixture
def fill_problems(meeting):
    """fill_problems(material, n): n problems spread over the outline's aspects."""

    def fill(material: Material, count: int) -> list:
        aspects = list(meeting.outline.aspects.order_by("position"))
        return [
            entry_services.problem_add(
                material=material,
                aspect=aspects[index % len(aspects)],
                headline=f"测试问题{index}",
                elaboration="具体表现" * 5,
                example="比如，某次会议",
            )
            for index in range(count)
        ]

    return fill
