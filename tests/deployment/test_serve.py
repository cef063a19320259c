"""gunicorn with the production settings (deploy/gunicorn.conf.py, debug off, SQLite) over plain HTTP:
what the first `make serve` on a fresh checkout gives."""

import re
import subprocess

import pytest
import requests

from tests.processes import (
    REPO,
    collected_static,
    free_port,
    manage,
    migrated_sqlite,
    production_env,
    start_gunicorn,
    stop,
)

PASSWORD = "Serve-test-password-1"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One server for the tests of this module: booting one costs seconds on a loaded machine."""
    tmp_path = tmp_path_factory.mktemp("serve")
    port = free_port()
    migrated_sqlite(tmp_path_factory, tmp_path / "db.sqlite3")
    env = production_env(
        tmp_path,
        DJANGO_STATIC_ROOT=str(collected_static(tmp_path_factory)),
        HOST="127.0.0.1",
        PORT=str(port),
        WEB_CONCURRENCY="2",
        DJANGO_SUPERUSER_PASSWORD=PASSWORD,
    )
    manage(env, "createsuperuser", "--noinput", "--username", "operator", "--email", "op@example.org")
    process = start_gunicorn(env, tmp_path / "gunicorn.log")
    yield f"http://127.0.0.1:{port}"
    stop(process)


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_login_over_plain_http_reaches_the_dashboard(server):
    session = requests.Session()
    page = session.get(server + "/accounts/login/", timeout=60)
    assert page.status_code == 200
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.text)
    assert len(stylesheets) >= 3
    for href in stylesheets:
        assert re.search(r"\.[0-9a-f]{12}\.css$", href), href  # the manifest's hashed names
        css = session.get(server + href, timeout=60)
        assert css.status_code == 200 and css.headers["Content-Type"].startswith("text/css")

    answer = session.post(
        server + "/accounts/login/",
        data={"username": "operator", "password": PASSWORD, "csrfmiddlewaretoken": csrf_token(page.text)},
        headers={"Referer": server + "/accounts/login/"},
        timeout=60,
    )
    assert answer.status_code == 200
    assert answer.url == server + "/"
    assert "退出登录" in answer.text and "operator" in answer.text
    # Plain HTTP: the cookies are not Secure, or the browser would never send them back.
    assert not any(cookie.secure for cookie in session.cookies)


def test_a_form_without_its_token_gets_the_chinese_csrf_page(server):
    answer = requests.post(server + "/accounts/login/", data={"username": "x", "password": "y"}, timeout=60)
    assert answer.status_code == 403
    assert "安全验证" in answer.text and "Cookie" in answer.text
    assert "Forbidden" not in answer.text


def test_an_unknown_page_is_a_chinese_404(server):
    answer = requests.get(server + "/no-such-page/", timeout=60)
    assert answer.status_code == 404
    assert "页面不存在" in answer.text


def test_gunicorn_refuses_to_start_without_the_static_manifest(tmp_path, tmp_path_factory):
    migrated_sqlite(tmp_path_factory, tmp_path / "db.sqlite3")
    env = production_env(tmp_path, PORT=str(free_port()), WEB_CONCURRENCY="1")
    result = subprocess.run(  # noqa: S603
        [str(REPO / ".venv" / "bin" / "gunicorn"), "-c", "deploy/gunicorn.conf.py"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "collectstatic" in result.stdout + result.stderr
