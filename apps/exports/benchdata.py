"""Invented, demo-like data for ``manage.py bench_exports`` and the export tests.

:func:`make_bench_meeting` writes a team material about as long as a real one (seed 002: ~6,500
characters, 12 pages on the GB/T 9704 grid) and :func:`add_ledger_measures` a team material with
hundreds of measures. The text is assembled from phrases written for this project; it reads like a
draft, not like any real unit's material.
"""

import datetime
import random

from django.db import transaction

from apps.entries import services as entries
from apps.entries.models import Material, Measure, MeasureItem, Problem
from apps.meetings.models import Meeting
from apps.meetings.services import meeting_create
from apps.outlines.models import Aspect, OutlineTemplate
from apps.units.models import Member, Unit

MEMBERS = (
    ("林振华", "党委书记、局长", "secretary"),
    ("唐雅琴", "党委副书记、副局长", "deputy_secretary"),
    ("贺伟东", "党委委员、副局长", "committee_member"),
    ("葛思远", "党委委员、副局长", "committee_member"),
    ("孟晓彤", "党委委员、总规划师", "committee_member"),
    ("蒋立新", "党委委员、纪检组长", "committee_member"),
    ("秦海波", "党委委员、机关党委书记", "committee_member"),
)
ASPECTS = (
    ("理论学习", "在学习贯彻党的创新理论上作表率"),
    ("政治纪律", "在严守政治纪律和政治规矩上作表率"),
    ("为民服务", "在践行宗旨、服务群众上作表率"),
    ("担当作为", "在求真务实、担当作为上作表率"),
    ("廉洁自律", "在清正廉洁、严于律己上作表率"),
    ("从严治党", "在履行全面从严治党责任上作表率"),
)
FIELDS = (
    "城乡规划审批", "历史街区保护", "地下管网普查", "测绘成果管理", "项目选址论证", "规划督察执法",
    "土地收储", "公共空间改造", "社区更新", "规划公示", "档案数字化", "窗口服务",
)  # fmt: skip
WEAKNESSES = (
    "推进节奏不够快", "统筹协调不够有力", "跟踪问效不够及时", "制度执行存在宽松软", "听取群众意见不够充分",
    "风险研判不够深入", "结合实际不够紧密", "闭环管理还有短板",
)  # fmt: skip
OPENINGS = (
    "班子对{field}工作作过专门研究，也提出了阶段目标，",
    "围绕{field}，局党委年初印发了工作方案，",
    "在{field}方面，班子成员分工明确、各有侧重，",
    "对{field}中的难点问题，班子虽然多次开会研究，",
)
TURNS = (
    "但在推动落实中抓具体、抓深入不够，遇到跨部门事项习惯于发函协调，当面沟通、现场解决的少。",
    "但对基层反映的实际困难掌握不全，有的措施停留在文件上，没有细化到岗位和时间节点。",
    "但督促检查主要依靠报表和汇报，到现场核实的次数不多，对进度滞后的事项提醒多、问责少。",
    "但对新情况新问题研究不透，工作思路沿用往年做法，主动谋划、改革创新的办法不多。",
)
EFFECTS = (
    "从实际效果看，干部群众的获得感还不够强，一些老问题反复出现，说明班子在抓长效上还有欠缺。",
    "从征求到的意见看，基层对这方面的意见比较集中，反映出班子调查研究还没有真正沉到一线。",
    "对照上级要求和先进地区的做法，我们在标准、速度和质量上都还有明显差距，需要下大力气改进。",
    "这些问题看似是具体工作的问题，根子上反映出班子在责任担当和工作标准上还有松懈思想。",
)
EXAMPLES = (
    "比如，{year}年确定的{n}项{field}任务中，到年底仍有{m}项没有按期完成，其中{k}项是连续两年列入计划的。",
    "比如，群众通过热线反映{field}方面的问题{n}件，平均办理时间超过{m}个工作日，个别件次回复内容不具体。",
    "比如，{field}专项检查发现问题{n}个，整改销号{m}个，剩余问题的整改时限一再顺延。",
)
CAUSE_HEADLINES = (
    ("ideals", "理论学习没有做到学深悟透，用科学理论指导工作的能力还不够强"),
    ("party_spirit", "党性锻炼抓得不够经常，对照党章党规检视自身还不够严格"),
    ("purpose", "宗旨意识树得不够牢，站在群众角度思考问题还不够自觉"),
    ("conduct", "作风建设持续用力不够，抓落实的韧劲和狠劲还有差距"),
    ("discipline", "纪律规矩意识有所松懈，管党治党责任传导还不够到位"),
)
CAUSE_BODY = (
    "反思起来，班子对这方面的重要性认识是清楚的，但日常工作中容易被具体业务牵着走，",
    "把完成任务当作主要目标，对思想深处的问题触及不多，对制度执行中的偏差纠正不够及时，",
    "批评和自我批评辣味不足，对苗头性问题提醒多、处理少，久而久之影响了工作标准和成效。",
)
MEASURE_HEADLINES = (
    "持续强化理论武装，提高运用创新理论解决实际问题的能力",
    "严明政治纪律和政治规矩，确保决策部署落地见效",
    "坚持以人民为中心，切实解决群众急难愁盼问题",
    "转变工作作风，以钉钉子精神抓好任务落实",
    "压紧压实管党治党责任，营造风清气正的政治生态",
    "加强干部队伍建设，激励干部担当作为",
)
MEASURE_ITEMS = (
    "建立{field}重点任务清单，每月调度一次进度，对滞后事项由分管领导牵头专题研究，限期解决。",
    "班子成员每季度到基层和服务对象中开展调研不少于两次，调研发现的问题列入台账、逐项销号。",
    "修订完善{field}工作制度，明确各环节的责任人和办理时限，年底开展一次执行情况评估。",
)


def _problem_text(rng: random.Random, field: str, year: int) -> tuple[str, str, str]:
    headline = f"推进{field}工作{rng.choice(WEAKNESSES)}"
    elaboration = rng.choice(OPENINGS).format(field=field) + rng.choice(TURNS) + rng.choice(EFFECTS)
    n = rng.randint(6, 15)
    example = rng.choice(EXAMPLES).format(
        field=field, year=year, n=n, m=rng.randint(2, n - 1), k=rng.randint(1, 2)
    )
    if rng.random() < 0.5:
        example += "对此，班子虽然作过部署，但跟踪不够、成效还不明显。"
    return headline, elaboration, example


def bench_outline() -> OutlineTemplate:
    outline, created = OutlineTemplate.objects.get_or_create(
        name="基准测试提纲", year=2031, defaults={"meeting_kind": "democratic_life", "theme": "基准测试"}
    )
    if created:
        Aspect.objects.bulk_create(
            Aspect(outline=outline, position=position, label=label, wording=wording)
            for position, (label, wording) in enumerate(ASPECTS, start=1)
        )
    return outline


def bench_unit(name: str = "示例市规划和自然资源局党委", short_name: str = "市规划资源局党委") -> Unit:
    unit, created = Unit.objects.get_or_create(name=name, defaults={"short_name": short_name})
    if created:
        Member.objects.bulk_create(
            Member(unit=unit, name=member, title=title, role=role, position=position)
            for position, (member, title, role) in enumerate(MEMBERS, start=1)
        )
    return unit


@transaction.atomic
def make_bench_meeting(
    *,
    problems_per_aspect: int = 3,
    causes: int = 5,
    measures: int = 6,
    seed: int = 2031,
    unit: Unit | None = None,
) -> Meeting:
    """A meeting whose team material is about 12 pages: 18 problems, 5 causes, 6 measures (of the
    bench unit, or of ``unit``: the load test seeds 50 units)."""
    rng = random.Random(seed)  # noqa: S311 - invented text, not security
    unit, outline = unit or bench_unit(), bench_outline()
    meeting = meeting_create(unit=unit, outline=outline, date=datetime.date(2032, 1, 12), year=2031)
    material = meeting.materials.get(member__isnull=True)
    material.preamble = (
        "按照上级关于开好2031年度民主生活会的通知要求，局党委围绕六个方面，会前组织理论学习中心组集中学习研讨，"
        "通过座谈会、征求意见表等方式广泛听取意见建议，班子成员之间普遍开展谈心谈话，在此基础上对照检查、"
        "查摆问题、剖析根源、明确整改方向。现将对照检查情况报告如下："
    )
    material.closing = (
        "局党委将以这次民主生活会为新的起点，把查摆的问题逐项列入整改台账，明确责任领导、责任处室和完成时限，"
        "实行销号管理，以整改的实际成效推动全市规划和自然资源工作提质增效。"
    )
    material.save()
    fields = list(FIELDS)
    rng.shuffle(fields)
    found: list[Problem] = []
    for index, aspect in enumerate(outline.aspects.order_by("position")):
        for offset in range(problems_per_aspect):
            field = fields[(index * problems_per_aspect + offset) % len(fields)]
            headline, elaboration, example = _problem_text(rng, field, 2031)
            found.append(
                entries.problem_add(
                    material=material,
                    aspect=aspect,
                    headline=headline,
                    elaboration=elaboration,
                    example=example,
                )
            )
    made_causes = []
    for index in range(causes):
        category, headline = CAUSE_HEADLINES[index % len(CAUSE_HEADLINES)]
        made_causes.append(
            entries.cause_add(
                material=material,
                category=category,
                headline=headline,
                elaboration="".join(CAUSE_BODY) + EFFECTS[index % len(EFFECTS)],
                problems=found[index::causes],
            )
        )
    members = list(unit.members.order_by("position"))
    for index in range(measures):
        field = fields[index % len(fields)]
        entries.measure_add(
            material=material,
            headline=MEASURE_HEADLINES[index % len(MEASURE_HEADLINES)],
            elaboration=f"针对{field}等方面暴露的问题，坚持举一反三、标本兼治，从制度机制上堵塞漏洞，防止问题反弹回潮。",
            items=[item.format(field=field) for item in MEASURE_ITEMS],
            problems=found[index::measures],
            causes=[made_causes[index % len(made_causes)]],
            owner=members[index % len(members)],
            department="办公室、规划管理处",
            deadline=datetime.date(2032, 6 + index % 6, 30),
            kind=Measure.Kind.DEADLINE,
        )
    return meeting


@transaction.atomic
def add_ledger_measures(meeting: Meeting, count: int = 200, *, seed: int = 200) -> Material:
    """Give the meeting's team material ``count`` more measures with items and problems (bulk)."""
    rng = random.Random(seed)  # noqa: S311 - invented text, not security
    material = meeting.materials.get(member__isnull=True)
    problems = list(material.problems.all()) or [
        entries.problem_add(
            material=material, aspect=meeting.outline.aspects.first(), headline="台账基准问题"
        )
    ]
    members = list(meeting.unit.members.order_by("position"))
    start = (material.measures.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    kinds, statuses = list(Measure.Kind), [Measure.Status.NOT_STARTED, Measure.Status.IN_PROGRESS]
    made = Measure.objects.bulk_create(
        Measure(
            material=material,
            position=start + index,
            headline=f"抓好{FIELDS[index % len(FIELDS)]}问题整改",
            elaboration=rng.choice(TURNS),
            owner=members[index % len(members)],
            department="规划管理处",
            deadline=datetime.date(2032, 1 + index % 12, 28),
            kind=kinds[index % len(kinds)],
            status=statuses[index % len(statuses)],
        )
        for index in range(count)
    )
    MeasureItem.objects.bulk_create(
        MeasureItem(measure=measure, position=position, text=text.format(field=FIELDS[position]))
        for measure in made
        for position, text in enumerate(MEASURE_ITEMS[:2], start=1)
    )
    links = Measure.problems.through
    links.objects.bulk_create(
        links(measure_id=measure.pk, problem_id=problems[index % len(problems)].pk)
        for index, measure in enumerate(made)
    )
    return material
