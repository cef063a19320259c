"""Last year's meeting of the cast's unit, for the carry-over tests: a team material whose four
measures stand at 已销号, 已完成, 推进中 (overdue, with two progress notes) and 未启动, and the personal
material of 孙委员 (the ``member_user``) with one measure done and one under way. Its outline words
the aspects differently from this year's; the labels 学习 and 廉洁 stay."""

import datetime

import pytest

from apps.entries import services as entries
from apps.entries.models import Material, Measure
from apps.ledger.models import ProgressNote
from apps.meetings.models import Meeting
from apps.outlines.models import Aspect, OutlineTemplate

D = datetime.date
TODAY = D(2031, 1, 1)  # the day the tests count overdue measures on


def set_status(measure: Measure, status: str, completed_on: datetime.date | None = None) -> Measure:
    measure.status, measure.completed_on = status, completed_on
    measure.save()
    return measure


@pytest.fixture
def last_outline(db) -> OutlineTemplate:
    outline = OutlineTemplate.objects.create(name="去年提纲", year=2029, meeting_kind="democratic_life")
    for position, (wording, label) in enumerate(
        [("带头学习去年内容", "学习"), ("带头担当去年内容", "担当"), ("带头廉洁去年内容", "廉洁")], start=1
    ):
        Aspect.objects.create(outline=outline, position=position, wording=wording, label=label)
    return outline


@pytest.fixture
def last_year(unit, last_outline) -> Meeting:
    meeting = Meeting.objects.create(
        unit=unit,
        outline=last_outline,
        kind="democratic_life",
        year=2029,
        title="测试局党委2029年度民主生活会",
        date=D(2030, 1, 8),
    )
    study, take_on, clean = last_outline.aspects.order_by("position")
    zhao, qian, sun = unit.members.order_by("position")
    team = Material.objects.create(meeting=meeting)
    p1 = entries.problem_add(material=team, aspect=study, headline="理论学习不够深入")
    p2 = entries.problem_add(material=team, aspect=study, headline="调查研究不够扎实")
    p3 = entries.problem_add(material=team, aspect=clean, headline="廉洁风险防控不够严密。")
    entries.problem_add(material=team, aspect=take_on, headline="攻坚克难劲头不足")  # answered by no measure
    m1 = entries.measure_add(material=team, headline="强化理论武装", problems=[p1], owner=zhao)
    m2 = entries.measure_add(material=team, headline="改进调查研究", problems=[p2], owner=qian)
    m3 = entries.measure_add(
        material=team, headline="健全廉洁风险防控机制", problems=[p3], owner=qian, deadline=D(2030, 6, 30)
    )
    entries.measure_add(  # 未启动
        material=team, headline="建立攻坚项目包联制度", owner=zhao, deadline=D(2099, 12, 31)
    )
    set_status(m1, "closed", D(2030, 5, 20))
    set_status(m2, "done", D(2030, 6, 1))
    set_status(m3, "in_progress")
    ProgressNote.objects.create(measure=m3, noted_on=D(2030, 3, 1), text="制定防控清单初稿。")
    ProgressNote.objects.create(measure=m3, noted_on=D(2030, 9, 15), text="完成风险点排查，清单正在审定")
    personal = Material.objects.create(meeting=meeting, member=sun)
    pp1 = entries.problem_add(material=personal, aspect=take_on, headline="分管项目推进慢")
    pm1 = entries.measure_add(
        material=personal, headline="建立项目周调度", problems=[pp1], owner=sun, deadline=D(2099, 6, 30)
    )
    pm2 = entries.measure_add(material=personal, headline="每月走访基层", owner=sun)
    set_status(pm1, "in_progress")
    set_status(pm2, "done", D(2030, 4, 1))
    return meeting


@pytest.fixture
def last_team(last_year) -> Material:
    return last_year.materials.get(member__isnull=True)


@pytest.fixture
def last_personal(last_year) -> Material:
    return last_year.materials.get(member__isnull=False)


def measure(material: Material, headline: str) -> Measure:
    return material.measures.get(headline=headline)
