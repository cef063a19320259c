"""The nginx site an operator copies (deploy/reportbuilder.conf) in a real nginx, in front of gunicorn with
the production settings and the proxy settings of deploy/production.env.example, over HTTPS on loopback.

The clients connect from 127.0.0.2, not from nginx's own 127.0.0.1: the address Django records tells the
one nginx forwards apart from the proxy's. Not observed here: the proxy timeouts (130 s) and the upstream
keep-alive, which would take minutes or a packet capture; nginx -t at least accepts them.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import ssl
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from requests.adapters import HTTPAdapter

from tests.deployment.nginx_server import (
    Nginx,
    Ports,
    find_binary,
    make_certificate,
    render_site,
    skip_reason,
)
from tests.deployment.seed_unit import unit_script
from tests.deployment.test_check_deploy import example_env
from tests.processes import (
    collected_static,
    free_port,
    manage,
    migrated_sqlite,
    production_env,
    start_gunicorn,
    stop,
)

pytestmark = pytest.mark.skipif(bool(skip_reason()), reason=skip_reason() or "ready")

CLIENT = "127.0.0.2"
PASSWORD = "Nginx-test-password-1"  # noqa: S105 - a throwaway database's users
MB = 1024 * 1024
# The proxy's part of the example environment: HTTPS behind nginx, nginx's address, the upload limits.
PROXY_SETTINGS = (
    "DJANGO_HTTPS",
    "TRUSTED_PROXY_IPS",
    "DATA_UPLOAD_MAX_MEMORY_SIZE",
    "LEDGER_EVIDENCE_MAX_BYTES",
)

# Run by `manage.py shell`: a unit with two drafters and a meeting with one measure to report on.
SETUP = unit_script(
    password=PASSWORD,
    unit_name="代理测试局党委",
    usernames=("drafter", "zhang"),
    headline="理论学习不够深入",
    then="""
measure = services.measure_add(material=team, headline="坚持不懈强化理论武装", problems=[problem])
print(measure.pk)
""",
)


@dataclass
class Site:
    nginx: Nginx
    checked: str  # what `nginx -t` said
    certificate: Path
    key: Path
    static_root: Path
    env: dict[str, str]
    measure: int


def start_nginx(directory: Path, *, app_port: int, certificate: Path, key: Path, static_root: Path):
    directory.mkdir(parents=True, exist_ok=True)
    nginx = Nginx(directory, Ports(http=free_port(), https=free_port(), app=app_port), find_binary())
    site = render_site(ports=nginx.ports, certificate=certificate, key=key, static_parent=static_root.parent)
    checked = nginx.configure(site)
    nginx.start()
    return nginx, checked


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("nginx")
    certificate, key = make_certificate(folder)
    static_root = collected_static(tmp_path_factory)
    assert static_root.name == "static"  # nginx's `root` is its parent
    app_port = free_port()
    migrated_sqlite(tmp_path_factory, folder / "db.sqlite3")
    proxy = {name: example_env()[name] for name in PROXY_SETTINGS}
    env = production_env(folder, DJANGO_STATIC_ROOT=str(static_root), HOST="127.0.0.1", PORT=str(app_port))
    env.update(proxy, WEB_CONCURRENCY="2", DJANGO_ALLOWED_HOSTS="127.0.0.1")
    measure = int(manage(env, "shell", "-c", SETUP).stdout.split()[-1])
    nginx, checked = start_nginx(
        folder / "nginx", app_port=app_port, certificate=certificate, key=key, static_root=static_root
    )
    # nginx passes the Host without its port ($host): the browser's origin, with the test's port, must be
    # trusted, as the example's DJANGO_CSRF_TRUSTED_ORIGINS=https://host is on 443.
    env["DJANGO_CSRF_TRUSTED_ORIGINS"] = nginx.https
    try:
        gunicorn = start_gunicorn(env, folder / "gunicorn.log")
    except BaseException:
        nginx.stop()
        raise
    yield Site(nginx, checked, certificate, key, static_root, env, measure)
    stop(gunicorn)
    nginx.stop()


class FromClientAddress(HTTPAdapter):
    """Connections from CLIENT, so that the client's address differs from the proxy's."""

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (CLIENT, 0)
        super().init_poolmanager(*args, **kwargs)


def browser(site: Site) -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # no proxy, no REQUESTS_CA_BUNDLE in place of the test's certificate
    session.verify = str(site.certificate)
    session.mount("https://", FromClientAddress())
    session.mount("http://", FromClientAddress())
    return session


def login(site: Site, session: requests.Session, username: str = "drafter", **headers) -> requests.Response:
    url = site.nginx.https + "/accounts/login/"
    page = session.get(url, timeout=60)
    assert page.status_code == 200, page.text[:2000]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return session.post(
        url,
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": url, "Origin": site.nginx.https, **headers},
        timeout=60,
    )


def query(site: Site, code: str) -> str:
    # The last line: `shell` first says how many objects it imported automatically.
    return manage(site.env, "shell", "-c", code).stdout.strip().splitlines()[-1]


# The site's error_page for nginx's own answers: static/errors/<page>.html (502 also for 503 and 504).
ERROR_PAGES = {404: ("404", "页面不存在"), 413: ("413", "提交的内容过大"), 502: ("502", "系统暂时无法访问")}


def is_nginx_page(response: requests.Response, status: int) -> bool:
    """nginx's own answer with the site's Chinese page (static/errors/), not the app's, and without
    nginx's version anywhere."""
    page, title = ERROR_PAGES[status]
    return (
        response.status_code == status
        and response.headers.get("Server") == "nginx"
        and f"nginx's own answer ({page})" in response.text
        and f"<title>{title}" in response.text
    )


def tls(site: Site, context: ssl.SSLContext) -> ssl.SSLSocket:
    raw = socket.create_connection(("127.0.0.1", site.nginx.ports.https), timeout=30)
    return context.wrap_socket(raw, server_hostname="127.0.0.1")


def manifest(site: Site) -> dict[str, str]:
    return json.loads((site.static_root / "staticfiles.json").read_text())["paths"]


# --- The site file in nginx ------------------------------------------------------------------------


def test_nginx_accepts_the_site_file_without_warnings(site):
    warnings = [line for line in site.checked.splitlines() if "[warn]" in line or "[emerg]" in line]
    # nginx 1.25.1 and later deprecate `listen … http2`, which Debian 12's 1.22 needs (see the site file).
    warnings = [line for line in warnings if '"listen ... http2" directive is deprecated' not in line]
    assert warnings == []
    assert "test is successful" in site.checked


def test_plain_http_is_redirected_to_https_with_the_same_host_path_and_query(site):
    for method in ("GET", "POST"):
        answer = browser(site).request(
            method, site.nginx.http + "/accounts/login/?next=/meetings/", allow_redirects=False, timeout=60
        )
        assert answer.status_code == 301
        # The operator's server listens on 443: the address carries no port.
        assert answer.headers["Location"] == "https://127.0.0.1/accounts/login/?next=/meetings/"
        assert answer.headers["Server"] == "nginx"  # server_tokens off: no version


def test_https_offers_http2_and_tls_1_2_and_1_3(site):
    context = ssl.create_default_context(cafile=str(site.certificate))
    context.set_alpn_protocols(["h2", "http/1.1"])
    with tls(site, context) as connection:
        assert connection.selected_alpn_protocol() == "h2"
    for version, name in ((ssl.TLSVersion.TLSv1_2, "TLSv1.2"), (ssl.TLSVersion.TLSv1_3, "TLSv1.3")):
        context = ssl.create_default_context(cafile=str(site.certificate))
        context.minimum_version = context.maximum_version = version
        with tls(site, context) as connection:
            assert connection.version() == name


# --- Through to Django: the scheme and the client's address ----------------------------------------


def test_a_login_over_https_gets_secure_cookies_and_the_dashboard(site):
    session = browser(site)
    answer = login(site, session)
    assert answer.status_code == 200
    assert answer.url == site.nginx.https + "/"
    assert "退出登录" in answer.text and "drafter" in answer.text
    # Django saw HTTPS (X-Forwarded-Proto): Secure cookies, HSTS, and no redirect of its own to https.
    assert {cookie.name: cookie.secure for cookie in session.cookies} == {
        "csrftoken": True,
        "sessionid": True,
    }
    assert answer.headers["Strict-Transport-Security"].startswith("max-age=")
    assert [step.headers["Location"] for step in answer.history] == ["/"]


def test_a_client_cannot_claim_plain_http_past_nginx(site):
    # Were the client's X-Forwarded-Proto believed, Django would redirect this request to HTTPS.
    answer = browser(site).get(
        site.nginx.https + "/accounts/login/",
        headers={"X-Forwarded-Proto": "http"},
        allow_redirects=False,
        timeout=60,
    )
    assert answer.status_code == 200
    assert "Strict-Transport-Security" in answer.headers


def test_django_records_the_address_nginx_saw_not_the_one_the_client_claims(site):
    answer = login(site, browser(site), "zhang", **{"X-Forwarded-For": "203.0.113.9"})
    assert answer.status_code == 200 and "退出登录" in answer.text
    addresses = query(
        site,
        "from apps.security.models import LoginEvent\n"
        "print(list(LoginEvent.objects.filter(username='zhang').values_list('kind', 'ip_address')))",
    )
    assert addresses == str([("login", CLIENT)])


def test_pages_are_compressed_once_by_the_app(site):
    answer = browser(site).get(
        site.nginx.https + "/accounts/login/", headers={"Accept-Encoding": "gzip"}, timeout=60
    )
    assert answer.headers["Content-Encoding"] == "gzip"
    assert "<html" in answer.text  # one gunzip gives the page: nginx did not compress it again


# --- Static files: nginx itself --------------------------------------------------------------------


def test_hashed_static_files_come_gzipped_and_cached_for_a_year(site):
    session = browser(site)
    page = session.get(site.nginx.https + "/accounts/login/", timeout=60)
    stylesheets = re.findall(r'<link rel="stylesheet" href="/static/([^"]+)"', page.text)
    assert len(stylesheets) >= 3
    for name in stylesheets:
        assert re.search(r"\.[0-9a-f]{12}\.css$", name), name
        answer = session.get(
            f"{site.nginx.https}/static/{name}", headers={"Accept-Encoding": "gzip"}, timeout=60
        )
        assert answer.status_code == 200
        assert answer.headers["Content-Type"] == "text/css"
        # The .gz copy collectstatic wrote (gzip_static), for clients that take gzip only.
        assert answer.headers["Content-Encoding"] == "gzip"
        assert answer.headers["Vary"] == "Accept-Encoding"
        assert answer.content == (site.static_root / name).read_bytes()
        assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert "Expires" not in answer.headers
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        plain = session.get(
            f"{site.nginx.https}/static/{name}", headers={"Accept-Encoding": "identity"}, timeout=60
        )
        assert "Content-Encoding" not in plain.headers
        assert plain.content == (site.static_root / name).read_bytes()


def test_unhashed_static_files_are_cached_for_an_hour(site):
    answer = browser(site).get(site.nginx.https + "/static/css/app.css", timeout=60)
    assert answer.status_code == 200
    assert answer.headers["Cache-Control"] == "max-age=3600"
    assert "Expires" in answer.headers
    assert answer.headers["X-Content-Type-Options"] == "nosniff"


def test_pdfjs_modules_are_served_as_javascript(site):
    hashed = manifest(site)["vendor/pdfjs/pdf.mjs"]
    session = browser(site)
    for name, cache in (
        ("vendor/pdfjs/pdf.mjs", "max-age=3600"),
        (hashed, "public, max-age=31536000, immutable"),
    ):
        answer = session.get(f"{site.nginx.https}/static/{name}", timeout=60)
        assert answer.status_code == 200
        assert answer.headers["Content-Type"] == "text/javascript"  # Debian's mime.types lacks .mjs
        assert answer.headers["Cache-Control"] == cache


def test_static_files_are_served_without_the_app_server(site, tmp_path):
    """The same site with nothing listening on its upstream port: nginx alone serves /static/."""
    nginx, _ = start_nginx(
        tmp_path / "nginx",
        app_port=free_port(),
        certificate=site.certificate,
        key=site.key,
        static_root=site.static_root,
    )
    try:
        session = browser(site)
        name = manifest(site)["css/app.css"]
        answer = session.get(f"{nginx.https}/static/{name}", timeout=60)
        assert answer.status_code == 200
        assert answer.content == (site.static_root / name).read_bytes()
        assert is_nginx_page(session.get(nginx.https + "/accounts/login/", timeout=60), 502)
        # The error page's stylesheet comes from nginx too, with the app down.
        style = session.get(nginx.https + "/static/errors/errors.css", timeout=60)
        assert style.status_code == 200 and "max-width" in style.text
    finally:
        nginx.stop()


# --- Request sizes ---------------------------------------------------------------------------------


def test_a_13_mb_post_is_refused_by_nginx_and_an_11_mb_one_reaches_django(site):
    session = browser(site)
    url = site.nginx.https + "/accounts/login/"
    refused = session.post(url, data={"text": "x" * (13 * MB)}, timeout=120)
    assert is_nginx_page(refused, 413)
    # Under nginx's 12 MB, over DATA_UPLOAD_MAX_MEMORY_SIZE (10 MB): Django's own Chinese 413.
    passed = session.post(url, data={"text": "x" * (11 * MB)}, timeout=120)
    assert passed.status_code == 413
    assert "提交的内容过大" in passed.text


@dataclass
class Upload:
    session: requests.Session
    answer: requests.Response
    content: bytes
    measure_url: str


@pytest.fixture(scope="module")
def upload(site) -> Upload:
    """A drafter's progress note on the measure with one 13 MB PDF: over the server-wide 12 MB."""
    session = browser(site)
    assert login(site, session).status_code == 200
    url = f"{site.nginx.https}/ledger/measures/{site.measure}/"
    page = session.get(url, timeout=60)
    noted_on = re.search(r'name="noted_on" value="([0-9-]+)"', page.text).group(1)  # the server's today
    content = b"%PDF-1.4\n%" + b"0" * (13 * MB) + b"\n%%EOF\n"
    answer = session.post(
        url + "notes/",
        data={
            "noted_on": noted_on,
            "text": "已完成第一季度专题研讨。",
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        files={"files": ("专题研讨纪要.pdf", content, "application/pdf")},
        headers={"Referer": url, "Origin": site.nginx.https},
        allow_redirects=False,
        timeout=300,
    )
    return Upload(session, answer, content, url)


def test_the_evidence_upload_takes_a_file_above_12_mb_and_downloads_it_back(site, upload):
    assert upload.answer.status_code == 302, upload.answer.text[:3000]
    assert upload.answer.headers["Location"] == f"/ledger/measures/{site.measure}/#progress"
    page = upload.session.get(upload.measure_url, timeout=60)
    link = re.search(r'href="(/ledger/evidence/\d+/)" download>专题研讨纪要.pdf<', page.text).group(1)
    download = upload.session.get(site.nginx.https + link, timeout=300)
    assert download.status_code == 200
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.content == upload.content


def test_the_evidence_location_refuses_a_body_over_its_210_mb(site):
    """Only the header is sent: nginx answers from the Content-Length before reading any body."""
    context = ssl.create_default_context(cafile=str(site.certificate))
    connection = http.client.HTTPSConnection("127.0.0.1", site.nginx.ports.https, context=context, timeout=60)
    try:
        connection.putrequest("POST", f"/ledger/measures/{site.measure}/notes/")
        connection.putheader("Content-Type", "multipart/form-data; boundary=x")
        connection.putheader("Content-Length", str(211 * MB))
        connection.endheaders()
        answer = connection.getresponse()
        assert answer.status == 413
        assert "nginx's own answer (413)" in answer.read().decode()
        assert answer.getheader("Server") == "nginx"
    finally:
        connection.close()


def test_uploaded_files_are_never_served_under_media(site, upload):
    assert upload.answer.status_code == 302
    stored = query(
        site,
        "from apps.ledger.models import Evidence\n"
        f"print(Evidence.objects.get(note__measure_id={site.measure}).file.name)",
    )
    assert (Path(site.env["DJANGO_MEDIA_ROOT"]) / stored).stat().st_size == len(upload.content)
    session = browser(site)
    page = site.static_root / "errors" / "404.html"
    for path in (f"/media/{stored}", "/media/"):
        answer = session.get(site.nginx.https + path, headers={"Accept-Encoding": "gzip"}, timeout=60)
        assert is_nginx_page(answer, 404)
        assert stored not in answer.text
        # Debian's nginx.conf turns gzip on for the whole server; the site turns it off: what comes
        # gzipped is collectstatic's own .gz copy of the page, byte for byte, not nginx's compression.
        raw = session.get(
            site.nginx.https + path, headers={"Accept-Encoding": "gzip"}, stream=True, timeout=60
        ).raw.read(decode_content=False)
        assert raw == page.with_name("404.html.gz").read_bytes()
        plain = session.get(site.nginx.https + path, headers={"Accept-Encoding": "identity"}, timeout=60)
        assert (plain.status_code, plain.content) == (404, page.read_bytes())
