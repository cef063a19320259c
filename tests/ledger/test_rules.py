"""Who may take which step on a measure, from which status: every action by every role from every
status, written out here independently of apps.ledger.rules.RULES, with the Chinese reasons."""

import datetime

import pytest

from apps.entries.models import Measure
from apps.ledger import rules
from apps.ledger.models import StatusChange
from tests.ledger.measure_cast import *  # noqa: F403  (the cast's fixtures)
from tests.ledger.measure_cast import ROLES, STATUSES, set_status

S = Measure.Status
A = StatusChange.Action
FOLLOWERS = {"owner", "drafter", "secretary", "admin"}

# action -> {role: the statuses it may act from}
EXPECTED = {
    A.START: {role: {S.NOT_STARTED} for role in FOLLOWERS},
    A.COMPLETE: {role: {S.NOT_STARTED, S.IN_PROGRESS} for role in FOLLOWERS},
    A.CLOSE: {"secretary": {S.DONE}, "admin": {S.DONE}},
    A.REOPEN: {
        "owner": {S.DONE},
        "drafter": {S.DONE},
        "secretary": {S.DONE, S.CLOSED},
        "admin": {S.DONE, S.CLOSED},
    },
}
NOTE_STATUSES = {S.NOT_STARTED, S.IN_PROGRESS, S.DONE}


@pytest.mark.parametrize("role", ROLES)
def test_every_action_by_every_role_from_every_status(cast, measure, role):
    user = cast[role]
    for status in STATUSES:
        set_status(measure, status)
        allowed = {action for action in EXPECTED if status in EXPECTED[action].get(role, set())}
        assert set(rules.allowed_actions(user, measure)) == allowed, (role, status)
        for action in EXPECTED:
            reason = rules.refusal(user, measure, action)
            if action in allowed:
                assert reason == ""
            else:
                assert reason and any("\u4e00" <= ch <= "\u9fff" for ch in reason), (role, status, action)


@pytest.mark.parametrize("role", ROLES)
def test_progress_notes_are_written_by_the_followers_until_signed_off(cast, measure, role):
    for status in STATUSES:
        set_status(measure, status)
        expected = role in FOLLOWERS and status in NOTE_STATUSES
        assert rules.can_add_note(cast[role], measure) is expected, (role, status)


def test_the_reasons_say_who_may_and_why_not(cast, measure):
    assert rules.refusal(cast["member"], measure, A.START) == "只有责任领导、撰稿人或书记可以开始推进。"
    assert (
        rules.refusal(cast["supervisor"], measure, A.COMPLETE) == "只有责任领导、撰稿人或书记可以标记完成。"
    )
    set_status(measure, S.DONE)
    assert rules.refusal(cast["owner"], measure, A.CLOSE) == "只有书记可以销号。"
    assert rules.refusal(cast["drafter"], measure, A.CLOSE) == "只有书记可以销号。"
    assert rules.refusal(cast["owner"], measure, A.COMPLETE) == "措施当前状态为“已完成”，不能标记完成。"
    set_status(measure, S.CLOSED)
    assert rules.refusal(cast["owner"], measure, A.REOPEN) == "措施已销号，只有书记可以重新打开。"
    assert (
        rules.note_refusal(cast["drafter"], measure)
        == "措施已销号，不能再填写进展；如需补充，请书记先重新打开。"
    )
    assert rules.note_refusal(cast["organisation"], measure) == "只有责任领导、撰稿人或书记可以填写整改进展。"
    assert rules.refusal(cast["secretary"], measure, "delete") == "没有这个整改操作。"


def test_a_deactivated_unit_lets_nobody_write(cast, measure, unit):
    unit.is_active = False
    unit.save()
    measure.material.meeting.unit.is_active = False
    for user in (cast["owner"], cast["secretary"], cast["admin"]):
        assert rules.allowed_actions(user, measure) == []
        assert rules.note_refusal(user, measure) == "该单位已停用，会议和材料只能查看，不能修改。"


def test_the_owner_is_the_members_login_while_it_holds_a_role_in_the_unit(cast, measure, owner):
    assert rules.capacities(owner, measure) == {rules.OWNER}
    owner.unit_roles.all().delete()
    owner.__dict__.pop("_held_roles", None)  # the roles are read once per request
    assert rules.capacities(owner, measure) == set()
    assert not rules.can_add_note(owner, measure)


def test_a_secretary_who_owns_the_measure_signs_it_off_as_secretary(measure, secretary, unit):
    unit.members.filter(position=1).update(user=secretary)
    Measure.objects.filter(pk=measure.pk).update(owner=unit.members.get(position=1))
    set_status(measure, S.DONE)
    assert rules.capacities(secretary, measure) == {rules.OWNER, rules.SECRETARY}
    assert rules.acting_capacity(secretary, measure, A.CLOSE) == rules.SECRETARY
    assert rules.acting_capacity(secretary, measure, A.REOPEN) == rules.SECRETARY


def test_a_measure_is_overdue_past_its_deadline_until_it_is_done(measure):
    day = datetime.date(2032, 1, 1)
    assert measure.is_overdue(day)
    assert not measure.is_overdue(datetime.date(2031, 12, 31))
    for status in (S.DONE, S.CLOSED):
        assert not set_status(measure, status).is_overdue(day)
    set_status(measure, S.IN_PROGRESS).deadline = None
    assert not measure.is_overdue(day)
