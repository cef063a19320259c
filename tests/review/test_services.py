"""Every action by every role from every status, on the team material and a personal one: allowed
exactly where the review rules say, refused with a Chinese reason everywhere else."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.entries.models import Material
from apps.review import services
from apps.review.models import Transition
from apps.review.signals import material_transitioned
from tests.review.conftest import ROLES, STATUSES, set_status

S = Material.Status
A = Transition.Action

# Written out independently of apps.review.services.RULES: (kind, action) -> {role: statuses}.
EXPECTED = {
    ("team", A.SUBMIT): {"drafter": {S.DRAFT, S.RETURNED}, "admin_user": {S.DRAFT, S.RETURNED}},
    ("team", A.RETURN): {
        "secretary": {S.SUBMITTED},
        "supervisor": {S.SUBMITTED, S.APPROVED},
        "admin_user": {S.SUBMITTED, S.APPROVED},
    },
    ("team", A.APPROVE): {"secretary": {S.SUBMITTED}, "admin_user": {S.SUBMITTED}},
    ("team", A.REOPEN): {"drafter": {S.APPROVED}, "admin_user": {S.APPROVED}},
    ("personal", A.SUBMIT): {"member_user": {S.DRAFT, S.RETURNED}, "admin_user": {S.DRAFT, S.RETURNED}},
    ("personal", A.RETURN): {"secretary": {S.SUBMITTED}, "admin_user": {S.SUBMITTED, S.APPROVED}},
    ("personal", A.APPROVE): {"secretary": {S.SUBMITTED}, "admin_user": {S.SUBMITTED}},
    ("personal", A.REOPEN): {"member_user": {S.APPROVED}, "admin_user": {S.APPROVED}},
}
TARGET = {A.SUBMIT: S.SUBMITTED, A.RETURN: S.RETURNED, A.APPROVE: S.APPROVED, A.REOPEN: S.DRAFT}


@pytest.mark.parametrize("kind", ["team", "personal"])
@pytest.mark.parametrize("action", [a.value for a in A])
@pytest.mark.parametrize("role", ROLES)
def test_every_action_by_every_role_from_every_status(kind, action, role, cast, request):
    material = request.getfixturevalue(kind)
    user = cast[role]
    allowed_from = EXPECTED[(kind, action)].get(role, set())
    for status in STATUSES:
        set_status(material, status)
        if status in allowed_from:
            assert services.refusal(user, material, action) == "", (status, role)
            record = services.perform(user, material, action, comment="请补充具体事例。")
            material.refresh_from_db()
            assert material.status == TARGET[action]
            assert (record.from_status, record.to_status, record.user) == (status, TARGET[action], user)
            assert record.as_supervisor == (role == "supervisor")
        else:
            reason = services.refusal(user, material, action)
            assert reason and any("\u4e00" <= ch <= "\u9fff" for ch in reason), (status, role)
            with pytest.raises(PermissionDenied) as refused:
                services.perform(user, material, action, comment="意见")
            assert str(refused.value) == reason
            material.refresh_from_db()
            assert material.status == status


def test_refusal_reasons_say_who_may(team, personal, member_user, drafter, secretary, supervisor):
    assert services.refusal(secretary, team, A.SUBMIT) == "只有撰稿人可以提交班子对照检查材料。"
    assert services.refusal(drafter, personal, A.SUBMIT) == "只有本人可以提交个人对照检查材料。"
    assert services.refusal(drafter, set_status(team, S.SUBMITTED), A.APPROVE) == "只有书记可以审核通过。"
    assert services.refusal(drafter, team, A.SUBMIT) == "材料已提交审核，正在等待书记审核。"
    assert services.refusal(secretary, set_status(personal, S.DRAFT), A.APPROVE) == (
        "材料当前状态为“起草中”，不能审核通过。"
    )
    assert services.refusal(supervisor, set_status(personal, S.SUBMITTED), A.RETURN) == (
        "只有书记可以退回个人对照检查材料。"
    )


def test_a_member_without_a_login_is_submitted_for_by_the_drafters(meeting, unit, drafter, secretary):
    without_login = Material.objects.create(meeting=meeting, member=unit.members.get(position=1))
    assert services.refusal(drafter, without_login, A.SUBMIT) == ""
    services.submit(drafter, without_login)
    services.return_for_revision(secretary, without_login, "请修改")
    assert drafter.notifications.filter(kind="review_return").exists()


def test_a_return_needs_a_comment_and_changes_nothing_without_one(team, secretary):
    set_status(team, S.SUBMITTED)
    for blank in ("", "   \n "):
        with pytest.raises(ValidationError) as error:
            services.return_for_revision(secretary, team, blank)
        assert error.value.message_dict["comment"] == [services.COMMENT_REQUIRED]
    team.refresh_from_db()
    assert team.status == S.SUBMITTED and not team.transitions.exists()


def test_an_over_long_comment_is_refused_not_cut(team, secretary):
    set_status(team, S.SUBMITTED)
    with pytest.raises(ValidationError) as error:
        services.return_for_revision(secretary, team, "改" * (services.COMMENT_LIMIT + 1))
    assert "最多 5000 字" in error.value.message_dict["comment"][0]
    assert not team.transitions.exists()


def test_a_deactivated_unit_allows_no_transition(team, unit, drafter, admin_user):
    unit.is_active = False
    unit.save()
    team.meeting.unit.is_active = False
    for user in (drafter, admin_user):
        assert services.refusal(user, team, A.SUBMIT) == "该单位已停用，会议和材料只能查看，不能修改。"


def test_the_whole_cycle_is_recorded_in_order_and_the_signal_is_sent(team, drafter, secretary, supervisor):
    received = []

    def listener(sender, material, transition, user, **kwargs):
        received.append((material.pk, transition.action, transition.to_status, user.username))

    material_transitioned.connect(listener)
    try:
        services.submit(drafter, team)
        services.return_for_revision(secretary, team, "第一条问题缺少事例。")
        services.submit(drafter, team)
        services.approve(secretary, team)
        services.return_for_revision(supervisor, team, "原因剖析不够深入。")
        services.submit(drafter, team)
        services.approve(secretary, team)
        services.reopen(drafter, team)
    finally:
        material_transitioned.disconnect(listener)
    record = list(team.transitions.values_list("action", "from_status", "to_status", "as_supervisor"))
    assert record == [
        ("submit", "draft", "submitted", False),
        ("return", "submitted", "returned", False),
        ("submit", "returned", "submitted", False),
        ("approve", "submitted", "approved", False),
        ("return", "approved", "returned", True),
        ("submit", "returned", "submitted", False),
        ("approve", "submitted", "approved", False),
        ("reopen", "approved", "draft", False),
    ]
    assert [r[1] for r in received] == [r[0] for r in record]
    assert received[4] == (team.pk, "return", "returned", "supervisor")
    assert team.transitions.get(as_supervisor=True).comment_label == "督导组意见"


def test_a_status_changed_meanwhile_is_read_again_before_acting(team, drafter, secretary):
    """Two reviewers on stale pages: the second action sees the status the first one left."""
    set_status(team, S.SUBMITTED)
    stale = Material.objects.get(pk=team.pk)
    services.approve(secretary, team)
    with pytest.raises(PermissionDenied):
        services.return_for_revision(secretary, stale, "退回")
    assert Material.objects.get(pk=team.pk).status == S.APPROVED
