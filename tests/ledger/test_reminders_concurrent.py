"""Two reminder runs at the same moment, on PostgreSQL (each a thread with its own connection and
transaction, as two cron jobs are): every measure is reminded once and every person told once.
SQLite lets one writer at a time into the file, so there is nothing to race there and this skips."""

import threading

import pytest

from apps.ledger.models import Reminder
from apps.ledger.reminders import send_reminders
from apps.notifications.models import Notification
from tests.core.test_revisions_concurrent import UNAVAILABLE, WAIT, together
from tests.ledger.lists_data import TODAY, ledger_fixture, travel_to  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.skipif(bool(UNAVAILABLE), reason=UNAVAILABLE),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_simultaneous_runs_remind_each_measure_once(ledger, drafter, member_user):
    start = threading.Barrier(2)

    def run():
        start.wait(timeout=WAIT)
        return send_reminders(TODAY)

    with travel_to(TODAY):
        first, second = together(run, run)
    assert not isinstance(first, Exception) and not isinstance(second, Exception), (first, second)
    assert first.reminded + second.reminded == 3
    assert first.already + second.already == 3
    assert Reminder.objects.count() == 3
    # The drafter gets one message for the unit, 孙委员 one for their own measure: whichever run sent them.
    assert Notification.objects.filter(user=drafter).count() == 1
    assert Notification.objects.filter(user=member_user).count() == 1
