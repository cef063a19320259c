"""The 版本 pages read in a number of queries that does not grow with the material."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.entries import services as entry_services
from tests.workspace.conftest import material_url, post_json


def _fill(team, problems, members, count: int) -> None:
    for index in range(count):
        cause = entry_services.cause_add(material=team, headline=f"原因{index}", problems=problems[:2])
        entry_services.measure_add(
            material=team,
            headline=f"措施{index}",
            items=["一项", "二项"],
            problems=problems[:1],
            causes=[cause],
            owner=members[0],
        )


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _pages(editor, team, snap) -> dict[str, int]:
    old = snap(team)
    problem = team.problems.first()
    post_json(
        editor,
        material_url("problem_save", team, problem.pk),
        {
            "headline": f"改一改{team.problems.count()}",
            "elaboration": "",
            "example": "",
            "source": "self",
            "revision": problem.revision,
        },
    )
    args = [team.meeting_id, team.pk]
    return {
        "versions": _queries(editor, reverse("history:versions", args=args)),
        "compare": _queries(editor, reverse("history:compare", args=args) + f"?a={old.pk}&b=now"),
        "snapshot": _snapshot_queries(team, snap),
    }


def _snapshot_queries(team, snap) -> int:
    with CaptureQueriesContext(connection) as queries:
        snap(team)
    return len(queries)


def test_versions_compare_and_snapshot_queries_do_not_grow_with_entries(
    editor, team, fill_problems, members, snap
):
    problems = fill_problems(team, 3)
    _fill(team, problems, members, 2)
    small = _pages(editor, team, snap)
    more = fill_problems(team, 12)
    _fill(team, problems + more, members, 10)
    assert _pages(editor, team, snap) == small
