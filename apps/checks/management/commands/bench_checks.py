"""``manage.py bench_checks`` (``make bench``): the 体检 of one material against 100 and 1,000
meetings' materials in the system (the copied_text search dominates), medians printed.

Runs in a throwaway database (in memory on SQLite, ``<name>_bench`` on PostgreSQL), so nothing is
left in the project's database. The text is generated here from sentence pieces written for this
bench. The numbers are a benchmark, never a test assertion.
"""

import datetime
import os
import random
import statistics
import time

from django.core.management.base import BaseCommand, CommandParser
from django.db import connections
from django.test.utils import setup_databases, teardown_databases

from apps.checks.copies.index import refresh
from apps.checks.engine import check_material
from apps.entries.models import Cause, Material, Measure, Problem
from apps.meetings.models import Meeting
from apps.outlines.models import Aspect, OutlineTemplate
from apps.units.models import Member, Unit

TARGETS = {100: 1.0, 1000: 2.0}  # seconds for one material's check against that many meetings
MEMBERS = 3  # personal materials per meeting, besides the team's
RUNS = 7

SUBJECTS = ["班子", "班子成员", "我们", "党委", "分管领域", "机关支部", "领导干部", "有关科室"]
VERBS = ["在推进", "在落实", "在抓", "在谋划", "在督促", "在统筹", "在研究", "在部署"]
WORKS = [
    "乡村振兴项目",
    "营商环境优化",
    "安全生产检查",
    "基层减负工作",
    "重点项目建设",
    "民生实事办理",
    "信访积案化解",
    "生态环境整治",
    "数字政府建设",
    "干部队伍培养",
    "财政资金监管",
    "防汛抗旱准备",
]
FAULTS = [
    "调研不深入，情况掌握不具体",
    "部署多督查少，落实不到位",
    "办法不多，创新意识不强",
    "跟踪问效不及时，形成闭环不够",
    "主动担当不够，等靠思想存在",
    "标准不高，满足于过得去",
    "统筹不够，各自为战现象仍有",
    "听汇报多，实地查看少",
]
EXAMPLES = [
    "比如，{m}月份{w}推进会后，{n}项任务中有{k}项没有按期完成",
    "比如，今年{m}月群众反映的{n}件问题，到年底仍有{k}件没有答复",
    "比如，{w}中安排的{n}次实地调研，实际只去了{k}次",
    "比如，{m}月份检查发现的{n}个隐患，有{k}个整改不彻底",
]


PLACES = ["城区", "开发区", "东片", "西片", "沿江", "山区", "新区", "老城", "园区", "镇村"]


def sentence(rng: random.Random) -> str:
    place, number = rng.choice(PLACES), rng.randint(2, 60)
    work, fault = rng.choice(WORKS), rng.choice(FAULTS)
    return f"{rng.choice(SUBJECTS)}{rng.choice(VERBS)}{place}{work}时{fault}，涉及{number}个单位"


def example(rng: random.Random) -> str:
    template = rng.choice(EXAMPLES)
    return template.format(
        m=rng.randint(1, 12), n=rng.randint(5, 40), k=rng.randint(1, 4), w=rng.choice(WORKS)
    )


def paragraph(rng: random.Random, sentences: int = 3) -> str:
    return "，".join(sentence(rng) for _ in range(sentences)) + "。"


class Command(BaseCommand):
    help = "体检速度基准：一份材料对照 100 / 1,000 次会议的材料查重。在临时数据库中运行。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--sizes", default="100,1000", help="会议数，逗号分隔 / meeting counts")

    def handle(self, *args, sizes: str, **options) -> None:
        connection = connections["default"]
        test_settings = connection.settings_dict.setdefault("TEST", {})
        if connection.vendor != "sqlite":
            test_settings["NAME"] = f"{connection.settings_dict['NAME']}_bench"
        self.stdout.write(f"== {connection.vendor}：准备临时数据库… / preparing a throwaway database…")
        old_config = setup_databases(
            verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=set()
        )
        try:
            self.run_bench(connection.vendor, sorted(int(size) for size in sizes.split(",")))
        finally:
            teardown_databases(old_config, verbosity=0)

    def run_bench(self, vendor: str, sizes: list[int]) -> None:
        rng = random.Random(10)  # noqa: S311 - reproducible bench data, not secrets
        outline = OutlineTemplate.objects.create(name="基准提纲", year=2030, meeting_kind="democratic_life")
        aspects = [
            Aspect.objects.create(outline=outline, position=n, wording=f"基准方面{n}", label=f"方面{n}")
            for n in range(1, 4)
        ]
        made = 0
        for size in sizes:
            start = time.perf_counter()
            self.make_meetings(rng, outline, aspects, made, size)
            made = size
            build = time.perf_counter() - start
            start = time.perf_counter()
            indexed = refresh()
            index_seconds = time.perf_counter() - start
            material = self.checked_material(rng, outline, aspects, size)
            timings, findings = [], []
            for _ in range(RUNS):
                start = time.perf_counter()
                findings = check_material(material)
                timings.append(time.perf_counter() - start)
            median = statistics.median(timings)
            copied = sum(1 for finding in findings if finding.code == "copied_text")
            paragraphs = Material.objects.count()
            self.stdout.write(
                f"{size} 次会议（{paragraphs} 份材料）：生成 {build:.1f} s，"
                f"建索引 {indexed} 份 {index_seconds:.1f} s"
            )
            target = TARGETS.get(size)
            verdict = self.verdict(median <= target) if target else ""
            self.stdout.write(
                f"  一份材料体检（含查重）中位数 {median * 1000:.0f} ms（{RUNS} 次，"
                f"最快 {min(timings) * 1000:.0f} ms），发现 {len(findings)} 项、其中重复 {copied} 段"
                + (f"   目标 ≤ {target:.0f} s   {verdict}" if target else "")
            )
        load = os.getloadavg()[0]
        self.stdout.write(f"  机器：{os.cpu_count()} 核，1 分钟平均负载 {load:.2f}（{vendor}）")

    @staticmethod
    def make_meetings(rng, outline, aspects, first: int, last: int) -> None:
        """Meetings ``first``…``last - 1``: four a unit (one a year), each with the team's and
        MEMBERS personal materials of 3 aspects × 2 problems, 3 causes, 3 measures."""
        for number in range(first, last):
            if number % 4 == 0:
                unit = Unit.objects.create(name=f"基准单位{number // 4}", short_name=f"单位{number // 4}")
                members = [Member(unit=unit, name=f"成员{i}", position=i) for i in range(1, MEMBERS + 1)]
                Member.objects.bulk_create(members)
            year = 2026 + number % 4
            meeting = Meeting.objects.create(
                unit_id=unit.pk if number % 4 == 0 else Unit.objects.latest("pk").pk,
                outline=outline,
                kind=outline.meeting_kind,
                year=year,
                title=f"基准会议{number}",
                date=datetime.date(year + 1, 1, 10),
            )
            members = list(Member.objects.filter(unit_id=meeting.unit_id))
            materials = Material.objects.bulk_create(
                [
                    Material(
                        meeting=meeting,
                        member=None,
                        preamble=paragraph(rng, 4),
                        layout="run_in",
                        signature="none",
                    )
                ]
                + [
                    Material(
                        meeting=meeting,
                        member=m,
                        preamble=paragraph(rng, 4),
                        layout="separate",
                        signature="none",
                    )
                    for m in members
                ]
            )
            Command.fill(rng, materials, aspects)

    @staticmethod
    def fill(rng, materials, aspects) -> None:
        problems, causes, measures = [], [], []
        for material in materials:
            for aspect in aspects:
                for position in (1, 2):
                    problems.append(
                        Problem(
                            material=material,
                            aspect=aspect,
                            position=position,
                            headline=sentence(rng)[:30],
                            elaboration=paragraph(rng),
                            example=example(rng) + "。",
                        )
                    )
            for position in (1, 2, 3):
                causes.append(
                    Cause(material=material, position=position, headline="原因", elaboration=paragraph(rng))
                )
                measures.append(
                    Measure(material=material, position=position, headline="措施", elaboration=paragraph(rng))
                )
        Problem.objects.bulk_create(problems, batch_size=1000)
        Cause.objects.bulk_create(causes, batch_size=1000)
        Measure.objects.bulk_create(measures, batch_size=1000)

    @staticmethod
    def checked_material(rng, outline, aspects, size: int) -> Material:
        """A new meeting's team material: its own text, plus two paragraphs copied from another
        unit's material with a word changed (what the search must find)."""
        unit = Unit.objects.create(name=f"被检单位{size}", short_name=f"被检{size}")
        meeting = Meeting.objects.create(
            unit=unit, outline=outline, kind=outline.meeting_kind, year=2030, title=f"被检会议{size}"
        )
        material = Material.objects.create(meeting=meeting, preamble=paragraph(rng, 4))
        Command.fill(rng, [material], aspects)
        sources = list(
            Problem.objects.exclude(material=material).order_by("?").values_list("elaboration", flat=True)[:2]
        )
        for problem, source in zip(material.problems.all()[:2], sources, strict=False):
            problem.elaboration = source.replace("时", "中", 1)
            problem.save()
        return Material.objects.select_related("meeting__unit", "member").get(pk=material.pk)

    def verdict(self, ok: bool) -> str:
        return self.style.SUCCESS("达标 / met") if ok else self.style.ERROR("未达标 / NOT met")
