"""Into next year, the services: which meeting and material came before, the counts, the drafted
上年度整改落实情况 and the new material that starts with it."""

import datetime

import pytest

from apps.entries import services as entries
from apps.entries.models import Material, Measure, Problem
from apps.ledger import carryover
from apps.meetings import services as meetings
from apps.meetings.models import Meeting
from tests.ledger import carryover_cast as cast

D = datetime.date
TODAY = cast.TODAY
last_outline, last_year, last_team, last_personal = (
    cast.last_outline,
    cast.last_year,
    cast.last_team,
    cast.last_personal,
)

TEAM_DRAFT = (
    "上年度民主生活会查摆的4个问题、制定的4项整改措施，已完成2项（其中已销号1项），正在推进1项，尚未启动1项。"
    "尚未完成的2项中，1项已超过完成时限："
    "一是健全廉洁风险防控机制，责任领导钱副书记，完成时限2030年6月30日，正在推进，已超过完成时限；"
    "二是建立攻坚项目包联制度，责任领导赵书记，完成时限2099年12月31日，尚未启动。"
    "班子将把尚未完成的整改措施纳入本年度整改，持续跟踪推进，确保逐项销号。"
)
PERSONAL_DRAFT = (
    "上年度民主生活会我查摆的1个问题、制定的2项整改措施，已完成1项，正在推进1项。"
    "尚未完成的1项：一是建立项目周调度，完成时限2099年6月30日，正在推进。"
    "对尚未完成的整改措施，我将继续推进，确保按期整改到位。"
)


THIS_YEARS_DATE = D(2031, 1, 5)


def new_meeting(unit, outline, *, year: int = 2030, date: datetime.date | None = THIS_YEARS_DATE) -> Meeting:
    return meetings.meeting_create(unit=unit, outline=outline, date=date, year=year)


# --- previous_meeting / previous_material ---------------------------------------------------------


def test_previous_meeting_is_the_same_units_latest_earlier_one(unit, outline, last_year, other_meeting):
    older = Meeting.objects.create(
        unit=unit, outline=outline, kind="democratic_life", year=2028, title="旧会"
    )
    later = Meeting.objects.create(
        unit=unit, outline=outline, kind="democratic_life", year=2031, title="明年"
    )
    meeting = new_meeting(unit, outline)
    assert carryover.previous_meeting(meeting) == last_year
    assert carryover.previous_meeting(last_year) == older
    assert carryover.previous_meeting(older) is None
    assert carryover.previous_meeting(later) == meeting
    assert carryover.previous_meeting(other_meeting) is None  # another unit's meetings are not its past


def test_an_earlier_meeting_of_the_same_year_comes_before_by_date(unit, outline, last_year):
    special = new_meeting(unit, outline, year=2030, date=D(2030, 6, 1))
    annual = new_meeting(unit, outline, year=2030, date=D(2031, 1, 5))
    assert carryover.previous_meeting(annual) == special
    assert carryover.previous_meeting(special) == last_year
    assert carryover.meeting_label(special, annual) == "上次民主生活会"


def test_previous_material_matches_team_with_team_and_a_member_with_their_own(
    unit, outline, last_team, last_personal
):
    meeting = new_meeting(unit, outline)
    zhao, _qian, sun = unit.members.order_by("position")
    assert carryover.previous_material(meeting.materials.get(member=None)) == last_team
    assert carryover.previous_material(Material.objects.create(meeting=meeting, member=sun)) == last_personal
    # 赵书记 wrote no personal material last year: nothing to carry.
    assert carryover.previous_material(Material.objects.create(meeting=meeting, member=zhao)) is None


# --- rectification_summary ------------------------------------------------------------------------


def test_summary_counts_equal_the_ledger(last_team):
    measures = list(last_team.measures.all())
    summary = carryover.rectification_summary(measures, today=TODAY)
    by_status = {status: last_team.measures.filter(status=status).count() for status in Measure.Status.values}
    linked = Problem.objects.filter(material=last_team, measures__isnull=False).distinct().count()
    overdue = last_team.measures.overdue(TODAY).count()
    assert summary == carryover.RectificationSummary(
        problems=linked,
        measures=last_team.measures.count(),
        done=by_status["done"] + by_status["closed"],
        closed=by_status["closed"],
        in_progress=by_status["in_progress"],
        not_started=by_status["not_started"],
        overdue=overdue,
    )
    assert (summary.problems, summary.done, summary.closed, summary.open, summary.overdue) == (3, 2, 1, 2, 1)
    # Counted on another day, the measure due 2099 is not overdue either, and one before its deadline is not.
    assert carryover.rectification_summary(measures, today=D(2030, 6, 30)).overdue == 0
    assert carryover.rectification_summary([], today=TODAY).measures == 0


# --- recap_draft ----------------------------------------------------------------------------------


def test_team_draft_reports_the_counts_and_what_is_still_open(unit, outline, last_team):
    team = new_meeting(unit, outline).materials.get(member=None)
    draft = carryover.recap_draft(team, today=TODAY)
    assert draft == TEAM_DRAFT
    # The numbers are the ledger's own.
    assert f"查摆的{last_team.problems.count()}个问题" in draft
    assert f"制定的{last_team.measures.count()}项整改措施" in draft
    done = last_team.measures.filter(status__in=["done", "closed"]).count()
    assert f"已完成{done}项（其中已销号{last_team.measures.filter(status='closed').count()}项）" in draft
    assert f"正在推进{last_team.measures.filter(status='in_progress').count()}项" in draft


def test_personal_draft_is_in_the_first_person(unit, outline, last_personal, member_user):
    meeting = new_meeting(unit, outline)
    sun = unit.members.get(position=3)
    personal = Material.objects.create(meeting=meeting, member=sun)
    assert carryover.recap_draft(personal, today=TODAY) == PERSONAL_DRAFT


def test_all_done_reads_as_done_without_a_list(unit, outline, last_team):
    for measure in last_team.measures.exclude(status__in=["done", "closed"]):
        cast.set_status(measure, "closed", D(2030, 12, 1))
    team = new_meeting(unit, outline).materials.get(member=None)
    assert carryover.recap_draft(team, today=TODAY) == (
        "上年度民主生活会查摆的4个问题、制定的4项整改措施，已全部完成（其中已销号3项）。"
    )


def test_when_every_open_measure_is_late_it_says_so_once(unit, outline, last_team):
    team = new_meeting(unit, outline).materials.get(member=None)
    draft = carryover.recap_draft(team, today=D(2100, 1, 1))
    assert "尚未完成的2项均已超过完成时限：一是健全廉洁风险防控机制" in draft
    assert draft.count("已超过完成时限") == 1  # not again after each item


def test_a_skipped_year_names_the_year(unit, outline, last_team):
    team = new_meeting(unit, outline, year=2031, date=D(2032, 1, 5)).materials.get(member=None)
    assert carryover.recap_draft(team, today=TODAY).startswith("2029年度民主生活会查摆的4个问题")


def test_many_open_measures_stay_within_the_fields_limit(unit, outline, last_team):
    for n in range(80):
        entries.measure_add(material=last_team, headline=f"第{n}项很长的整改措施" + "落实" * 40)
    team = new_meeting(unit, outline).materials.get(member=None)
    draft = carryover.recap_draft(team, today=TODAY)
    assert len(draft) <= Material._meta.get_field("recap").max_length
    assert "尚未完成的82项" in draft and "项未列出" in draft
    assert draft.endswith("确保逐项销号。")


# --- a new material starts with the draft ---------------------------------------------------------


def test_a_new_meetings_team_and_personal_materials_start_with_the_draft(
    client, unit, outline, last_year, member_user
):
    meeting = new_meeting(unit, outline)
    team = meeting.materials.get(member=None)
    today_draft = carryover.recap_draft(team)
    assert team.recap == today_draft
    assert team.recap.startswith("上年度民主生活会查摆的4个问题、制定的4项整改措施")
    # The member opens their own personal material from the meeting page.
    client.force_login(member_user)
    sun = unit.members.get(position=3)
    response = client.post(f"/meetings/{meeting.pk}/work/members/{sun.pk}/material/")
    assert response.status_code == 302
    personal = meeting.materials.get(member=sun)
    assert personal.recap.startswith("上年度民主生活会我查摆的1个问题、制定的2项整改措施")
    assert personal.recap == carryover.recap_draft(personal)


def test_a_material_created_with_its_own_recap_keeps_it(unit, outline, last_year):
    meeting = Meeting.objects.create(
        unit=unit, outline=outline, kind="democratic_life", year=2030, title="会"
    )
    material = Material.objects.create(meeting=meeting, recap="上年度问题已整改。")
    material.refresh_from_db()
    assert material.recap == "上年度问题已整改。"


def test_no_previous_meeting_no_draft(unit, outline):
    team = new_meeting(unit, outline).materials.get(member=None)
    assert team.recap == ""
    assert carryover.recap_draft(team) == ""


def test_an_empty_previous_year_gives_no_draft(unit, outline, last_outline):
    empty = Meeting.objects.create(
        unit=unit, outline=last_outline, kind="democratic_life", year=2029, title="去年", date=D(2030, 1, 8)
    )
    entries.problem_add(
        material=Material.objects.create(meeting=empty), aspect=last_outline.aspects.first(), headline="问题"
    )  # problems, but no measure: nothing was rectified to report
    team = new_meeting(unit, outline).materials.get(member=None)
    assert team.recap == ""
    assert carryover.recap_draft(team) == ""


@pytest.mark.parametrize("count", [2, 12])
def test_the_draft_reads_in_a_fixed_number_of_queries(
    unit, outline, last_team, count, django_assert_num_queries
):
    for n in range(count):
        measure = entries.measure_add(material=last_team, headline=f"措施{n}", owner=unit.members.first())
        measure.problems.set(last_team.problems.all())
    team = new_meeting(unit, outline).materials.get(member=None)
    with django_assert_num_queries(5):  # meeting, material, measures, their problems, problem count
        carryover.recap_draft(team, today=TODAY)
