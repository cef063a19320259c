"""The copy index (apps/checks/copies) kept fresh in the background (Huey; djhuey finds this module):
nightly at COPY_INDEX_HOUR, and queued after a bulk change — an import committed into a material —
so that the next 体检 search does not pay for indexing a whole material.

The import only sends ``apps.imports.signals.import_committed``; apps/checks/receivers.py listens, so
that the imports (and entries, meetings) never import the queue.
"""

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from apps.checks.copies.index import refresh


@db_task()
def refresh_copy_index() -> int:
    """Index the materials changed since they were last indexed; returns how many."""
    return refresh()


@db_periodic_task(crontab(minute="30", hour=str(settings.COPY_INDEX_HOUR)))
def nightly_copy_index() -> int:
    return refresh()
