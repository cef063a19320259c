"""The files an operator copies from deploy/ agree with the settings and with each other.
(No Docker engine runs in CI, so compose.yaml is parsed here; docs/deployment-check.md records the
run of the whole compose stack on a machine that had one.)"""

import configparser
import os
import re

import yaml
from django.conf import settings
from django.urls import reverse

from tests.deployment.test_check_deploy import example_env
from tests.processes import REPO

DEPLOY = REPO / "deploy"


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read_string((DEPLOY / name).read_text())
    return parser


def nginx() -> str:
    return (DEPLOY / "reportbuilder.conf").read_text()


def megabytes(size: str) -> int:
    return int(size.removesuffix("m"))


def test_every_variable_of_the_example_is_read_by_the_app():
    readers = (REPO / "reportbuilder" / "settings.py").read_text() + (DEPLOY / "gunicorn.conf.py").read_text()
    for key in example_env():
        assert re.search(rf"[\"']{key}[\"']", readers), f"{key} is read nowhere"


def test_the_services_run_as_their_own_user_with_the_env_file_and_hardening():
    env = example_env()
    for name in ("reportbuilder-web.service", "reportbuilder-worker.service"):
        service = unit(name)["Service"]
        assert service["User"] == "reportbuilder"
        assert service["EnvironmentFile"] == "/etc/reportbuilder/env"
        assert service["NoNewPrivileges"] == "yes"
        assert service["ProtectSystem"] == "strict"
        assert service["PrivateTmp"] == "yes"
        writable = service["ReadWritePaths"].split()
        for key in ("DJANGO_DATA_DIR", "DJANGO_MEDIA_ROOT", "DJANGO_STATIC_ROOT"):
            assert any(env[key].startswith(path) for path in writable), key
    assert "gunicorn -c deploy/gunicorn.conf.py" in unit("reportbuilder-web.service")["Service"]["ExecStart"]
    assert "run_huey" in unit("reportbuilder-worker.service")["Service"]["ExecStart"]


def test_nginx_allows_the_evidence_uploads_only_where_they_are_posted():
    text = nginx()
    evidence = re.search(r'location ~ "([^"]+)" \{\s*client_max_body_size (\d+m);', text)
    pattern, limit = evidence.group(1), megabytes(evidence.group(2))
    needed = settings.LEDGER_EVIDENCE_MAX_BYTES * settings.LEDGER_EVIDENCE_MAX_FILES / 1024 / 1024
    assert needed < limit <= needed * 1.2
    for url in (reverse("ledger:note_add", args=[7]), reverse("ledger:transition", args=[7, "complete"])):
        assert re.match(pattern, url), url
    assert not re.match(pattern, reverse("meetings:dashboard"))
    # Everywhere else a small limit that still takes an import (a Word file of at most 10 MB).
    server_wide = re.search(r"^    client_max_body_size (\d+m);", text, re.M)
    assert 10 < megabytes(server_wide.group(1)) < 20


def test_nginx_serves_static_files_from_static_root_and_never_media():
    text = nginx()
    static = re.search(r"location /static/ \{\s*root ([^;]+);", text)
    assert os.path.join(static.group(1), "static") == example_env()["DJANGO_STATIC_ROOT"]
    assert re.search(r"location /media/ \{\s*return 404;", text)
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in text


def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def test_compose_runs_postgresql_redis_web_and_worker_from_the_dockerfile():
    services = compose()["services"]
    assert set(services) == {"db", "redis", "web", "worker"}
    assert services["db"]["image"].startswith("postgres:15")
    assert services["web"]["build"]["dockerfile"] == "deploy/Dockerfile"
    for name in ("web", "worker"):
        assert services[name]["image"] == "reportbuilder:latest"
        assert services[name]["env_file"] == "production.env"
        assert services[name]["environment"]["REDIS_URL"].startswith("redis://redis:")
        assert "@db:5432/" in services[name]["environment"]["DATABASE_URL"]
    assert "run_huey" in services["worker"]["command"]
    assert "gunicorn" in " ".join(services["web"]["command"])


def test_compose_builds_once_and_starts_the_worker_after_the_migrations():
    services = compose()["services"]
    worker = services["worker"]
    # The worker takes the image web built (a second build: the same image twice, without BuildKit).
    assert "build" not in worker and worker["pull_policy"] == "never"
    assert worker["depends_on"]["web"]["condition"] == "service_healthy"
    assert "migrate" in " ".join(services["web"]["command"]) and services["web"]["healthcheck"]["test"]


def test_compose_believes_forwarded_headers_only_from_its_network_gateway():
    """Docker forwards the published port from the network's gateway, not from 127.0.0.1: without
    these, every login would be logged and throttled as coming from that one address."""
    config = compose()
    web = config["services"]["web"]["environment"]
    gateway = config["networks"]["default"]["ipam"]["config"][0]["gateway"]
    assert web["TRUSTED_PROXY_IPS"] == web["FORWARDED_ALLOW_IPS"] == gateway
    assert config["services"]["web"]["ports"] == ["127.0.0.1:8000:8000"]


def test_the_image_leaves_out_secrets_and_the_hosts_data():
    """At the root of the context, where the classic builder reads it too (it skips
    deploy/Dockerfile.dockerignore, and copied the secret key into the image)."""
    assert not (DEPLOY / "Dockerfile.dockerignore").exists()
    ignored = set((REPO / ".dockerignore").read_text().split())
    assert {".git", "var", "media", ".venv", "deploy/production.env", "deploy/.env"} <= ignored
    # The build's own settings load writes the file cache and the queue into DATA_DIR: not into /data.
    assert "DJANGO_DATA_DIR=/tmp/" in (DEPLOY / "Dockerfile").read_text()


def test_the_dockerfile_installs_the_debian_packages_of_the_makefile():
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert dockerfile.startswith("# ") and "FROM python:3.11-slim-bookworm" in dockerfile
    packages = re.search(r"^APT_PACKAGES := (.+)$", (REPO / "Makefile").read_text(), re.M).group(1).split()
    for package in packages:
        if package != "python3-venv":  # the image's Python is not Debian's
            assert re.search(rf"\b{re.escape(package)}\b", dockerfile), package
    assert "postgresql-client" in dockerfile  # pg_dump and pg_restore for `manage.py backup` / `restore`
