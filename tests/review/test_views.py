"""The review over HTTP: the action pages for every role (404 for other units and for a personal
material the role may not read, 403 with the Chinese reason for a refused role), the submitted
material read-only in the workspace, approved → 重新打开修改, the record, the queue, query counts."""

import pytest
from django.urls import reverse

from apps.checks.findings import ERROR, WARNING, Finding
from apps.entries.models import Material, Problem
from apps.review import services
from apps.review.models import Transition
from tests.review.conftest import ROLES, set_status

S = Material.Status
A = Transition.Action


def act_url(material: Material, action: str) -> str:
    return reverse("review:act", args=[material.meeting_id, material.pk, action])


def workspace(material: Material, name: str = "problems") -> str:
    return reverse(f"workspace:{name}", args=[material.meeting_id, material.pk])


# (kind, action, from status) -> the roles that get the page (200); outsiders get 404, the rest 403.
CASES = {
    ("team", A.SUBMIT, S.DRAFT): {"drafter", "admin_user"},
    ("team", A.RETURN, S.SUBMITTED): {"secretary", "supervisor", "admin_user"},
    ("team", A.RETURN, S.APPROVED): {"supervisor", "admin_user"},
    ("team", A.APPROVE, S.SUBMITTED): {"secretary", "admin_user"},
    ("team", A.REOPEN, S.APPROVED): {"drafter", "admin_user"},
    ("personal", A.SUBMIT, S.RETURNED): {"member_user", "admin_user"},
    ("personal", A.RETURN, S.SUBMITTED): {"secretary", "admin_user"},
    ("personal", A.APPROVE, S.SUBMITTED): {"secretary", "admin_user"},
    ("personal", A.REOPEN, S.APPROVED): {"member_user", "admin_user"},
}
# Who cannot even read a personal material (a 404, as for another unit).
CANNOT_READ_PERSONAL = {"supervisor", "outsider"}


@pytest.mark.parametrize(("kind", "action", "status"), list(CASES))
@pytest.mark.parametrize("role", ROLES)
def test_every_action_page_by_every_role(client, cast, request, kind, action, status, role):
    material = set_status(request.getfixturevalue(kind), status)
    client.force_login(cast[role])
    url = act_url(material, action)
    page = client.get(url)
    posted = client.post(url, {"comment": "请补充比如事例。"})
    material.refresh_from_db()
    if role in CASES[(kind, action, status)]:
        assert page.status_code == 200
        assert posted.status_code == 302 and posted.url == workspace(material)
        assert material.transitions.get().user == cast[role]
        assert material.status != status
    elif role == "outsider" or (kind == "personal" and role in CANNOT_READ_PERSONAL):
        assert page.status_code == posted.status_code == 404
        assert material.status == status
    else:
        assert page.status_code == posted.status_code == 403
        assert services.refusal(cast[role], material, action) in posted.content.decode()
        assert material.status == status and not material.transitions.exists()


def test_an_unknown_action_and_another_units_material_are_404(client, drafter, team, other_meeting):
    client.force_login(drafter)
    assert client.get(act_url(team, "delete")).status_code == 404
    other = other_meeting.materials.get()
    assert client.get(act_url(other, "submit")).status_code == 404
    assert client.get(reverse("review:act", args=[team.meeting_id, other.pk, "submit"])).status_code == 404
    assert client.get(reverse("review:record", args=[other_meeting.pk, other.pk])).status_code == 404


def test_return_without_a_comment_is_refused_on_the_page(client, secretary, team):
    set_status(team, S.SUBMITTED)
    client.force_login(secretary)
    response = client.post(act_url(team, A.RETURN), {"comment": "  "})
    assert response.status_code == 422
    assert services.COMMENT_REQUIRED in response.content.decode()
    team.refresh_from_db()
    assert team.status == S.SUBMITTED


def test_the_supervisors_return_is_labelled_as_such(client, supervisor, drafter, team):
    set_status(team, S.APPROVED)
    client.force_login(supervisor)
    page = client.get(act_url(team, A.RETURN)).content.decode()
    assert "督导组意见" in page
    client.post(act_url(team, A.RETURN), {"comment": "第二个方面的事例不够具体。"})
    client.force_login(drafter)
    bar = client.get(workspace(team)).content.decode()
    assert "督导组意见" in bar and "第二个方面的事例不够具体。" in bar
    record = client.get(reverse("review:record", args=[team.meeting_id, team.pk])).content.decode()
    assert "督导组意见" in record and "审核通过 → 退回修改" in record


def test_the_submission_page_shows_the_findings_first_errors_highlighted_with_links(
    client, drafter, team, monkeypatch
):
    # The 体检 engine is another helper's stub here (always []); this gives it two findings.
    problem = Problem.objects.create(
        material=team, aspect=team.meeting.outline.aspects.first(), position=1, headline="某某同志学习不够"
    )
    findings = [
        Finding(
            "placeholder",
            ERROR,
            "（一）学习 · 一是",
            "“某某”是占位词，请写出实际内容。",
            "problem",
            problem.pk,
        ),
        Finding("missing_example", WARNING, "（二）落实", "本方面没有“比如”事例。", "aspect_text", None),
    ]
    monkeypatch.setattr("apps.review.views.check_material", lambda material, for_user=None: findings)
    client.force_login(drafter)
    page = client.get(act_url(team, A.SUBMIT)).content.decode()
    assert page.index("体检结果") < page.index("确认提交")
    assert "发现 1 个错误" in page and 'data-severity="error"' in page and "list-group-item-danger" in page
    assert f'href="{workspace(team)}#problem-{problem.pk}"' in page
    assert "“某某”是占位词" in page and "本方面没有“比如”事例。" in page


def test_the_submission_page_shows_the_real_findings_before_the_button(client, drafter, team):
    # The team material is empty: the 体检 finds its aspects without problems (a warning, no block).
    client.force_login(drafter)
    page = client.get(act_url(team, A.SUBMIT)).content.decode()
    assert "体检未发现问题" not in page
    assert page.count("本方面还没有查摆问题") == team.meeting.outline.aspects.count()
    assert page.index("本方面还没有查摆问题") < page.index("确认提交")


# --- Read-only while submitted, and approved → 重新打开修改 ------------------------------------------


def _autosave_writes(material: Material) -> dict:
    aspect = material.meeting.outline.aspects.first()
    return {
        workspace(material, "material_text"): {"preamble": "新的开头"},
        workspace(material, "problem_create"): {"aspect": aspect.pk, "headline": "新问题"},
        reverse("workspace:aspect_text", args=[material.meeting_id, material.pk, aspect.pk]): {
            "lead_in": "导语"
        },
    }


@pytest.mark.parametrize(("kind", "role"), [("team", "drafter"), ("personal", "member_user")])
def test_a_submitted_material_refuses_every_autosave_with_the_reason(client, cast, request, kind, role):
    material = set_status(request.getfixturevalue(kind), S.SUBMITTED)
    client.force_login(cast[role])
    for url, data in _autosave_writes(material).items():
        response = client.post(url, data, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        assert response.status_code == 403, url
        assert response.json() == {"ok": False, "errors": {"__all__": ["材料已提交审核，退回后才能修改。"]}}
    material.refresh_from_db()
    assert material.preamble == "" and not material.problems.exists()
    page = client.get(workspace(material)).content.decode()
    assert "材料已提交审核，退回后才能修改" in page and "data-read-only" in page
    assert 'data-review-status="submitted"' in page


def test_an_administrator_can_still_fix_a_submitted_material(client, admin_user, team):
    set_status(team, S.SUBMITTED)
    client.force_login(admin_user)
    response = client.post(
        workspace(team, "material_text"), {"preamble": "管理员更正", "revision": team.revision}
    )
    assert response.status_code == 200
    team.refresh_from_db()
    assert team.preamble == "管理员更正" and team.status == S.SUBMITTED


def test_a_returned_material_is_edited_and_resubmitted(client, drafter, secretary, team):
    services.submit(drafter, team)
    services.return_for_revision(secretary, team, "开头太长。")
    client.force_login(drafter)
    page = client.get(workspace(team)).content.decode()
    assert "开头太长。" in page and 'data-review-action="submit"' in page
    assert (
        client.post(
            workspace(team, "material_text"), {"preamble": "改短的开头", "revision": team.revision}
        ).status_code
        == 200
    )
    assert client.post(act_url(team, A.SUBMIT)).status_code == 302
    team.refresh_from_db()
    assert team.status == S.SUBMITTED and team.preamble == "改短的开头"


def test_editing_an_approved_material_asks_first_and_reopens_it(client, drafter, secretary, team):
    services.submit(drafter, team)
    services.approve(secretary, team)
    client.force_login(drafter)
    refused = client.post(workspace(team, "material_text"), {"preamble": "想改", "revision": team.revision})
    assert refused.status_code == 403 and "请先点击“重新打开修改”" in refused.content.decode()
    page = client.get(workspace(team)).content.decode()
    assert f'href="{act_url(team, A.REOPEN)}"' in page
    question = client.get(act_url(team, A.REOPEN)).content.decode()
    assert "重新打开后状态改为“起草中”" in question and "确认重新打开修改" in question
    team.refresh_from_db()
    assert team.status == S.APPROVED  # asking changes nothing
    assert client.post(act_url(team, A.REOPEN)).status_code == 302
    team.refresh_from_db()
    assert team.status == S.DRAFT
    assert team.transitions.last().action == A.REOPEN
    assert (
        client.post(
            workspace(team, "material_text"), {"preamble": "改了", "revision": team.revision}
        ).status_code
        == 200
    )
    assert secretary.notifications.filter(kind="review_reopen").exists()


def test_the_bar_offers_only_the_actions_the_user_may_take(client, drafter, secretary, supervisor, team):
    set_status(team, S.SUBMITTED)
    offered = {}
    for user in (drafter, secretary, supervisor):
        client.force_login(user)
        page = client.get(workspace(team)).content.decode()
        offered[user.username] = {a for a in A.values if f'data-review-action="{a}"' in page}
    assert offered == {"drafter": set(), "secretary": {"return", "approve"}, "supervisor": {"return"}}
    assert "data-review-frozen" in page_of(client, drafter, team) and "材料已提交审核" in page_of(
        client, drafter, team
    )
    assert "data-review-frozen" not in page_of(client, secretary, team)


def page_of(client, user, material: Material) -> str:
    client.force_login(user)
    return client.get(workspace(material)).content.decode()


# --- Queue, record, 工作台 ---------------------------------------------------------------------------


def test_the_queue_lists_what_waits_for_each_reviewer(client, cast, team, personal):
    set_status(team, S.APPROVED)
    set_status(personal, S.SUBMITTED)
    seen = {}
    for role in ("secretary", "supervisor", "drafter", "outsider", "admin_user"):
        client.force_login(cast[role])
        page = client.get(reverse("review:queue")).content.decode()
        seen[role] = ("班子对照检查材料" in page, "孙委员个人对照检查材料" in page)
    assert seen == {
        "secretary": (False, True),
        "supervisor": (True, False),
        "drafter": (False, False),
        "outsider": (False, False),
        "admin_user": (False, True),
    }


def test_the_dashboard_shows_returned_drafts_and_waiting_materials(
    client, drafter, secretary, member_user, team, personal
):
    services.submit(drafter, team)
    services.submit(member_user, personal)
    services.return_for_revision(secretary, personal, "请重写。")
    client.force_login(secretary)
    page = client.get(reverse("meetings:dashboard")).content.decode()
    waiting = page[page.index("等我审核的材料") :]
    assert "班子对照检查材料" in waiting[: waiting.index("</section>")]
    client.force_login(member_user)
    page = client.get(reverse("meetings:dashboard")).content.decode()
    returned = page[page.index("退回给我修改的材料") : page.index("等我审核的材料")]
    assert "孙委员个人对照检查材料" in returned
    assert workspace(personal) in returned


def test_the_dashboard_has_a_bar_per_step_of_each_meeting_in_preparation(client, drafter, team):
    Problem.objects.create(
        material=team, aspect=team.meeting.outline.aspects.first(), position=1, headline="问题"
    )
    client.force_login(drafter)
    page = client.get(reverse("meetings:dashboard")).content.decode()
    assert f'data-meeting-progress="{team.meeting_id}"' in page
    assert 'data-step-bar="problems" data-state="attention"' in page  # two aspects still empty
    assert 'data-step-bar="causes" data-state="empty"' in page


def _fill(material: Material, start: int, count: int) -> None:
    aspects = list(material.meeting.outline.aspects.all())
    for n in range(start, start + count):
        Problem.objects.create(
            material=material, aspect=aspects[n % 3], position=100 + n, headline=f"问题{n}"
        )


@pytest.mark.parametrize(
    ("role", "page"),
    [
        ("drafter", lambda m: act_url(m, A.SUBMIT)),
        ("drafter", lambda m: reverse("review:record", args=[m.meeting_id, m.pk])),
        ("secretary", lambda m: reverse("review:queue")),
        ("drafter", lambda m: reverse("meetings:dashboard")),
    ],
)
def test_the_review_pages_run_the_same_queries_for_few_or_many_entries(
    client, cast, team, role, page, django_assert_max_num_queries
):
    client.force_login(cast[role])
    _fill(team, 0, 2)
    if role == "secretary":
        set_status(team, S.SUBMITTED)
    with django_assert_max_num_queries(40) as few:
        assert client.get(page(team)).status_code == 200
    _fill(team, 10, 60)
    for _ in range(5):  # a longer record too
        services.submit(cast["admin_user"], set_status(team, S.DRAFT))
    set_status(team, S.SUBMITTED if role == "secretary" else S.DRAFT)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(page(team)).status_code == 200
