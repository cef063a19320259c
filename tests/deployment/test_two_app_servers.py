"""Two app servers on one PostgreSQL and one Redis (issue 12, "More than one machine"): no state lives
in an app process. Two gunicorn servers (A, B) and a Huey worker run with production settings (debug
off) on a database this test creates; a session opened on A works on B, an autosave on B reads back
on A, a zip queued on A is collected through B, and two editors on different servers get the
conflict answer.

Skipped unless the suite runs on PostgreSQL (DATABASE_URL) and Redis answers (TEST_REDIS_URL, default
redis://127.0.0.1:6379/1). Not a pytest-django database test: everything goes over HTTP.
"""

import io
import json
import os
import secrets
import time
import zipfile

import docx
import psycopg
import pytest
import redis
from psycopg import sql

from tests.deployment.two_servers import Deployment, Person, card_revision, python_ok, with_database

DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
REDIS_URL = os.environ.get("TEST_REDIS_URL", "").strip() or "redis://127.0.0.1:6379/1"


def postgres_admin() -> psycopg.Connection:
    return psycopg.connect(with_database(DATABASE_URL, "postgres"), autocommit=True, connect_timeout=3)


def skip_reason() -> str:
    if not DATABASE_URL.startswith(("postgres://", "postgresql://")):
        return "DATABASE_URL is not PostgreSQL"
    if not python_ok():
        return ".venv with gunicorn is missing"
    try:
        postgres_admin().close()
    except psycopg.Error as error:
        return f"PostgreSQL does not answer: {error}"
    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=3).ping()
    except redis.RedisError as error:
        return f"Redis does not answer at {REDIS_URL}: {error}"
    return ""


pytestmark = pytest.mark.skipif(bool(skip_reason()), reason=skip_reason() or "ready")


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    folder = tmp_path_factory.mktemp("two_servers")
    name = f"rb_two_servers_{os.getpid()}"
    queue = f"rb-two-servers-{os.getpid()}"
    with postgres_admin() as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "HUEY_"))},
        "DJANGO_SETTINGS_MODULE": "reportbuilder.settings",  # production settings, not the tests'
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),  # one key on every server
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_STATIC_MANIFEST": "0",  # static files from the finders: collectstatic takes minutes
        "DJANGO_DATA_DIR": str(folder / "data"),
        "DJANGO_MEDIA_ROOT": str(folder / "media"),  # the shared file store (S3 on real machines)
        "DATABASE_URL": with_database(DATABASE_URL, name),
        "REDIS_URL": REDIS_URL,
        "HUEY_NAME": queue,  # a queue of its own in the shared Redis
        "HUEY_IMMEDIATE": "0",
        "REPORTBUILDER_ALLOW_DEMO_SEED": "0",
    }
    deployment = Deployment(env)
    try:
        deployment.manage("migrate", "--noinput")
        deployment.data = deployment.setup_data()
        deployment.start_server(folder)
        deployment.start_server(folder)
        deployment.start_worker(folder)
        deployment.wait_until_up()
        yield deployment
    finally:
        deployment.stop()
        with postgres_admin() as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        store = redis.Redis.from_url(REDIS_URL)
        for key in store.scan_iter(match=f"*{queue}*"):
            store.delete(key)


def workspace(deployment, server: str) -> tuple[str, str]:
    """(the 查摆问题 page's URL on ``server``, the path its problem card posts to)."""
    data = deployment.data
    base = f"/meetings/{data['meeting']}/work/m/{data['material']}"
    return f"{server}{base}/problems/", f"{base}/problems/{data['problem']}/"


def card(deployment, person: Person, server: str) -> dict:
    """The problem card as a page on ``server`` shows it: what autosave.js would post."""
    page_url, save_path = workspace(deployment, server)
    page = person.get(page_url)
    assert page.status_code == 200, page.text[:2000]
    return {"page": page.text, "save": server + save_path, "revision": card_revision(page.text, save_path)}


def autosave(deployment, person: Person, shown: dict, elaboration: str, base: str | None = None):
    """Post the card with ``elaboration`` typed in; ``base``: the elaboration the page showed (sent as
    ``_base``, which lets a stale save of other fields merge; without it, only the revision counts)."""
    source = deployment.data["source"]
    fields = {"headline": "学习不够深入", "elaboration": elaboration, "example": "", "source": source}
    data = {**fields, "revision": shown["revision"]}
    if base is not None:
        data["_base"] = json.dumps({**fields, "elaboration": base})
    return person.post(shown["save"], data)


def test_a_session_and_an_autosave_cross_servers(deployment):
    a, b = deployment.urls
    alice = Person()
    alice.login(a, "alice")

    on_b = card(deployment, alice, b)  # A's session works on B: the sessions live in Redis + PostgreSQL
    saved = autosave(deployment, alice, on_b, "在B服务器上保存的文字。", base="原来的文字。")
    assert saved.status_code == 200, saved.text
    assert saved.json()["ok"] is True

    on_a = card(deployment, alice, a)
    assert "在B服务器上保存的文字。" in on_a["page"]
    assert on_a["revision"] == saved.json()["revision"]


def test_two_editors_on_different_servers_get_the_conflict_answer(deployment):
    a, b = deployment.urls
    alice, bob = Person(), Person()
    alice.login(a, "alice")
    bob.login(b, "bob")
    before = card(deployment, alice, a)
    shown = "两人打开页面时的文字。"
    assert autosave(deployment, alice, before, shown).status_code == 200  # at the current revision
    alice_card, bob_card = card(deployment, alice, a), card(deployment, bob, b)
    assert shown in alice_card["page"] and alice_card["revision"] == bob_card["revision"]

    first = autosave(deployment, alice, alice_card, "甲在A服务器上改的。", base=shown)
    second = autosave(deployment, bob, bob_card, "乙在B服务器上改的。", base=shown)

    assert first.status_code == 200, first.text
    assert second.status_code == 409, second.text
    both = second.json()["conflict"]["fields"]["elaboration"]
    assert (both["mine"], both["theirs"]) == ("乙在B服务器上改的。", "甲在A服务器上改的。")
    assert "甲在A服务器上改的。" in card(deployment, bob, b)["page"]  # nothing of bob's was written


def test_a_zip_queued_on_one_server_is_collected_through_the_other(deployment):
    a, b = deployment.urls
    alice = Person()
    alice.login(a, "alice")
    meeting = deployment.data["meeting"]

    queued = alice.post(f"{a}/meetings/{meeting}/bundle/", {}, allow_redirects=False)
    assert queued.status_code == 302, queued.text[:2000]
    job = queued.headers["Location"].rstrip("/").split("/")[-1]
    assert alice.get(f"{b}/bundles/{job}/").status_code == 200  # the progress page, on B

    deadline = time.monotonic() + 180  # the worker renders two PDFs; a loaded machine is slow
    while True:
        state = alice.get(f"{b}/bundles/{job}/status/").json()
        if state["status"] not in ("queued", "running"):
            break
        deployment.assert_running()
        assert time.monotonic() < deadline, f"the zip was not built: {state}\n{deployment.tail()}"
        time.sleep(0.5)
    assert state["status"] == "done", f"{state}\n{deployment.tail()}"

    response = alice.get(b + state["download_url"])
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert len(names) == state["total"] == 6  # team ×2, situation ×2, ledger, opinions
    team = next(name for name in names if name.endswith("对照检查材料.docx"))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(archive.read(team))).paragraphs)
    assert "学习不够深入" in text
    assert all(archive.read(name).startswith(b"%PDF") for name in names if name.endswith(".pdf"))

    bob = Person()
    bob.login(b, "bob")
    assert bob.get(f"{a}/bundles/{job}/status/").status_code == 404  # alice's alone, on any server
