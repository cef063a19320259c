"""Two-factor login for administrators (django-otp, TOTP): who needs a code, the login's second step
kept in the session between the password and the code, the device set-up and its removal."""

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpRequest
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from apps.security import audit
from apps.security.models import LoginEvent

PENDING_KEY = "security_otp_pending"  # {"user": pk, "backend": dotted path, "next": url}


def confirmed_device(user) -> TOTPDevice | None:
    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def setup_required(user) -> bool:
    """Staff without a device while ADMIN_REQUIRE_2FA is on: sent to the set-up page first."""
    return bool(settings.ADMIN_REQUIRE_2FA and user.is_staff and not user_has_device(user))


def admin_session_ok(request: HttpRequest) -> bool:
    """The admin opens for a session verified by its code; for staff without a device only while the
    second factor is optional."""
    user = request.user
    if user.is_verified():
        return True
    return not user_has_device(user) and not settings.ADMIN_REQUIRE_2FA


# ---- The login's second step ---------------------------------------------------------------------


def pending_begin(request: HttpRequest, *, user, next_url: str) -> None:
    """The password was right and the user has a device: remember who, without logging them in."""
    request.session[PENDING_KEY] = {"user": user.pk, "backend": user.backend, "next": next_url}


def pending_user(request: HttpRequest):
    data = request.session.get(PENDING_KEY)
    if not data:
        return None, None
    user = get_user_model()._default_manager.filter(pk=data["user"], is_active=True).first()
    if user is None:
        request.session.pop(PENDING_KEY, None)
        return None, None
    user.backend = data["backend"]
    return user, data


# ---- Set-up --------------------------------------------------------------------------------------


SETUP_KEY = "security_otp_setup_key"  # the secret being set up, until a code confirms it


class _WrongCode(Exception):
    pass


def device_for_setup(request: HttpRequest) -> TOTPDevice:
    """The device being set up, not saved: its secret waits in the session (the page can be
    reloaded and shows the same code to scan) and becomes a row only when a code confirms it, so
    opening the page writes nothing."""
    key = request.session.get(SETUP_KEY)
    if not key:
        key = request.session[SETUP_KEY] = default_key()
    return TOTPDevice(user=request.user, name="身份验证器", key=key, confirmed=False)


def device_confirm(*, request: HttpRequest, device: TOTPDevice, token: str) -> bool:
    """A right code from the app proves the secret was copied: the device is stored and counts from
    now on, any older one of the user's (a lost phone) stops counting, and the login audit says
    so. A wrong code stores nothing (django-otp's checks write to the row: they are rolled back)."""
    try:
        with transaction.atomic():
            device.save()
            if not device.verify_token(token):
                raise _WrongCode
            TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            audit.record(LoginEvent.Kind.OTP_ENABLED, request=request, user=device.user)
    except _WrongCode:
        device.pk = None
        return False
    request.session.pop(SETUP_KEY, None)
    return True


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32 groups of four, for typing into an app by hand."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an SVG QR code, drawn on the server (no script, no image request)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


def verify(*, device: TOTPDevice, token: str) -> bool:
    """A code checked once (django-otp refuses the same code twice and throttles wrong ones)."""
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        return bool(locked.verify_token(token))


# ---- Removal -------------------------------------------------------------------------------------


def removal_refused(user) -> bool:
    """While ADMIN_REQUIRE_2FA is on, staff may not take their second factor off. Removing it and
    setting up a new one at the next login would not do: that next login takes only the password,
    so whoever knows the password (what the second factor guards against) could enrol their own
    phone. A lost phone is deleted by another administrator (admin → 身份验证器) instead."""
    return bool(settings.ADMIN_REQUIRE_2FA and user.is_staff)


@transaction.atomic
def device_remove(*, user, request: HttpRequest | None = None) -> int:
    """Turn the second factor off for ``user``: every device of theirs goes (a pending set-up too), and
    the login audit says who did it and from where. The caller has checked the password and a code."""
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    audit.record(LoginEvent.Kind.OTP_REMOVED, request=request, user=user)
    return removed
