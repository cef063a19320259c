"""Two clicks on 作为问题加入 for the same measure at the same moment, on PostgreSQL: one problem,
one refusal. Each click is a thread with its own connection and transaction, as two requests are;
SQLite lets one writer at a time into the whole file, so there is nothing to race and these skip."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError

from apps.entries.models import Material, Problem
from apps.ledger import carryover
from tests.core.test_revisions_concurrent import UNAVAILABLE, WAIT, together
from tests.ledger import carryover_cast as cast

last_outline, last_year, last_team = cast.last_outline, cast.last_year, cast.last_team

pytestmark = [
    pytest.mark.skipif(bool(UNAVAILABLE), reason=UNAVAILABLE),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_simultaneous_carry_overs_of_one_measure_add_one_problem(
    monkeypatch, meeting, last_team, drafter
):
    team = meeting.materials.get(member=None)
    old = cast.measure(last_team, "建立攻坚项目包联制度")
    aspect = meeting.outline.aspects.first()
    add = carryover.entries.problem_add

    def slow_add(**kwargs) -> Problem:
        # Hold the transaction open a while after writing: without the lock on the measure, the
        # other click would find no problem yet and add a second one.
        problem = add(**kwargs)
        time.sleep(WAIT / 4)
        return problem

    monkeypatch.setattr(carryover.entries, "problem_add", slow_add)
    start = threading.Barrier(2)

    def click():
        material = Material.objects.select_related("meeting").get(pk=team.pk)
        start.wait(timeout=WAIT)
        return carryover.problem_carry_over(material=material, measure=old, aspect=aspect, user=drafter)

    results = together(click, click)
    [added] = [result for result in results if isinstance(result, Problem)]
    [refused] = [result for result in results if isinstance(result, ValidationError)]
    assert refused.messages == [carryover.ALREADY_CARRIED]
    assert list(Problem.objects.filter(material=team).values_list("pk", "carried_from")) == [
        (added.pk, old.pk)
    ]
