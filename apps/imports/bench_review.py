"""How fast the review page of a 20-page draft renders (issue 9: under 0.3 s).

For ``manage.py bench_imports`` (``make bench``), which runs it in its throwaway database:
``review_render_seconds(runs)`` builds a ~20-page team material with the export benchmark's data,
exports it to DOCX, imports that file (reading and parsing, as an upload would), keeps the
proposal as a pending import and times GET of its review page through Django's test client
(routing, access checks, queries, validation, template: everything but the network).
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from apps.accounts.models import UnitRole
from apps.exports import benchdata
from apps.exports.exporters import export_document
from apps.imports import parsing, reading
from apps.imports.pending import pending_import_create

TARGET_REVIEW = 0.3
# ~20 pages: 6 aspects × 14 problems, 18 causes, 18 measures with their sub-items (~150 items).
PROBLEMS_PER_ASPECT = 14
CAUSES = 18
MEASURES = 18


@dataclass
class ReviewBench:
    wall: float  # median seconds, the target's measure
    cpu: float
    items: int  # problems, causes, measures and sub-items on the page
    lines: int  # source paragraphs
    page_bytes: int


def review_render_seconds(runs: int = 9) -> ReviewBench:
    meeting = benchdata.make_bench_meeting(
        problems_per_aspect=PROBLEMS_PER_ASPECT, causes=CAUSES, measures=MEASURES, seed=2009
    )
    docx = export_document(meeting, "team", "docx")
    lines = reading.read_upload(docx.filename, docx.content)
    proposal = parsing.propose(lines, meeting, personal=False)
    material = meeting.materials.get(member__isnull=True)
    user = get_user_model().objects.create_user(username="bench-import-review")
    UnitRole.objects.create(user=user, unit=meeting.unit, role=UnitRole.Role.DRAFTER)
    pending = pending_import_create(
        material=material, user=user, source_name=docx.filename, source_kind="docx", proposal=proposal
    )
    client = Client()
    client.force_login(user)
    address = reverse("imports:review", args=[meeting.pk, material.pk, pending.pk])

    def render() -> int:
        response = client.get(address)
        if response.status_code != 200:
            raise RuntimeError(f"review page answered {response.status_code}")
        return len(response.content)

    size = render()  # warm-up: template compilation, first queries
    walls, cpus = [], []
    for _ in range(max(1, runs)):
        wall, cpu = time.perf_counter(), time.process_time()
        render()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    items = sum(len(aspect.problems) for aspect in proposal.aspects)
    items += len(proposal.causes) + sum(1 + len(measure.items) for measure in proposal.measures)
    return ReviewBench(statistics.median(walls), statistics.median(cpus), items, len(lines), size)


def report_line(bench: ReviewBench) -> str:
    verdict = "达标" if bench.wall <= TARGET_REVIEW else "未达标"
    return (
        f"  核对页面（{bench.lines} 段原文，{bench.items} 项）{bench.wall:7.3f} s{bench.cpu:7.3f} s"
        f"   ≤ {TARGET_REVIEW} s   {verdict}"
    )
