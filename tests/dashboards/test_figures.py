"""The dashboard's numbers equal counts made here another way: every row loaded and sorted in
Python, the subtree found by walking the parent links, the visibility asked of the access rules
one unit at a time."""

import datetime
import json
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts import access
from apps.entries.models import Material, Measure, Problem
from apps.units.models import Unit

OPEN = {"not_started", "in_progress"}
FINISHED = {"done", "closed"}


def units_below(unit: Unit) -> set[int]:
    """The unit and its descendants, by walking every unit's parent chain in Python."""
    by_pk = {u.pk: u for u in Unit.objects.all()}
    found = set()
    for candidate in by_pk.values():
        node = candidate
        while node is not None:
            if node.pk == unit.pk:
                found.add(candidate.pk)
                break
            node = by_pk.get(node.parent_id)
    return found


def expected(user, unit: Unit, *, subtree: bool, year: int) -> dict:
    """Every figure's numbers, from the rows themselves."""
    visible = {u.pk for u in Unit.objects.all() if access.visible_units(user).filter(pk=u.pk).exists()}
    scope = (units_below(unit) if subtree else {unit.pk}) & visible
    materials = [
        m
        for m in Material.objects.select_related("meeting")
        if m.meeting.unit_id in scope and m.meeting.year == year
    ]
    # The measures the ledger behind each number lists: a personal material's only to who may read it.
    readable = [m for m in materials if access.can_view_material(user, m)]
    measures = [m for m in Measure.objects.all() if m.material in readable]
    today = timezone.localdate()
    overdue = Counter(
        m.material.meeting.unit.name
        for m in measures
        if m.deadline is not None and m.deadline < today and m.status in OPEN
    )
    months = Counter(
        f"{m.completed_on.year}年{m.completed_on.month}月"
        for m in measures
        if m.status in FINISHED and m.completed_on
    )
    submission = Counter()
    for pk in scope:
        if not Unit.objects.get(pk=pk).is_active:
            continue
        statuses = {m.status for m in materials if m.meeting.unit_id == pk and m.member_id is None}
        if statuses & {"submitted", "approved"}:
            submission["已提交或审核通过"] += 1
        elif "returned" in statuses:
            submission["退回修改"] += 1
        elif "draft" in statuses:
            submission["起草中"] += 1
        else:
            submission["未开始（无会议或材料）"] += 1
    return {
        "materials": Counter((m.get_status_display(), m.member_id is None) for m in materials),
        "problems": Counter(
            p.aspect.label
            for p in Problem.objects.select_related("aspect")
            if p.material in materials and p.material.member_id is None
        ),
        "measures": Counter(m.get_status_display() for m in measures),
        "overdue": overdue,
        "completion": months,
        "unsubmitted": submission,
    }


def shown(response) -> dict:
    """The numbers the page printed (its context's figures) and drew (its JSON block), which agree."""
    figures = {figure.key: figure for figure in response.context["figures"]}
    drawn = json.loads(
        response.content.decode()
        .split('id="dashboard-data" type="application/json">')[1]
        .split("</script>")[0]
    )
    for data in drawn["figures"]:
        figure = figures[data["key"]]
        assert data["labels"] == [row.label for row in figure.rows]
        assert data["values"] == [[row.values[i] for row in figure.rows] for i in range(len(figure.series))]
    return figures


def nonzero(counter: Counter) -> dict:
    return {key: value for key, value in counter.items() if value}


def check(response, want: dict) -> None:
    figures = shown(response)
    materials = Counter()
    for row in figures["materials"].rows:
        materials[(row.label, True)] = row.values[0]
        materials[(row.label, False)] = row.values[1]
    assert nonzero(materials) == nonzero(want["materials"])
    assert {row.label: row.values[0] for row in figures["problems"].rows} == dict(want["problems"])
    assert nonzero(Counter({row.label: row.values[0] for row in figures["measures"].rows})) == dict(
        want["measures"]
    )
    assert {row.label: row.values[0] for row in figures["overdue"].rows} == dict(want["overdue"])
    completion = {row.label: row.values[0] for row in figures["completion"].rows}
    assert nonzero(Counter(completion)) == dict(want["completion"])
    running = [row.values[1] for row in figures["completion"].rows]
    assert running == [sum(list(completion.values())[: i + 1]) for i in range(len(running))]
    assert nonzero(Counter({row.label: row.values[0] for row in figures["unsubmitted"].rows})) == dict(
        want["unsubmitted"]
    )


def dashboard(client, unit: Unit, **params):
    response = client.get(reverse("dashboards:unit", args=[unit.pk]), params)
    assert response.status_code == 200
    return response


def test_the_subtree_dashboard_counts_what_the_rows_hold(client, tree, org_user):
    client.force_login(org_user)
    response = dashboard(client, tree["root"], scope="subtree")
    assert response.context["scope"].year == 2030  # the latest year with meetings
    check(response, expected(org_user, tree["root"], subtree=True, year=2030))


def test_the_numbers_of_the_fixture_as_written(client, tree, org_user):
    """The same numbers spelled out, so that the test above cannot agree with a wrong count."""
    client.force_login(org_user)
    figures = shown(dashboard(client, tree["root"], scope="subtree"))
    measures = {row.label: row.values[0] for row in figures["measures"].rows}
    # The organisation department counts the team materials' measures: 甲局's personal ones are private.
    assert measures == {"未启动": 3, "推进中": 3, "已完成": 1, "已销号": 1}
    assert {row.label: row.values[0] for row in figures["overdue"].rows} == {
        "甲局党委": 2,
        "丙局党委": 1,
        "甲局机关党委": 1,
    }
    assert {row.label: row.values[0] for row in figures["problems"].rows} == {"学习": 2, "落实": 3, "廉洁": 1}
    assert [(row.label, row.values) for row in figures["completion"].rows] == [
        ("2031年3月", [1, 1]),
        ("2031年4月", [0, 1]),
        ("2031年5月", [1, 2]),
    ]
    unsubmitted = {row.label: row.values[0] for row in figures["unsubmitted"].rows}
    # 测试市委 and 乙局 have nothing, 甲局机关 drafts, 甲局 submitted; 丙局 is deactivated.
    assert unsubmitted == {"未开始（无会议或材料）": 2, "起草中": 1, "退回修改": 0, "已提交或审核通过": 1}
    materials = {row.label: row.values for row in figures["materials"].rows}
    assert materials == {"起草中": [1, 1], "已提交审核": [1, 0], "退回修改": [1, 0], "审核通过": [0, 0]}


def test_another_year_counts_that_years_meetings(client, tree, org_user):
    client.force_login(org_user)
    response = dashboard(client, tree["root"], scope="subtree", year=2029)
    check(response, expected(org_user, tree["root"], subtree=True, year=2029))
    problems = {row.label: row.values[0] for row in response.context["figures"][2].rows}
    assert problems == {"廉洁": 3}


def test_the_unit_scope_counts_the_unit_alone(client, tree, org_user):
    client.force_login(org_user)
    response = dashboard(client, tree["jia"])
    assert response.context["scope"].subtree is False
    check(response, expected(org_user, tree["jia"], subtree=False, year=2030))
    assert "甲局机关党委" not in [row.label for row in response.context["figures"][4].rows]


def test_a_drafter_of_a_parent_unit_counts_only_the_units_it_may_see(client, tree, jia_drafter):
    client.force_login(jia_drafter)
    response = dashboard(client, tree["jia"], scope="subtree")
    assert list(response.context["scope"].units) == [tree["jia"]]
    check(response, expected(jia_drafter, tree["jia"], subtree=True, year=2030))


def test_an_administrator_counts_the_whole_subtree(client, tree, admin_user):
    client.force_login(admin_user)
    response = dashboard(client, tree["outside"], scope="subtree")
    check(response, expected(admin_user, tree["outside"], subtree=True, year=2031))
    response = dashboard(client, tree["outside"], scope="subtree", year=2030)
    check(response, expected(admin_user, tree["outside"], subtree=True, year=2030))


def test_a_measure_moving_to_done_moves_in_every_figure(client, tree, org_user):
    client.force_login(org_user)
    overdue = Measure.objects.filter(material__meeting=tree["office_meeting"], deadline__isnull=False).get()
    overdue.status, overdue.completed_on = "done", datetime.date(2031, 4, 15)
    overdue.save()
    response = dashboard(client, tree["root"], scope="subtree")
    check(response, expected(org_user, tree["root"], subtree=True, year=2030))
    figures = {figure.key: figure for figure in response.context["figures"]}
    assert "甲局机关党委" not in [row.label for row in figures["overdue"].rows]
    assert [row.values for row in figures["completion"].rows][1] == [1, 2]


def test_a_unit_without_meetings_says_so(client, tree, org_user):
    client.force_login(org_user)
    response = dashboard(client, tree["yi"])
    assert response.context["figures"] == []
    page = response.content.decode()
    assert "本单位还没有会议，暂无统计。" in page
    assert "dashboard-data" not in page and "chart.umd" not in page


@pytest.mark.parametrize("year", ["abc", "20301", "-1"])
def test_a_bad_year_is_reported_and_the_latest_shown(client, tree, org_user, year):
    client.force_login(org_user)
    response = dashboard(client, tree["root"], scope="subtree", year=year)
    assert "年度应为四位数字，如 2024。" in response.content.decode()
    assert response.context["scope"].year == 2030 and response.context["scope"].subtree


def test_a_bad_scope_is_reported_and_the_unit_alone_shown(client, tree, org_user):
    client.force_login(org_user)
    response = dashboard(client, tree["jia"], scope="everything")
    assert "范围只能是“本单位”或“本单位及下级单位”。" in response.content.decode()
    assert list(response.context["scope"].units) == [tree["jia"]]


def test_a_year_without_meetings_shows_empty_figures(client, tree, org_user):
    client.force_login(org_user)
    response = dashboard(client, tree["root"], scope="subtree", year=2020)
    figures = {figure.key: figure for figure in response.context["figures"]}
    assert figures["measures"].totals == [0]
    assert figures["unsubmitted"].rows[0].values == [4]  # every active unit: nothing for 2020
    assert '<option value="2020" selected>' in response.content.decode()


def test_the_headlines_sum_up_the_figures(client, tree, org_user):
    client.force_login(org_user)
    response = dashboard(client, tree["root"], scope="subtree")
    headlines = {item.label: item.value for item in response.context["headlines"]}
    # 8 team measures of 2030 in the subtree: 1 done and 1 signed off; 4 overdue; 3 units not submitted.
    assert headlines == {
        "尚未提交班子材料的单位": "3个",
        "整改措施": "8项",
        "逾期未完成": "4项",
        "已完成（含已销号）": "25%",
    }
    page = response.content.decode()
    assert 'aria-label="逾期未完成 4项，查看清单"' in page


def test_a_figure_without_rows_draws_no_chart(client, tree, org_user):
    client.force_login(org_user)
    page = dashboard(client, tree["jia_office"]).content.decode()
    assert 'data-chart="completion"' not in page and 'data-chart="measures"' in page
    assert "暂无数据，没有可画的图。" in page
