"""``manage.py bench_snippets`` (``make bench``): bulk import and search over 10,000 snippets.

Runs in a throwaway database (in memory on SQLite, ``<name>_bench`` on PostgreSQL), so nothing is
left in the project's database. With ``--postgres URL`` (or when the project runs on SQLite and
DATABASE_URL is unset, only SQLite) the same bench runs again on PostgreSQL in a child process, so
both are printed. The numbers are a benchmark, never a test assertion.
"""

import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandParser
from django.db import connections
from django.test.utils import setup_databases, teardown_databases

from apps.outlines.models import Aspect, OutlineTemplate
from apps.snippets.importing import snippets_import
from apps.snippets.models import Snippet
from apps.snippets.search import search
from apps.units.models import Unit

TARGET_IMPORT = 10.0  # seconds for 10,000 snippets
TARGET_P95 = 0.050  # seconds per search

# Pieces of sentences (written for this bench) recombined into paragraphs of 100–400 characters.
SUBJECTS = ["班子成员", "领导班子", "个别同志", "我们", "党委", "部分干部", "机关支部", "分管领导"]
FAULTS = [
    "理论学习的系统性不够强",
    "调查研究停留在面上",
    "对基层困难了解不深",
    "整改落实跟踪问效不到位",
    "推进重点工作的办法不多",
    "批评与自我批评辣味不足",
    "落实中央八项规定精神还有松懈",
    "服务群众的主动性不强",
    "防范化解风险的本领不足",
    "制度执行中存在打折扣现象",
]
DETAILS = [
    "比如，在年度重点任务推进中，部署多、督查少，有的事项反复调度仍未见效",
    "学习往往满足于读原文、记笔记，结合实际研究问题不够",
    "下基层调研时间安排较紧，听汇报多，与一线职工交流少",
    "对群众反映的问题，转办多、跟踪少，形成闭环不够及时",
    "面对新情况新问题，习惯沿用老办法，创新思路不足",
    "会议和文件仍然偏多，基层负担没有明显减轻",
    "有的工作满足于完成上级交办，主动谋划不够",
    "对照先进地区的做法，差距依然比较明显",
]
CAUSES = [
    "究其原因，主要是理想信念的总开关拧得不够紧",
    "根源在于宗旨意识树得不牢，群众观点有所淡化",
    "深层次看，是担当作为的精气神有所减退",
    "说到底，还是纪律规矩意识没有真正入脑入心",
]
MEASURES = [
    "下一步，要健全学习制度，每季度开展一次专题研讨",
    "要建立问题清单、责任清单和整改清单，逐项销号",
    "要坚持每月深入基层蹲点调研，解决实际问题",
    "要严格落实各项规定，持续纠治形式主义官僚主义",
]
TWO_CHARACTER_WORDS = ["学习", "整改", "基层", "群众", "调研", "制度", "风险", "责任", "落实", "作风"]
FOUR_CHARACTER_WORDS = [
    "理论学习",
    "调查研究",
    "整改落实",
    "服务群众",
    "担当作为",
    "专题研讨",
    "形式主义",
    "基层负担",
]
ONE_CHARACTER = ["党", "学", "改", "民", "责", "干", "风", "实"]


def paragraph(rng: random.Random, number: int) -> str:
    sentences = [f"{rng.choice(SUBJECTS)}{rng.choice(FAULTS)}，{rng.choice(DETAILS)}，涉及{number}项任务。"]
    pool = DETAILS + CAUSES + MEASURES
    while len("".join(sentences)) < rng.randint(100, 380):
        sentences.append(f"{rng.choice(pool)}。")
    return "".join(sentences)[:400]


def collection(rng: random.Random, count: int) -> bytes:
    lines = ["2024年度民主生活会查摆问题素材汇编", ""]
    for number in range(1, count + 1):
        lines += [f"{number:02d}", paragraph(rng, number)]
    return "\n".join(lines).encode()


def queries(rng: random.Random, aspects: list[Aspect]) -> list[tuple[str, dict]]:
    """About 200 searches: 1-, 2-, 4-character, two-term, each with and without filters."""
    plain = (
        [("1 字", {"query": word}) for word in ONE_CHARACTER]
        + [("2 字", {"query": word}) for word in TWO_CHARACTER_WORDS]
        + [("4 字", {"query": word}) for word in FOUR_CHARACTER_WORDS]
        + [
            ("两个词", {"query": f"{a} {b}"})
            for a, b in zip(TWO_CHARACTER_WORDS, FOUR_CHARACTER_WORDS, strict=False)
        ]
    )
    searches = []
    for _ in range(4):
        for label, params in plain:
            searches.append((label, params))
        for label, params in rng.sample(plain, 24):
            filters = rng.choice(
                [
                    {"kind": "problem"},
                    {"year": 2024},
                    {"aspect_id": rng.choice(aspects).pk},
                    {"kind": "cause"},
                ]
            )
            searches.append((f"{label}+筛选", {**params, **filters}))
    return searches


class Command(BaseCommand):
    help = "素材库速度基准：批量导入 10,000 条素材、约 200 次搜索的 p50/p95。在临时数据库中运行。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=10_000, help="素材条数 / snippets")
        parser.add_argument(
            "--postgres",
            default=os.environ.get("BENCH_POSTGRES_URL", ""),
            help="另在该 PostgreSQL 上运行（postgres://…）/ also run on this PostgreSQL",
        )

    def handle(self, *args, count: int, postgres: str, **options) -> None:
        connection = connections["default"]
        test_settings = connection.settings_dict.setdefault("TEST", {})
        if connection.vendor != "sqlite":
            test_settings["NAME"] = f"{connection.settings_dict['NAME']}_bench"
        self.stdout.write(f"== {connection.vendor}：准备临时数据库… / preparing a throwaway database…")
        old_config = setup_databases(
            verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=set()
        )
        try:
            self.run_bench(connection.vendor, max(100, count))
        finally:
            teardown_databases(old_config, verbosity=0)
        if postgres and connection.vendor != "postgresql":
            self.stdout.flush()
            environment = {**os.environ, "DATABASE_URL": postgres, "BENCH_POSTGRES_URL": ""}
            command = [sys.executable, sys.argv[0], "bench_snippets", "--count", str(count)]
            subprocess.run(command, env=environment, check=False)  # noqa: S603 - our own command

    def run_bench(self, vendor: str, count: int) -> None:
        rng = random.Random(9)  # noqa: S311 - reproducible bench data, not secrets
        unit = Unit.objects.create(name="基准测试局党委", short_name="基准局")
        other = Unit.objects.create(name="另一基准单位", short_name="另一单位")
        outline = OutlineTemplate.objects.create(name="基准提纲", year=2024, meeting_kind="democratic_life")
        aspects = [
            Aspect.objects.create(outline=outline, position=n, wording=f"基准方面{n}", label=f"方面{n}")
            for n in range(1, 5)
        ]
        data = collection(rng, count)
        start = time.perf_counter()
        report = snippets_import(name="素材汇编.txt", data=data, unit=unit)
        import_seconds = time.perf_counter() - start
        assert report.imported == count, report.message()
        # Neighbours and the shared library, so visibility filters have something to exclude.
        snippets_import(name="外单位.txt", data=collection(rng, count // 5), unit=other)
        snippets_import(name="共享.txt", data=collection(rng, count // 5), unit=None, year=2023)
        self.spread_kinds_and_aspects(unit, aspects, rng)
        with connections["default"].cursor() as cursor:
            # Statistics, as autovacuum (PostgreSQL) or ``PRAGMA optimize`` keep them in a live database.
            cursor.execute("ANALYZE")

        searches = queries(rng, aspects)
        for _, params in searches[:10]:
            search(unit=unit, **params)  # warm-up: caches, query plans
        timings: dict[str, list[float]] = {}
        totals = []
        for label, params in searches:
            elapsed, result = self.timed(lambda params=params: search(unit=unit, **params))
            timings.setdefault(label, []).append(elapsed)
            totals.append(result.total)
        every = [t for values in timings.values() for t in values]
        p95 = self.percentile(every, 95)

        self.stdout.write(f"素材：本单位 {count} 条，另有外单位 {count // 5} 条、共享 {count // 5} 条")
        self.stdout.write(
            f"  批量导入 {count} 条（解析、去重、分词、写入、建索引）：{import_seconds:6.2f} s   "
            f"目标 ≤ {TARGET_IMPORT:.0f} s   {self.verdict(import_seconds <= TARGET_IMPORT)}"
        )
        self.stdout.write(
            f"  搜索 {len(every)} 次（每次：计数 + 第一页 20 条 + 高亮），"
            f"命中数中位数 {statistics.median(totals):.0f}"
        )
        for label, values in timings.items():
            self.stdout.write(
                f"    {label:<8} {len(values):3d} 次  p50 {self.percentile(values, 50) * 1000:6.1f} ms"
                f"  p95 {self.percentile(values, 95) * 1000:6.1f} ms"
            )
        self.stdout.write(
            f"  全部 p50 {self.percentile(every, 50) * 1000:.1f} ms  p95 {p95 * 1000:.1f} ms   "
            f"目标 p95 ≤ {TARGET_P95 * 1000:.0f} ms   {self.verdict(p95 <= TARGET_P95)}"
        )
        load = os.getloadavg()[0]
        self.stdout.write(f"  机器：{os.cpu_count()} 核，1 分钟平均负载 {load:.2f}（{vendor}）")

    @staticmethod
    def spread_kinds_and_aspects(unit: Unit, aspects: list[Aspect], rng: random.Random) -> None:
        ids = list(Snippet.objects.filter(unit=unit).values_list("pk", flat=True))
        for kind in ("cause", "measure"):
            Snippet.objects.filter(pk__in=rng.sample(ids, len(ids) // 4)).update(kind=kind)
        through = Snippet.aspects.through
        tags = [
            through(snippet_id=pk, aspect_id=rng.choice(aspects).pk) for pk in rng.sample(ids, len(ids) // 2)
        ]
        through.objects.bulk_create(tags, batch_size=1000)

    @staticmethod
    def timed(action: Callable[[], object]) -> tuple[float, object]:
        start = time.perf_counter()
        result = action()
        return time.perf_counter() - start, result

    @staticmethod
    def percentile(values: list[float], percent: int) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]

    def verdict(self, ok: bool) -> str:
        return self.style.SUCCESS("达标 / met") if ok else self.style.ERROR("未达标 / NOT met")
