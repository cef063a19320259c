"""The daily reminder of the 整改台账: measures not yet done whose deadline is within 7 days or past
are brought to their owner (the owner's login, if it holds a role in the unit) and to the unit's
drafters — in the app, and by e-mail when ``EMAIL_HOST`` is set (apps.notifications).

Run once a day by cron or a task queue (``manage.py send_ledger_reminders``). Each measure is
reminded at most once a day: its :class:`~apps.ledger.models.Reminder` row for the day is inserted
first, and a run that finds the row already there (an earlier run, or one running at the same time:
the unique constraint makes the second insert wait and fail) sends nothing for it. The rows and the
notifications commit together, so a run that fails midway leaves nothing claimed; e-mails go after
the commit. Each person gets one message per unit and day listing their measures, not one per
measure. Deactivated units are skipped.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import UnitRole
from apps.core.numbering import cn_date
from apps.entries.models import Measure
from apps.ledger.models import Reminder
from apps.ledger.selectors import SOON_DAYS, due_by
from apps.notifications.services import notify

Reason = Reminder.Reason
KIND = "ledger_reminder"


@dataclass
class ReminderSummary:
    """What one run did, for the command's report (and the tests)."""

    day: datetime.date
    overdue: int = 0
    due_soon: int = 0
    already: int = 0
    unreached: int = 0
    people: set[int] = field(default_factory=set)

    @property
    def reminded(self) -> int:
        return self.overdue + self.due_soon

    def chinese(self) -> str:
        return (
            f"{cn_date(self.day)}整改提醒：提醒整改措施{self.reminded}项（已逾期{self.overdue}项，"
            f"{SOON_DAYS}天内到期{self.due_soon}项），通知{len(self.people)}人；"
            f"今天已提醒过的{self.already}项未重复发送；无人可通知的{self.unreached}项。"
        )

    def english(self) -> str:
        return (
            f"Ledger reminders for {self.day.isoformat()}: {self.reminded} measures reminded "
            f"({self.overdue} overdue, {self.due_soon} due within {SOON_DAYS} days), "
            f"{len(self.people)} people notified; {self.already} already reminded today skipped; "
            f"{self.unreached} with no one to notify."
        )


def due_measures(day: datetime.date) -> QuerySet[Measure]:
    """Open measures of active units due within 7 days of ``day`` or past their deadline."""
    return (
        due_by(Measure.objects.filter(material__meeting__unit__is_active=True), day)
        .select_related("owner__user", "material__meeting__unit")
        .order_by("deadline", "pk")
    )


def recipients(measures: list[Measure]) -> dict[int, list]:
    """Per measure: the owner's login (if active and holding a role in the unit) and the unit's
    active drafters, in one query."""
    units = {measure.material.meeting.unit_id for measure in measures}
    drafters: dict[int, list] = defaultdict(list)
    in_unit: set[tuple[int, int]] = set()
    for role in UnitRole.objects.filter(unit_id__in=units, user__is_active=True).select_related("user"):
        in_unit.add((role.user_id, role.unit_id))
        if role.role == UnitRole.Role.DRAFTER:
            drafters[role.unit_id].append(role.user)
    found = {}
    for measure in measures:
        unit_id = measure.material.meeting.unit_id
        people = {user.pk: user for user in drafters[unit_id]}
        owner = measure.owner.user if measure.owner_id else None
        if owner is not None and owner.is_active and (owner.pk, unit_id) in in_unit:
            people[owner.pk] = owner
        found[measure.pk] = list(people.values())
    return found


def _claim(measure: Measure, day: datetime.date, reason: str, count: int) -> bool:
    """Insert the day's reminder row; False when it already exists (reminded today)."""
    try:
        with transaction.atomic():  # a savepoint: the run goes on after a duplicate
            Reminder.objects.create(measure=measure, day=day, reason=reason, recipients=count)
    except IntegrityError:
        return False
    return True


def send_reminders(day: datetime.date | None = None) -> ReminderSummary:
    """Remind everyone concerned of every due measure not yet reminded on ``day`` (today)."""
    day = day or timezone.localdate()
    summary = ReminderSummary(day)
    measures = list(due_measures(day))
    people = recipients(measures)
    digests: dict[tuple[int, int], list[Measure]] = defaultdict(list)
    users = {}
    with transaction.atomic():
        for measure in measures:
            reason = Reason.OVERDUE if measure.deadline < day else Reason.DUE_SOON
            if not _claim(measure, day, reason, len(people[measure.pk])):
                summary.already += 1
                continue
            if reason == Reason.OVERDUE:
                summary.overdue += 1
            else:
                summary.due_soon += 1
            summary.unreached += not people[measure.pk]
            for user in people[measure.pk]:
                users[user.pk] = user
                digests[(user.pk, measure.material.meeting.unit_id)].append(measure)
        for (user_pk, _unit), listed in digests.items():
            text, url = message(listed, day)
            notify([users[user_pk]], text=text, url=url, kind=KIND)
            summary.people.add(user_pk)
    return summary


def when(measure: Measure, day: datetime.date) -> str:
    late = (day - measure.deadline).days
    if late > 0:
        return f"已逾期{late}天"
    return "今天到期" if late == 0 else f"{-late}天后到期"


def message(measures: list[Measure], day: datetime.date) -> tuple[str, str]:
    """One person's reminder for one unit: the text and where to act."""
    if len(measures) == 1:
        measure = measures[0]
        text = (
            f"整改提醒：“{measure.headline}”{when(measure, day)}（完成时限{cn_date(measure.deadline)}，"
            f"{measure.material.meeting.title}），请及时推进并填写整改进展。"
        )
        return text, reverse("ledger:measure", args=[measure.pk])
    unit = measures[0].material.meeting.unit
    late = sum(1 for measure in measures if measure.deadline < day)
    lines = [
        f"整改提醒：{unit.display_name}有{len(measures)}项整改措施需要关注"
        f"（已逾期{late}项，{SOON_DAYS}天内到期{len(measures) - late}项）："
    ]
    lines += [
        f"{index}. {measure.headline}（{when(measure, day)}，完成时限{cn_date(measure.deadline)}）"
        for index, measure in enumerate(measures, start=1)
    ]
    url = reverse("ledger:unit", args=[unit.pk]) + f"?overdue=1&due_within={SOON_DAYS}&sort=deadline"
    return "\n".join(lines), url
