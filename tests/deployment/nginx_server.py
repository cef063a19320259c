"""A real nginx running deploy/reportbuilder.conf, the site file an operator copies, on loopback ports.

The site file stays the single source: the test renders it by replacing only the values an operator sets
(the listen ports, the certificate, the static root, the app server's port), each of which must occur
exactly once, so that a changed site file fails here instead of being tested in a form nobody runs.
The main context around it is Debian's /etc/nginx/nginx.conf as far as it matters to a site (its http
defaults, `gzip on` among them), with this test's directory for everything nginx writes.

The binary: Debian's nginx unpacked into var/nginx/root by `make test` (see the Makefile: it is not
installed, so that no system nginx starts on port 80), else an nginx on PATH with /etc/nginx/mime.types.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from tests.processes import REPO

SITE = REPO / "deploy" / "reportbuilder.conf"
UNPACKED = REPO / "var" / "nginx" / "root"

MAIN = """\
{user}worker_processes 1;
pid {directory}/nginx.pid;
error_log {directory}/error.log;
events {{
    worker_connections 256;
}}
http {{
    # As Debian's nginx.conf has them: the site is included into exactly these defaults.
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include {mime_types};
    default_type application/octet-stream;
    ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;
    ssl_prefer_server_ciphers on;
    access_log {directory}/access.log;
    gzip on;
    # Debian's are under /var/lib/nginx, which an unpacked nginx does not have.
    client_body_temp_path {directory}/body;
    proxy_temp_path {directory}/proxy;
    fastcgi_temp_path {directory}/fastcgi;
    uwsgi_temp_path {directory}/uwsgi;
    scgi_temp_path {directory}/scgi;
    include {site};
}}
"""


# An EC key (made in milliseconds) and the address the clients connect to as the subject's alternative name.
CERTIFICATE_REQUEST = (
    "req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 "
    "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1"
)


@dataclass(frozen=True)
class Binary:
    nginx: Path
    mime_types: Path


def find_binary() -> Binary | None:
    system = shutil.which("nginx") or "/usr/sbin/nginx"
    for nginx, mime_types in (
        (UNPACKED / "usr" / "sbin" / "nginx", UNPACKED / "etc" / "nginx" / "mime.types"),
        (Path(system), Path("/etc/nginx/mime.types")),
    ):
        if nginx.is_file() and os.access(nginx, os.X_OK) and mime_types.is_file():
            return Binary(nginx, mime_types)
    return None


def skip_reason() -> str:
    if find_binary() is None:
        return (
            "no nginx binary: `make test` (or `make test-nginx`) unpacks Debian's nginx into var/nginx/root"
        )
    if shutil.which("openssl") is None:
        return "no openssl command to make the test certificate (apt-get install openssl)"
    return ""


@dataclass(frozen=True)
class Ports:
    http: int
    https: int
    app: int


def render_site(*, ports: Ports, certificate: Path, key: Path, static_parent: Path) -> str:
    """deploy/reportbuilder.conf with the operator's values replaced by this test's."""
    text = SITE.read_text()
    replacements = [
        ("    listen 80;\n", f"    listen 127.0.0.1:{ports.http};\n"),
        # Loopback IPv4 only: the CI's fresh root shares a network where IPv6 may be off.
        ("    listen [::]:80;\n", ""),
        ("    listen 443 ssl http2;\n", f"    listen 127.0.0.1:{ports.https} ssl http2;\n"),
        ("    listen [::]:443 ssl http2;\n", ""),
        (
            "    server 127.0.0.1:8000 fail_timeout=0;\n",
            f"    server 127.0.0.1:{ports.app} fail_timeout=0;\n",
        ),
        (" /etc/ssl/reportbuilder/fullchain.pem;\n", f" {certificate};\n"),
        (" /etc/ssl/reportbuilder/privkey.pem;\n", f" {key};\n"),
        # The static location's root: STATIC_ROOT is "<root>/static".
        ("        root /var/lib/reportbuilder;\n", f"        root {static_parent};\n"),
    ]
    for old, new in replacements:
        assert text.count(old) == 1, f"deploy/reportbuilder.conf should hold {old.strip()!r} exactly once"
        text = text.replace(old, new)
    return text


def make_certificate(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (the address the clients connect to), valid for a day."""
    certificate, key = directory / "fullchain.pem", directory / "privkey.pem"
    command = [
        shutil.which("openssl"),
        *CERTIFICATE_REQUEST.split(),
        "-keyout",
        str(key),
        "-out",
        str(certificate),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=60)  # noqa: S603
    return certificate, key


@dataclass
class Nginx:
    """One nginx master in the foreground (its own process group), with its files in ``directory``."""

    directory: Path
    ports: Ports
    binary: Binary
    process: subprocess.Popen | None = None

    @property
    def https(self) -> str:
        return f"https://127.0.0.1:{self.ports.https}"

    @property
    def http(self) -> str:
        return f"http://127.0.0.1:{self.ports.http}"

    def command(self, *args: str) -> list[str]:
        return [
            str(self.binary.nginx),
            "-p",
            f"{self.directory}/",
            "-c",
            str(self.directory / "nginx.conf"),
            *args,
        ]

    def configure(self, site: str) -> str:
        """Write the configuration and check it (`nginx -t`); its output (warnings) is returned."""
        (self.directory / "reportbuilder.conf").write_text(site)
        # As root the workers would run as nobody, who cannot read pytest's 0700 directories.
        user = "user root root;\n" if os.geteuid() == 0 else ""
        main = MAIN.format(
            user=user,
            directory=self.directory,
            mime_types=self.binary.mime_types,
            site=self.directory / "reportbuilder.conf",
        )
        (self.directory / "nginx.conf").write_text(main)
        checked = subprocess.run(self.command("-t"), capture_output=True, text=True, timeout=60)  # noqa: S603
        assert checked.returncode == 0, checked.stderr
        return checked.stderr

    def start(self) -> None:
        log = (self.directory / "nginx.out").open("wb")
        self.process = subprocess.Popen(  # noqa: S603
            self.command("-g", "daemon off;"), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        deadline = time.monotonic() + 60
        while True:
            with suppress(OSError), socket.create_connection(("127.0.0.1", self.ports.https), timeout=5):
                return
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"nginx did not start:\n{self.log()}")
            time.sleep(0.1)

    def log(self) -> str:
        return "\n".join(
            path.read_text(errors="replace")[-3000:]
            for path in (self.directory / "nginx.out", self.directory / "error.log")
            if path.exists()
        )

    def stop(self) -> None:
        """Fast shutdown of the master and its workers; the whole process group if it lingers."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
