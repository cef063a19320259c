"""Property-based fuzzing (hypothesis) of every form POST, every JSON endpoint and every page's query
string, as the unit's drafter (the role that reaches the deepest code).

Bodies are generated from the site's own field names (every form's fields, the keys views read from
request.POST/GET) and random ones, with hostile values: random and huge texts, control characters
\\x00–\\x1f, U+2028/2029, lone surrogates (percent-encoded, and as JSON escapes in ``_base``), wrong
types (lists, numbers, null, nested objects as JSON), huge and negative numbers, ids of the world's
objects and of another unit's; sent urlencoded, as multipart, as malformed JSON and as text/plain.

Properties, per request:
- never a 5xx (an exception in a view fails too: the test client re-raises it);
- nothing changes outside the target: every table is hashed before and after, and only the tables
  the endpoint writes (WRITES below; in its target table only the target row, or new rows for a
  create) and the side tables every write legitimately touches (SIDE_TABLES) may differ.

Deterministic: the ``security`` hypothesis profile (tests/security/conftest.py) is derandomized, so
CI meets the same examples every run; each example runs in a savepoint rolled back after it.
"""

import json
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django import forms
from django.db import connection, transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.security import access_table
from tests.security.access_table import ALLOWED, ROWS
from tests.security.routes import changed_tables, fill, fingerprint, site_routes, table_names
from tests.security.world import build_world

# --- What each endpoint may write --------------------------------------------------------------------

# Written by saves as a matter of course, whatever the target:
# - reversion_revision / reversion_version: apps/history records every workspace POST as a revision
#   of the material (its user and the rows it saved);
# - notifications_notification: comments, review actions and ledger changes tell the people concerned;
# - django_session is never fingerprinted (routes.UNFINGERPRINTED_TABLES).
# - history_materialedit: the workspace's audit trail, one row per workspace write (with its revision);
SIDE_TABLES = {
    "reversion_revision",
    "reversion_version",
    "history_materialedit",
    "notifications_notification",
}


@dataclass(frozen=True)
class Writes:
    """The tables an endpoint may change: ``table`` only in the ``row`` named (the world's object;
    None: any existing row may change — a reorder or a list-wide action), new rows when ``creates``,
    and ``also`` wholly (with the reason in a comment)."""

    table: str
    row: str | None = None
    creates: bool = False
    also: frozenset[str] = frozenset()


def _w(table, row=None, creates=False, *also) -> Writes:
    return Writes(table, row, creates, frozenset(also))


ENTRY_LINKS = ("entries_cause_problems", "entries_measure_causes", "entries_measure_problems")
# Every password check writes the login audit (登录日志) and django-axes' attempt records.
LOGIN_AUDIT = ("security_loginevent", "axes_accessattempt", "axes_accessfailurelog", "axes_accesslog")
WRITES: dict[str, Writes] = {
    # A successful login sets last_login; every attempt is in the login audit (登录日志), and a failed
    # one counts towards django-axes' lockout.
    "accounts:login": _w("auth_user", None, False, *LOGIN_AUDIT),
    # 停用两步验证 (staff with a device; no drafter reaches it): the owner's devices go, the login
    # audit says so, and a wrong password or code counts like a failed login.
    "security:otp_remove": _w("otp_totp_totpdevice", None, False, *LOGIN_AUDIT),
    "meetings:create": _w("meetings_meeting", None, True, "entries_material"),  # with its team material
    "meetings:comment": _w("meetings_comment", None, True),
    "bundles:request": _w("bundles_bundlejob", None, True),  # the requester's own zip job
    "workspace:info_save": _w("meetings_meeting", "meeting"),
    "workspace:attendance_save": _w("meetings_attendance", "attendance"),
    "workspace:study_create": _w("meetings_studysession", None, True),
    "workspace:study_save": _w("meetings_studysession", "study"),
    "workspace:study_delete": _w("meetings_studysession", "study"),
    "workspace:solicitation_create": _w("meetings_opinionsolicitation", None, True),
    "workspace:solicitation_save": _w("meetings_opinionsolicitation", "solicitation"),
    # Its opinions go with it (on_delete): the world's one opinion belongs to it.
    "workspace:solicitation_delete": _w(
        "meetings_opinionsolicitation", "solicitation", False, "meetings_opinion"
    ),
    "workspace:opinions_paste": _w("meetings_opinion", None, True),
    "workspace:opinion_save": _w("meetings_opinion", "opinion"),
    "workspace:opinion_delete": _w("meetings_opinion", "opinion"),
    "workspace:talk_create": _w("meetings_talk", None, True),
    "workspace:talk_save": _w("meetings_talk", "talk"),
    "workspace:talk_delete": _w("meetings_talk", "talk"),
    "workspace:report_save": _w("meetings_meeting", "meeting"),
    "workspace:personal": _w("entries_material", None, True),
    "workspace:problem_create": _w("entries_problem", None, True),
    "workspace:problems_reorder": _w("entries_problem"),  # positions of the aspect's problems
    "workspace:problem_save": _w("entries_problem", "problem", False, *ENTRY_LINKS),
    "workspace:problem_delete": _w("entries_problem", "problem", False, *ENTRY_LINKS),
    "workspace:aspect_text": _w("entries_aspecttext", "aspect_text", True),
    "workspace:cause_create": _w("entries_cause", None, True),
    "workspace:causes_reorder": _w("entries_cause"),
    "workspace:cause_save": _w("entries_cause", "cause", False, *ENTRY_LINKS),
    "workspace:cause_delete": _w("entries_cause", "cause", False, *ENTRY_LINKS),
    "workspace:measure_create": _w("entries_measure", None, True),
    "workspace:measures_reorder": _w("entries_measure"),
    "workspace:measure_save": _w("entries_measure", "measure", False, *ENTRY_LINKS),
    # Its sub-items, progress notes and evidence go with it (on_delete).
    "workspace:measure_delete": _w(
        "entries_measure",
        "measure",
        False,
        *ENTRY_LINKS,
        "entries_measureitem",
        "ledger_progressnote",
        "ledger_evidence",
    ),
    "workspace:measure_item_create": _w("entries_measureitem", None, True),
    "workspace:measure_items_reorder": _w("entries_measureitem"),
    "workspace:measure_item_save": _w("entries_measureitem", "item"),
    "workspace:measure_item_delete": _w("entries_measureitem", "item"),
    "workspace:material_text": _w("entries_material", "material"),
    # Undo of a delete: the entry comes back as a new row (with its links).
    "workspace:restore": _w(
        "entries_problem", None, True, "entries_cause", "entries_measure", "entries_measureitem", *ENTRY_LINKS
    ),
    "imports:start": _w("imports_pendingimport", None, True),
    "imports:review": _w("imports_pendingimport", "import"),
    # A commit writes the material's entries (replace or append) and marks the import done.
    "imports:commit": _w(
        "imports_pendingimport",
        "import",
        False,
        "entries_material",
        "entries_aspecttext",
        "entries_problem",
        "entries_cause",
        "entries_measure",
        "entries_measureitem",
        *ENTRY_LINKS,
        "history_snapshot",
    ),
    "imports:discard": _w("imports_pendingimport", "import"),
    "snippets:snippet_add": _w("snippets_snippet", None, True, "snippets_snippet_aspects"),
    "snippets:library_import": _w("snippets_snippet", None, True, "snippets_snippet_aspects"),
    "snippets:snippet_edit": _w("snippets_snippet", "snippet", False, "snippets_snippet_aspects"),
    "snippets:snippet_delete": _w(
        "snippets_snippet", "snippet", False, "snippets_snippet_aspects", "snippets_snippetuse"
    ),
    # Inserting a snippet records the use; the entry's text itself is saved by its own autosave.
    "snippets:panel_record_use": _w("snippets_snippetuse", None, True),
    "snippets:panel_forget_use": _w("snippets_snippetuse", "use"),
    "snippets:panel_save_entry": _w("snippets_snippet", None, True, "snippets_snippet_aspects"),
    "comments:create": _w("comments_materialcomment", None, True),
    "comments:reply": _w("comments_materialcomment", None, True),  # and the thread's reopening
    "comments:resolve": _w("comments_materialcomment", "comment"),
    "comments:reopen": _w("comments_materialcomment", "comment"),
    # A restore rewrites the material's entries from the snapshot, after a snapshot of before.
    "history:restore_material": _w(
        "entries_material",
        "material",
        False,
        "entries_aspecttext",
        "entries_problem",
        "entries_cause",
        "entries_measure",
        "entries_measureitem",
        *ENTRY_LINKS,
        "history_snapshot",
    ),
    "history:restore_entry": _w("entries_problem", "problem", True, *ENTRY_LINKS, "history_snapshot"),
    # Submitting: the material's status, the transition record and the snapshot of what was submitted.
    "review:act": _w("entries_material", "material", False, "review_transition", "history_snapshot"),
    "notifications:open": _w("notifications_notification", "notification"),
    "notifications:mark_all_read": _w("notifications_notification"),
    "ledger:note_add": _w("ledger_progressnote", None, True, "ledger_evidence"),
    "ledger:transition": _w("entries_measure", "measure", False, "ledger_statuschange"),
    # The recap (回顾) of last year's measures is the material's text; carrying a measure over adds a problem.
    "ledger:recap_generate": _w("entries_material", "material"),
    "ledger:carry_over": _w("entries_problem", None, True),
}

# The GETs whose views read the query string (filters, pages, anchors, snapshots, searches) and the
# JSON endpoints; other pages ignore it, and rendering them 5 times each would double the run.
GET_FUZZED = {
    "exports:glyphs_missing",
    "snippets:library",
    "snippets:panel_search",
    "comments:counts",
    "comments:thread",
    "history:compare",
    "review:queue",
    "notifications:list",
    "checks:counts",
    "checks:team_counts",
    "ledger:meeting",
    "ledger:meeting_export",
    "ledger:unit",
    "ledger:unit_export",
    "dashboards:unit",
    "dashboards:materials",
    "dashboards:problems",
    "dashboards:units",
    "meetings:unit",
}


# --- Field names and values ------------------------------------------------------------------------


def form_field_names() -> list[str]:
    """Every field name of every form of the site, and the keys views read by hand."""
    import importlib

    names = {"_base", "revision", "ids", "anchor", "entry", "entry_type", "field", "mode", "snippet"}
    names |= {"measure", "aspect", "back", "token", "page", "q", "scope", "year", "status", "owner"}
    names |= {"overdue", "due_within", "sort", "state", "kind", "unit", "show", "part", "offset", "a", "b"}
    for app in ("accounts", "comments", "imports", "ledger", "meetings", "review", "snippets", "workspace"):
        module = importlib.import_module(f"apps.{app}.forms")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, forms.BaseForm):
                names |= set(getattr(value, "base_fields", {}))
    return sorted(names)


CONTROL = st.characters(min_codepoint=0, max_codepoint=0x1F)
ODD = st.sampled_from(["\u2028", "\u2029", "\ufeff", "\u202e", "\ud800", "\udfff", "\U0001f600", "\ue000"])


def value_strategy(ids: list[int]) -> st.SearchStrategy[str]:
    number = st.one_of(
        st.integers(min_value=-(2**70), max_value=2**70),
        st.sampled_from([0, -1, 2**31, 2**63, 10**30]),
        st.sampled_from(ids),
    ).map(str)
    wrong_type = st.sampled_from(
        [
            "null",
            "true",
            "[]",
            "[1, 2]",
            '{"a": 1}',
            '{"revision": "x"}',
            "NaN",
            "1e309",
            "-0",
            "0x10",
            "１２",
        ]
    )
    json_text = st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
        max_leaves=8,
    ).map(lambda data: json.dumps(data, ensure_ascii=True))
    return st.one_of(
        st.text(max_size=30),
        st.text(alphabet=CONTROL | ODD | st.sampled_from("一是，。 a"), max_size=30),
        st.sampled_from([5_001, 20_000]).map(lambda size: "问" * size),  # past every field's limit
        number,
        wrong_type,
        json_text,
        st.just('{"headline": "\\ud800", "text": "\\udc00\\u0000"}'),  # lone surrogates via JSON escapes
        st.dates().map(str),
        st.just(""),
    )


@dataclass
class Body:
    content_type: str
    payload: bytes


def urlencoded(pairs: list[tuple[str, str]]) -> bytes:
    # surrogatepass: a lone surrogate goes out as its (invalid) UTF-8 bytes, as a broken client sends it.
    return "&".join(
        f"{quote(key, errors='surrogatepass')}={quote(value, errors='surrogatepass')}" for key, value in pairs
    ).encode()


def body_strategy(baseline: dict[str, str], names: list[str], ids: list[int]) -> st.SearchStrategy[Body]:
    """A valid-looking body (the target's current values) with some fields dropped and some replaced
    by hostile values, so the hostile value reaches the save and not only the form's first check."""
    key = st.sampled_from(sorted({*names, *baseline})) | st.text(max_size=8)
    overrides = st.lists(st.tuples(key, value_strategy(ids)), max_size=6)  # a repeated key is a list
    dropped = st.sets(st.sampled_from(sorted(baseline))) if baseline else st.just(set())

    def merge(parts) -> list[tuple[str, str]]:
        replace, drop = parts
        replaced = {name for name, _ in replace}
        kept = [(name, value) for name, value in baseline.items() if name not in drop | replaced]
        return kept + replace

    pairs = st.tuples(overrides, dropped).map(merge)
    as_form = pairs.map(lambda items: Body("application/x-www-form-urlencoded", urlencoded(items)))
    as_multipart = pairs.map(lambda items: Body("multipart", items))  # encoded by the test client
    as_json = st.dictionaries(key, value_strategy(ids), max_size=5).map(
        lambda data: Body(
            "application/json", json.dumps({**baseline, **data}).encode("utf-8", "surrogatepass")
        )
    )
    garbage = st.binary(max_size=200).map(lambda raw: Body(st_choice_type(raw), raw))
    return st.one_of(as_form, as_form, as_form, as_multipart, as_json, garbage)


def baseline_of(row, writes: "Writes | None", objects: dict) -> dict[str, str]:
    """The row's minimal body and the target object's current values (with its revision)."""
    from django.forms.models import model_to_dict

    body = {key: str(objects[v[1:]].pk) if str(v).startswith("@") else str(v) for key, v in row.data.items()}
    source = writes.row if writes is not None and writes.row else row.kwargs.get("pk")
    if source is not None:
        target = objects[source]
        for name, value in model_to_dict(target).items():
            if isinstance(value, list | tuple):
                continue  # many-to-many: the fuzzed lists come from the overrides
            body.setdefault(name, "" if value is None else getattr(value, "pk", value).__str__())
        if hasattr(target, "revision"):
            body["revision"] = str(target.revision)
    return body


def st_choice_type(raw: bytes) -> str:
    # Malformed bodies under each content type a client might claim.
    types = ["application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
    return types[len(raw) % len(types)]


def post(client, url: str, body: Body):
    headers = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
    if body.content_type == "multipart":
        items = [(k, v) for k, v in body.payload if _encodable(k) and _encodable(v)]
        data: dict[str, list[str]] = {}
        for k, v in items:
            data.setdefault(k, []).append(v)
        return client.post(url, data, **headers)
    return client.generic("POST", url, body.payload, content_type=body.content_type, **headers)


def _encodable(text: str) -> bool:
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


# --- The world, the endpoints and the check --------------------------------------------------------


@pytest.fixture
def world(unit, other_unit, meeting, other_meeting, member_user, admin_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_world(unit, other_unit, meeting, other_meeting, member_user, admin_user)


def targets(method: str) -> list:
    """The rows the drafter may use with ``method``: every write endpoint, or every page."""
    rows = [*ROWS, *access_table.ADMIN_ROWS]
    wanted = ALLOWED if method == "POST" else 200
    return [
        row
        for row in rows
        if row.expected(method, "drafter") == wanted
        and not row.key.startswith("admin:")
        and row.variant == "team"
    ]


def world_ids(world) -> list[int]:
    objects = [*world.common.values(), *world.variants["team"].values(), *world.variants["personal"].values()]
    return sorted({obj.pk for obj in objects if hasattr(obj, "pk")} | {world.common["other_meeting"].pk})


def fingerprint_outside(writes: Writes | None, objects: dict, tables: list[str], last_id: int | None):
    """The fingerprint of everything the endpoint must not change: every table but the side tables
    and ``writes.also``; of ``writes.table`` the rows that existed (``id <= last_id``) but the target."""
    skip = set(SIDE_TABLES)
    if writes is not None:
        skip |= {writes.table, *writes.also}
    state = fingerprint([table for table in tables if table not in skip])
    if writes is not None and (writes.row is not None or writes.creates):
        target = objects[writes.row].pk if writes.row else None
        with connection.cursor() as cursor:
            table = connection.ops.quote_name(writes.table)
            cursor.execute(f"SELECT * FROM {table} WHERE id <= %s ORDER BY id", [last_id or 0])  # noqa: S608
            state[writes.table] = repr([row for row in cursor.fetchall() if row[0] != target])
    return state


def last_id(writes: Writes | None) -> int | None:
    if writes is None:
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(writes.table)}")  # noqa: S608
        return cursor.fetchone()[0]


def run_post(client, url, body, writes, objects, tables) -> None:
    with transaction.atomic():
        existing = last_id(writes)
        before = fingerprint_outside(writes, objects, tables, existing)
        response = post(client, url, body)
        assert response.status_code < 500, (url, body, response.status_code)
        changed = changed_tables(before, fingerprint_outside(writes, objects, tables, existing))
        assert changed == [], f"{url}: {body} changed {changed} outside its target"
        transaction.set_rollback(True)


def test_every_fuzzed_page_is_a_page_of_the_site():
    assert {row.key for row in targets("GET")} >= GET_FUZZED


def test_every_write_endpoint_says_what_it_writes():
    missing = [row.key for row in targets("POST") if row.key not in WRITES]
    assert missing == [], (
        f"say in WRITES of tests/security/test_fuzz.py what these endpoints write: {missing}"
    )


@pytest.mark.parametrize("method", ["POST", "GET"])
def test_fuzz(client, world, method):
    routes = {route.key: route for route in site_routes()}
    client.force_login(world.users["drafter"])
    names, ids, tables = form_field_names(), world_ids(world), table_names()
    objects = world.objects("team")
    for row in targets(method):
        url = fill(routes[row.key], objects, row.kwargs)
        if method == "POST":
            writes = WRITES.get(row.key)
            fuzz_post(
                client,
                url,
                body_strategy(baseline_of(row, writes, objects), names, ids),
                writes,
                objects,
                tables,
            )
        elif row.key in GET_FUZZED:
            fuzz_get(
                client,
                url,
                st.lists(st.tuples(st.sampled_from(names) | st.text(max_size=8), value_strategy(ids))),
                tables,
            )


# Bounded: ~60 write endpoints and ~45 pages; on an idle 2-core machine the POST half takes about a
# minute on SQLite.
POST_EXAMPLES = 20
GET_EXAMPLES = 5


def fuzz_post(client, url, bodies, writes, objects, tables) -> None:
    @settings(max_examples=POST_EXAMPLES)
    @given(body=bodies)
    def one(body):
        run_post(client, url, body, writes, objects, tables)

    one()


def fuzz_get(client, url, queries, tables) -> None:
    @settings(max_examples=GET_EXAMPLES)
    @given(query=queries)
    def one(query):
        run_get(client, url, query, tables)

    one()


def run_get(client, url, query, tables) -> None:
    with transaction.atomic():
        before = fingerprint(tables)
        response = client.get(url + "?" + urlencoded(query).decode())
        assert response.status_code < 500, (url, query, response.status_code)
        assert changed_tables(before, fingerprint(tables)) == [], f"GET {url}?{query} wrote"
        transaction.set_rollback(True)
