"""Content-Security-Policy without inline scripts, Permissions-Policy, idle session settings."""

from django.urls import reverse


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


def test_each_request_renews_the_idle_session(client, drafter, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    client.force_login(drafter)
    response = client.get(reverse("meetings:dashboard"))
    assert response.cookies["sessionid"]["max-age"] == 30 * 60
