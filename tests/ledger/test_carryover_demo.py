"""The demo shows the way into next year: the demo unit met the year before (``seed_demo``), so the
demo meeting's team material starts with the recap drafted from that year's ledger, its 查摆问题
step offers the two measures still open, and the 情况报告 counts them."""

from io import StringIO

import pytest
from django.core.management import call_command

from apps.entries.models import Measure
from apps.exports.context import build_export_context
from apps.ledger import carryover
from apps.ledger.models import ProgressNote
from apps.meetings import demo_content
from apps.meetings.models import Meeting


@pytest.fixture
def demo(db) -> Meeting:
    call_command("seed_demo", stdout=StringIO())
    return Meeting.objects.with_related().get(title=demo_content.MEETING.title)


def test_the_demo_unit_met_the_year_before_with_its_ledger(demo):
    previous = carryover.previous_meeting(demo)
    assert previous.title == demo_content.PREVIOUS_MEETING["title"]
    measures = Measure.objects.filter(material__meeting=previous).order_by("position")
    assert [m.status for m in measures] == [m.status for m in demo_content.PREVIOUS_MEASURES]
    assert ProgressNote.objects.filter(measure__in=measures).count() == 3
    assert all(m.problems.count() == 1 for m in measures)


def test_the_demo_team_material_starts_with_the_recap_and_offers_the_open_measures(demo):
    team = demo.materials.get(member=None)
    assert team.recap == carryover.recap_draft(team)
    assert team.recap.startswith(
        "上年度民主生活会查摆的4个问题、制定的4项整改措施，已完成2项（其中已销号1项），正在推进1项，尚未启动1项。"
    )
    offers = carryover.carryover_for(team).offers
    assert [offer.measure.headline for offer in offers] == [
        "优化高频事项网办流程",
        "修订信息化项目验收管理办法",
    ]
    # 为民服务 is an aspect of both outlines; 廉洁从政 is not, so that measure gets the first aspect.
    assert [offer.default_aspect.label for offer in offers] == ["为民服务", "理论学习"]
    # The secretary's personal material keeps the recap the demo wrote for it.
    assert demo.materials.get(member__position=1).recap == demo_content.PERSONAL_MATERIALS[1].recap


def test_the_demo_situation_report_counts_last_years_ledger_after_its_narrative(demo):
    text = build_export_context(demo, "situation").text
    assert "周明远同志通报了上年度民主生活会整改落实情况" in text
    assert (
        "上年度民主生活会查摆的4个问题、制定的4项整改措施，已完成2项（其中已销号1项），正在推进1项，尚未启动1项，"
        in text
    )


def test_seeding_again_creates_the_previous_meeting_once(demo):
    call_command("seed_demo", "--reset", stdout=StringIO())
    assert Meeting.objects.filter(title=demo_content.PREVIOUS_MEETING["title"]).count() == 1
    team = Meeting.objects.get(title=demo_content.MEETING.title).materials.get(member=None)
    assert team.recap.startswith("上年度民主生活会查摆的4个问题")
