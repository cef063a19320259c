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
    pending = TOTPDevice.objects.get(user=staff)
    assert not pending.confirmed
    assert page.context["secret"].replace(" ", "") in html.replace(" ", "")
    wrong = client.post(SETUP, {"code": "000000" if code(pending) != "000000" else "111111"})
    assert "动态验证码不正确" in wrong.content.decode()
    # django-otp makes the next try wait after a wrong code.
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=60), tick=False):
        response = client.post(f"{SETUP}?next={ADMIN}", {"code": code(pending)})
    assert response.status_code == 302 and response["Location"] == ADMIN
    pending.refresh_from_db()
    assert pending.confirmed
    assert client.get(ADMIN).status_code == 200  # this session was verified by the confirmation


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
    client.post(SETUP, {"code": code(TOTPDevice.objects.get(user=staff))})
    assert client.get(ADMIN).status_code == 200


def test_non_staff_are_not_asked_and_cannot_set_up(client, drafter, settings):
    settings.ADMIN_REQUIRE_2FA = True
    response = client.post(LOGIN, {"username": "drafter", "password": "pw-drafter"})
    assert response["Location"] == reverse("meetings:dashboard")
    assert client.get(SETUP).status_code == 403
    # The admin's own login page offers no password form to try, just a refusal.
    assert client.get(reverse("admin:login")).status_code == 403
