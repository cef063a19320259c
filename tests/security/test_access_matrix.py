"""The access matrix: every URL pattern of the site (walked from the resolver) × every role × GET
and POST, against the expected outcomes of tests/security/access_table.py.

A pattern without a row fails (``add a row to access_table.py``), so does a row whose pattern is
gone and a keyword the filler cannot fill. Each request runs in a savepoint rolled back after it,
so every request meets the same world (an allowed delete does not turn the next request's object
into a 404). A refused request (302 to login, 403, 404, 405) must also change nothing: every
table's rows are hashed before and after it (tests/security/routes.py: fingerprint)."""

import pytest
from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.urls import reverse

from tests.security import access_table
from tests.security.access_table import ADMIN_PREFIX, ALLOWED, LOGIN, REDIRECT, ROWS, Row
from tests.security.routes import changed_tables, fill, fingerprint, site_routes
from tests.security.world import ROLES, build_world

REFUSED = {LOGIN, 403, 404, 405}
# What an allowed POST may answer: a page, a redirect, the autosave protocol's 422/409, or 400 for
# an empty body. The matrix asks who is refused, not whether an empty body saves.
ALLOWED_POST = {200, 201, 204, 302, 400, 409, 422}


@pytest.fixture
def world(unit, other_unit, meeting, other_meeting, member_user, admin_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_world(unit, other_unit, meeting, other_meeting, member_user, admin_user)


def _login_urls() -> tuple[str, ...]:
    return (resolve_url(settings.LOGIN_URL), reverse("admin:login"))


def outcome(response, expected) -> object:
    """The response as a table outcome: ``login`` (a 302 to the login page, or the 401 JSON a script
    gets instead: apps/security/sessions.py), ``redirect``, ``allowed`` (POST) or the status."""
    status = response.status_code
    if status == 401 and response.json().get("login_required"):
        return LOGIN  # a script's request (these POSTs are sent as fetch sends them) is told to log in
    if status == 302:
        target = response["Location"].split("?")[0]
        if target in _login_urls():
            return LOGIN
        return ALLOWED if expected == ALLOWED else REDIRECT
    if expected == ALLOWED and status in ALLOWED_POST:
        return ALLOWED
    return status


def values(given: dict, objects: dict) -> dict:
    return {
        key: objects[value[1:]].pk if str(value).startswith("@") else value for key, value in given.items()
    }


def request(client, method: str, url: str, row: Row, objects: dict):
    if method == "GET":
        return client.get(url, values(row.query, objects))
    # As the scripts post (fetch, which gets JSON refusals); forms post the same fields.
    return client.post(url, values(row.data, objects), HTTP_X_REQUESTED_WITH="XMLHttpRequest")


def matrix_rows() -> list[Row]:
    return [*ROWS, *access_table.ADMIN_ROWS]


# --- The table covers the site ----------------------------------------------------------------------


def test_every_url_pattern_has_a_row():
    keys = {row.key for row in ROWS}
    missing = [
        f"{route.key} ({route.route})"
        for route in site_routes()
        if route.key not in keys and not route.route.startswith(ADMIN_PREFIX)
    ]
    assert missing == [], (
        "URL patterns without a row — add a row to tests/security/access_table.py:\n" + "\n".join(missing)
    )


def test_every_row_names_a_url_pattern():
    keys = {route.key for route in site_routes()}
    stale = [row.label for row in ROWS if row.key not in keys]
    assert stale == [], f"rows of access_table.py whose URL pattern is gone: {stale}"


def test_the_admin_prefix_rule_covers_only_the_admin():
    routes = site_routes()
    admin = [route for route in routes if route.route.startswith(ADMIN_PREFIX)]
    assert admin and all(route.key.startswith("admin:") or not route.named for route in admin)
    assert not any(row.key.startswith("admin:") for row in ROWS), "admin rows go in ADMIN_ROWS"
    assert {row.key for row in access_table.ADMIN_ROWS} <= {route.key for route in admin}


def test_every_row_fills_its_url(world):
    routes = {route.key: route for route in site_routes()}
    for row in matrix_rows():
        fill(routes[row.key], world.objects(row.variant), row.kwargs)  # raises CannotFill


# --- The matrix ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_access_matrix(client, world, role):
    routes = {route.key: route for route in site_routes()}
    user = world.users[role]
    pristine = fingerprint()
    wrong, writes = [], []
    for row in matrix_rows():
        objects = world.objects(row.variant)
        url = fill(routes[row.key], objects, row.kwargs)
        for method in ("GET", "POST"):
            expected = row.expected(method, role)
            if user is not None and client.session.session_key is None:
                client.force_login(user)  # at the start, and again after accounts:logout
                pristine = fingerprint()  # the login wrote last_login
            with transaction.atomic():
                response = request(client, method, url, row, objects)
                got = outcome(response, expected)
                if got in REFUSED:
                    changed = changed_tables(pristine, fingerprint())
                    if changed:
                        writes.append(f"{method} {url} ({row.label}) refused with {got} but wrote {changed}")
                transaction.set_rollback(True)
            if got != expected:
                wrong.append(f"{method} {url} ({row.label}): expected {expected}, got {got}")
    assert wrong == [], f"{role}:\n" + "\n".join(wrong)
    assert writes == [], f"{role}:\n" + "\n".join(writes)
