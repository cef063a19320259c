"""The organisation department (组织部门) reads exactly the units of its subtree, everywhere, and
writes nothing: every page of a unit below it answers, every page of another tree is a 404, a
member's personal material stays private, and every write endpoint of the site (swept from the URL
configuration, so a new one cannot be forgotten) is refused with 403/404 and changes nothing."""

import datetime

import pytest
from django.apps import apps
from django.db.models import Sum
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from apps.accounts import access
from apps.accounts.models import UnitRole
from apps.comments.models import MaterialComment
from apps.core.models import RevisionedModel
from apps.entries.models import Cause, Material, Measure, MeasureItem, Problem
from apps.history.models import Snapshot
from apps.history.snapshots import snapshot_take
from apps.meetings.models import Attendance, Opinion, OpinionSolicitation, StudySession, Talk
from apps.snippets.models import Snippet
from tests.dashboards.conftest import add_measure, make_meeting

# Pages that belong to the user, not to a unit (their own messages, logging in and out).
NOT_UNIT_PAGES = ("accounts:", "notifications:", "admin:")
# POSTs that read: 导出全部材料 queues a zip of what the user may already download one by one (it
# writes only the user's own job; tests/bundles checks who gets what, and a foreign meeting's 404).
READS_BY_POST = {"bundles:request"}


@pytest.fixture
def site(tree, outline, org_user):
    """One of everything a write endpoint can name, in the 甲局机关党委 meeting (below the
    organisation department's unit)."""
    return objects_of(tree["office_meeting"], org_user)


def objects_of(meeting, somebody) -> dict:
    team = meeting.materials.team().get()
    unit = meeting.unit
    member = unit.members.get(position=2)
    personal, _ = Material.objects.get_or_create(meeting=meeting, member=member)
    aspect = meeting.outline.aspects.first()
    problem = team.problems.first() or Problem.objects.create(
        material=team, aspect=aspect, position=1, headline="问题"
    )
    measure = team.measures.first() or add_measure(team)
    solicitation = OpinionSolicitation.objects.create(meeting=meeting, method="forum")
    author = UnitRole.objects.filter(unit=unit).first()
    comment = MaterialComment.objects.create(
        material=team, author=author.user if author else somebody, body="请补充事例"
    )
    return {
        "unit": unit,
        "meeting": meeting,
        "team": team,
        "personal": personal,
        "member": member,
        "aspect": aspect,
        "problem": problem,
        "cause": Cause.objects.create(material=team, position=1, headline="原因"),
        "measure": measure,
        "item": MeasureItem.objects.create(measure=measure, position=1, text="一要"),
        "attendance": Attendance.objects.create(meeting=meeting, member=member),
        "study": StudySession.objects.create(meeting=meeting, date=datetime.date(2030, 11, 1), topic="学习"),
        "solicitation": solicitation,
        "opinion": Opinion.objects.create(
            meeting=meeting, position=1, text="意见", solicitation=solicitation
        ),
        "talk": Talk.objects.create(meeting=meeting, initiator=member, counterpart_name="群众"),
        "snippet": Snippet.objects.create(unit=unit, text="素材内容", created_by=somebody),
        "comment": comment,
        "snapshot": snapshot_take(material=team, reason=Snapshot.Reason.EXPORT, user=somebody),
    }


# --- What a unit's URL names, for every route of the site ------------------------------------------

PK_OF = {
    "meetings:unit": "unit",
    "meetings:detail": "meeting",
    "meetings:comment": "meeting",
    "workspace:study_save": "study",
    "workspace:study_delete": "study",
    "workspace:solicitation_save": "solicitation",
    "workspace:solicitation_delete": "solicitation",
    "workspace:opinion_save": "opinion",
    "workspace:opinion_delete": "opinion",
    "workspace:talk_save": "talk",
    "workspace:talk_delete": "talk",
    "workspace:problem_save": "problem",
    "workspace:problem_delete": "problem",
    "workspace:cause_save": "cause",
    "workspace:cause_delete": "cause",
    "workspace:measure_save": "measure",
    "workspace:measure_delete": "measure",
    "workspace:measure_item_create": "measure",
    "workspace:measure_items_reorder": "measure",
    "workspace:measure_item_save": "item",
    "workspace:measure_item_delete": "item",
    "snippets:snippet_edit": "snippet",
    "snippets:snippet_delete": "snippet",
    "comments:reply": "comment",
    "comments:resolve": "comment",
    "comments:reopen": "comment",
    "history:restore_entry": "problem",
    "ledger:measure": "measure",
    "ledger:note_add": "measure",
    "ledger:transition": "measure",
}
# Objects no fixture makes (the permission check comes first or the id names nothing: 404 either way).
UNKNOWN_PK = {"imports:review", "imports:commit", "imports:result", "imports:discard"}
UNKNOWN_PK |= {"snippets:panel_forget_use", "ledger:evidence"}
UNKNOWN_PK |= {"bundles:detail", "bundles:status", "bundles:download"}  # a user's own jobs, GET only
NAMED_BY_KWARG = {
    "meeting_pk": "meeting",
    "material_pk": "team",
    "unit_pk": "unit",
    "member_pk": "member",
    "aspect_pk": "aspect",
    "measure_pk": "measure",
    "snapshot_pk": "snapshot",
}
FIXED_KWARGS = {
    ("review:act", "action"): "submit",
    ("ledger:transition", "action"): "start",
    ("history:restore_entry", "kind"): "problem",
    ("exports:download", "document"): "team",
    ("exports:download", "fmt"): "docx",
    ("ledger:meeting_export", "fmt"): "xlsx",
    ("ledger:unit_export", "fmt"): "xlsx",
}


def routes() -> list[tuple[str, list[str]]]:
    """(name, kwarg names) of every named route of the project."""
    found = []

    def walk(patterns, namespace="", outer=()):
        for pattern in patterns:
            kwargs = (*outer, *pattern.pattern.converters)
            if isinstance(pattern, URLResolver):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                walk(pattern.url_patterns, inner, kwargs)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found.append((namespace + pattern.name, list(kwargs)))

    walk(get_resolver().url_patterns)
    return [
        (name, kwargs)
        for name, kwargs in found
        if not name.startswith(NOT_UNIT_PAGES) and name not in READS_BY_POST
    ]


def url_for(name: str, kwarg_names: list[str], objects: dict) -> str:
    kwargs = {}
    for kwarg in kwarg_names:
        if (name, kwarg) in FIXED_KWARGS:
            kwargs[kwarg] = FIXED_KWARGS[(name, kwarg)]
        elif kwarg == "pk":
            if name in UNKNOWN_PK:
                kwargs[kwarg] = 999_999
            else:
                assert name in PK_OF, f"{name}: say which object its <pk> names in PK_OF"
                kwargs[kwarg] = objects[PK_OF[name]].pk
        else:
            assert kwarg in NAMED_BY_KWARG, f"{name}: say what its <{kwarg}> names"
            kwargs[kwarg] = objects[NAMED_BY_KWARG[kwarg]].pk
    return reverse(name, kwargs=kwargs)


def fingerprint() -> dict:
    """Row counts of every table, every revision counter and every status: a write shows here."""
    state: dict = {}
    for model in apps.get_models():
        if model._meta.label in {"sessions.Session"}:
            continue
        state[model._meta.label] = model.objects.count()
        if issubclass(model, RevisionedModel):
            state[f"{model._meta.label}.revision"] = model.objects.aggregate(total=Sum("revision"))["total"]
    state["material.status"] = sorted(Material.objects.values_list("pk", "status"))
    state["measure.status"] = sorted(Measure.objects.values_list("pk", "status", "completed_on"))
    return state


def post_data(objects: dict) -> dict:
    """Plausible values for the fields of any write form: refused, nothing may come of them."""
    return {
        "aspect": objects["aspect"].pk,
        "unit": objects["unit"].pk,
        "outline": objects["meeting"].outline_id,
        "headline": "改动",
        "text": "改动的内容",
        "body": "一条意见",
        "comment": "一条意见",
        "title": "改名",
        "topic": "学习",
        "preamble": "开头",
        "date": "2030-12-01",
        "noted_on": "2031-01-05",
        "completed_on": "2031-01-05",
        "note": "进展",
        "paste": "意见一\n意见二",
        "source_text": "一、存在的问题",
        "ids": [],
        "kind": "problem",
        "field": "headline",
        "mode": "append",
        "revision": 1,
        "anchor": "material",
    }


# --- Reading -----------------------------------------------------------------------------------------


def test_the_organisation_department_sees_its_subtree_and_nothing_else(tree, org_user):
    expected = {tree[key] for key in ("root", "jia", "jia_office", "yi", "bing")}
    assert set(access.visible_units(org_user)) == expected
    assert list(access.organisation_roots(org_user)) == [tree["root"]]


def test_a_subtree_is_read_at_any_depth_and_from_a_middle_unit(tree):
    from tests.dashboards.conftest import with_role

    middle = with_role("jia-zuzhi", tree["jia"], UnitRole.Role.ORGANISATION)
    assert set(access.visible_units(middle)) == {tree["jia"], tree["jia_office"]}


def read_pages(objects: dict) -> list[str]:
    meeting, team = objects["meeting"], objects["team"]
    m = [meeting.pk, team.pk]
    return [
        reverse("meetings:unit", args=[objects["unit"].pk]),
        reverse("meetings:detail", args=[meeting.pk]),
        reverse("workspace:problems", args=m),
        reverse("workspace:causes", args=m),
        reverse("workspace:measures", args=m),
        reverse("workspace:preview", args=m),
        reverse("workspace:info", args=[meeting.pk]),
        reverse("workspace:preparation", args=[meeting.pk]),
        reverse("workspace:report", args=[meeting.pk]),
        reverse("comments:list", args=m),
        reverse("history:versions", args=m),
        reverse("review:record", args=m),
        reverse("checks:step", args=m),
        reverse("exports:download", args=[meeting.pk, "team", "docx"]),
        reverse("exports:download", args=[meeting.pk, "ledger", "xlsx"]),
        reverse("snippets:library", args=[objects["unit"].pk]),
        reverse("dashboards:unit", args=[objects["unit"].pk]),
        reverse("dashboards:materials", args=[objects["unit"].pk]),
        reverse("dashboards:problems", args=[objects["unit"].pk]),
        reverse("dashboards:units", args=[objects["unit"].pk]),
    ]


def test_every_page_of_a_unit_below_reads(client, site, org_user):
    client.force_login(org_user)
    for url in read_pages(site):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("key", ["root", "jia", "jia_office", "yi", "bing"])
def test_every_unit_page_of_the_subtree_reads(client, tree, org_user, key):
    client.force_login(org_user)
    assert client.get(reverse("meetings:unit", args=[tree[key].pk])).status_code == 200
    assert client.get(reverse("dashboards:unit", args=[tree[key].pk])).status_code == 200


def test_every_page_of_another_tree_is_404(client, tree, org_user):
    foreign = objects_of(tree["foreign_meeting"], org_user)
    client.force_login(org_user)
    for url in read_pages(foreign):
        assert client.get(url).status_code == 404, url
    for key in ("outside", "outside_child"):
        assert client.get(reverse("meetings:unit", args=[tree[key].pk])).status_code == 404
        assert client.get(reverse("dashboards:unit", args=[tree[key].pk])).status_code == 404
    page = client.get(reverse("meetings:dashboard")).content.decode()
    assert tree["foreign_meeting"].title not in page and "外市委" not in page


def test_a_members_personal_material_stays_private(client, site, org_user):
    """The organisation department reads the team material, as the 督导组 does, never a member's own."""
    client.force_login(org_user)
    meeting, personal = site["meeting"], site["personal"]
    assert client.get(reverse("workspace:problems", args=[meeting.pk, personal.pk])).status_code == 404
    assert client.get(reverse("comments:list", args=[meeting.pk, personal.pk])).status_code == 404
    document = f"member-{site['member'].pk}"
    assert client.get(reverse("exports:download", args=[meeting.pk, document, "docx"])).status_code == 404
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert reverse("workspace:problems", args=[meeting.pk, personal.pk]) not in page


# --- Writing -----------------------------------------------------------------------------------------


def sweep(client, objects: dict, allowed: set[int]) -> tuple[dict[str, int], set[str]]:
    """POST to every route of the site with ``objects``' ids (as a form and as the scripts do):
    the routes that answered outside ``allowed``, and those that answered 404."""
    wrong, not_found = {}, set()
    data = post_data(objects)
    for name, kwarg_names in routes():
        url = url_for(name, kwarg_names, objects)
        for headers in ({}, {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}):
            status = client.post(url, data, **headers).status_code
            if status not in allowed:
                wrong[f"{name} {url}"] = status
            if status == 404:
                not_found.add(name)
    return wrong, not_found


# A reader of the unit is refused with a 403 (it may see the object), never a 404 — except where the
# id names nothing (no evidence file) and the ledger's pages that are still stubs on this branch.
MAY_BE_404 = {"ledger:evidence"}


def _may_be_404(name: str) -> bool:
    return name in MAY_BE_404 or name.startswith("ledger:")


def test_every_write_endpoint_refuses_the_organisation_department_below(client, site, org_user):
    client.force_login(org_user)
    before = fingerprint()
    wrong, not_found = sweep(client, site, allowed={403, 404, 405})
    assert wrong == {}
    assert {name for name in not_found if not _may_be_404(name)} == set()
    assert fingerprint() == before


def test_every_write_endpoint_refuses_it_in_its_own_unit_too(client, tree, outline, org_user):
    """The role it holds in its own unit is the organisation department's: it reads there as well."""
    objects = objects_of(make_meeting(tree["root"], outline), org_user)
    client.force_login(org_user)
    before = fingerprint()
    wrong, not_found = sweep(client, objects, allowed={403, 404, 405})
    assert wrong == {}
    assert {name for name in not_found if not _may_be_404(name)} == set()
    assert fingerprint() == before


def test_another_trees_write_endpoints_are_404_or_405(client, tree, org_user):
    foreign = objects_of(tree["foreign_meeting"], org_user)
    client.force_login(org_user)
    before = fingerprint()
    refused, _ = sweep(client, foreign, allowed={404, 405})
    # Creating a meeting names no unit in its address: the form refuses the unit (403: none to write in).
    # The two-factor pages concern one's own account: no administrator, no second factor (403).
    assert refused == {
        f"meetings:create {reverse('meetings:create')}": 403,
        f"security:otp_verify {reverse('security:otp_verify')}": 403,
        f"security:otp_setup {reverse('security:otp_setup')}": 403,
        f"security:otp_remove {reverse('security:otp_remove')}": 403,
    }
    assert fingerprint() == before


def test_the_meeting_page_offers_no_comment_form_and_the_post_says_why(client, site, org_user):
    client.force_login(org_user)
    meeting = site["meeting"]
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "提交意见" not in page and "进入撰写" not in page and "开始撰写" not in page
    response = client.post(reverse("meetings:comment", args=[meeting.pk]), {"body": "意见"})
    assert response.status_code == 403
    assert "组织部门只能查看" in response.content.decode()
    counts = client.get(reverse("comments:counts", args=[meeting.pk, site["team"].pk])).json()
    assert counts["can_comment"] is False


def test_a_supervisor_of_a_unit_below_still_comments(client, site):
    """Only the organisation role reads without a say: a 督导组 member of the unit keeps commenting."""
    from tests.dashboards.conftest import with_role

    supervisor = with_role("dudao", site["unit"], UnitRole.Role.SUPERVISOR)
    assert access.can_comment(supervisor, site["meeting"])
    client.force_login(supervisor)
    response = client.post(reverse("meetings:comment", args=[site["meeting"].pk]), {"body": "请补充"})
    assert response.status_code == 302
    assert site["meeting"].comments.count() == 1


def test_an_organisation_department_that_also_drafts_below_writes_there(tree, org_user, outline):
    UnitRole.objects.create(user=org_user, unit=tree["jia"], role=UnitRole.Role.DRAFTER)
    team = tree["jia_meeting"].materials.team().get()
    assert access.can_edit_meeting(org_user, tree["jia_meeting"])
    assert access.can_comment(org_user, tree["jia_meeting"])
    assert not access.can_edit_meeting(org_user, tree["office_meeting"])
    assert not access.can_comment(org_user, tree["office_meeting"])
    assert access.writes_material(org_user, team)


# --- 工作台 ----------------------------------------------------------------------------------------


def test_the_dashboard_lists_only_the_units_it_holds_a_role_in_and_links_the_subtree_dashboard(
    client, tree, org_user
):
    client.force_login(org_user)
    page = client.get(reverse("meetings:dashboard")).content.decode()
    assert tree["root"].name in page
    assert tree["jia_meeting"].title not in page and tree["office_meeting"].title not in page
    subtree = reverse("dashboards:unit", args=[tree["root"].pk]) + "?scope=subtree"
    assert f'href="{subtree}"' in page
    assert reverse("dashboards:home") in page  # the 统计看板 item of the top bar


def test_the_dashboard_of_an_organisation_department_stays_flat_over_many_units(
    client, tree, outline, org_user, django_assert_max_num_queries
):
    from tests.dashboards.conftest import make_unit

    client.force_login(org_user)
    client.get(reverse("meetings:dashboard"))
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("meetings:dashboard"))
    for number in range(30):
        make_meeting(make_unit(f"下级单位{number}", tree["jia"]), outline)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("meetings:dashboard")).content.decode()
    assert "下级单位7" not in page


def test_the_unit_page_leads_down_the_tree_to_the_units_it_may_read(client, tree, org_user, jia_drafter):
    client.force_login(org_user)
    page = client.get(reverse("meetings:unit", args=[tree["root"].pk])).content.decode()
    for key in ("jia", "yi", "bing"):
        assert f'href="{reverse("meetings:unit", args=[tree[key].pk])}"' in page
    assert "甲局机关党委" not in page  # a grandchild: one level at a time
    client.force_login(jia_drafter)  # drafts in 甲局, reads nothing below it
    page = client.get(reverse("meetings:unit", args=[tree["jia"].pk])).content.decode()
    assert "下级单位" not in page and "甲局机关党委" not in page
