"""Telling people what waits for them: an in-app notification (the bell in the top bar) and, when
an SMTP server is configured (``EMAIL_HOST``), an e-mail. A failed e-mail is logged and never
breaks the action that caused it."""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from apps.notifications.models import Notification

logger = logging.getLogger(__name__)

SUBJECT_PREFIX = "【民主生活会材料】"


def notify(users: Iterable, *, text: str, url: str = "", kind: str = "") -> None:
    """One notification per distinct active user (``text`` in Chinese, ``url`` where to act)."""
    recipients = {user.pk: user for user in users if user is not None and user.is_active}
    if not recipients:
        return
    Notification.objects.bulk_create(
        Notification(user=user, text=text, url=url[:500], kind=kind[:40]) for user in recipients.values()
    )
    addresses = sorted({user.email for user in recipients.values() if user.email})
    if settings.EMAIL_HOST and addresses:
        # After the commit: no mail about an action that was rolled back, and a slow server never
        # holds the database transaction open.
        transaction.on_commit(lambda: _send(addresses, text, url))


def users_with_role(unit, role: str):
    """The unit's active users holding ``role`` (an apps.accounts UnitRole role)."""
    return get_user_model().objects.filter(unit_roles__unit=unit, unit_roles__role=role, is_active=True)


def notify_audiences(audiences: Iterable[tuple[Iterable, str]], *, actor, url: str, kind: str) -> None:
    """Tell each audience its text, in order: nobody twice (the first audience a user is in wins)
    and never the ``actor``, who did the thing being told."""
    told: set[int] = {actor.pk}
    for users, text in audiences:
        recipients = [user for user in users if user.pk not in told]
        told.update(user.pk for user in recipients)
        if recipients:
            notify(recipients, text=text, url=url, kind=kind)


def _send(addresses: list[str], text: str, url: str) -> None:
    body = text if not url else f"{text}\n\n{_absolute(url)}"
    for address in addresses:  # one mail each: recipients don't see each other's addresses
        try:
            send_mail(SUBJECT_PREFIX + _subject(text), body, None, [address], fail_silently=False)
        except Exception:  # any SMTP or network failure: the action already succeeded
            logger.exception("通知邮件发送失败：%s", address)


def _subject(text: str) -> str:
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= 60 else line[:59] + "…"


def _absolute(url: str) -> str:
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    return base + url if base and url.startswith("/") else url


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user).unread().count()


def mark_read(user, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all of them without ``ids``); another user's ids are ignored."""
    queryset = Notification.objects.filter(user=user).unread()
    if ids is not None:
        queryset = queryset.filter(pk__in=list(ids))
    return queryset.update(read_at=timezone.now())
