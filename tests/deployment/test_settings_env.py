"""What the production settings make of the environment (read in a fresh process, as a server does)."""

import json

from tests.processes import manage, production_env

SHOW = """
import json
from django.conf import settings as s
print(json.dumps({
    "secure_cookie": s.SESSION_COOKIE_SECURE, "ssl_redirect": s.SECURE_SSL_REDIRECT,
    "proxy_header": s.SECURE_PROXY_SSL_HEADER, "hsts": s.SECURE_HSTS_SECONDS,
    "periodic": s.HUEY["consumer"]["periodic"], "options": s.DATABASES["default"]["OPTIONS"],
    "root_log": s.LOGGING["root"], "static_root": str(s.STATIC_ROOT),
}))
"""


def settings_with(tmp_path, **env) -> dict:
    result = manage(production_env(tmp_path, **env), "shell", "-c", SHOW)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_by_default_plain_http_works_and_sqlite_is_ready_for_several_processes(tmp_path):
    values = settings_with(tmp_path)
    assert values["secure_cookie"] is False and values["ssl_redirect"] is False
    assert values["proxy_header"] is None and values["hsts"] == 0
    assert values["periodic"] is True
    assert values["options"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode = WAL" in values["options"]["init_command"]
    assert values["options"]["timeout"] == 20
    assert values["root_log"]["level"] == "INFO"
    assert values["static_root"] == str(tmp_path / "static")


def test_https_behind_the_proxy_and_a_worker_without_periodic_tasks(tmp_path):
    values = settings_with(tmp_path, DJANGO_HTTPS="1", DJANGO_HSTS_SECONDS="3600", HUEY_PERIODIC="0")
    assert values["secure_cookie"] is True and values["ssl_redirect"] is True
    assert values["proxy_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["hsts"] == 3600
    assert values["periodic"] is False
