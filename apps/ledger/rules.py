"""Who may take which step on a measure of the 整改台账, from which status.

未启动 → 推进中 → 已完成 → 已销号, one table (:data:`RULES`) as the review cycle has
(apps.review.services.RULES): the page, its buttons and the services all ask :func:`refusal`,
:func:`allowed_actions` and :func:`can_add_note`, never the roles directly.

The people who follow a measure (跟进人: progress notes, 开始推进, 标记完成, reopening a 已完成
measure) are its owner (the login of the member named 责任领导, holding a role in the unit), the
unit's drafters, its 书记 and administrators. 销号 and reopening a 已销号 measure are the 书记's (or
an administrator's). The 督导组, the organisation department and the other members only read. In a
deactivated unit nobody writes.
"""

from __future__ import annotations

from dataclasses import dataclass

from apps.accounts import access
from apps.accounts.models import UnitRole
from apps.entries.models import Measure
from apps.ledger.models import StatusChange

Action = StatusChange.Action
Status = Measure.Status
Role = UnitRole.Role

# The capacities in which a user acts on one measure.
OWNER = "owner"
DRAFTER = "drafter"
SECRETARY = "secretary"
ADMIN = "admin"
FOLLOWERS = (OWNER, DRAFTER, SECRETARY, ADMIN)
SIGNERS = (SECRETARY, ADMIN)

# A note is written while the measure is followed: not once it is signed off (reopen it first).
NOTE_STATUSES = frozenset({Status.NOT_STARTED, Status.IN_PROGRESS, Status.DONE})


@dataclass(frozen=True)
class Rule:
    target: str
    by: dict[str, frozenset[str]]  # capacity -> the statuses it may take the action from
    note_required: bool = False
    note_label: str = "说明"


def _from(*statuses: str) -> frozenset[str]:
    return frozenset(statuses)


def _everyone_following(*statuses: str) -> dict[str, frozenset[str]]:
    return {capacity: _from(*statuses) for capacity in FOLLOWERS}


RULES: dict[str, Rule] = {
    Action.START: Rule(Status.IN_PROGRESS, _everyone_following(Status.NOT_STARTED)),
    # Also needs a completion date and at least one progress note (services.transition).
    Action.COMPLETE: Rule(
        Status.DONE, _everyone_following(Status.NOT_STARTED, Status.IN_PROGRESS), note_label="完成情况"
    ),
    Action.CLOSE: Rule(
        Status.CLOSED,
        {capacity: _from(Status.DONE) for capacity in SIGNERS},
        note_required=True,
        note_label="整改成效",
    ),
    Action.REOPEN: Rule(
        Status.IN_PROGRESS,
        {
            OWNER: _from(Status.DONE),
            DRAFTER: _from(Status.DONE),
            SECRETARY: _from(Status.DONE, Status.CLOSED),
            ADMIN: _from(Status.DONE, Status.CLOSED),
        },
        note_required=True,
        note_label="重新打开的原因",
    ),
}
# The capacity recorded when a user holds several (a 书记 who owns the measure signs off as 书记).
PREFERENCE = (ADMIN, SECRETARY, OWNER, DRAFTER)

UNKNOWN_ACTION = "没有这个整改操作。"
FOLLOWERS_ONLY = "只有责任领导、撰稿人或书记可以{what}。"
SIGNERS_ONLY = "只有书记可以{what}。"
CLOSED_REOPEN = "措施已销号，只有书记可以重新打开。"
CLOSED_NOTE = "措施已销号，不能再填写进展；如需补充，请书记先重新打开。"
WRONG_STATUS = "措施当前状态为“{status}”，不能{what}。"


def capacities(user, measure: Measure) -> frozenset[str]:
    """What ``user`` is to ``measure`` (empty for readers and other units' users).

    ``measure`` comes with ``material__meeting__unit`` and ``owner`` loaded (see views.measures)."""
    if not user.is_authenticated:
        return frozenset()
    if access.is_admin(user):
        return frozenset({ADMIN})
    roles = access.roles_in(user, measure.material.meeting.unit)
    held = set()
    # The owner must still hold a role in the unit: a member's login that lost its role reads nothing.
    if roles and measure.owner_id and measure.owner.user_id == user.pk:
        held.add(OWNER)
    if Role.DRAFTER in roles:
        held.add(DRAFTER)
    if Role.SECRETARY in roles:
        held.add(SECRETARY)
    return frozenset(held)


def acting_capacity(user, measure: Measure, action: str) -> str | None:
    """The capacity in which ``user`` may take ``action`` now, or None."""
    rule = RULES.get(action)
    if rule is None:
        return None
    held = capacities(user, measure)
    for capacity in PREFERENCE:
        if capacity in held and measure.status in rule.by.get(capacity, ()):
            return capacity
    return None


def refusal(user, measure: Measure, action: str) -> str:
    """Why ``user`` may not take ``action`` on ``measure`` now, in Chinese ('' when they may)."""
    rule = RULES.get(action)
    if rule is None:
        return UNKNOWN_ACTION
    if not measure.material.meeting.unit.is_active:
        return access.INACTIVE_UNIT_MESSAGE
    label = Action(action).label
    held = capacities(user, measure) & rule.by.keys()
    if not held:
        return (SIGNERS_ONLY if set(rule.by) <= set(SIGNERS) else FOLLOWERS_ONLY).format(what=label)
    if acting_capacity(user, measure, action) is not None:
        return ""
    if action == Action.REOPEN and measure.status == Status.CLOSED:
        return CLOSED_REOPEN
    return WRONG_STATUS.format(status=measure.get_status_display(), what=label)


def allowed_actions(user, measure: Measure) -> list[str]:
    return [action for action in RULES if not refusal(user, measure, action)]


def note_refusal(user, measure: Measure) -> str:
    """Why ``user`` may not write a progress note on ``measure`` now ('' when they may)."""
    if not measure.material.meeting.unit.is_active:
        return access.INACTIVE_UNIT_MESSAGE
    if not capacities(user, measure) & set(FOLLOWERS):
        return FOLLOWERS_ONLY.format(what="填写整改进展")
    if measure.status not in NOTE_STATUSES:
        return CLOSED_NOTE
    return ""


def can_add_note(user, measure: Measure) -> bool:
    return not note_refusal(user, measure)
