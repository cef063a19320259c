"""``manage.py bench_workspace`` (``make bench``): how fast the drafting workspace answers one user.

In a throwaway database (in memory on SQLite, ``<name>_bench`` on PostgreSQL), the demo-like team
material of apps/exports/benchdata.py with 12 and with 60 problems (and opinions to claim, so every
problem card has its checkboxes), opened by its drafter through Django's test client (session,
middleware, queries, templates): the 查摆问题 page, the 原因剖析 and 整改措施 pages, and an autosave
of one problem as static/js/autosave.js posts it. Medians of several runs, with the query count and
the HTML's size raw and gzip'ed. The numbers are a benchmark, never a test assertion.
"""

import gzip
import json
import os
import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, connections
from django.test import Client, override_settings
from django.test.utils import setup_databases, teardown_databases
from django.urls import reverse

from apps.accounts.models import UnitRole
from apps.entries.models import Material
from apps.exports import benchdata
from apps.meetings.models import Meeting
from apps.meetings.services import opinions_paste

TARGET_PROBLEMS_PAGE = 0.150  # seconds: the 查摆问题 page with 60 problems, one user (issue 12)
TARGET_AUTOSAVE = 0.050  # seconds: one autosave, one user (the load test's p95 target is 0.3 s)
# Without `collectstatic` (a checkout) the manifest storage of debug-off settings has no manifest.
PLAIN_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


class Command(BaseCommand):
    help = "撰写工作区速度基准：60条问题的查摆问题页面、原因和措施页面、一次自动保存。在临时数据库中运行。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--runs", type=int, default=9, help="每项运行次数（取中位数） / runs")

    def handle(self, *args, runs: int, **options) -> None:
        default = connections["default"]
        if default.vendor != "sqlite":
            default.settings_dict.setdefault("TEST", {})["NAME"] = f"{default.settings_dict['NAME']}_bench"
        self.stdout.write(f"== {default.vendor}：准备临时数据库… / preparing a throwaway database…")
        old_config = setup_databases(
            verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=set()
        )
        try:
            with override_settings(STORAGES=PLAIN_STATIC):
                self.run_bench(max(1, runs))
        finally:
            teardown_databases(old_config, verbosity=0)
            connections.close_all()

    def run_bench(self, runs: int) -> None:
        small = self.meeting(problems_per_aspect=2, seed=12)
        large = self.meeting(problems_per_aspect=10, seed=60)
        user = get_user_model().objects.create_user(username="bench-drafter")  # no password: force_login
        UnitRole.objects.create(user=user, unit=large.unit, role=UnitRole.Role.DRAFTER)
        client = Client()
        client.force_login(user)
        self.stdout.write(f"每项运行 {runs} 次（另有 1 次预热），取中位数；判定按墙钟时间：")
        for meeting, label, target in [(small, "查摆问题（12条）", None), (large, "查摆问题（60条）", None)]:
            team = meeting.materials.get(member=None)
            url = reverse("workspace:problems", args=[meeting.pk, team.pk])
            self.page(client, label, url, runs, TARGET_PROBLEMS_PAGE if meeting is large else target)
        team = large.materials.get(member=None)
        for name, label in [("causes", "原因剖析（60条问题）"), ("measures", "整改措施（60条问题）")]:
            self.page(client, label, reverse(f"workspace:{name}", args=[large.pk, team.pk]), runs, None)
        self.autosave(client, team, runs)
        load = os.getloadavg()[0]
        self.stdout.write(
            f"机器：{os.cpu_count()} 核，测量时 1 分钟平均负载 {load:.2f}（{connection.vendor}）"
        )

    @staticmethod
    def meeting(*, problems_per_aspect: int, seed: int) -> Meeting:
        meeting = benchdata.make_bench_meeting(problems_per_aspect=problems_per_aspect, seed=seed)
        # Two opinions per aspect and a few unsorted ones: every problem card offers them to claim.
        for aspect in meeting.outline.aspects.all():
            text = f"{aspect.label}方面意见一\n{aspect.label}方面意见二"
            opinions_paste(meeting=meeting, text=text, aspect=aspect)
        opinions_paste(meeting=meeting, text="未归类的意见一\n未归类的意见二\n未归类的意见三")
        return meeting

    def page(self, client: Client, label: str, url: str, runs: int, target: float | None) -> None:
        wall, cpu, queries, response = self.median(runs, lambda: client.get(url))
        html = response.content
        size = f"HTML {len(html) / 1024:5.0f} KB，gzip {len(gzip.compress(html, 6)) / 1024:4.0f} KB"
        self.report(label, wall, cpu, queries, target, size)

    def autosave(self, client: Client, team: Material, runs: int) -> None:
        problem = team.problems.order_by("aspect__position", "position")[5]
        url = reverse("workspace:problem_save", args=[team.meeting_id, team.pk, problem.pk])
        counter = iter(range(10_000))

        def save():
            # As the script posts: every field of the card, the revision and the values it was typed on.
            problem.refresh_from_db()
            shown = {
                name: getattr(problem, name) for name in ["headline", "elaboration", "example", "source"]
            }
            typed = {**shown, "example": f"{problem.example[:200]}（第{next(counter)}次修改）"}
            data = {**typed, "revision": problem.revision, "_base": json.dumps(shown)}
            return client.post(url, data, HTTP_X_REQUESTED_WITH="XMLHttpRequest")

        wall, cpu, queries, response = self.median(runs, save)
        assert response.json()["ok"], response.content
        # The revision read before each save is the script's own bookkeeping, not the server's cost.
        self.report("自动保存一条问题", wall, cpu, queries - 1, TARGET_AUTOSAVE, "")

    @staticmethod
    def median(runs: int, action) -> tuple[float, float, int, object]:
        queries = []

        def count(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = action()  # warm-up: templates, query plans
        assert response.status_code == 200, response.status_code
        walls, cpus = [], []
        for _ in range(runs):
            wall, cpu = time.perf_counter(), time.process_time()
            response = action()
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
            assert response.status_code == 200, response.status_code
        return statistics.median(walls), statistics.median(cpus), len(queries), response

    def report(self, label: str, wall: float, cpu: float, queries: int, target: float | None, extra: str):
        verdict = ""
        if target:
            ok = wall <= target
            verdict = f"目标 ≤ {target:.3f} s  " + (
                self.style.SUCCESS("达标 / met") if ok else self.style.ERROR("未达标 / NOT met")
            )
        self.stdout.write(
            f"  {label:<12}\t{wall:6.3f} s  CPU {cpu:6.3f} s  {queries:3d} 次查询  {extra}  {verdict}"
        )
