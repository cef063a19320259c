"""``manage.py bench_imports`` (``make bench``): how fast an import is.

Builds a 20-page team material as a Word file (seed-shaped text of its own: five aspects of run-in
problems, causes, measures with sub-items; runs split mid-word as Word saves them), then times each
step in :data:`STEPS` over several runs in a throwaway database (in memory on SQLite,
``<name>_bench`` on PostgreSQL) and prints the median against the step's target. The numbers are a
benchmark, never a test assertion.

Hook for more steps: append a :class:`BenchStep` to :data:`STEPS` (e.g. the review page's render,
target 0.3 s); its ``action`` gets the :class:`BenchContext` (meeting, the file, its lines and the
proposal) and is timed like the others."""

import io
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import docx
from django.core.management.base import BaseCommand, CommandParser
from django.db import connections
from django.test.utils import setup_databases, teardown_databases

from apps.core.numbering import chinese_numeral
from apps.entries.models import Material
from apps.imports import bench_review
from apps.imports.parsing import propose
from apps.imports.proposal import Proposal
from apps.imports.reading import read_upload
from apps.meetings.models import Meeting
from apps.outlines.models import OutlineTemplate
from apps.units.models import Unit

PAGE_CHARS = 22 * 28  # a 公文 page: 22 lines of 28 characters
PAGES = 20


@dataclass
class BenchContext:
    meeting: Meeting
    file_name: str
    data: bytes
    lines: list[str] = field(default_factory=list)
    proposal: Proposal | None = None


@dataclass
class BenchStep:
    label: str
    target: float  # seconds (median)
    action: Callable[[BenchContext], object]


def parse_step(context: BenchContext) -> object:
    context.lines = read_upload(context.file_name, context.data)
    context.proposal = propose(context.lines, context.meeting, personal=False)
    return context.proposal


# --- The steps (HOOK: append further steps here, e.g. the review page's render < 0.3 s) ---------
STEPS: list[BenchStep] = [
    BenchStep("解析 20 页 DOCX（read_upload + propose）", 0.5, parse_step),
    BenchStep(bench_review.LABEL, bench_review.TARGET_REVIEW, bench_review.review_step),
]


# --- The bench material -------------------------------------------------------------------------

_CLAUSES = (
    "在学懂弄通做实上下的功夫还不够",
    "对照上级要求仍有差距",
    "联系分管领域实际思考不深",
    "抓落实的办法不多、力度不够",
    "调查研究往往满足于听汇报、看材料",
    "对基层反映的困难回应不够及时",
    "制度执行中存在宽松软的现象",
    "统筹推进重点工作的能力有待提升",
)


def _sentence(seed: int, clauses: int = 4) -> str:
    parts = [_CLAUSES[(seed * 3 + i * 5) % len(_CLAUSES)] for i in range(clauses)]
    return "，".join(parts) + "。"


def bench_text(aspects: list[str]) -> str:
    """About twenty pages of a run-in team material, of our own wording."""
    lines = [
        "某某局党委班子民主生活会对照检查材料",
        "按照通知要求，班子认真开展会前准备。现将对照检查情况报告如下：",
    ]
    lines.append("一、存在的主要问题")
    per_aspect = 6
    for a, aspect in enumerate(aspects, start=1):
        problems = "".join(
            f"{chinese_numeral(p)}是{aspect[:6]}的第{p}个问题。"
            + _sentence(a * 10 + p) * 3
            + "比如，"
            + _sentence(p)
            for p in range(1, per_aspect + 1)
        )
        lines.append(f"（{chinese_numeral(a)}）{aspect}方面。班子做了大量工作，但还存在一些问题：{problems}")
    lines += ["二、产生问题的原因剖析", "深刻剖析，原因主要有以下六个方面："]
    lines += [f"（{chinese_numeral(n)}）原因之{n}。" + _sentence(n) * 6 for n in range(1, 7)]
    lines += ["三、整改措施和努力方向", "针对问题，班子将在以下六个方面着力整改："]
    for n in range(1, 7):
        items = "".join(f"{chinese_numeral(i)}要落实第{i}项。" + _sentence(n + i) * 2 for i in range(1, 5))
        lines.append(f"（{chinese_numeral(n)}）措施之{n}。" + _sentence(n) + items)
    text = "\n".join(lines)
    while len(text) < PAGES * PAGE_CHARS:  # lengthen the elaboration until twenty pages
        text = text.replace("比如，", "比如，" + _sentence(len(text)), 1)
    return text


def bench_docx(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        paragraph = document.add_paragraph()
        for start in range(0, len(line), 9):  # runs split mid-word, as drafters' files are
            paragraph.add_run(line[start : start + 9]).bold = bool(start % 18)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def bench_meeting() -> Meeting:
    outline = OutlineTemplate.objects.filter(year=2021).first() or OutlineTemplate.objects.first()
    unit = Unit.objects.create(name="基准测试局党委", short_name="基准局")
    meeting = Meeting.objects.create(
        unit=unit, outline=outline, kind=outline.meeting_kind, year=outline.year or 2024, title="基准会议"
    )
    Material.objects.create(meeting=meeting)
    return Meeting.objects.select_related("outline", "unit").get(pk=meeting.pk)


class Command(BaseCommand):
    help = "导入速度基准：解析 20 页 Word 材料 / import speed benchmark"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--runs", type=int, default=7, help="每项重复次数（取中位数）")

    def handle(self, *args, runs: int, **options) -> None:
        connection = connections["default"]
        if connection.vendor != "sqlite":
            connection.settings_dict.setdefault("TEST", {})["NAME"] = (
                f"{connection.settings_dict['NAME']}_bench"
            )
        old_config = setup_databases(
            verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=set()
        )
        try:
            self.run_bench(max(1, runs))
        finally:
            teardown_databases(old_config, verbosity=0)

    def run_bench(self, runs: int) -> None:
        meeting = bench_meeting()
        aspects = [aspect.wording for aspect in meeting.outline.aspects.order_by("position")]
        text = bench_text(aspects)
        context = BenchContext(meeting, "bench.docx", bench_docx(text))
        pages = len(text) / PAGE_CHARS
        self.stdout.write(
            f"基准材料：{len(text)} 字（约 {pages:.0f} 页），DOCX {len(context.data) // 1024} KB"
        )
        failed = False
        for step in STEPS:
            step.action(context)  # warm-up: imports, caches
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                step.action(context)
                times.append(time.perf_counter() - start)
            median = statistics.median(times)
            ok = median < step.target
            failed |= not ok
            verdict = "达标" if ok else "未达标"
            self.stdout.write(f"{step.label}：中位数 {median:.3f} s（目标 < {step.target} s）{verdict}")
        if context.proposal is not None:
            summary = context.proposal.summary()
            counts = [aspect["problems"] for aspect in summary["aspects"]]
            self.stdout.write(
                f"识别结果：方面问题数 {counts}，原因 {summary['causes']}，措施 {summary['measures']}"
            )
        if failed:
            self.stdout.write(self.style.WARNING("有基准项未达到目标。"))
