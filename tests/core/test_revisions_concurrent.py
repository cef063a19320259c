"""Saves of one row at the same moment, on PostgreSQL: each editor a thread with its own connection
and its own transaction, as two requests are. SQLite lets one writer at a time into the whole file,
so there is nothing to race there and these tests skip.

Waits are bounded (2 s) so that a broken lock fails the test instead of hanging the suite."""

import threading
import time
from collections.abc import Callable

import pytest
from django.db import connection

from apps.core import revisions
from apps.core.revisions import EditConflict, Expected, save_revision
from apps.entries import services
from apps.entries.models import Problem

WAIT = 2.0  # seconds, the longest any thread waits for another
FIELDS = ["headline", "elaboration", "example", "source"]


def _postgresql_unavailable() -> str:
    """Why these tests cannot run here ("" when they can)."""
    if connection.vendor != "postgresql":
        return f"needs PostgreSQL (DATABASE_URL); the database is {connection.vendor}"
    import psycopg

    params = {**connection.get_connection_params(), "dbname": "postgres", "connect_timeout": 2}
    try:
        psycopg.connect(**params).close()
    except psycopg.OperationalError as error:
        return f"PostgreSQL does not answer: {error}"
    return ""


UNAVAILABLE = _postgresql_unavailable()
pytestmark = [
    pytest.mark.skipif(bool(UNAVAILABLE), reason=UNAVAILABLE),
    # Committed transactions, as in production; serialized_rollback puts back the outlines the
    # migrations create, which the flush after each test would otherwise take from later tests.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def together(*work: Callable[[], object]) -> list:
    """Run each callable in its own thread (its own connection, closed at the end); return what
    each returned or raised, in order."""
    results: list = [None] * len(work)

    def run(index: int) -> None:
        try:
            results[index] = work[index]()
        except Exception as error:  # handed back to the test, which asserts on it
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(work))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=4 * WAIT)
    assert not any(thread.is_alive() for thread in threads), "a save never finished"
    return results


@pytest.fixture
def problem(meeting):
    """A problem both editors loaded at revision 1, which a third person has since changed (its
    example): both saves are stale and go through the merge."""
    material = meeting.materials.get()
    problem = services.problem_add(
        material=material,
        aspect=meeting.outline.aspects.first(),
        headline="原标题",
        elaboration="原表现",
        example="原事例",
    )
    problem.example = "第三人改的事例"
    save_revision(problem, ["example"], expected=1)
    return problem


LOADED = {"headline": "原标题", "elaboration": "原表现", "example": "原事例", "source": "self"}


def editor_saves(pk: int, start: threading.Barrier, expected: int = 1, **changes) -> Callable[[], Problem]:
    """An editor whose page was loaded at ``expected`` (showing LOADED) saving ``changes``, once
    every editor is ready."""

    def save() -> Problem:
        problem = Problem.objects.get(pk=pk)
        for name, value in changes.items():
            setattr(problem, name, value)
        start.wait(timeout=WAIT)
        return save_revision(problem, FIELDS, Expected(expected, LOADED))

    return save


@pytest.mark.parametrize("loaded_at", [1, 2], ids=["both stale", "both at the current revision"])
def test_two_simultaneous_saves_of_different_fields_both_end_up_in_the_row(problem, loaded_at):
    start = threading.Barrier(2)
    results = together(
        editor_saves(problem.pk, start, loaded_at, headline="甲的标题"),
        editor_saves(problem.pk, start, loaded_at, elaboration="乙的表现"),
    )

    assert not [result for result in results if isinstance(result, Exception)], results
    stored = Problem.objects.get(pk=problem.pk)
    assert (stored.headline, stored.elaboration, stored.example) == ("甲的标题", "乙的表现", "第三人改的事例")
    assert stored.revision == 4  # the third person's save and one each


def test_two_simultaneous_saves_of_the_same_field_are_one_save_and_one_conflict(problem):
    start = threading.Barrier(2)
    results = together(
        editor_saves(problem.pk, start, headline="甲的标题"),
        editor_saves(problem.pk, start, headline="乙的标题"),
    )

    [saved] = [result for result in results if isinstance(result, Problem)]
    [conflict] = [result for result in results if isinstance(result, EditConflict)]
    lost = "乙的标题" if saved.headline == "甲的标题" else "甲的标题"
    assert conflict.changed == {"headline": (lost, saved.headline)}  # told, with both texts
    stored = Problem.objects.get(pk=problem.pk)
    assert (stored.headline, stored.revision) == (saved.headline, 3)


def test_the_row_stays_locked_between_reading_it_for_the_merge_and_writing(problem, monkeypatch):
    """A's stale save has read the row to merge; B saves another field at the current revision
    meanwhile. B must wait for A's write and then merge on top of it: were the row not locked
    (select_for_update), B would commit at once and A would write back the elaboration it read,
    silently undoing B's edit."""
    merge = revisions._merge
    a_has_read, b_finished = threading.Event(), threading.Event()
    b_backend: list[int] = []

    def merge_after_b(*args, **kwargs):
        if not a_has_read.is_set():  # A's merge (B merges only after A committed)
            a_has_read.set()
            _wait_until_blocked_or_done(b_backend, b_finished)
        return merge(*args, **kwargs)

    monkeypatch.setattr(revisions, "_merge", merge_after_b)

    def a_saves() -> Problem:
        mine = Problem.objects.get(pk=problem.pk)
        mine.headline = "甲的标题"
        return save_revision(mine, FIELDS, Expected(1, LOADED))

    def b_saves() -> Problem:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '5s'")  # a safety net: never wait on A for ever
            cursor.execute("SELECT pg_backend_pid()")
            b_backend.append(cursor.fetchone()[0])
        current = Problem.objects.get(pk=problem.pk)
        shown = {name: getattr(current, name) for name in FIELDS}
        assert a_has_read.wait(timeout=WAIT), "A never reached the merge"
        current.elaboration = "乙的表现"
        try:
            return save_revision(current, FIELDS, Expected(current.revision, shown))
        finally:
            b_finished.set()

    results = together(a_saves, b_saves)

    assert not [result for result in results if isinstance(result, Exception)], results
    stored = Problem.objects.get(pk=problem.pk)
    assert (stored.headline, stored.elaboration, stored.example) == ("甲的标题", "乙的表现", "第三人改的事例")
    assert stored.revision == 4


def _wait_until_blocked_or_done(backend: list[int], done: threading.Event) -> None:
    """Wait (at most WAIT) until B has finished, or is waiting for a lock someone holds."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline and not done.is_set():
        if backend:
            with connection.cursor() as cursor:
                cursor.execute("SELECT cardinality(pg_blocking_pids(%s))", [backend[0]])
                if cursor.fetchone()[0]:
                    return
        time.sleep(0.01)
