"""The bundles' background work (Huey; djhuey finds this module): building a zip, and removing
the old ones every hour. ``db_task`` closes the worker's stale database connections around each run."""

import datetime

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from apps.bundles.services import bundle_build, bundles_expire


@db_task()
def build_bundle(job_id: int) -> None:
    # bundle_build records its own failure on the row; nothing is left 生成中.
    bundle_build(job_id=job_id)


@db_periodic_task(crontab(minute="17"))
def expire_bundles() -> int:
    """Every hour: the zips older than BUNDLE_KEEP_HOURS go (each was downloadable for that long)."""
    return bundles_expire(older_than=datetime.timedelta(hours=settings.BUNDLE_KEEP_HOURS))
