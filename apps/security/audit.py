"""The login audit (登录日志): Django's auth signals and django-axes' lockout signal, one row each."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from apps.security.ip import client_ip
from apps.security.models import USER_AGENT_MAX, LoginEvent


def record(kind: str, *, request: HttpRequest | None, username: str = "", user=None) -> LoginEvent:
    ip = client_ip(request) if request is not None else ""
    agent = request.META.get("HTTP_USER_AGENT", "") if request is not None else ""
    if user is not None and not username:
        username = user.get_username()
    return LoginEvent.objects.create(
        kind=kind,
        username=(username or "")[:150],
        user=user if user is not None and user.pk else None,
        ip_address=ip or None,
        user_agent=agent[:USER_AGENT_MAX],
    )


@receiver(user_logged_in, dispatch_uid="security_audit_login")
def login_succeeded(sender, request, user, **kwargs) -> None:
    record(LoginEvent.Kind.LOGIN, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="security_audit_failure")
def login_failed(sender, credentials, request=None, otp: bool = False, **kwargs) -> None:
    # Django cleanses the password out of credentials; the username is what was typed.
    username = str(credentials.get("username") or "")
    kind = LoginEvent.Kind.OTP_FAILURE if otp else LoginEvent.Kind.FAILURE
    record(kind, request=request, username=username, user=_user_named(username))


@receiver(user_logged_out, dispatch_uid="security_audit_logout")
def logged_out(sender, request, user, **kwargs) -> None:
    # user is None when the session had already ended: nothing to say about whom.
    if user is not None:
        record(LoginEvent.Kind.LOGOUT, request=request, user=user)


@receiver(user_locked_out, dispatch_uid="security_audit_lockout")
def locked_out(sender, request, username, ip_address, **kwargs) -> None:
    record(LoginEvent.Kind.LOCKOUT, request=request, username=username or "", user=_user_named(username))


def _user_named(username: str | None):
    if not username:
        return None
    return get_user_model()._default_manager.filter(**{get_user_model().USERNAME_FIELD: username}).first()
