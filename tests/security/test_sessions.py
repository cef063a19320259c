"""After the session ended: a page goes to the login page, a script's request gets a 401 it can read
(apps/security/sessions.py: ExpiredSessionMiddleware) instead of the login page's HTML."""

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from apps.comments.models import MaterialComment

LOGIN = reverse("accounts:login")


@pytest.fixture
def counts_url(meeting):
    team = meeting.materials.team().get()
    return reverse("comments:counts", args=[meeting.pk, team.pk])


def expire(client) -> None:
    """What 30 idle minutes do: the server no longer knows the session (the cookie stays)."""
    Session.objects.all().delete()


def test_a_page_goes_to_the_login_page(client, drafter, counts_url):
    client.force_login(drafter)
    expire(client)
    response = client.get(reverse("meetings:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"},
        {"HTTP_ACCEPT": "application/json"},
    ],
)
def test_a_scripts_read_gets_a_401_saying_to_log_in(client, drafter, counts_url, headers):
    client.force_login(drafter)
    assert client.get(counts_url, **headers).status_code == 200
    expire(client)
    response = client.get(counts_url, **headers)
    assert response.status_code == 401
    data = response.json()
    assert data["login_required"] is True and data["login_url"] == LOGIN
    assert data["errors"]["__all__"] == ["登录已过期（长时间未操作），请重新登录后再试。"]


def test_a_scripts_write_gets_the_401_and_saves_nothing(client, drafter, meeting):
    team = meeting.materials.team().get()
    url = reverse("comments:create", args=[meeting.pk, team.pk])
    client.force_login(drafter)
    expire(client)
    response = client.post(
        url, {"anchor": "text:preamble", "body": "意见"}, HTTP_X_REQUESTED_WITH="XMLHttpRequest"
    )
    assert response.status_code == 401 and response.json()["login_required"]
    assert not MaterialComment.objects.exists()


def test_a_page_that_accepts_html_still_goes_to_the_login_page(client, counts_url):
    response = client.get(counts_url, HTTP_ACCEPT="text/html,application/json;q=0.9")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_other_redirects_of_a_script_are_left_alone(client):
    response = client.get("/favicon.ico", HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 302 and not response["Location"].startswith(LOGIN)
