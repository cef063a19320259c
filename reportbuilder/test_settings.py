"""Settings for the test suite: the production settings with debug on and tasks run immediately.

pytest loads this module (pyproject.toml); everything else reads reportbuilder.settings, where debug is
off unless DJANGO_DEBUG says otherwise.
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ.setdefault("HUEY_IMMEDIATE", "1")

from reportbuilder.settings import *  # noqa: E402, F403

# Each test run starts with an empty cache in memory (a file cache would outlive the run).
if not REDIS_URL:  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# SQLite: the test database is a file, not Django's default shared in-memory one, so that the browser
# tests' live server writes as production does (WAL, IMMEDIATE transactions, busy timeout): two
# requests of one page writing at once (an autosave and the 素材库 panel's 撤销) wait for each other
# instead of one failing with "database table is locked", which an in-memory shared cache gives at
# once. One file per test process (a second run in the same checkout must not delete the first's).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    import tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"reportbuilder-test-{os.getpid()}.sqlite3")
    }
