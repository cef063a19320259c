"""Two processes (a web worker and the Huey worker, say) writing one SQLite database at once."""

import sqlite3
import subprocess

from tests.processes import PYTHON, REPO, migrated_sqlite, production_env

# Each transaction reads, then writes: the pattern that fails at once with "database is locked" in
# SQLite's default (deferred) transactions when the other process writes in between. Both writers
# start together (each waits for the other's ready file), so that their transactions overlap.
WRITER = """
import pathlib, sys, time
from django.conf import settings
tag, count, mode, directory = sys.argv[1], int(sys.argv[2]), sys.argv[3], pathlib.Path(sys.argv[4])
if mode == "deferred":
    settings.DATABASES["default"]["OPTIONS"].pop("transaction_mode")
import django
django.setup()
from django.contrib.auth.models import Group
from django.db import transaction
(directory / f"ready-{tag}").touch()
while len(list(directory.glob("ready-*"))) < 2:
    time.sleep(0.01)
failures = 0
for i in range(count):
    try:
        with transaction.atomic():
            seen = Group.objects.count()
            time.sleep(0.002)
            Group.objects.create(name=f"{tag}-{i}-{seen}")
    except Exception as error:
        failures += 1
        print(error, file=sys.stderr)
print(failures)
"""
WRITES = 150


def write_together(tmp_path, tmp_path_factory, mode: str) -> tuple[int, list[str], int]:
    """Failed transactions, the writers' error output and the rows written."""
    database = migrated_sqlite(tmp_path_factory, tmp_path / "db.sqlite3")
    env = production_env(tmp_path)
    writers = [
        subprocess.Popen(  # noqa: S603
            [PYTHON, "-c", WRITER, tag, str(WRITES), mode, str(tmp_path)],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("web", "worker")
    ]
    failures, errors = 0, []
    for writer in writers:
        out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
        failures += int(out.split()[-1])
        errors.append(err)
    with sqlite3.connect(database) as check:
        assert check.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        rows = check.execute("SELECT count(*) FROM auth_group").fetchone()[0]
    return failures, errors, rows


def test_two_processes_write_without_database_is_locked(tmp_path, tmp_path_factory):
    failures, errors, rows = write_together(tmp_path, tmp_path_factory, "immediate")
    assert failures == 0, errors
    assert rows == 2 * WRITES


def test_deferred_transactions_would_fail_with_database_is_locked(tmp_path, tmp_path_factory):
    """The same writers without transaction_mode IMMEDIATE: what the setting prevents."""
    failures, errors, rows = write_together(tmp_path, tmp_path_factory, "deferred")
    assert failures > 0
    assert "database is locked" in "".join(errors)
    assert rows == 2 * WRITES - failures
