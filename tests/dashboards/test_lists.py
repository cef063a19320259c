"""One click from a number to the list behind it: every link of the dashboard's tables leads to a
list holding exactly that many rows (the lists of this app), or to the 整改台账 with the filters
that select what the number counted (the ledger's own page is another part of the issue)."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import resolve, reverse

from apps.entries.models import Measure
from tests.dashboards.conftest import make_unit


def figures_of(client, unit, **params) -> dict:
    response = client.get(reverse("dashboards:unit", args=[unit.pk]), params)
    return {figure.key: figure for figure in response.context["figures"]}


def numbers_with_links(figure):
    for row in figure.rows:
        yield from ((value, link) for value, link in zip(row.values, row.links, strict=True) if link)
    yield from ((value, link) for value, link, _ in figure.footer if link and value is not None)
    if figure.more:
        label, link = figure.more
        yield int("".join(ch for ch in label if ch.isdigit())), link


def list_count(client, link: str) -> int:
    response = client.get(link)
    assert response.status_code == 200, link
    page = response.content.decode()
    count = response.context["page"].paginator.count
    assert f"<span data-list-count>{count}</span>" in page
    assert page.count("<tr data-row>") == min(count, 100)
    return count


@pytest.mark.parametrize("key", ["materials", "problems", "unsubmitted"])
@pytest.mark.parametrize("params", [{"scope": "subtree"}, {"scope": "subtree", "year": 2029}, {}])
def test_every_number_leads_to_a_list_of_that_many_rows(client, tree, org_user, key, params):
    client.force_login(org_user)
    unit = tree["root"] if params else tree["jia"]
    figure = figures_of(client, unit, **params)[key]
    links = list(numbers_with_links(figure))
    assert links
    for value, link in links:
        assert list_count(client, link) == value, link


def test_the_table_links_are_the_figures_links(client, tree, org_user):
    """What a click on a bar opens (the JSON block) is what the number beside it links to."""
    client.force_login(org_user)
    response = client.get(reverse("dashboards:unit", args=[tree["root"].pk]), {"scope": "subtree"})
    page = response.content.decode()
    for figure in response.context["figures"]:
        for row in figure.rows:
            for link in row.links:
                if link:
                    assert f'href="{link.replace("&", "&amp;")}"' in page


def ledger_query(link: str) -> tuple[int, dict]:
    parts = urlsplit(link)
    match = resolve(parts.path)
    assert match.view_name == "ledger:unit"
    return match.kwargs["unit_pk"], parse_qs(parts.query)


def test_measures_lead_to_the_ledger_with_the_same_filters(client, tree, org_user):
    client.force_login(org_user)
    figures = figures_of(client, tree["root"], scope="subtree")
    for status, row in zip(Measure.Status.values, figures["measures"].rows, strict=True):
        unit_pk, query = ledger_query(row.links[0])
        assert unit_pk == tree["root"].pk
        assert query == {"scope": ["subtree"], "year": ["2030"], "status": [status]}
        assert client.get(row.links[0]).context["view"].total == row.values[0]
    _, query = ledger_query(figures["measures"].total_link)
    assert query == {"scope": ["subtree"], "year": ["2030"]}
    assert client.get(figures["measures"].total_link).context["view"].total == figures["measures"].totals[0]


def test_overdue_measures_lead_to_each_units_ledger(client, tree, org_user):
    client.force_login(org_user)
    overdue = figures_of(client, tree["root"], scope="subtree")["overdue"]
    for row in overdue.rows:
        unit_pk, query = ledger_query(row.links[0])
        assert query == {"year": ["2030"], "overdue": ["1"]}
        # The ledger behind the number lists exactly that many measures.
        assert client.get(row.links[0]).context["view"].total == row.values[0]
    _, query = ledger_query(overdue.total_link)
    assert query == {"scope": ["subtree"], "year": ["2030"], "overdue": ["1"]}


def test_completed_measures_lead_to_the_ledger_of_done_and_signed_off(client, tree, org_user):
    client.force_login(org_user)
    completion = figures_of(client, tree["root"], scope="subtree")["completion"]
    (value, link, _), running = completion.footer
    _, query = ledger_query(link)
    assert query == {"scope": ["subtree"], "year": ["2030"], "status": ["done", "closed"]}
    assert value == 2 and running == (None, None, "累计完成")
    assert client.get(link).context["view"].total == 2
    # Each month's number opens the ledger of the measures completed in that month.
    for row in completion.rows:
        if row.values[0]:
            _, query = ledger_query(row.links[0])
            year, month = re.fullmatch(r"(\d{4})年(\d{1,2})月", row.label).groups()
            assert query["completed"] == [f"{year}-{int(month):02d}"]
            assert client.get(row.links[0]).context["view"].total == row.values[0]
        else:
            assert row.links[0] is None


def test_more_than_twenty_units_overdue_sums_the_rest(client, tree, outline, org_user):
    from tests.dashboards.conftest import add_measure, make_meeting

    for number in range(22):
        meeting = make_meeting(make_unit(f"逾期单位{number:02d}", tree["yi"]), outline)
        add_measure(meeting.materials.team().get(), days=-1)
    client.force_login(org_user)
    overdue = figures_of(client, tree["root"], scope="subtree")["overdue"]
    assert len(overdue.rows) == 21
    assert overdue.rows[-1].label == "其他5个单位" and overdue.rows[-1].links == [None]
    assert overdue.totals == [26]


def test_the_materials_list_links_only_what_the_user_may_read(client, tree, org_user, jia_drafter):
    url = reverse("dashboards:materials", args=[tree["jia"].pk])
    personal = tree["jia_personal"]
    preview = reverse("workspace:preview", args=[personal.meeting_id, personal.pk])
    client.force_login(org_user)
    page = client.get(url, {"kind": "personal"}).content.decode()
    assert "委员个人对照检查材料" in page and preview not in page
    assert "仅本人、撰稿人和书记可看" in page
    client.force_login(jia_drafter)
    assert preview in client.get(url, {"kind": "personal"}).content.decode()


def test_the_problems_list_shows_the_team_problems_of_one_aspect(client, tree, org_user):
    client.force_login(org_user)
    response = client.get(
        reverse("dashboards:problems", args=[tree["root"].pk]), {"scope": "subtree", "aspect": "落实"}
    )
    rows = list(response.context["page"].object_list)
    assert {problem.material.meeting.unit.name for problem in rows} == {"甲局党委", "甲局机关党委"}
    assert len(rows) == 3 and all(problem.material.member_id is None for problem in rows)
    assert "方面：落实" in response.content.decode()


def test_the_units_list_shows_each_units_team_material(client, tree, org_user):
    client.force_login(org_user)
    response = client.get(
        reverse("dashboards:units", args=[tree["root"].pk]), {"scope": "subtree", "state": ["draft"]}
    )
    page = response.content.decode()
    assert [unit.name for unit in response.context["page"].object_list] == ["甲局机关党委"]
    assert tree["office_meeting"].title in page and "丙局党委" not in page


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("dashboards:materials", {"state": "bogus"}, "没有“bogus”这个审核状态。"),
        ("dashboards:materials", {"kind": "other"}, "材料类别不正确。"),
        ("dashboards:units", {"state": "nothing"}, "没有“nothing”这个提交情况。"),
        ("dashboards:problems", {"aspect": "长" * 31}, "方面的简称最多 30 个字。"),
        ("dashboards:problems", {"year": "二〇三〇"}, "年度应为四位数字"),
    ],
)
def test_a_bad_filter_is_reported_never_a_server_error(client, tree, org_user, name, params, message):
    client.force_login(org_user)
    response = client.get(reverse(name, args=[tree["jia"].pk]), {**params, "page": "x"})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_long_list_is_paged_and_the_pages_keep_the_filters(client, tree, outline, org_user):
    from tests.dashboards.conftest import add_problems

    add_problems(tree["office_meeting"].materials.team().get(), {"学习": 130})
    client.force_login(org_user)
    url = reverse("dashboards:problems", args=[tree["root"].pk])
    first = client.get(url, {"scope": "subtree", "aspect": "学习"})
    assert first.context["page"].paginator.count == 132
    assert "scope=subtree&amp;year=2030&amp;aspect=%E5%AD%A6%E4%B9%A0&amp;page=2" in first.content.decode()
    second = client.get(url, {"scope": "subtree", "aspect": "学习", "page": 2})
    assert len(second.context["page"].object_list) == 32
