"""The lean read that hashes a material at each export (apps.history.fingerprint) must say what the
serialiser's read says: the same records, the same hash for the same content, another hash for any
change, in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.entries import services as entry_services
from apps.entries.models import Material, Measure, MeasureItem, Problem
from apps.history.fingerprint import lean_records, live_content_hash
from apps.history.state import IGNORED, live_state, load_rows, serialise


def _without_timestamps(records: list[dict]) -> dict[tuple[str, int], dict]:
    """Records by (model, id), timestamps left out and links as sets."""
    return {
        (record["model"], record["pk"]): {
            name: sorted(value) if isinstance(value, list) else value
            for name, value in record["fields"].items()
            if name not in IGNORED
        }
        for record in records
    }


@pytest.fixture
def rich(team, problems, members, meeting):
    """A material with every kind of field set: dates, a set and an empty owner, a carried-over
    problem, links in an order unlike their ids, sub-items, an aspect text."""
    Material.objects.filter(pk=team.pk).update(
        signature_date=datetime.date(2026, 12, 28), auto_leads=False, preamble="按照要求，\n现报告如下。"
    )
    first_aspect = meeting.outline.aspects.order_by("position").first()
    # Created last but ordered first (aspect 1): the serialiser lists it before the older problems.
    late = entry_services.problem_add(material=team, aspect=first_aspect, headline="后加的问题")
    cause = entry_services.cause_add(
        material=team, headline="理想信念有所弱化", problems=[problems[2], late, problems[0]]
    )
    measure = entry_services.measure_add(
        material=team,
        headline="加强理论学习",
        items=["坚持集体学习", "开展专题研讨"],
        problems=[problems[2], late],
        causes=[cause],
        owner=members[0],
    )
    Measure.objects.filter(pk=measure.pk).update(
        deadline=datetime.date(2027, 6, 30), completed_on=datetime.date(2027, 5, 1)
    )
    # A problem carried over from a measure (last year's, in real life): a foreign key to a measure.
    Problem.objects.filter(pk=late.pk).update(carried_from=measure)
    entry_services.measure_add(material=team, headline="无人负责的措施", items=[], owner=None)
    entry_services.aspect_text_update(
        material=team, aspect=first_aspect, values={"lead_in": "对照这一方面，"}, expected_revision=1
    )
    team.refresh_from_db()
    return team


def test_the_lean_records_are_the_serialisers(rich):
    lean = _without_timestamps(lean_records(rich.pk))
    full = _without_timestamps(serialise(load_rows(rich)))
    assert lean == full
    measure = next(fields for (model, _), fields in lean.items() if fields.get("deadline"))
    assert (measure["deadline"], measure["completed_on"]) == ("2027-06-30", "2027-05-01")
    assert {"entries.material", "entries.aspecttext", "entries.measureitem"} <= {model for model, _ in lean}


def test_the_lean_hash_is_the_hash_of_the_serialised_state(rich):
    assert live_content_hash(rich) == live_state(rich).content_hash()


def test_link_order_does_not_change_the_hash(rich, problems):
    before = live_content_hash(rich)
    cause = rich.causes.get()
    links = list(cause.problems.values_list("pk", flat=True))
    cause.problems.clear()
    cause.problems.add(*reversed(links))  # new through rows, other ids, same set
    assert live_content_hash(rich) == before
    cause.problems.remove(links[0])
    assert live_content_hash(rich) != before


@pytest.mark.parametrize(
    "change",
    [
        lambda m: Problem.objects.filter(material=m).update(headline="改过"),
        lambda m: Material.objects.filter(pk=m.pk).update(signature_date=datetime.date(2027, 1, 5)),
        lambda m: Measure.objects.filter(material=m).update(owner=None),
        lambda m: MeasureItem.objects.filter(measure__material=m).first().delete(),
        lambda m: Measure.objects.filter(material=m, deadline__isnull=False).update(deadline=None),
        lambda m: entry_services.measures_reorder(
            material=m, ordered_ids=list(m.measures.order_by("-position").values_list("pk", flat=True))
        ),
    ],
    ids=["text", "date", "owner", "sub-item deleted", "deadline cleared", "order"],
)
def test_any_change_gives_another_hash(rich, change):
    before = live_content_hash(rich)
    change(rich)
    assert live_content_hash(rich) != before
    assert live_content_hash(rich) == live_state(rich).content_hash()


def test_the_lean_read_is_nine_queries_however_long_the_material(rich, fill_problems):
    """Nine statements; on PostgreSQL sent as one batch, one round trip."""
    with CaptureQueriesContext(connection) as small:
        live_content_hash(rich)
    fill_problems(rich, 30)
    with CaptureQueriesContext(connection) as large:
        live_content_hash(rich)
    batches = 1 if connection.vendor == "postgresql" else 9
    assert len(small) == len(large) == batches
    statements = [sql for query in large.captured_queries for sql in query["sql"].split(";\n")]
    assert len(statements) == 9 and all(sql.startswith("SELECT") for sql in statements)
