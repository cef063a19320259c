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
