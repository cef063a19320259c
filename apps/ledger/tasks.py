"""The 整改台账's daily reminders on the task queue's schedule (Huey; djhuey finds this module).

Every consumer started with periodic tasks enqueues this once a day at LEDGER_REMINDER_HOUR:00
Beijing time (HUEY["utc"] is False and Django sets the process's time zone to TIME_ZONE). A second
consumer doing the same is harmless: a measure is reminded at most once a day (apps/ledger/reminders).
"""

import logging

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from apps.ledger.reminders import send_reminders

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="0", hour=str(settings.LEDGER_REMINDER_HOUR)))
def daily_ledger_reminders() -> str:
    summary = send_reminders()
    logger.info(summary.english())
    return summary.english()
