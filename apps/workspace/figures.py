"""The figures behind the step marks and the counters, in one hand-written SQL query.

Every autosave answers with fresh step marks and counters (apps/workspace/views/common.py:progress),
and autosaves are most of the requests a drafting unit sends. Recomputing each step took 15 queries;
the same counts as correlated subqueries of one ORM query took 2 queries but ~10 ms of CPU to
compile them on every save. Written out, the query costs well under a millisecond to build and
runs on SQLite and PostgreSQL alike (COUNT, SUM, LENGTH and COALESCE only). Table and column names
come from the models, so a renamed table cannot silently break it; tests/workspace/test_autosave_cost.py
checks the figures against the entries.
"""

# ruff: noqa: S608 - the SQL is assembled from the models' own table names; every value is a parameter.

from django.db import connection

from apps.entries.models import AspectText, Cause, Material, Measure, MeasureItem, Problem
from apps.meetings.models import Meeting
from apps.outlines.models import Aspect

COUNTS = [
    "aspects",
    "aspects_with_problems",
    "problems",
    "problems_without_elaboration",
    "problems_unexplained",
    "problems_unanswered",
    "causes",
    "measures",
    "measures_incomplete",
]
CHARS = ["problem_chars", "cause_chars", "measure_chars", "item_chars", "lead_in_chars"]


def _tables() -> dict[str, str]:
    quote = connection.ops.quote_name
    tables = {
        "material": Material,
        "meeting": Meeting,
        "aspect": Aspect,
        "problem": Problem,
        "cause": Cause,
        "measure": Measure,
        "item": MeasureItem,
        "aspect_text": AspectText,
        "explained": Cause.problems.through,
        "answered": Measure.problems.through,
    }
    return {name: quote(model._meta.db_table) for name, model in tables.items()}


def _sql(count: int) -> str:
    t = _tables()
    problems = f"FROM {t['problem']} p WHERE p.material_id = m.id"
    measures = f"FROM {t['measure']} s WHERE s.material_id = m.id"
    length = "COALESCE(SUM({}), 0)"
    columns = [
        f"(SELECT COUNT(*) FROM {t['aspect']} a WHERE a.outline_id = mt.outline_id)",
        f"(SELECT COUNT(DISTINCT p.aspect_id) {problems} AND p.aspect_id IN "
        f"(SELECT a.id FROM {t['aspect']} a WHERE a.outline_id = mt.outline_id))",
        f"(SELECT COUNT(*) {problems})",
        f"(SELECT COUNT(*) {problems} AND p.elaboration = '')",
        f"(SELECT COUNT(*) {problems} AND NOT EXISTS "
        f"(SELECT 1 FROM {t['explained']} x WHERE x.problem_id = p.id))",
        f"(SELECT COUNT(*) {problems} AND NOT EXISTS "
        f"(SELECT 1 FROM {t['answered']} x WHERE x.problem_id = p.id))",
        f"(SELECT COUNT(*) FROM {t['cause']} c WHERE c.material_id = m.id)",
        f"(SELECT COUNT(*) {measures})",
        f"(SELECT COUNT(*) {measures} AND (s.owner_id IS NULL OR s.deadline IS NULL))",
        f"(SELECT {length.format('LENGTH(p.headline) + LENGTH(p.elaboration) + LENGTH(p.example)')} "
        f"{problems})",
        f"(SELECT {length.format('LENGTH(c.headline) + LENGTH(c.elaboration)')} "
        f"FROM {t['cause']} c WHERE c.material_id = m.id)",
        f"(SELECT {length.format('LENGTH(s.headline) + LENGTH(s.elaboration)')} {measures})",
        f"(SELECT {length.format('LENGTH(i.text)')} FROM {t['item']} i "
        f"JOIN {t['measure']} s ON s.id = i.measure_id WHERE s.material_id = m.id)",
        f"(SELECT {length.format('LENGTH(x.lead_in)')} FROM {t['aspect_text']} x WHERE x.material_id = m.id)",
    ]
    placeholders = ", ".join(["%s"] * count)
    return (
        f"SELECT m.id, {', '.join(columns)} FROM {t['material']} m "
        f"JOIN {t['meeting']} mt ON mt.id = m.meeting_id WHERE m.id IN ({placeholders})"
    )


def figures_of(material_ids: list[int]) -> dict[int, dict[str, int]]:
    """Per material: the counts the step marks need and the characters the counters add up."""
    if not material_ids:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(_sql(len(material_ids)), list(material_ids))
        rows = cursor.fetchall()
    return {row[0]: dict(zip(COUNTS + CHARS, row[1:], strict=True)) for row in rows}
