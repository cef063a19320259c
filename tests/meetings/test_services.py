import datetime

import pytest
from django.core.exceptions import ValidationError

from apps.meetings import services
from apps.units.models import Member


def test_meeting_create_proposes_a_title_and_prepares_the_meeting(unit, outline):
    meeting = services.meeting_create(unit=unit, outline=outline, date=datetime.date(2031, 1, 5))
    assert meeting.title == "测试局党委2030年度民主生活会"
    assert meeting.kind == outline.meeting_kind
    assert meeting.host.name == "赵书记"
    assert meeting.materials.team().count() == 1
    assert [a.member.name for a in meeting.attendances.order_by("member__position")] == [
        "赵书记",
        "钱副书记",
        "孙委员",
    ]


def test_attendance_leaves_out_members_not_serving_on_the_date(unit, outline):
    Member.objects.filter(unit=unit, name="孙委员").update(active_to=datetime.date(2030, 6, 30))
    meeting = services.meeting_create(unit=unit, outline=outline, date=datetime.date(2031, 1, 5))
    assert "孙委员" not in {a.member.name for a in meeting.attendances.all()}


def test_a_given_title_is_kept(unit, outline):
    meeting = services.meeting_create(unit=unit, outline=outline, title="专题会议")
    assert meeting.title == "专题会议"


def test_inactive_outline_is_refused(unit, outline):
    outline.is_active = False
    outline.save()
    with pytest.raises(ValidationError):
        services.meeting_create(unit=unit, outline=outline)
    assert not unit.meetings.exists()


def test_generic_outline_takes_the_year_of_the_date(unit, outline):
    outline.year = None
    outline.save()
    meeting = services.meeting_create(unit=unit, outline=outline, date=datetime.date(2032, 12, 20))
    assert meeting.year == 2032
    assert "2032年度" in meeting.title


@pytest.mark.parametrize(
    ("kind", "title"),
    [
        ("democratic_life", "测试局党委2030年度民主生活会"),
        ("special_democratic_life", "测试局党委2030年度专题民主生活会"),
        ("organisational_life", "测试局党委2030年度组织生活会"),
    ],
)
def test_proposed_title_follows_the_meeting_kind(unit, outline, kind, title):
    outline.meeting_kind = kind
    assert services.propose_meeting_title(unit=unit, outline=outline, year=2030) == title


@pytest.mark.parametrize(
    ("year", "name", "title"),
    [
        (2021, "党史学习教育专题民主生活会", "测试局党委2021年度党史学习教育专题民主生活会"),
        (
            2023,
            "学习贯彻习近平新时代中国特色社会主义思想主题教育专题民主生活会",
            "测试局党委2023年度主题教育专题民主生活会",
        ),
        (2024, "年度民主生活会（党纪学习教育）", "测试局党委2024年度民主生活会"),
        (None, "组织生活会", "测试局党委2031年度组织生活会"),
    ],
)
def test_a_meeting_on_a_standard_outline_is_titled_with_the_short_form_of_its_theme(unit, year, name, title):
    from apps.outlines.models import OutlineTemplate

    standard = OutlineTemplate.objects.get(name=name, year=year)
    meeting = services.meeting_create(unit=unit, outline=standard, date=datetime.date(2031, 1, 5))
    assert meeting.title == title


def test_an_outlines_title_theme_goes_into_the_proposed_title(unit, outline):
    outline.meeting_kind, outline.title_theme = "special_democratic_life", "测试教育"
    assert services.propose_meeting_title(unit=unit, outline=outline, year=2030) == (
        "测试局党委2030年度测试教育专题民主生活会"
    )
