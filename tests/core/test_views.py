"""The site's own answers: the favicon, which browsers ask for on every page."""

import pytest
from django.urls import reverse


def test_favicon_ico_is_the_projects_icon_not_a_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content if icon.streaming else [icon.content])[:4] == b"\x00\x00\x01\x00"


def test_favicon_ico_refuses_a_post(client):
    assert client.post("/favicon.ico").status_code == 405


@pytest.mark.parametrize(
    ("url", "logged_in"),
    [
        ("accounts:login", False),
        # admin:login is no page of its own: it sends to accounts:login (apps/security/admin_site.py).
        ("meetings:dashboard", True),
        ("admin:index", True),
        ("admin:units_unit_changelist", True),
    ],
)
def test_every_page_links_the_icon_and_the_icon_is_served(client, admin_user, url, logged_in):
    if logged_in:
        client.force_login(admin_user)
    response = client.get(reverse(url))
    assert response.status_code == 200
    page = response.content.decode()
    for name, kind in (("favicon.svg", "image/svg+xml"), ("favicon.ico", None)):
        href = f"/static/{name}"
        assert f'<link rel="icon" href="{href}"' in page, name
        served = client.get(href)
        assert served.status_code == 200 and (kind is None or served["Content-Type"].startswith(kind))
