"""Content-Security-Policy without inline scripts, Permissions-Policy, idle session settings."""

import datetime

import time_machine
from django.urls import reverse
from django.utils import timezone


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get(reverse("accounts:login"))
    policy = dict(
        (part.split(" ", 1) + [""])[:2]
        for part in (p.strip() for p in response["Content-Security-Policy"].split(";"))
    )
    assert policy["script-src"] == "'self'"
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["worker-src"] == "'self' blob:"
    assert policy["form-action"] == "'self'"


def test_permissions_policy_denies_device_features(client):
    header = client.get(reverse("accounts:login"))["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in header


def test_a_session_idle_for_30_minutes_ends_and_work_keeps_it_alive(client, drafter, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    dashboard = reverse("meetings:dashboard")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(drafter)
        assert client.get(dashboard).status_code == 200
    # Working: a request every 20 minutes renews the session each time.
    for minutes in (20, 40, 60):
        with time_machine.travel(start + datetime.timedelta(minutes=minutes), tick=False):
            response = client.get(dashboard)
            assert response.status_code == 200
            assert response.cookies["sessionid"]["max-age"] == 30 * 60
    # Idle for 31 minutes: back to the login.
    with time_machine.travel(start + datetime.timedelta(minutes=60 + 31), tick=False):
        response = client.get(dashboard)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_the_session_is_written_at_most_once_a_minute(client, drafter):
    start = timezone.now()
    dashboard = reverse("meetings:dashboard")
    with time_machine.travel(start, tick=False):
        client.force_login(drafter)
        # Logging in set the expiry: requests within the next minute write nothing.
        assert "sessionid" not in client.get(dashboard).cookies
        assert "sessionid" not in client.get(dashboard).cookies
    with time_machine.travel(start + datetime.timedelta(seconds=61), tick=False):
        assert "sessionid" in client.get(dashboard).cookies
