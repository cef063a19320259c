"""What the two-app-server test drives: a throwaway PostgreSQL database, a deployment of two gunicorn
servers and one Huey worker on it (subprocesses with production settings), and an HTTP client per
person (requests with its own cookie jar)."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from contextlib import closing, suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests

from tests.deployment.seed_unit import unit_script

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
PASSWORD = "Two-Servers-pw-2031"  # noqa: S105 - a throwaway database's users

# Run by `manage.py shell` against the new database: a unit, two drafters, a meeting with one problem.
SETUP = unit_script(
    password=PASSWORD,
    unit_name="双服务器测试局党委",
    usernames=("alice", "bob"),
    headline="学习不够深入",
    elaboration="原来的文字。",
    then="""
import json
ids = {"meeting": meeting.pk, "material": team.pk, "problem": problem.pk, "source": problem.source}
print(json.dumps(ids))
""",
)


def free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


@dataclass
class Deployment:
    """Two app servers (A, B) and a worker sharing one PostgreSQL database, Redis and a media folder."""

    env: dict[str, str]
    urls: list[str] = field(default_factory=list)
    processes: list[subprocess.Popen] = field(default_factory=list)
    logs: list[Path] = field(default_factory=list)

    def manage(self, *args: str, timeout: float = 180) -> str:
        done = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
            [str(PYTHON), "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert done.returncode == 0, f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    def setup_data(self) -> dict:
        out = self.manage("shell", "-c", SETUP)
        return json.loads(out.strip().splitlines()[-1])

    def start(self, command: list[str], log: Path) -> subprocess.Popen:
        handle = log.open("wb")
        process = subprocess.Popen(  # noqa: S603 - our own executables
            command, cwd=ROOT, env=self.env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.processes.append(process)
        self.logs.append(log)
        return process

    def start_server(self, folder: Path) -> str:
        port = free_port()
        number = len(self.urls) + 1
        self.start(
            [str(GUNICORN), "reportbuilder.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2", "--timeout", "120"],
            folder / f"server{number}.log",
        )
        url = f"http://127.0.0.1:{port}"
        self.urls.append(url)
        return url

    def start_worker(self, folder: Path) -> None:
        # -n: no periodic tasks (a reminder run at 08:00 is not what this test is about).
        self.start([str(PYTHON), "manage.py", "run_huey", "-n", "-w", "2"], folder / "worker.log")

    def wait_until_up(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        for url in self.urls:
            while True:
                self.assert_running()
                with suppress(requests.RequestException):
                    if requests.get(url + "/accounts/login/", timeout=5).status_code == 200:
                        break
                assert time.monotonic() < deadline, f"{url} did not answer in {timeout} s:\n{self.tail()}"
                time.sleep(0.3)

    def assert_running(self) -> None:
        for process in self.processes:
            assert process.poll() is None, f"{process.args} exited:\n{self.tail()}"

    def tail(self) -> str:
        return "\n".join(f"--- {log.name}\n{log.read_text(errors='replace')[-3000:]}" for log in self.logs)

    def stop(self) -> None:
        for process in self.processes:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)


class Person:
    """One browser: a cookie jar, talking to whichever server it is given."""

    def __init__(self) -> None:
        self.http = requests.Session()

    def csrf(self) -> str:
        return self.http.cookies.get("csrftoken", "")

    def login(self, server: str, username: str) -> None:
        self.http.get(server + "/accounts/login/", timeout=30).raise_for_status()
        response = self.http.post(
            server + "/accounts/login/",
            data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": self.csrf()},
            timeout=30,
            allow_redirects=False,
        )
        assert response.status_code == 302, response.text[:2000]

    def get(self, url: str, **kwargs) -> requests.Response:
        return self.http.get(url, timeout=60, **kwargs)

    def post(self, url: str, data: dict, **kwargs) -> requests.Response:
        headers = {"X-CSRFToken": self.csrf(), "X-Requested-With": "XMLHttpRequest"}
        return self.http.post(url, data=data, headers=headers, timeout=120, **kwargs)


def card_revision(page: str, save_path: str) -> int:
    """The revision in the hidden input of the form that posts to ``save_path`` (as autosave.js reads it)."""
    match = re.search(re.escape(f'action="{save_path}"') + r'.*?name="revision" value="(\d+)"', page, re.S)
    assert match, f"no card posting to {save_path}"
    return int(match.group(1))


def python_ok() -> bool:
    return PYTHON.exists() and GUNICORN.exists() and sys.platform.startswith("linux")
