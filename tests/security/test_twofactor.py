"""Optional two-factor login for administrators (django-otp TOTP), with real codes from the device key."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.security.models import LoginEvent

User = get_user_model()
LOGIN = reverse("accounts:login")
VERIFY = reverse("security:otp_verify")
SETUP = reverse("security:otp_setup")
ADMIN = reverse("admin:index")


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def staff(db):
    return User.objects.create_user(username="boss", password="pw-boss", is_staff=True, is_superuser=True)


@pytest.fixture
def device(staff):
    return TOTPDevice.objects.create(user=staff, name="身份验证器", confirmed=True)


def test_an_administrator_sets_up_the_device_and_confirms_it_with_a_code(client, staff):
    client.force_login(staff)
    page = client.get(SETUP)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "<script" not in html.split("<main", 1)[1].split("</main>")[0]
    # Opening the page writes nothing: the secret waits in the session, the same on a reload.
    assert not TOTPDevice.objects.exists()
    pending = page.context["device"]
    assert client.get(SETUP).context["secret"] == page.context["secret"]
    assert page.context["secret"].replace(" ", "") in html.replace(" ", "")
    wrong = client.post(SETUP, {"code": "000000" if code(pending) != "000000" else "111111"})
    assert "动态验证码不正确" in wrong.content.decode()
    assert not TOTPDevice.objects.exists()
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=60), tick=False):
        response = client.post(f"{SETUP}?next={ADMIN}", {"code": code(pending)})
    assert response.status_code == 302 and response["Location"] == ADMIN
    stored = TOTPDevice.objects.get(user=staff)
    assert stored.confirmed and stored.key == pending.key
    assert LoginEvent.objects.filter(kind="otp_enabled", user=staff).count() == 1
    assert client.get(ADMIN).status_code == 200  # this session was verified by the confirmation
    assert "security_otp_setup_key" not in client.session


def test_login_asks_for_the_code_after_the_password(client, staff, device):
    response = client.post(f"{LOGIN}?next={ADMIN}", {"username": "boss", "password": "pw-boss"})
    assert response.status_code == 302 and response["Location"] == VERIFY
    assert "_auth_user_id" not in client.session  # not logged in by the password alone
    assert client.get(ADMIN)["Location"].startswith(reverse("admin:login"))
    page = client.get(VERIFY)
    assert "两步验证" in page.content.decode()
    response = client.post(VERIFY, {"code": code(device)})
    assert response.status_code == 302 and response["Location"] == ADMIN
    assert client.session["_auth_user_id"] == str(staff.pk)
    assert client.get(ADMIN).status_code == 200


def test_a_wrong_code_does_not_log_in_and_is_audited(client, staff, device):
    client.post(LOGIN, {"username": "boss", "password": "pw-boss"})
    right = code(device)
    response = client.post(VERIFY, {"code": "123456" if right != "123456" else "654321"})
    assert response.status_code == 200
    assert "动态验证码不正确" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert LoginEvent.objects.filter(kind="otp_failure", user=staff).exists()


def test_guessing_codes_locks_out_like_guessing_passwords(client, staff, device):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.post(LOGIN, {"username": "boss", "password": "pw-boss"})
        wrong = "123456" if code(device) != "123456" else "654321"
        for _ in range(4):
            assert client.post(VERIFY, {"code": wrong}).status_code == 200
        assert client.post(VERIFY, {"code": wrong}).status_code == 429
        response = client.post(LOGIN, {"username": "boss", "password": "pw-boss"})
    assert response.status_code == 429
    assert "登录已暂时锁定" in response.content.decode()


def test_a_session_without_the_code_does_not_open_the_admin(client, staff, device):
    client.force_login(staff)  # e.g. logged in before the device was set up
    response = client.get(ADMIN)
    assert response["Location"].startswith(reverse("admin:login"))
    assert client.get(response["Location"])["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=60), tick=False):
        assert client.post(f"{VERIFY}?next={ADMIN}", {"code": code(device)})["Location"] == ADMIN
        assert client.get(ADMIN).status_code == 200


def test_staff_without_a_device_use_the_admin_while_it_is_optional(client, staff):
    client.post(LOGIN, {"username": "boss", "password": "pw-boss"})
    assert client.get(ADMIN).status_code == 200


def test_when_required_staff_are_sent_to_the_setup_page(client, staff, settings):
    settings.ADMIN_REQUIRE_2FA = True
    response = client.post(LOGIN, {"username": "boss", "password": "pw-boss"})
    assert response["Location"].startswith(SETUP)
    assert client.get(ADMIN)["Location"].startswith(reverse("admin:login"))
    assert client.get(reverse("admin:login"))["Location"].startswith(SETUP)
    page = client.get(SETUP)
    assert "本系统要求管理员启用两步验证" in page.content.decode()
    client.post(SETUP, {"code": code(page.context["device"])})
    assert client.get(ADMIN).status_code == 200


def test_non_staff_are_not_asked_and_cannot_set_up(client, drafter, settings):
    settings.ADMIN_REQUIRE_2FA = True
    response = client.post(LOGIN, {"username": "drafter", "password": "pw-drafter"})
    assert response["Location"] == reverse("meetings:dashboard")
    assert client.get(SETUP).status_code == 403
    # The admin's own login page offers no password form to try, just a refusal.
    assert client.get(reverse("admin:login")).status_code == 403


# ---- 停用两步验证 --------------------------------------------------------------------------------------

REMOVE = reverse("security:otp_remove")


def other_code(device: TOTPDevice) -> str:
    return "123456" if code(device) != "123456" else "654321"


def test_the_owner_removes_the_device_with_password_and_code_and_it_is_audited(client, staff, device):
    client.force_login(staff)
    assert REMOVE in client.get(SETUP).content.decode()  # the set-up page of an enabled device links here
    page = client.get(REMOVE)
    assert page.status_code == 200 and "登录密码" in page.content.decode()
    response = client.post(REMOVE, {"password": "pw-boss", "code": code(device)})
    assert response.status_code == 302 and response["Location"] == ADMIN
    assert not TOTPDevice.objects.filter(user=staff).exists()
    event = LoginEvent.objects.get(kind="otp_removed")
    assert (event.user, event.username) == (staff, "boss")
    assert client.get(ADMIN).status_code == 200  # optional 2FA: the admin opens without a device
    client.logout()
    response = client.post(f"{LOGIN}?next={ADMIN}", {"username": "boss", "password": "pw-boss"})
    assert response["Location"] == ADMIN  # the password alone logs in again


@pytest.mark.parametrize(
    ("password", "right_code", "message", "audited"),
    [
        ("wrong-password", True, "密码不正确", "failure"),
        ("pw-boss", False, "动态验证码不正确", "otp_failure"),
        ("", True, "请输入您的登录密码", None),
    ],
)
def test_a_wrong_password_or_code_removes_nothing(
    client, staff, device, password, right_code, message, audited
):
    client.force_login(staff)
    LoginEvent.objects.all().delete()  # the forced login's own line
    given = code(device) if right_code else other_code(device)
    response = client.post(REMOVE, {"password": password, "code": given})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert TOTPDevice.objects.filter(user=staff, confirmed=True).count() == 1
    kinds = list(LoginEvent.objects.values_list("kind", flat=True))
    assert kinds == ([audited] if audited else [])
    assert "otp_removed" not in kinds


def test_guessing_the_password_on_the_removal_page_locks_out(client, staff, device):
    client.force_login(staff)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(4):
            assert client.post(REMOVE, {"password": "guess", "code": code(device)}).status_code == 200
        assert client.post(REMOVE, {"password": "guess", "code": code(device)}).status_code == 429
        assert client.post(REMOVE, {"password": "pw-boss", "code": code(device)}).status_code == 429
    assert TOTPDevice.objects.filter(user=staff).exists()


def test_when_required_removal_is_refused_with_the_reason(client, staff, device, settings):
    settings.ADMIN_REQUIRE_2FA = True
    client.force_login(staff)
    assert REMOVE not in client.get(SETUP).content.decode()
    page = client.get(REMOVE).content.decode()
    assert "本系统要求管理员启用两步验证" in page and "登录密码" not in page
    response = client.post(REMOVE, {"password": "pw-boss", "code": code(device)})
    assert response.status_code == 403
    assert "不能停用" in response.content.decode()
    assert TOTPDevice.objects.filter(user=staff, confirmed=True).exists()
    assert not LoginEvent.objects.filter(kind="otp_removed").exists()


def test_without_a_device_staff_are_sent_to_set_up_and_others_refused(client, staff, drafter):
    client.force_login(staff)
    assert client.get(REMOVE)["Location"] == SETUP
    client.force_login(drafter)
    assert client.post(REMOVE, {"password": "pw-drafter", "code": "123456"}).status_code == 403
