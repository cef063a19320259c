from apps.core.guards import install_guards
from apps.entries.models import Problem
from apps.meetings.models import Attendance, Meeting, Opinion, OpinionSolicitation, Talk
from tests.db import rejected


def test_attendance_of_another_units_member_is_rejected(meeting, unit, other_unit):
    Attendance.objects.create(meeting=meeting, member=unit.members.first())
    assert rejected(lambda: Attendance.objects.create(meeting=meeting, member=other_unit.members.get()))


def test_absence_needs_a_reason(meeting, unit):
    member = unit.members.first()
    assert rejected(lambda: Attendance.objects.create(meeting=meeting, member=member, present=False))
    Attendance.objects.create(meeting=meeting, member=member, present=False, absence_reason="因公出差")


def test_each_member_is_listed_once(meeting, unit):
    member = unit.members.first()
    Attendance.objects.create(meeting=meeting, member=member)
    assert rejected(lambda: Attendance.objects.create(meeting=meeting, member=member))


def test_host_must_be_a_member_of_the_unit(meeting, other_unit):
    assert rejected(lambda: Meeting.objects.filter(pk=meeting.pk).update(host=other_unit.members.get()))


def test_talk_members_must_belong_to_the_unit_and_differ(meeting, unit, other_unit):
    first, second = unit.members.all()[:2]
    Talk.objects.create(meeting=meeting, initiator=first, counterpart=second)
    Talk.objects.create(meeting=meeting, initiator=first, counterpart_name="办公室主任 某同志")
    assert rejected(
        lambda: Talk.objects.create(meeting=meeting, initiator=first, counterpart=other_unit.members.get())
    )
    assert rejected(lambda: Talk.objects.create(meeting=meeting, initiator=first, counterpart=first))
    assert rejected(lambda: Talk.objects.create(meeting=meeting, initiator=first))


def test_opinion_links_stay_in_the_meeting(meeting, other_meeting, other_unit):
    solicitation = OpinionSolicitation.objects.create(meeting=other_meeting, method="forum")
    material = other_meeting.materials.get()
    foreign_problem = Problem.objects.create(
        material=material, aspect=other_meeting.outline.aspects.first(), position=1, headline="外"
    )
    Opinion.objects.create(meeting=meeting, position=1, text="意见")
    assert rejected(
        lambda: Opinion.objects.create(meeting=meeting, position=2, text="意见", solicitation=solicitation)
    )
    assert rejected(
        lambda: Opinion.objects.create(meeting=meeting, position=2, text="意见", claimed_by=foreign_problem)
    )
    assert rejected(
        lambda: Opinion.objects.create(
            meeting=meeting, position=2, text="意见", target_member=other_unit.members.get()
        )
    )


def test_opinion_positions_are_unique(meeting):
    Opinion.objects.create(meeting=meeting, position=1, text="意见")
    assert rejected(lambda: Opinion.objects.create(meeting=meeting, position=1, text="另一条"))


def test_guards_can_be_installed_again_and_still_hold(meeting, other_unit):
    # install_guards runs after every migrate (SQLite drops triggers when it rebuilds a table).
    install_guards()
    install_guards()
    assert rejected(lambda: Attendance.objects.create(meeting=meeting, member=other_unit.members.get()))
