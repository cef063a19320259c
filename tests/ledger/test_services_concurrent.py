"""Two people acting on one measure at the same moment, on PostgreSQL (SQLite lets one writer at a
time into the whole file and these tests skip): the measure row is locked while its status is read
and changed, so the second action sees the status the first one left."""

import threading
import time

import pytest
from django.core.exceptions import PermissionDenied

from apps.entries.models import Measure
from apps.ledger import services
from apps.ledger.models import StatusChange
from tests.core.test_revisions_concurrent import UNAVAILABLE, WAIT, together
from tests.ledger.measure_cast import *  # noqa: F403  (the cast's fixtures)
from tests.ledger.measure_cast import COMPLETED_ON, add_note, set_status

pytestmark = [
    pytest.mark.skipif(bool(UNAVAILABLE), reason=UNAVAILABLE),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_people_completing_at_once_make_one_change(measure, owner, drafter, monkeypatch):
    """A holds the lock until B has passed its first check and asks for the row; B then waits for
    A's commit and reads 已完成. Without the lock B would read 推进中 and complete it a second time."""
    set_status(measure, Measure.Status.IN_PROGRESS)
    add_note(measure)
    a_locked, b_asks = threading.Event(), threading.Event()
    lock, record = services._lock, services._record

    def lock_noting_b(target):
        if threading.current_thread().name == "B":
            b_asks.set()
        return lock(target)

    def record_holding_a(*args, **kwargs):
        if threading.current_thread().name == "A":
            a_locked.set()
            b_asks.wait(timeout=WAIT)
            time.sleep(0.2)  # B is now blocked on the row (or about to be); either way it must wait
        return record(*args, **kwargs)

    monkeypatch.setattr(services, "_lock", lock_noting_b)
    monkeypatch.setattr(services, "_record", record_holding_a)

    def complete(user, name, wait_for=None):
        def run():
            threading.current_thread().name = name
            if wait_for is not None:
                wait_for.wait(timeout=WAIT)
            stale = Measure.objects.select_related("material__meeting__unit", "owner").get(pk=measure.pk)
            return services.transition(
                measure=stale, user=user, action=StatusChange.Action.COMPLETE, completed_on=COMPLETED_ON
            )

        return run

    first, second = together(complete(owner, "A"), complete(drafter, "B", wait_for=a_locked))
    assert isinstance(first, StatusChange)
    assert isinstance(second, PermissionDenied)
    assert str(second) == "措施当前状态为“已完成”，不能标记完成。"
    assert StatusChange.objects.filter(measure=measure).count() == 1
