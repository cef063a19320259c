"""Helpers for tests that run the app as an operator would: management commands and gunicorn in
subprocesses, with production settings (reportbuilder.settings, debug off) in temporary directories."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests
from django.conf import settings

REPO = Path(settings.BASE_DIR)
PYTHON = sys.executable
# What the test process's own environment must not pass on (pytest-django's settings module, the
# test settings' DJANGO_DEBUG=1 and HUEY_IMMEDIATE=1, a developer's database, Redis or bucket).
_PREFIXES = ("DJANGO_", "DATABASE_", "REDIS_", "HUEY_", "AWS_", "EMAIL_", "TEST_", "LEDGER_", "WEB_")


def production_env(directory: Path, **extra: str) -> dict[str, str]:
    """The environment of a production process whose files all live under ``directory``."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(_PREFIXES)}
    env.update(
        DJANGO_SETTINGS_MODULE="reportbuilder.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="test-" + "k" * 20 + os.urandom(16).hex(),
        DJANGO_DATA_DIR=str(directory / "data"),
        DJANGO_MEDIA_ROOT=str(directory / "media"),
        DJANGO_STATIC_ROOT=str(directory / "static"),
        DATABASE_URL=f"sqlite:///{directory / 'db.sqlite3'}",
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, check: bool = True, timeout: int = 300):
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [PYTHON, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout
    )
    if check and result.returncode:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def migrated_sqlite(tmp_path_factory, target: Path) -> Path:
    """A migrated SQLite database at ``target``, copied from one migrated once per test run."""
    template = tmp_path_factory.getbasetemp() / "migrated-template" / "db.sqlite3"
    if not template.exists():
        template.parent.mkdir(parents=True, exist_ok=True)
        manage(production_env(template.parent), "migrate", "--noinput", "-v0")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, target)
    return target


def collected_static(tmp_path_factory) -> Path:
    """STATIC_ROOT after `collectstatic` with the production storage, once per test run (a few seconds)."""
    root = tmp_path_factory.getbasetemp() / "collected-static"
    if not (root / "static" / "staticfiles.json").exists():
        manage(production_env(root), "collectstatic", "--noinput", "-v0")
    return root / "static"


def start_gunicorn(env: dict[str, str], log: Path) -> subprocess.Popen:
    """gunicorn with deploy/gunicorn.conf.py, as `make serve` and the web unit start it (HOST and PORT
    from ``env``), its output in ``log``; returns once it answers HTTP."""
    with log.open("w") as handle:
        process = subprocess.Popen(  # noqa: S603
            [str(REPO / ".venv" / "bin" / "gunicorn"), "-c", "deploy/gunicorn.conf.py"],
            cwd=REPO,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    url = f"http://{env['HOST']}:{env['PORT']}/accounts/login/"
    deadline = time.monotonic() + 120  # a loaded 2-core machine boots workers slowly
    while True:
        try:
            requests.get(url, timeout=60, allow_redirects=False)  # any answer (with HTTPS on: a redirect)
            return process
        except requests.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                stop(process)
                raise AssertionError(log.read_text()) from None
            time.sleep(0.3)


def stop(process: subprocess.Popen) -> None:
    """SIGTERM (gunicorn's graceful stop: 30 s for running requests), then SIGKILL."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
