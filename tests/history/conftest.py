"""The history tests use the workspace's cast and helpers (a team material, problems in it, posting
like the autosave script)."""

import pytest

from apps.entries import services as entry_services
from apps.history.snapshots import Reason, snapshot_take
from tests.workspace import conftest as workspace

# The workspace's fixtures, shared.
aspects, editor, fill_problems = workspace.aspects, workspace.editor, workspace.fill_problems
members, problems, team = workspace.members, workspace.problems, workspace.team


@pytest.fixture
def linked(team, problems, members):
    """A cause and a measure (with two sub-items) both answering the first problem."""
    cause = entry_services.cause_add(material=team, headline="理想信念有所弱化", problems=[problems[0]])
    measure = entry_services.measure_add(
        material=team,
        headline="加强理论学习",
        items=["坚持集体学习", "开展专题研讨"],
        problems=[problems[0]],
        causes=[cause],
        owner=members[0],
    )
    return cause, measure


@pytest.fixture
def snap(drafter):
    def take(material, reason=Reason.EXPORT):
        return snapshot_take(material=material, reason=reason, user=drafter)

    return take
