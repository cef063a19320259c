"""Who may do what, for every URL pattern of the site: the expected outcome of a GET and of a POST
(empty body) per role. tests/security/test_access_matrix.py walks the URL resolver and fails on a
pattern without a row here.

Adding a URL: add a ``Row`` below, in its app's block. Give
- ``get=`` and ``post=``: one profile (a line of the nine roles' outcomes, see the profiles) or one
  outcome for every role;
- what each ``<kwarg>`` names in the fixture world (tests/security/world.py), e.g. ``pk="problem"``,
  or a literal value as ``{"=fmt": "docx"}``; meeting_pk, material_pk, unit_pk, member_pk,
  aspect_pk, measure_pk and snapshot_pk are filled without saying;
- ``variant="personal"`` for a second row that runs the same URL on the member's personal material
  (the default is the team material).

Outcomes (and their tokens in a profile): 200 (a GET answers the page); ``redirect`` (``redir``: a
302 elsewhere than the login page); ``allowed`` (``ok``: a POST that is not refused, 200/302/400/
409/422 — the empty body need not save); ``login`` (302 to the login page); 403 (may read, may not
do); 404 (may not know it exists); 405 (wrong method).
"""

from dataclasses import dataclass, field

from tests.security.world import ROLES

LOGIN, REDIRECT, ALLOWED = "login", "redirect", "allowed"
_TOKENS = {
    "login": LOGIN,
    "redir": REDIRECT,
    "ok": ALLOWED,
    "200": 200,
    "403": 403,
    "404": 404,
    "405": 405,
}


def profile(line: str) -> dict[str, object]:
    """One outcome per role, written in the order of the header comment below."""
    tokens = line.split()
    assert len(tokens) == len(ROLES), f"{line!r}: one outcome per role {ROLES}"
    return dict(zip(ROLES, (_TOKENS[token] for token in tokens), strict=True))


def every(outcome) -> dict[str, object]:
    return dict.fromkeys(ROLES, outcome)


#                                anon   draft membr other secr  sprv  org   outsd admin
SIGNED_IN = profile("            login  200   200   200   200   200   200   200   200")
SIGNED_IN_REDIRECT = profile("   login  redir redir redir redir redir redir redir redir")
SIGNED_IN_POST = profile("       login  ok    ok    ok    ok    ok    ok    ok    ok")
# A page of the unit's meeting or of its team material: every reader of the unit (组织部门 from above).
READ = profile("                 login  200   200   200   200   200   200   404   200")
READ_REDIRECT = profile("        login  redir redir redir redir redir redir 404   redir")
# A member's personal material: the member, the unit's drafters and 书记, administrators.
READ_PERSONAL = profile("        login  200   200   404   200   404   404   404   200")
# Writing the meeting or the team material: the unit's drafters and administrators.
WRITE = profile("                login  ok    403   403   403   403   403   404   ok")
# Writing the personal material: its member too; the 书记 reads it, the others never see it.
WRITE_PERSONAL = profile("       login  ok    ok    404   403   404   404   404   ok")
# Commenting (审核意见): everybody who works in the unit; the 组织部门 only reads.
COMMENT = profile("              login  ok    ok    ok    ok    ok    403   404   ok")
COMMENT_PERSONAL = profile("     login  ok    ok    404   ok    404   404   404   ok")
# Pages that exist only to write (an import's review, a review action's form): refused like a write.
WRITE_GET = profile("            login  200   403   403   403   403   403   404   200")
WRITE_PERSONAL_GET = profile("   login  200   200   404   403   404   404   404   200")
# A user's own object (a notification): another user's is a 404.
OWN = profile("                  login  ok    404   404   404   404   404   404   404")
# A pending import: its importer's alone (see imports:review).
IMPORTER_GET = profile("         login  200   403   403   403   403   403   404   404")
IMPORTER = profile("             login  ok    403   403   403   403   403   404   404")
IMPORTER_PERSONAL_GET = profile("login  404   200   404   403   404   404   404   404")
IMPORTER_PERSONAL = profile("    login  404   ok    404   403   404   404   404   404")
SUBMIT_PERSONAL_GET = profile("  login  403   200   404   403   404   404   404   200")
SUBMIT_PERSONAL = profile("      login  403   ok    404   403   404   404   404   ok")
CREATE = profile("               login  ok    403   403   403   403   403   ok    ok")
START_PERSONAL = profile("       login  ok    ok    403   403   403   403   404   ok")
LIBRARY_GET = profile("          login  200   403   403   200   403   403   404   200")
LIBRARY = profile("              login  ok    403   403   ok    403   403   404   ok")
FOLLOW = profile("               login  ok    403   ok    ok    403   403   404   ok")
FOLLOW_PERSONAL = profile("      login  ok    ok    404   ok    404   404   404   ok")
ASPECT = {"aspect": "@aspect"}
# Queuing a zip (导出全部材料): everybody who reads the meeting, the 组织部门 included (it writes only
# the user's own job); following and downloading it: its requester alone.
READ_POST = profile("            login  ok    ok    ok    ok    ok    ok    404   ok")
REQUESTER_GET = profile("        login  200   404   404   404   404   404   404   404")
# Two-factor login: the code step needs a pending login or a staff session with a device (none in the
# world: 403); the set-up page is for staff.
OTP = profile("                  login  403   403   403   403   403   403   403   403")
OTP_SETUP_GET = profile("        login  403   403   403   403   403   403   403   200")
OTP_SETUP = profile("            login  403   403   403   403   403   403   403   ok")
# Turning it off: the owner of a device (none in the world: the staff admin is sent to set-up, the
# others have none to remove).
OTP_REMOVE = profile("           login  403   403   403   403   403   403   403   redir")
# The wrong method where login_required stands before require_GET/require_POST.
LOGIN_FIRST_405 = profile("      login  405   405   405   405   405   405   405   405")


@dataclass(frozen=True)
class Row:
    key: str
    get: dict
    post: dict
    kwargs: dict = field(default_factory=dict)
    variant: str = "team"
    # The minimal body of the POST and query of the GET, for endpoints that 404 on a missing id
    # even for those allowed (else an allowed 404 could not be told from a refusal). A value
    # "@name" is the pk of the world's object ``name``.
    data: dict = field(default_factory=dict)
    query: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.key if self.variant == "team" else f"{self.key}@{self.variant}"

    def expected(self, method: str, role: str) -> object:
        return (self.get if method == "GET" else self.post)[role]


def row(key: str, get, post, variant: str = "team", *, literal=None, data=None, query=None, **kwargs) -> Row:
    given = {**kwargs, **{f"={name}": value for name, value in (literal or {}).items()}}
    as_profile = lambda value: value if isinstance(value, dict) else every(value)  # noqa: E731
    return Row(
        key=key,
        get=as_profile(get),
        post=as_profile(post),
        kwargs=given,
        variant=variant,
        data=data or {},
        query=query or {},
    )


def material_rows(key: str, get, post, personal_get=None, personal_post=None, **kwargs) -> list[Row]:
    """The same URL on the team material and on the member's personal one."""
    return [
        row(key, get, post, **kwargs),
        row(key, personal_get or get, personal_post or post, variant="personal", **kwargs),
    ]


# The Django admin: one rule for its ~130 patterns, every address under admin/ (each one is the
# admin's own view behind admin_view, so staff-only); ADMIN_ROWS are requested for every role.
ADMIN_PREFIX = "admin/"
ADMIN_ROWS: list[Row] = []

ROWS: list[Row] = [
    row("favicon.ico", REDIRECT, 405),
    # --- accounts
    row("accounts:login", 200, ALLOWED),
    row("accounts:logout", 405, LOGIN),
    # --- meetings
    row("meetings:dashboard", SIGNED_IN, 405),
    row("meetings:unit", READ, 405, pk="unit"),
    # Not a unit's address: every drafter (the outsider too, in its own unit) creates meetings.
    row("meetings:create", CREATE, CREATE),
    row("meetings:detail", READ, 405, pk="meeting"),
    row("meetings:comment", 405, COMMENT, pk="meeting"),
    # --- exports
    row("exports:download", READ, 405, literal={"document": "team", "fmt": "docx"}),
    row("exports:glyphs_missing", SIGNED_IN, 405),
    # --- workspace: the meeting's steps
    row("workspace:home", READ_REDIRECT, 405),
    row("workspace:info", READ, 405),
    row("workspace:info_save", 405, WRITE),
    row("workspace:attendance_save", 405, WRITE),  # member_pk: the world's member, who has a row
    row("workspace:preparation", READ, 405),
    row("workspace:study_create", 405, WRITE),
    row("workspace:study_save", 405, WRITE, pk="study"),
    row("workspace:study_delete", 405, WRITE, pk="study"),
    row("workspace:solicitation_create", 405, WRITE),
    row("workspace:solicitation_save", 405, WRITE, pk="solicitation"),
    row("workspace:solicitation_delete", 405, WRITE, pk="solicitation"),
    row("workspace:opinions_paste", 405, WRITE),
    row("workspace:opinion_save", 405, WRITE, pk="opinion"),
    row("workspace:opinion_delete", 405, WRITE, pk="opinion"),
    row("workspace:talk_create", 405, WRITE),
    row("workspace:talk_save", 405, WRITE, pk="talk"),
    row("workspace:talk_delete", 405, WRITE, pk="talk"),
    row("workspace:report", READ, 405),
    row("workspace:report_save", 405, WRITE),
    # Starting a member's material: its member and the drafters; the meeting's other readers see the
    # member listed on the meeting page, so a 403 tells them nothing new.
    row("workspace:personal", 405, START_PERSONAL),
    # --- workspace: one material's steps
    *material_rows("workspace:problems", READ, 405, READ_PERSONAL),
    *material_rows("workspace:problem_create", 405, WRITE, personal_post=WRITE_PERSONAL, data=ASPECT),
    *material_rows("workspace:problems_reorder", 405, WRITE, personal_post=WRITE_PERSONAL, data=ASPECT),
    *material_rows("workspace:problem_save", 405, WRITE, personal_post=WRITE_PERSONAL, pk="problem"),
    *material_rows("workspace:problem_delete", 405, WRITE, personal_post=WRITE_PERSONAL, pk="problem"),
    *material_rows("workspace:aspect_text", 405, WRITE, personal_post=WRITE_PERSONAL),
    *material_rows("workspace:causes", READ, 405, READ_PERSONAL),
    *material_rows("workspace:cause_create", 405, WRITE, personal_post=WRITE_PERSONAL),
    *material_rows("workspace:causes_reorder", 405, WRITE, personal_post=WRITE_PERSONAL),
    *material_rows("workspace:cause_save", 405, WRITE, personal_post=WRITE_PERSONAL, pk="cause"),
    *material_rows("workspace:cause_delete", 405, WRITE, personal_post=WRITE_PERSONAL, pk="cause"),
    *material_rows("workspace:measures", READ, 405, READ_PERSONAL),
    *material_rows("workspace:measure_create", 405, WRITE, personal_post=WRITE_PERSONAL),
    *material_rows("workspace:measures_reorder", 405, WRITE, personal_post=WRITE_PERSONAL),
    *material_rows("workspace:measure_save", 405, WRITE, personal_post=WRITE_PERSONAL, pk="measure"),
    *material_rows("workspace:measure_delete", 405, WRITE, personal_post=WRITE_PERSONAL, pk="measure"),
    *material_rows("workspace:measure_item_create", 405, WRITE, personal_post=WRITE_PERSONAL, pk="measure"),
    *material_rows("workspace:measure_items_reorder", 405, WRITE, personal_post=WRITE_PERSONAL, pk="measure"),
    *material_rows("workspace:measure_item_save", 405, WRITE, personal_post=WRITE_PERSONAL, pk="item"),
    *material_rows("workspace:measure_item_delete", 405, WRITE, personal_post=WRITE_PERSONAL, pk="item"),
    *material_rows("workspace:material_text", 405, WRITE, personal_post=WRITE_PERSONAL),
    *material_rows("workspace:restore", 405, WRITE, personal_post=WRITE_PERSONAL),
    *material_rows("workspace:preview", READ, 405, READ_PERSONAL),
    # --- imports
    *material_rows("imports:start", WRITE_GET, WRITE, WRITE_PERSONAL_GET, WRITE_PERSONAL),
    # A pending import is its importer's (the drafter's on the team material, the member's on the
    # personal one): any other editor gets a 404 as if it did not exist.
    *material_rows(
        "imports:review", IMPORTER_GET, IMPORTER, IMPORTER_PERSONAL_GET, IMPORTER_PERSONAL, pk="import"
    ),
    *material_rows("imports:commit", LOGIN_FIRST_405, IMPORTER, personal_post=IMPORTER_PERSONAL, pk="import"),
    *material_rows("imports:result", WRITE_GET, LOGIN_FIRST_405, WRITE_PERSONAL_GET, pk="done_import"),
    *material_rows(
        "imports:discard", LOGIN_FIRST_405, IMPORTER, personal_post=IMPORTER_PERSONAL, pk="import"
    ),
    # --- snippets (素材库)
    row("snippets:library_home", SIGNED_IN_REDIRECT, 405),
    row("snippets:library", READ, 405),
    # The library is written by the unit's drafters and its 书记 (apps/snippets/access.py).
    row("snippets:snippet_add", LIBRARY_GET, LIBRARY),
    row("snippets:library_import", 405, LIBRARY),
    row("snippets:snippet_edit", LIBRARY_GET, LIBRARY, pk="snippet"),
    row("snippets:snippet_delete", 405, LIBRARY, pk="snippet"),
    # Searching the library from a material reads what the library page shows its readers.
    *material_rows("snippets:panel_search", READ, 405, READ_PERSONAL),
    *material_rows(
        "snippets:panel_record_use",
        405,
        WRITE,
        personal_post=WRITE_PERSONAL,
        data={
            "snippet": "@snippet",
            "entry": "@problem",
            "entry_type": "problem",
            "field": "headline",
            "mode": "append",
        },
    ),
    *material_rows("snippets:panel_forget_use", 405, WRITE, personal_post=WRITE_PERSONAL, pk="use"),
    *material_rows(
        "snippets:panel_save_entry",
        405,
        WRITE,
        personal_post=WRITE_PERSONAL,
        data={"entry": "@problem", "entry_type": "problem"},
    ),
    # --- comments (审核意见 on a material)
    *material_rows("comments:list", READ, 405, READ_PERSONAL),
    *material_rows("comments:counts", READ, 405, READ_PERSONAL),
    *material_rows("comments:thread", READ, 405, READ_PERSONAL, query={"anchor": "material"}),
    *material_rows(
        "comments:create", 405, COMMENT, personal_post=COMMENT_PERSONAL, data={"anchor": "material"}
    ),
    *material_rows("comments:reply", 405, COMMENT, personal_post=COMMENT_PERSONAL, pk="comment"),
    # Settling a thread: its author or a writer of the material (the drafter wrote the world's).
    *material_rows("comments:resolve", 405, WRITE, personal_post=WRITE_PERSONAL, pk="comment"),
    *material_rows("comments:reopen", 405, WRITE, personal_post=WRITE_PERSONAL, pk="comment"),
    # --- history (版本)
    *material_rows("history:versions", READ, 405, READ_PERSONAL),
    *material_rows("history:compare", READ, 405, READ_PERSONAL, query={"a": "@snapshot"}),
    *material_rows("history:restore_material", 405, WRITE, personal_post=WRITE_PERSONAL),
    *material_rows(
        "history:restore_entry",
        405,
        WRITE,
        personal_post=WRITE_PERSONAL,
        pk="problem",
        literal={"kind": "problem"},
    ),
    # --- review (审核)
    row("review:queue", SIGNED_IN, 405),
    *material_rows("review:record", READ, 405, READ_PERSONAL),
    # A personal material is submitted by its member (by a drafter only for a member without a login).
    *material_rows(
        "review:act", WRITE_GET, WRITE, SUBMIT_PERSONAL_GET, SUBMIT_PERSONAL, literal={"action": "submit"}
    ),
    # --- notifications
    row("notifications:list", SIGNED_IN, 405),
    row("notifications:open", 405, OWN, pk="notification"),
    row("notifications:mark_all_read", 405, SIGNED_IN_POST),
    # --- checks (体检)
    *material_rows("checks:step", READ, LOGIN_FIRST_405, READ_PERSONAL),
    *material_rows("checks:counts", READ, LOGIN_FIRST_405, READ_PERSONAL),
    row("checks:team", READ_REDIRECT, LOGIN_FIRST_405),
    row("checks:team_counts", READ, LOGIN_FIRST_405),
    # --- ledger (整改台账)
    row("ledger:meeting", READ, 405),
    row("ledger:meeting_export", READ, 405, literal={"fmt": "xlsx"}),
    row("ledger:unit", READ, 405),
    row("ledger:unit_export", READ, 405, literal={"fmt": "xlsx"}),
    *material_rows("ledger:measure", READ, 405, READ_PERSONAL, pk="measure"),
    # Following a measure: its 责任领导 (other_member on the team's, the member on their own), the
    # drafters, the 书记 and administrators (apps/ledger/rules.py).
    *material_rows("ledger:note_add", 405, FOLLOW, personal_post=FOLLOW_PERSONAL, pk="measure"),
    *material_rows(
        "ledger:transition",
        405,
        FOLLOW,
        personal_post=FOLLOW_PERSONAL,
        pk="measure",
        literal={"action": "start"},
    ),
    *material_rows("ledger:evidence", READ, 405, READ_PERSONAL, pk="evidence"),
    *material_rows("ledger:recap_generate", 405, WRITE, personal_post=WRITE_PERSONAL),
    *material_rows(
        "ledger:carry_over",
        405,
        WRITE,
        personal_post=WRITE_PERSONAL,
        data={"measure": "@old_measure", **ASPECT},
    ),
    # --- dashboards (统计看板)
    # An organisation department lands on its own unit's dashboard.
    row("dashboards:home", SIGNED_IN | {"organisation": REDIRECT}, 405),
    row("dashboards:unit", READ, 405),
    row("dashboards:materials", READ, 405),
    row("dashboards:problems", READ, 405),
    row("dashboards:units", READ, 405),
    # --- bundles (导出全部材料): asking is a read of the meeting; the job is its requester's alone.
    row("bundles:request", 405, READ_POST),
    row("bundles:detail", REQUESTER_GET, 405, pk="bundle"),
    row("bundles:status", REQUESTER_GET, 405, pk="bundle"),
    row("bundles:download", REQUESTER_GET, 405, pk="bundle"),
    # --- security: the code step, the set-up and the removal page of the administrators' two-factor login
    row("security:otp_verify", OTP, OTP),
    row("security:otp_setup", OTP_SETUP_GET, OTP_SETUP),
    row("security:otp_remove", OTP_REMOVE, OTP_REMOVE),
]

# Staff only: the admin sends everybody else to its own login page (a ``login`` outcome).
STAFF = profile("                login  login login login login login login login 200")
STAFF_POST = profile("           login  login login login login login login login ok")
ADMIN_ROWS += [
    row("admin:index", STAFF, STAFF_POST),
    row("admin:meetings_meeting_changelist", STAFF, STAFF_POST),
    row("admin:meetings_meeting_change", STAFF, STAFF_POST, object_id="meeting"),
    row("admin:entries_material_change", STAFF, STAFF_POST, object_id="material", variant="personal"),
    row("admin:accounts_unitrole_changelist", STAFF, STAFF_POST),
]
