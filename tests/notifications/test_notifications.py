"""Notifications: who is told of each transition, the bell and the list, mark read, and e-mail
through Django's own backends when (and only when) an SMTP server is configured."""

import logging

import pytest
from django.core import mail
from django.urls import reverse

from apps.entries.models import Material
from apps.notifications.models import Notification
from apps.notifications.services import notify
from apps.review import services


@pytest.fixture
def team(meeting) -> Material:
    return meeting.materials.team().get()


@pytest.fixture
def personal(meeting, unit, member_user) -> Material:
    return Material.objects.create(meeting=meeting, member=unit.members.get(user=member_user))


def told(kind: str) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def test_each_transition_tells_the_people_concerned(
    team, personal, drafter, member_user, secretary, supervisor
):
    services.submit(member_user, personal)
    assert told("review_submit") == {"secretary"}
    services.return_for_revision(secretary, personal, "请补充事例。")
    assert told("review_return") == {"member"}
    text = Notification.objects.get(kind="review_return").text
    assert "退回" in text and "请补充事例。" in text and "孙委员个人对照检查材料" in text

    services.submit(drafter, team)
    services.approve(secretary, team)
    # The team material approved: its drafter, and the 督导组 whose turn it is to read it.
    assert told("review_approve") == {"drafter", "supervisor"}
    Notification.objects.all().delete()
    services.return_for_revision(supervisor, team, "原因剖析不深。")
    assert told("review_return") == {"drafter", "secretary"}
    assert Notification.objects.filter(text__startswith="督导组退回").count() == 2


def test_the_actor_is_not_told_of_their_own_action(unit, team, drafter, secretary):
    from apps.accounts.models import UnitRole

    UnitRole.objects.create(user=secretary, unit=unit, role=UnitRole.Role.DRAFTER)
    services.submit(secretary, team)
    assert not Notification.objects.filter(user=secretary).exists()


def test_notify_skips_inactive_users_and_duplicates(drafter, secretary):
    secretary.is_active = False
    secretary.save()
    notify([drafter, drafter, secretary, None], text="测试消息", url="/x/", kind="test")
    assert list(Notification.objects.values_list("user__username", flat=True)) == ["drafter"]


def test_the_bell_counts_unread_and_the_list_marks_read(client, drafter, secretary, team):
    services.submit(drafter, team)
    client.force_login(secretary)
    page = client.get(reverse("meetings:dashboard")).content.decode()
    assert "data-unread-count>1</span>" in page
    listing = client.get(reverse("notifications:list")).content.decode()
    assert "提交了" in listing and "data-unread" in listing
    note = Notification.objects.get(user=secretary)
    response = client.post(reverse("notifications:open", args=[note.pk]))
    assert response.status_code == 302
    assert response.url == reverse("workspace:problems", args=[team.meeting_id, team.pk])
    note.refresh_from_db()
    assert note.is_read
    assert "data-unread-count" not in client.get(reverse("meetings:dashboard")).content.decode()


def test_mark_all_read_and_another_users_notification_is_404(client, drafter, secretary):
    notify([drafter, secretary], text="消息", kind="test")
    notify([drafter], text="第二条", kind="test")
    client.force_login(drafter)
    theirs = Notification.objects.get(user=secretary)
    assert client.post(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert not theirs.is_read
    client.post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(user=drafter).unread().exists()
    assert Notification.objects.filter(user=secretary).unread().exists()
    assert client.get(reverse("notifications:open", args=[theirs.pk])).status_code == 405


def test_a_notification_pointing_elsewhere_is_not_followed(client, drafter):
    notify([drafter], text="外链", url="https://example.invalid/phish", kind="test")
    client.force_login(drafter)
    note = Notification.objects.get()
    assert client.post(reverse("notifications:open", args=[note.pk])).url == reverse("notifications:list")


def test_the_list_page_runs_the_same_queries_for_few_or_many(client, drafter, django_assert_max_num_queries):
    client.force_login(drafter)
    notify([drafter], text="一条", kind="test")
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("notifications:list"))
    for n in range(40):
        notify([drafter], text=f"消息{n}", kind="test")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("notifications:list"))


# --- E-mail -----------------------------------------------------------------------------------------


def _with_mail(*users):
    for user in users:
        user.email = f"{user.username}@example.invalid"
        user.save()


def test_no_email_without_an_smtp_server(
    settings, drafter, secretary, team, django_capture_on_commit_callbacks
):
    settings.EMAIL_HOST = ""
    _with_mail(secretary)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(drafter, team)
    assert mail.outbox == []
    assert Notification.objects.filter(user=secretary).exists()


def test_email_goes_out_when_an_smtp_server_is_configured(
    settings, drafter, secretary, team, django_capture_on_commit_callbacks
):
    settings.EMAIL_HOST = "smtp.example.invalid"  # with Django's locmem test backend: nothing leaves
    settings.SITE_URL = "https://shenghuohui.example.invalid"
    _with_mail(secretary, drafter)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(drafter, team)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["secretary@example.invalid"]
    assert "提交了" in message.subject and message.subject.startswith("【民主生活会材料】")
    assert "https://shenghuohui.example.invalid/meetings/" in message.body


def test_a_failed_email_never_breaks_the_action(
    settings, drafter, secretary, team, django_capture_on_commit_callbacks, caplog
):
    # Django's real SMTP backend against a port where nothing listens: the connection is refused.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    _with_mail(secretary)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        services.submit(drafter, team)
    team.refresh_from_db()
    assert team.status == Material.Status.SUBMITTED
    assert Notification.objects.filter(user=secretary).exists()
    assert "通知邮件发送失败" in caplog.text
