"""The daily reminders, with the clock frozen (time-machine): due within 7 days and overdue are
reminded, once a day, to the owner and the drafters; e-mail only when a server is configured."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from apps.accounts.models import UnitRole
from apps.entries.models import Measure
from apps.ledger.models import Reminder
from apps.ledger.reminders import send_reminders
from apps.notifications.models import Notification
from tests.ledger.lists_data import (  # noqa: F401 (fixtures)
    TODAY,
    days,
    frozen_today_fixture,
    ledger_fixture,
    set_status,
    travel_to,
)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("send_ledger_reminders", *args, stdout=out)
    return out.getvalue()


def reminded() -> set[str]:
    return set(Reminder.objects.values_list("measure__headline", flat=True))


@pytest.fixture
def owner_user(ledger, unit):
    """赵书记's login, a member of the unit: the owner of 强化理论武装 and 健全制度机制."""
    from tests.conftest import make_user

    user = make_user("zhao", email="zhao@example.invalid")
    UnitRole.objects.create(user=user, unit=unit, role=UnitRole.Role.MEMBER)
    unit.members.filter(position=1).update(user=user)
    return user


def notes_of(user) -> list[Notification]:
    return list(Notification.objects.filter(user=user).order_by("pk"))


# --- which measures --------------------------------------------------------------------------------


def test_overdue_and_due_within_seven_days_are_reminded(ledger, frozen_today):
    summary = send_reminders()
    # 强化理论武装 5 days late, 狠抓工作落实 in 3 days, 加快分管项目进度 in exactly 7 days.
    assert reminded() == {"强化理论武装", "狠抓工作落实", "加快分管项目进度"}
    assert (summary.overdue, summary.due_soon, summary.already) == (1, 2, 0)
    reasons = dict(Reminder.objects.values_list("measure__headline", "reason"))
    assert reasons["强化理论武装"] == Reminder.Reason.OVERDUE
    assert reasons["加快分管项目进度"] == Reminder.Reason.DUE_SOON
    assert set(Reminder.objects.values_list("day", flat=True)) == {TODAY}


def test_due_in_eight_days_is_not_reminded_until_the_next_day(ledger):
    ledger.soon.deadline = days(8)
    ledger.soon.save()
    with travel_to(TODAY):
        send_reminders()
    assert "狠抓工作落实" not in reminded()
    with travel_to(days(1)):
        send_reminders()
    assert Reminder.objects.filter(measure=ledger.soon, day=days(1)).exists()


@pytest.mark.parametrize("status", [Measure.Status.DONE, Measure.Status.CLOSED])
def test_done_and_closed_measures_are_not_reminded(ledger, frozen_today, status):
    set_status(ledger.overdue, status, days(-1))
    set_status(ledger.soon, status, days(-1))
    send_reminders()
    assert reminded() == {"加快分管项目进度"}


def test_a_measure_without_deadline_is_not_reminded(ledger, frozen_today):
    ledger.soon.deadline = None
    ledger.soon.save()
    send_reminders()
    assert "狠抓工作落实" not in reminded()


def test_an_inactive_units_measures_are_skipped(ledger, unit, frozen_today):
    unit.is_active = False
    unit.save()
    assert send_reminders().reminded == 0
    assert not Reminder.objects.exists() and not Notification.objects.exists()


# --- once a day ------------------------------------------------------------------------------------


def test_running_twice_the_same_day_sends_nothing_twice(ledger, drafter, frozen_today):
    first = send_reminders()
    notified = Notification.objects.count()
    second = send_reminders()
    assert first.reminded == 3 and notified > 0
    assert second.reminded == 0 and second.already == 3
    assert Notification.objects.count() == notified
    assert Reminder.objects.count() == 3


def test_the_next_day_reminds_again(ledger, drafter):
    with travel_to(TODAY):
        send_reminders()
    with travel_to(days(1), hour=8):
        summary = send_reminders()
    assert summary.reminded == 3
    assert Reminder.objects.filter(day=days(1)).count() == 3
    assert Notification.objects.filter(user=drafter).count() == 2  # one a day


def test_a_reminder_already_claimed_by_another_run_is_not_sent(ledger, drafter, frozen_today):
    # Another run (at the same time) inserted its row first: this one leaves the measure alone.
    Reminder.objects.create(measure=ledger.overdue, day=TODAY, reason=Reminder.Reason.OVERDUE)
    summary = send_reminders()
    assert summary.already == 1 and summary.reminded == 2
    assert "强化理论武装" not in Notification.objects.get(user=drafter).text


def test_the_day_is_beijings_not_utcs(ledger, drafter):
    # 00:30 in Beijing is still the previous day in UTC: the reminders are for the Beijing day.
    with travel_to(days(1), hour=0):
        send_reminders()
    assert set(Reminder.objects.values_list("day", flat=True)) == {days(1)}


# --- who is told -----------------------------------------------------------------------------------


def test_drafters_get_one_message_listing_the_units_measures(ledger, drafter, frozen_today):
    send_reminders()
    (note,) = notes_of(drafter)
    assert note.kind == "ledger_reminder"
    assert note.text.startswith("整改提醒：测试局党委有3项整改措施需要关注（已逾期1项，7天内到期2项）")
    assert "1. 强化理论武装（已逾期5天，完成时限2031年6月15日）" in note.text
    assert "2. 狠抓工作落实（3天后到期" in note.text and "3. 加快分管项目进度（7天后到期" in note.text
    assert note.url.startswith(reverse("ledger:unit", args=[ledger.meeting.unit.pk]))
    assert "overdue=1" in note.url and "due_within=7" in note.url


def test_the_owner_is_told_of_their_own_measure_with_a_link_to_it(ledger, owner_user, frozen_today):
    send_reminders()
    (note,) = notes_of(owner_user)
    assert note.text.startswith("整改提醒：“强化理论武装”已逾期5天（完成时限2031年6月15日")
    assert note.url == reverse("ledger:measure", args=[ledger.overdue.pk])
    assert Reminder.objects.get(measure=ledger.overdue).recipients == 1  # no drafter in this test


def test_an_owner_without_a_role_in_the_unit_or_inactive_is_not_told(ledger, owner_user, frozen_today):
    UnitRole.objects.filter(user=owner_user).delete()
    send_reminders()
    assert notes_of(owner_user) == []
    assert send_reminders().already == 3


def test_a_measure_with_no_one_to_tell_is_still_counted_once(ledger, member_user, frozen_today):
    # No drafter, and only 孙委员 (the member_user) has a login among the owners.
    summary = send_reminders()
    assert summary.unreached == 2 and summary.people == {member_user.pk}
    recipients = dict(Reminder.objects.values_list("measure__headline", "recipients"))
    assert recipients == {"强化理论武装": 0, "狠抓工作落实": 0, "加快分管项目进度": 1}
    assert send_reminders().already == 3


def test_the_member_user_owner_of_a_personal_measure_is_told(ledger, member_user, drafter, frozen_today):
    send_reminders()
    (note,) = notes_of(member_user)
    assert "加快分管项目进度" in note.text and "7天后到期" in note.text
    assert note.url == reverse("ledger:measure", args=[ledger.personal.pk])
    assert Reminder.objects.get(measure=ledger.personal).recipients == 2


# --- e-mail ----------------------------------------------------------------------------------------


def test_e_mail_is_sent_when_a_server_is_configured(
    ledger, owner_user, settings, frozen_today, django_capture_on_commit_callbacks
):
    settings.EMAIL_HOST = "smtp.example.invalid"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders()
    (message,) = mail.outbox
    assert message.to == ["zhao@example.invalid"]
    assert message.subject.startswith("【民主生活会材料】整改提醒：“强化理论武装”已逾期5天")
    assert reverse("ledger:measure", args=[ledger.overdue.pk]) in message.body


def test_no_e_mail_without_a_server(
    ledger, owner_user, settings, frozen_today, django_capture_on_commit_callbacks
):
    settings.EMAIL_HOST = ""
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders()
    assert mail.outbox == [] and len(notes_of(owner_user)) == 1


# --- the command -----------------------------------------------------------------------------------


def test_the_command_prints_a_chinese_and_an_english_summary(ledger, drafter, frozen_today):
    out = run()
    assert (
        "2031年6月20日整改提醒：提醒整改措施3项（已逾期1项，7天内到期2项），通知2人" in out
    )  # drafter, 孙委员
    assert "Ledger reminders for 2031-06-20: 3 measures reminded (1 overdue, 2 due within 7 days)" in out
    again = run()
    assert "提醒整改措施0项" in again and "今天已提醒过的3项未重复发送" in again


def test_the_command_takes_a_date(ledger, drafter, frozen_today):
    out = run("--date", "2031-06-30")
    assert "Ledger reminders for 2031-06-30" in out
    # 10 days later: 狠抓工作落实 and 加快分管项目进度 are late too, 健全制度机制 is not yet due in 7 days.
    assert reminded() == {"强化理论武装", "狠抓工作落实", "加快分管项目进度"}
    assert set(Reminder.objects.values_list("reason", flat=True)) == {Reminder.Reason.OVERDUE}
    assert set(Reminder.objects.values_list("day", flat=True)) == {datetime.date(2031, 6, 30)}


def test_the_command_refuses_a_bad_date(db):
    with pytest.raises(CommandError, match="日期“2031-13-40”无法识别"):
        run("--date", "2031-13-40")
