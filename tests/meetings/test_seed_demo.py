"""``manage.py seed_demo``: idempotent, complete enough to try every screen, refused when disabled."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from apps.entries.models import Cause, Material, Measure, Problem
from apps.exports.context import build_export_context
from apps.meetings.models import Meeting
from apps.outlines.models import OutlineTemplate
from apps.units.models import Unit
from tests.login import log_in

User = get_user_model()


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.fixture
def demo_meeting(db) -> Meeting:
    seed()
    return Meeting.objects.get(unit__name="示范市数据资源管理局党组", year=2023)


def test_running_twice_creates_nothing_twice(db):
    seed()
    first = row_counts()
    seed()
    assert row_counts() == first


def test_reset_rebuilds_the_meeting_without_duplicates(demo_meeting):
    first = row_counts()
    output = seed("--reset")
    assert row_counts() == first
    assert not Meeting.objects.filter(pk=demo_meeting.pk).exists()
    assert Meeting.objects.get(unit=demo_meeting.unit, year=2023).title == demo_meeting.title
    assert "已创建" in output


def test_refuses_without_the_2023_outline(db):
    OutlineTemplate.objects.filter(year=2023).delete()
    with pytest.raises(CommandError, match="migrate"):
        seed()
    assert not Unit.objects.exists()


def test_output_lists_the_logins_and_the_meeting_url(db):
    output = seed()
    meeting = Meeting.objects.get(year=2023)
    assert "http://127.0.0.1:8000" + reverse("meetings:detail", args=[meeting.pk]) in output
    for login in ("demo / demo1234", "admin / admin1234", "shuji / shuji1234", "dudao / dudao1234"):
        assert login in output


def test_printed_url_follows_where_the_app_is_served(db):
    output = seed("--base-url", "http://127.0.0.1:8001/")
    meeting = Meeting.objects.get(year=2023)
    assert "http://127.0.0.1:8001" + reverse("meetings:detail", args=[meeting.pk]) + "\n" in output


def test_demo_user_can_log_in_and_open_the_meeting(client, demo_meeting):
    assert log_in(client, "demo", "demo1234")
    response = client.get(reverse("meetings:detail", args=[demo_meeting.pk]))
    assert response.status_code == 200


def test_rerun_repairs_a_changed_password(client, demo_meeting):
    user = User.objects.get(username="demo")
    user.set_password("changed-by-someone")
    user.save()
    seed()
    assert log_in(client, "demo", "demo1234")


def test_accounts_have_their_roles(demo_meeting):
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    roles = {
        name: set(User.objects.get(username=name).unit_roles.values_list("role", flat=True))
        for name in ("demo", "shuji", "chengyuan", "dudao", "zuzhibu")
    }
    assert roles == {
        "demo": {"drafter"},
        "shuji": {"secretary"},
        "chengyuan": {"member"},
        "dudao": {"supervisor"},
        "zuzhibu": {"organisation"},
    }
    members = demo_meeting.unit.members
    assert members.get(position=1).user.username == "shuji"
    assert members.get(position=3).user.username == "chengyuan"


def test_unit_has_seven_members_in_official_order(demo_meeting):
    members = list(demo_meeting.unit.members.order_by("position"))
    assert [member.position for member in members] == list(range(1, 8))
    assert members[0].role == "secretary"
    assert members[1].role == "deputy_secretary"
    assert {member.role for member in members[2:]} == {"committee_member"}
    assert all(member.title for member in members)


def test_meeting_is_on_the_2023_outline_with_one_absence(demo_meeting):
    assert demo_meeting.outline.year == 2023
    assert demo_meeting.outline.meeting_kind == "special_democratic_life"
    assert demo_meeting.host.position == 1
    assert demo_meeting.supervisor_names and demo_meeting.supervisor_org
    assert demo_meeting.narrative and demo_meeting.supervisor_remarks
    absent = demo_meeting.attendances.filter(present=False)
    assert absent.count() == 1 and absent.get().absence_reason
    assert demo_meeting.attendances.count() == 7


def test_team_material_has_two_concrete_problems_per_aspect(demo_meeting):
    material = demo_meeting.materials.team().get()
    assert material.preamble.endswith("现将对照检查情况报告如下：")
    assert material.closing
    for aspect in demo_meeting.outline.aspects.all():
        problems = material.problems.filter(aspect=aspect)
        assert problems.count() >= 2, aspect.label
        for problem in problems:
            assert problem.headline and problem.elaboration
            assert problem.example.startswith("比如")
            assert "有的同志" not in problem.elaboration + problem.example
    assert material.problems.values("source").distinct().count() >= 3


def test_team_material_prints_as_real_ones_do_with_lead_ins_and_leads(demo_meeting):
    team = demo_meeting.materials.get(member__isnull=True)
    assert team.layout == "run_in" and team.aspect_texts.exclude(lead_in="").count() == 2
    text = build_export_context(demo_meeting, "team").text
    assert "（一）学习贯彻习近平新时代中国特色社会主义思想方面。局党组把学习贯彻" in text
    assert "还存在一些问题：一是理论学习与数据工作结合得不够紧密。" in text
    assert team.causes_lead in text and team.measures_lead in text


def test_team_material_has_four_causes_each_explaining_problems(demo_meeting):
    material = demo_meeting.materials.team().get()
    causes = material.causes.all()
    assert causes.count() == 4
    assert len({cause.category for cause in causes}) == 4
    assert all(cause.problems.count() >= 2 for cause in causes)
    explained = Problem.objects.filter(causes__material=material).distinct().count()
    assert explained == material.problems.count()


def test_team_material_has_four_measures_ready_for_the_ledger(demo_meeting):
    material = demo_meeting.materials.team().get()
    measures = material.measures.all()
    assert measures.count() == 4
    for measure in measures:
        assert 2 <= measure.items.count() <= 4
        assert measure.owner and measure.department
        assert measure.deadline > demo_meeting.date
        assert measure.problems.exists() and measure.causes.exists()
    done = measures.filter(status=Measure.Status.DONE)
    assert done.exists() and all(measure.completed_on for measure in done)


def test_preparation_records_are_there(demo_meeting):
    assert 2 <= demo_meeting.study_sessions.count() <= 3
    assert 2 <= demo_meeting.solicitations.count() <= 3
    opinions = demo_meeting.opinions.all()
    assert opinions.count() == 8
    assert opinions.filter(aspect__isnull=False).exists()
    assert opinions.filter(target_member__isnull=False).exists()
    assert opinions.filter(claimed_by__isnull=False).count() >= 3
    talks = demo_meeting.talks.all()
    assert 3 <= talks.count() <= 4
    assert talks.filter(counterpart__isnull=True).exclude(counterpart_name="").exists()


def test_secretary_has_a_personal_material(demo_meeting):
    material = Material.objects.personal().get(meeting=demo_meeting)
    assert material.member.position == 1
    assert 2 <= material.problems.count() <= 3
    assert Cause.objects.filter(material=material).exists()
    assert Measure.objects.filter(material=material, owner=material.member).exists()


def test_refuses_when_demo_seed_is_not_allowed(db, settings):
    settings.ALLOW_DEMO_SEED = False
    with pytest.raises(CommandError, match="ALLOW_DEMO_SEED"):
        seed()
    assert not Unit.objects.exists()
    assert not User.objects.exists()
