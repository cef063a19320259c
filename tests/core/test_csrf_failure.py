"""A refused form (CSRF) says in Chinese what went wrong and what to do, for pages and for scripts."""

import pytest
from django.test import Client


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


@pytest.mark.django_db
def test_a_post_without_the_cookie_says_the_cookie_is_missing(strict_client):
    response = strict_client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    text = response.content.decode()
    assert "Cookie" in text and "刷新页面" in text
    assert "CSRF cookie not set." in text  # the technical reason, for the administrator


@pytest.mark.django_db
def test_a_stale_token_says_the_page_was_open_too_long(strict_client):
    strict_client.get("/accounts/login/")  # sets the cookie
    response = strict_client.post(
        "/accounts/login/", {"username": "x", "password": "y", "csrfmiddlewaretoken": "a" * 64}
    )
    assert response.status_code == 403
    assert "打开的时间太久" in response.content.decode()


@pytest.mark.django_db
def test_the_workspace_scripts_get_the_reason_as_json(strict_client, drafter):
    strict_client.force_login(drafter)
    response = strict_client.post("/accounts/logout/", headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 403
    body = response.json()
    assert body["ok"] is False
    assert "Cookie" in body["errors"]["__all__"][0]
