"""``manage.py bench_dashboards``: its data is what it says, and the bench runs end to end (small)."""

from io import StringIO

from django.urls import reverse

from apps.accounts.models import UnitRole
from apps.dashboards import benchdata
from apps.dashboards.management.commands.bench_dashboards import Command
from apps.entries.models import Measure
from apps.units.models import Unit
from tests.conftest import make_user


def test_the_bench_tree_holds_the_units_and_measures_asked_for(client, db):
    tree = benchdata.build(units=12, measures=130)
    assert Unit.objects.count() == 12 and Unit.objects.subtree_of(tree.root).count() == 12
    assert Measure.objects.count() == 130
    assert set(Measure.objects.values_list("status", flat=True)) == set(Measure.Status.values)
    user = make_user("zuzhi")
    UnitRole.objects.create(user=user, unit=tree.root, role=UnitRole.Role.ORGANISATION)
    client.force_login(user)
    response = client.get(reverse("dashboards:unit", args=[tree.root.pk]), {"scope": "subtree"})
    figures = {figure.key: figure for figure in response.context["figures"]}
    # The organisation department counts the team materials' measures (members' own are private).
    team_measures = Measure.objects.filter(material__member__isnull=True).count()
    assert 0 < team_measures < 130
    assert figures["measures"].totals == [team_measures]
    assert figures["unsubmitted"].rows[0].values == [2]  # one unit in five holds no meeting
    assert figures["problems"].totals == [10 * 10]


def test_the_bench_prints_the_median_against_the_target(db):
    out = StringIO()
    command = Command(stdout=out)
    command.run_bench(units=8, measures=40, runs=1)
    printed = out.getvalue()
    assert "8 个单位、40 条整改措施" in printed
    assert "下级单位统计看板" in printed and "目标 ≤ 0.5 s" in printed
