"""Shared helpers for the workspace tests: posting like static/js/autosave.js does, and filling a
material with many entries for the query-count tests."""

import pytest

from apps.entries import services as entry_services
from apps.entries.models import Material


def post_json(client, url: str, data: dict | None = None):
    """POST as the autosave script does; return (status, decoded JSON)."""
    response = client.post(url, data or {}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    return response.status_code, response.json()


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
