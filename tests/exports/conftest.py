"""Fixtures for the export tests: a small meeting with every kind of entry, and one long (12-page)
team material exported once per test session."""

import datetime

import pytest
from django.db import transaction

from apps.entries import services as entries
from apps.entries.models import Material
from apps.exports import benchdata
from apps.exports.exporters import export_document
from apps.ledger.models import ProgressNote
from apps.meetings.models import Attendance, Meeting, Opinion, OpinionSolicitation, StudySession, Talk
from tests.exports.readback import team_outline

D = datetime.date


@pytest.fixture
def filled_meeting(meeting, unit, member_user) -> Meeting:
    """The cast's meeting with problems in two of its three aspects, causes, measures, a personal
    material of 孙委员 (the ``member_user``), preparation records and an absence."""
    first, second, _third = meeting.outline.aspects.order_by("position")
    zhao, qian, sun = unit.members.order_by("position")
    meeting.host = zhao
    meeting.supervisor_org, meeting.supervisor_names = "市委第一督导组", "王督导、李督导"
    meeting.supervisor_remarks = "会议准备充分，问题查摆具体。"
    meeting.save()
    Attendance.objects.bulk_create(
        [
            Attendance(meeting=meeting, member=zhao),
            Attendance(meeting=meeting, member=qian, present=False, absence_reason="外出学习"),
            Attendance(meeting=meeting, member=sun),
        ]
    )
    team = meeting.materials.get(member__isnull=True)
    team.preamble = "按照通知要求，班子围绕三个方面开展对照检查。现将对照检查情况报告如下："
    team.closing = "班子将以这次会议为起点，抓好整改落实。"
    team.save()
    p1 = entries.problem_add(
        material=team, aspect=first, headline="理论学习不够深入", elaboration="学习计划执行不严。",
        example="比如，全年专题研讨只有2次。", source="opinions",
    )  # fmt: skip
    p2 = entries.problem_add(
        material=team, aspect=first, headline="调查研究不够扎实", elaboration="到基层少。"
    )
    p3 = entries.problem_add(material=team, aspect=second, headline="落实部署不够有力", source="inspection")
    c1 = entries.cause_add(
        material=team, headline="理论武装不够深入", elaboration="学用脱节。", problems=[p1, p2]
    )
    entries.cause_add(material=team, headline="担当意识不够强", problems=[p3])
    entries.measure_add(
        material=team, headline="强化理论武装", elaboration="完善学习制度。",
        items=["每季度研讨一次", "建立学习台账"], problems=[p1, p2], causes=[c1], owner=zhao,
        department="办公室", deadline=D(2031, 6, 30),
    )  # fmt: skip
    done = entries.measure_add(
        material=team, headline="狠抓工作落实", items=["挂图作战"], problems=[p3], owner=qian,
        department="综合处", deadline=D(2031, 3, 31), kind="immediate",
    )  # fmt: skip
    done.status, done.completed_on = "closed", D(2031, 3, 20)
    done.save()
    ProgressNote.objects.create(measure=done, noted_on=D(2031, 3, 20), text="已完成并销号。")
    personal = Material.objects.create(
        meeting=meeting, member=sun, preamble="我对照三个方面查找了差距。", recap="上年度问题已整改。"
    )
    entries.problem_add(
        material=personal, aspect=second, headline="分管工作推进慢", example="比如，项目延期。"
    )
    StudySession.objects.create(meeting=meeting, date=D(2030, 12, 10), topic="集中学习党章")
    forum = OpinionSolicitation.objects.create(meeting=meeting, method="forum", date=D(2030, 12, 15))
    Opinion.objects.create(
        meeting=meeting, position=1, text="学习要更深入。", solicitation=forum, aspect=first, claimed_by=p1
    )
    Opinion.objects.create(
        meeting=meeting, position=2, text="希望多下基层。", solicitation=forum, target_member=sun
    )
    Talk.objects.create(meeting=meeting, initiator=zhao, counterpart=sun, date=D(2030, 12, 20))
    return Meeting.objects.with_related().get(pk=meeting.pk)


@pytest.fixture(scope="session")
def long_team(django_db_setup, django_db_blocker) -> dict:
    """The ~12-page team material of ``make bench`` as DOCX and PDF, with what it must print in
    order; exported once per session inside a transaction that is rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        meeting = Meeting.objects.with_related().get(pk=benchdata.make_bench_meeting().pk)
        result = {
            "docx": export_document(meeting, "team", "docx").content,
            "pdf": export_document(meeting, "team", "pdf").content,
            "outline": team_outline(meeting),
        }
        transaction.set_rollback(True)
    return result
