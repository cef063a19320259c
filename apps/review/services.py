"""The review cycle of a material: 起草中 → 已提交审核 → 退回修改 / 审核通过, and back.

Who may take which action from which status lives in one table, :data:`RULES`; every view, button
and template asks :func:`refusal` / :func:`allowed_actions`, never the roles directly. A plain table
fits better than a state-machine library here: the status belongs to apps/entries (which must not
know about the review), and what decides a transition is the *user's capacity* on that material
(its writer, the unit's 书记, the 督导组, an administrator), which such libraries bolt on as
per-method permission callbacks anyway.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from apps.accounts import access
from apps.accounts.models import UnitRole
from apps.core.text import clean_text, shorten
from apps.entries.models import Material
from apps.notifications.services import notify_audiences, users_with_role
from apps.review.models import Transition
from apps.review.signals import material_transitioned

logger = logging.getLogger(__name__)

Action = Transition.Action
Status = Material.Status
Role = UnitRole.Role

# The capacities in which a user acts on one material.
WRITER = "writer"  # the member for their personal material, a drafter for the team material
SECRETARY = "secretary"
SUPERVISOR = "supervisor"  # the 督导组, on team materials only
ADMIN = "admin"


@dataclass(frozen=True)
class Rule:
    target: str
    by: dict[str, frozenset[str]]  # capacity -> the statuses it may take the action from
    comment_required: bool = False


def _from(*statuses: str) -> frozenset[str]:
    return frozenset(statuses)


RULES: dict[str, Rule] = {
    Action.SUBMIT: Rule(
        Status.SUBMITTED,
        {WRITER: _from(Status.DRAFT, Status.RETURNED), ADMIN: _from(Status.DRAFT, Status.RETURNED)},
    ),
    Action.RETURN: Rule(
        Status.RETURNED,
        {
            SECRETARY: _from(Status.SUBMITTED),
            SUPERVISOR: _from(Status.SUBMITTED, Status.APPROVED),
            ADMIN: _from(Status.SUBMITTED, Status.APPROVED),
        },
        comment_required=True,
    ),
    Action.APPROVE: Rule(
        Status.APPROVED, {SECRETARY: _from(Status.SUBMITTED), ADMIN: _from(Status.SUBMITTED)}
    ),
    Action.REOPEN: Rule(Status.DRAFT, {WRITER: _from(Status.APPROVED), ADMIN: _from(Status.APPROVED)}),
}
# When a user holds several capacities, the first that allows the action is the one recorded
# (a 书记 who also sits in the 督导组 returns a submitted material as 书记).
PREFERENCE = (ADMIN, SECRETARY, WRITER, SUPERVISOR)

COMMENT_REQUIRED = "退回修改时请填写意见，写明需要修改的地方。"
COMMENT_LIMIT = 5000


def capacities(user, material: Material) -> frozenset[str]:
    """What ``user`` is to ``material`` for the review (empty for another unit's users)."""
    if not user.is_authenticated:
        return frozenset()
    if access.is_admin(user):
        return frozenset({ADMIN})
    roles = access.roles_in(user, material.meeting.unit)
    held = set()
    if _writes_for_review(user, material, roles):
        held.add(WRITER)
    if Role.SECRETARY in roles:
        held.add(SECRETARY)
    if Role.SUPERVISOR in roles and material.is_team:
        held.add(SUPERVISOR)
    return frozenset(held)


def _writes_for_review(user, material: Material, roles: frozenset[str]) -> bool:
    """The team material is submitted by the drafters; a personal one by its member, or by the
    drafters when the member has no login account to do it themselves."""
    if material.is_team:
        return Role.DRAFTER in roles
    member = material.member
    if member.user_id is None:
        return Role.DRAFTER in roles
    return member.user_id == user.pk and Role.MEMBER in roles


def _role_message(action: str, material: Material) -> str:
    kind = "班子对照检查材料" if material.is_team else "个人对照检查材料"
    writer = "撰稿人" if material.is_team else "本人"
    return {
        Action.SUBMIT: f"只有{writer}可以提交{kind}。",
        Action.RETURN: "只有书记或督导组可以退回修改。" if material.is_team else f"只有书记可以退回{kind}。",
        Action.APPROVE: "只有书记可以审核通过。",
        Action.REOPEN: f"只有{writer}可以重新打开{kind}。",
    }[action]


def acting_capacity(user, material: Material, action: str) -> str | None:
    """The capacity in which ``user`` may take ``action`` now, or None."""
    rule = RULES[action]
    held = capacities(user, material)
    for capacity in PREFERENCE:
        if capacity in held and material.status in rule.by.get(capacity, ()):
            return capacity
    return None


def refusal(user, material: Material, action: str) -> str:
    """Why ``user`` may not take ``action`` on ``material`` now, in Chinese ('' when they may)."""
    if action not in RULES:
        return "没有这个审核操作。"
    if not material.meeting.unit.is_active:
        return access.INACTIVE_UNIT_MESSAGE
    rule = RULES[action]
    held = capacities(user, material) & rule.by.keys()
    if not held:
        return _role_message(action, material)
    if acting_capacity(user, material, action) is None:
        label = Action(action).label
        if material.status == Status.SUBMITTED and action == Action.SUBMIT:
            return "材料已提交审核，正在等待书记审核。"
        return f"材料当前状态为“{material.get_status_display()}”，不能{label}。"
    return ""


def allowed_actions(user, material: Material) -> list[str]:
    return [action for action in RULES if not refusal(user, material, action)]


def perform(user, material: Material, action: str, comment: str = "") -> Transition:
    """Take ``action`` on ``material``: the status changes, a :class:`Transition` records it,
    ``material_transitioned`` is sent inside the same transaction (the history snapshots the
    material) and the people concerned are told. PermissionDenied (with the Chinese reason) when
    the user may not; ValidationError on ``comment`` when it is missing or too long."""
    comment = clean_text(comment or "")
    if len(comment) > COMMENT_LIMIT:
        raise ValidationError({"comment": f"意见最多 {COMMENT_LIMIT} 字，现有 {len(comment)} 字，请精简。"})
    with transaction.atomic():
        # The row is locked so two reviewers clicking at once cannot both act on one status.
        material.status = (
            Material.objects.select_for_update().values_list("status", flat=True).get(pk=material.pk)
        )
        reason = refusal(user, material, action)
        if reason:
            raise PermissionDenied(reason)
        rule = RULES[action]
        if rule.comment_required and not comment:
            raise ValidationError({"comment": COMMENT_REQUIRED})
        capacity = acting_capacity(user, material, action)
        source = material.status
        Material.objects.filter(pk=material.pk).update(status=rule.target, updated_at=timezone.now())
        material.status = rule.target
        record = Transition.objects.create(
            material=material,
            action=action,
            from_status=source,
            to_status=rule.target,
            user=user,
            comment=comment,
            as_supervisor=capacity == SUPERVISOR,
        )
        material_transitioned.send(sender=Transition, material=material, transition=record, user=user)
        _notify(record, user)
    return record


def submit(user, material: Material, comment: str = "") -> Transition:
    return perform(user, material, Action.SUBMIT, comment)


def return_for_revision(user, material: Material, comment: str) -> Transition:
    return perform(user, material, Action.RETURN, comment)


def approve(user, material: Material, comment: str = "") -> Transition:
    return perform(user, material, Action.APPROVE, comment)


def reopen(user, material: Material, comment: str = "") -> Transition:
    return perform(user, material, Action.REOPEN, comment)


# --- Who is told ----------------------------------------------------------------------------------


def material_label(material: Material) -> str:
    return f"{material.meeting.title}{material.document_label}"


def workspace_url(material: Material) -> str:
    return reverse("workspace:problems", args=[material.meeting_id, material.pk])


def writers_of(material: Material):
    """Whom a return or an approval concerns: the member (their own material), else the drafters."""
    if not material.is_team and material.member.user_id:
        return get_user_model().objects.filter(pk=material.member.user_id, is_active=True)
    return users_with_role(material.meeting.unit, Role.DRAFTER)


def _notify(record: Transition, actor) -> None:
    """Submission → the unit's 书记; return / approval → the writers; a 督导组 return also tells the
    书记 (who had passed it); approval of the team material tells the 督导组, whose turn it is to
    read it; reopening an approved material tells the 书记 who approved it."""
    material = record.material
    unit = material.meeting.unit
    who = actor.get_full_name() or actor.get_username()
    label = material_label(material)
    url = workspace_url(material)
    kind = f"review_{record.action}"
    audiences = []
    if record.action == Action.SUBMIT:
        audiences.append((users_with_role(unit, Role.SECRETARY), f"{who}提交了“{label}”，请审核。"))
    elif record.action == Action.RETURN:
        heading = "督导组退回" if record.as_supervisor else f"{who}退回"
        text = f"{heading}了“{label}”，请按意见修改后重新提交：{shorten(record.comment)}"
        audiences.append((writers_of(material), text))
        if record.as_supervisor:
            audiences.append((users_with_role(unit, Role.SECRETARY), text))
    elif record.action == Action.APPROVE:
        audiences.append((writers_of(material), f"“{label}”已审核通过。"))
        if material.is_team:
            audiences.append(
                (users_with_role(unit, Role.SUPERVISOR), f"“{label}”已经书记审核通过，请督导组审阅。")
            )
    elif record.action == Action.REOPEN:
        audiences.append(
            (users_with_role(unit, Role.SECRETARY), f"{who}重新打开了已审核通过的“{label}”进行修改。")
        )
    notify_audiences(audiences, actor=actor, url=url, kind=kind)
