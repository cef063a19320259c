"""Login throttling (django-axes): five wrong passwords lock a username on one address, the right
password is then refused with the Chinese page, and the cool-off ends the lock."""

import datetime

import time_machine
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from apps.security.ip import client_ip

LOGIN = reverse("accounts:login")
AGENT = {"HTTP_USER_AGENT": "Mozilla/5.0 (测试浏览器)"}


def attempt(client, username: str, password: str, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **AGENT, **extra)


def test_five_failures_lock_and_the_right_password_is_refused_with_the_chinese_page(client, drafter):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(4):
            response = attempt(client, "drafter", "wrong")
            assert response.status_code == 200
            assert "用户名或密码不正确" in response.content.decode()
        response = attempt(client, "drafter", "wrong")
        assert response.status_code == 429
        response = attempt(client, "drafter", "pw-drafter")
    assert response.status_code == 429
    page = response.content.decode()
    assert "登录已暂时锁定" in page
    until = timezone.localtime(start + datetime.timedelta(minutes=15))
    assert f"请于 {until:%Y}年{until.month}月{until.day}日 {until:%H:%M} 之后再试" in page
    assert "_auth_user_id" not in client.session


def test_the_cool_off_unlocks(client, drafter):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            attempt(client, "drafter", "wrong")
    with time_machine.travel(start + datetime.timedelta(minutes=14), tick=False):
        assert attempt(client, "drafter", "pw-drafter").status_code == 429  # and the wait restarts
    with time_machine.travel(start + datetime.timedelta(minutes=14 + 16), tick=False):
        response = attempt(client, "drafter", "pw-drafter")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(drafter.pk)


def test_the_lock_is_per_username_and_address(client, drafter, secretary):
    for _ in range(5):
        attempt(client, "drafter", "wrong")
    # Another account from the same address, and the same account from another address, still log in.
    assert attempt(client, "secretary", "pw-secretary").status_code == 302
    client.logout()
    assert attempt(client, "drafter", "pw-drafter", REMOTE_ADDR="10.1.2.3").status_code == 302


def test_deleting_the_attempt_in_the_admin_unlocks(client, admin_client, drafter):
    for _ in range(5):
        attempt(client, "drafter", "wrong")
    locked = AccessAttempt.objects.get(username="drafter")
    changelist = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert "已锁定" in changelist.content.decode()
    response = admin_client.post(
        reverse("admin:axes_accessattempt_delete", args=[locked.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert attempt(client, "drafter", "pw-drafter").status_code == 302


def test_behind_the_trusted_proxy_the_forwarded_address_is_locked(client, drafter, settings):
    settings.TRUSTED_PROXY_IPS = ["127.0.0.1"]
    forwarded = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.9"}
    for _ in range(5):
        attempt(client, "drafter", "wrong", **forwarded)
    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"
    assert attempt(client, "drafter", "pw-drafter", **forwarded).status_code == 429
    # Another client behind the same proxy is not locked out with it.
    other = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.10"}
    assert attempt(client, "drafter", "pw-drafter", **other).status_code == 302


def test_the_forwarded_header_is_ignored_from_anyone_but_the_proxy(rf, settings):
    settings.TRUSTED_PROXY_IPS = ["127.0.0.1"]
    request = rf.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_ip(request) == "198.51.100.7"
    settings.TRUSTED_PROXY_IPS = []
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_ip(request) == "127.0.0.1"
