"""The daily reminders on Huey's schedule: at 08:00 Beijing time by default, and the task's body
(immediate mode in the tests) sends what ``send_ledger_reminders`` sends."""

import datetime

from huey.contrib.djhuey import HUEY

from apps.ledger.models import Reminder
from apps.ledger.tasks import daily_ledger_reminders
from apps.notifications.models import Notification
from tests.ledger.lists_data import (  # noqa: F401 (fixtures)
    TODAY,
    frozen_today_fixture,
    ledger_fixture,
)


def at(hour: int, minute: int = 0) -> datetime.datetime:
    # Huey hands periodic tasks the consumer's local naive time (HUEY["utc"] is False), which Django
    # sets to TIME_ZONE, Asia/Shanghai.
    return datetime.datetime(2031, 6, 20, hour, minute)


def test_the_reminders_run_once_a_day_at_eight_beijing_time(settings):
    assert settings.LEDGER_REMINDER_HOUR == 8 and settings.HUEY["utc"] is False
    task = daily_ledger_reminders.s()
    runs = [(h, m) for h in range(24) for m in range(60) if task.validate_datetime(at(h, m))]
    assert runs == [(8, 0)]
    # What the consumer's scheduler asks each minute: the reminders are among the tasks due at 08:00.
    assert task.name in {due.name for due in HUEY.read_periodic(at(8))}
    assert task.name not in {due.name for due in HUEY.read_periodic(at(9))}


def test_the_task_reminds_the_due_measures_once(ledger, frozen_today):
    daily_ledger_reminders()  # immediate mode: runs now (a periodic task keeps no result)

    assert Reminder.objects.filter(day=TODAY).count() == 3
    notes = Notification.objects.count()
    assert notes > 0

    daily_ledger_reminders()  # a second consumer, or a rerun: nothing twice
    assert (Reminder.objects.count(), Notification.objects.count()) == (3, notes)
