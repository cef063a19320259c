"""Every page of the 统计看板 × every kind of visitor: anonymous → login, another unit → 404, a wrong
method → 405; the ways in (top bar, 工作台, unit page) shown to those they are for."""

import pytest
from django.urls import reverse

from apps.accounts.models import UnitRole
from tests.dashboards.conftest import with_role

UNIT_PAGES = ["dashboards:unit", "dashboards:materials", "dashboards:problems", "dashboards:units"]


@pytest.mark.parametrize("name", UNIT_PAGES)
def test_anonymous_visitors_are_sent_to_login(client, tree, name):
    response = client.get(reverse(name, args=[tree["jia"].pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_anonymous_visitors_of_the_home_are_sent_to_login(client, db):
    response = client.get(reverse("dashboards:home"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", UNIT_PAGES)
def test_a_unit_the_user_does_not_see_is_404_and_unknown_ids_too(client, tree, jia_drafter, name):
    client.force_login(jia_drafter)
    assert client.get(reverse(name, args=[tree["jia"].pk])).status_code == 200
    for unit in (tree["jia_office"], tree["root"], tree["outside"]):
        assert client.get(reverse(name, args=[unit.pk])).status_code == 404
    assert client.get(reverse(name, args=[999_999])).status_code == 404


@pytest.mark.parametrize("name", UNIT_PAGES)
def test_posting_is_405(client, tree, jia_drafter, name):
    client.force_login(jia_drafter)
    assert client.post(reverse(name, args=[tree["jia"].pk])).status_code == 405


@pytest.mark.parametrize("role", ["drafter", "member", "secretary", "supervisor"])
def test_every_role_of_a_unit_reads_its_dashboard(client, tree, role):
    user = with_role(f"user-{role}", tree["jia"], role)
    client.force_login(user)
    response = client.get(reverse("dashboards:unit", args=[tree["jia"].pk]))
    assert response.status_code == 200
    assert "材料审核状态" in response.content.decode()


def test_the_page_draws_with_chart_js_from_the_project_and_passes_data_as_json(client, tree, org_user):
    client.force_login(org_user)
    page = client.get(
        reverse("dashboards:unit", args=[tree["root"].pk]), {"scope": "subtree"}
    ).content.decode()
    assert '<script src="/static/vendor/chartjs/chart.umd.min.js"></script>' in page
    assert '<script src="/static/js/dashboards.js"></script>' in page
    assert '<script id="dashboard-data" type="application/json">' in page
    assert "cdn" not in page.lower()
    assert page.count("<canvas") == 6 and page.count("<caption") == 6


def test_chart_js_is_served(client, db):
    from django.contrib.staticfiles import finders

    assert finders.find("vendor/chartjs/chart.umd.min.js")
    assert finders.find("js/dashboards.js")


# --- The ways in ---------------------------------------------------------------------------------


def nav_has_dashboards(client) -> bool:
    return (
        f'href="{reverse("dashboards:home")}">统计看板'
        in client.get(reverse("meetings:dashboard")).content.decode()
    )


def test_the_top_bar_offers_the_dashboards_to_organisation_departments_and_admins(
    client, tree, org_user, jia_drafter, admin_user
):
    client.force_login(org_user)
    assert nav_has_dashboards(client)
    client.force_login(admin_user)
    assert nav_has_dashboards(client)
    client.force_login(jia_drafter)
    assert not nav_has_dashboards(client)


def test_a_session_from_before_the_dashboards_asks_once(client, tree, org_user):
    client.force_login(org_user)
    session = client.session
    del session["dashboards_reads_subtrees"]
    session.save()
    assert nav_has_dashboards(client)
    assert client.session["dashboards_reads_subtrees"] is True


def test_the_home_leads_an_organisation_department_to_its_subtree(client, tree, org_user):
    client.force_login(org_user)
    response = client.get(reverse("dashboards:home"))
    assert response.status_code == 302
    assert response.url == reverse("dashboards:unit", args=[tree["root"].pk]) + "?scope=subtree"


def test_the_home_lets_a_department_of_several_trees_choose(client, tree, org_user):
    UnitRole.objects.create(user=org_user, unit=tree["outside"], role=UnitRole.Role.ORGANISATION)
    client.force_login(org_user)
    page = client.get(reverse("dashboards:home")).content.decode()
    for unit in (tree["root"], tree["outside"]):
        assert f'href="{reverse("dashboards:unit", args=[unit.pk])}?scope=subtree"' in page


def test_the_home_lists_the_units_of_anyone_else(client, tree, jia_drafter):
    client.force_login(jia_drafter)
    page = client.get(reverse("dashboards:home")).content.decode()
    assert f'href="{reverse("dashboards:unit", args=[tree["jia"].pk])}"' in page
    assert "测试市委" not in page


def test_the_unit_page_and_the_workbench_link_the_units_dashboard(client, tree, jia_drafter):
    client.force_login(jia_drafter)
    link = f'href="{reverse("dashboards:unit", args=[tree["jia"].pk])}"'
    assert link in client.get(reverse("meetings:unit", args=[tree["jia"].pk])).content.decode()
    page = client.get(reverse("meetings:dashboard")).content.decode()
    assert link in page
    assert "下级单位统计看板" not in page  # the organisation department's card only
