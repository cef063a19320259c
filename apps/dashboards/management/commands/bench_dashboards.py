"""``manage.py bench_dashboards`` (``make bench``): how fast the subtree 统计看板 renders.

In a throwaway database (in memory on SQLite, ``<name>_bench`` on PostgreSQL), a tree of 500 units
with 10,000 measures (apps/dashboards/benchdata.py), read by an organisation department holding its
role in the root; then the median time of the whole page (``?scope=subtree``) through Django's test
client (session, middleware, six aggregate queries, the template), and of the lists behind it.
The numbers are a benchmark, never a test assertion.
"""

import os
import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, connections
from django.test import Client
from django.test.utils import setup_databases, teardown_databases
from django.urls import reverse

from apps.accounts.models import UnitRole
from apps.dashboards import benchdata

TARGET = 0.5  # seconds for the subtree dashboard over 500 units and 10,000 measures


class Command(BaseCommand):
    help = "统计看板速度基准：500个单位、10,000条整改措施的下级单位看板。在临时数据库中运行。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--units", type=int, default=500, help="单位数 / units")
        parser.add_argument("--measures", type=int, default=10_000, help="整改措施数 / measures")
        parser.add_argument("--runs", type=int, default=9, help="每个页面运行次数（取中位数） / runs")

    def handle(self, *args, units: int, measures: int, runs: int, **options) -> None:
        default = connections["default"]
        if default.vendor != "sqlite":
            default.settings_dict.setdefault("TEST", {})["NAME"] = f"{default.settings_dict['NAME']}_bench"
        self.stdout.write(f"== {default.vendor}：准备临时数据库… / preparing a throwaway database…")
        old_config = setup_databases(
            verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=set()
        )
        try:
            self.run_bench(max(2, units), max(1, measures), max(1, runs))
        finally:
            teardown_databases(old_config, verbosity=0)
            connections.close_all()

    def run_bench(self, units: int, measures: int, runs: int) -> None:
        start = time.perf_counter()
        tree = benchdata.build(units=units, measures=measures)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # statistics, as a live database keeps them
        self.stdout.write(
            f"数据：{tree.units} 个单位、{tree.measures} 条整改措施，写入 {time.perf_counter() - start:.1f} s"
        )

        user = get_user_model().objects.create_user(username="bench-zuzhi")  # no password: force_login
        UnitRole.objects.create(user=user, unit=tree.root, role=UnitRole.Role.ORGANISATION)
        client = Client()
        client.force_login(user)
        pages = [
            ("下级单位统计看板（6幅图）", "dashboards:unit", {"scope": "subtree"}, TARGET),
            ("材料清单（第1页）", "dashboards:materials", {"scope": "subtree", "state": "draft"}, None),
            ("查摆问题清单（第1页）", "dashboards:problems", {"scope": "subtree", "aspect": "学习"}, None),
            ("未提交单位清单", "dashboards:units", {"scope": "subtree", "state": "absent"}, None),
            # The ledger behind the measures' figures, over every unit of the tree.
            ("下级单位整改台账（第1页）", "ledger:unit", {"scope": "subtree"}, None),
            ("其中已逾期（第1页）", "ledger:unit", {"scope": "subtree", "overdue": "1"}, None),
        ]
        self.stdout.write(f"每个页面运行 {runs} 次（另有 1 次预热），取中位数；判定按墙钟时间：")
        for label, name, params, target in pages:
            url = reverse(name, args=[tree.root.pk])
            wall, cpu, queries = self.median(client, url, params, runs)
            verdict = f"目标 ≤ {target} s   {self.verdict(wall <= target)}" if target else ""
            self.stdout.write(
                f"  {label:<14}\t{wall:6.3f} s  CPU {cpu:6.3f} s  {queries:2d} 次查询   {verdict}"
            )
        load = os.getloadavg()[0]
        self.stdout.write(
            f"机器：{os.cpu_count()} 核，测量时 1 分钟平均负载 {load:.2f}（{connection.vendor}）"
        )

    @staticmethod
    def median(client: Client, url: str, params: dict, runs: int) -> tuple[float, float, int]:
        queries = []

        def count(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = client.get(url, params)  # warm-up: templates, query plans
        assert response.status_code == 200, response.status_code
        walls, cpus = [], []
        for _ in range(runs):
            wall, cpu = time.perf_counter(), time.process_time()
            response = client.get(url, params)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
            assert response.status_code == 200, response.status_code
        return statistics.median(walls), statistics.median(cpus), len(queries)

    def verdict(self, ok: bool) -> str:
        return self.style.SUCCESS("达标 / met") if ok else self.style.ERROR("未达标 / NOT met")
