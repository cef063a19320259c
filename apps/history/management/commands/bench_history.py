"""``manage.py bench_history`` (``make bench``): what the history costs.

In a throwaway database (in memory on SQLite, ``<name>_bench`` on PostgreSQL), a team material of
60 problems, 15 causes and 15 measures with sub-items; then the median time of
- one problem autosave over HTTP without and with the revision middleware (the cost per autosave),
- a snapshot when the material changed (every entry written) and when it did not (an export
  right after another),
- the compare page (a snapshot against now).
The numbers are a benchmark, never a test assertion."""

import statistics
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connections
from django.test import Client, override_settings
from django.test.utils import setup_databases, teardown_databases
from django.urls import reverse

from apps.accounts.models import UnitRole
from apps.entries import services
from apps.entries.models import Material
from apps.history.snapshots import Reason, snapshot_take
from apps.meetings.models import Meeting
from apps.outlines.models import Aspect, OutlineTemplate
from apps.units.models import Member, Unit

RUNS = 30
MIDDLEWARE = "apps.history.recording.WorkspaceRevisionMiddleware"
TEXT = "理论学习不够深入系统，满足于一般性了解，联系分管领域实际思考不深。比如，某次专题学习只读了原文。"


def _median(action: Callable[[int], object], runs: int = RUNS) -> float:
    times = []
    for run in range(runs):
        start = time.perf_counter()
        action(run)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


class Command(BaseCommand):
    help = "版本功能的耗时：自动保存多记一次修改的成本、保存版本、版本比较页"

    def handle(self, *args, **options):
        names = setup_databases(verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=set())
        try:
            self._bench()
        finally:
            teardown_databases(names, verbosity=0)
            connections.close_all()

    def _bench(self) -> None:
        material, user = self._material()
        problem = material.problems.first()
        url = reverse("workspace:problem_save", args=[material.meeting_id, material.pk, problem.pk])

        def autosave(client: Client) -> Callable[[int], object]:
            def post(run: int):
                problem.refresh_from_db()
                data = {"headline": f"问题{run}", "elaboration": TEXT, "example": "", "source": "self"}
                response = client.post(url, {**data, "revision": problem.revision})
                assert response.status_code == 200, response.content

            return post

        plain = [m for m in settings.MIDDLEWARE if m != MIDDLEWARE]
        with override_settings(MIDDLEWARE=plain):
            client = Client()
            client.force_login(user)
            autosave(client)(0)  # warm up
            without = _median(autosave(client))
        client = Client()
        client.force_login(user)
        autosave(client)(0)
        with_history = _median(autosave(client))
        self._line("自动保存一条问题（无修改记录）", without)
        self._line(
            "自动保存一条问题（记录修改）", with_history, f"多 {1000 * (with_history - without):.1f} ms"
        )

        def changed(run: int):
            material.problems.filter(pk=problem.pk).update(headline=f"改{run}")
            snapshot_take(material=material, reason=Reason.EXPORT, user=user)

        self._line("保存版本（有改动：写入全部条目）", _median(changed, 10))
        unchanged = _median(lambda run: snapshot_take(material=material, reason=Reason.EXPORT, user=user), 10)
        self._line("保存版本（无改动：沿用上一版本）", unchanged)
        snapshot = snapshot_take(material=material, reason=Reason.SUBMIT, user=user)
        compare = reverse("history:compare", args=[material.meeting_id, material.pk])
        self._line(
            "版本比较页（版本与现在）", _median(lambda run: client.get(compare, {"a": snapshot.pk}), 10)
        )

    def _line(self, label: str, seconds: float, extra: str = "") -> None:
        self.stdout.write(f"{label:<28} {1000 * seconds:8.1f} ms  {extra}")

    def _material(self):
        outline = OutlineTemplate.objects.create(
            name="基准提纲", year=2030, meeting_kind="democratic_life", theme="基准"
        )
        aspects = [
            Aspect.objects.create(outline=outline, position=n, wording=f"基准方面{n}", label=f"方面{n}")
            for n in range(1, 5)
        ]
        unit = Unit.objects.create(name="基准局党委", short_name="基准局")
        member = Member.objects.create(unit=unit, name="赵书记", position=1)
        meeting = Meeting.objects.create(
            unit=unit, outline=outline, kind="democratic_life", year=2030, title="基准会议"
        )
        material = Material.objects.create(meeting=meeting)
        user = get_user_model().objects.create_user("bench")
        UnitRole.objects.create(user=user, unit=unit, role=UnitRole.Role.DRAFTER)
        problems = [
            services.problem_add(
                material=material, aspect=aspects[n % 4], headline=f"问题{n}", elaboration=TEXT
            )
            for n in range(60)
        ]
        for n in range(15):
            cause = services.cause_add(
                material=material, headline=f"原因{n}", elaboration=TEXT, problems=problems[n::15]
            )
            services.measure_add(
                material=material,
                headline=f"措施{n}",
                elaboration=TEXT,
                items=[TEXT, TEXT],
                problems=problems[n::15],
                causes=[cause],
                owner=member,
            )
        return material, user
