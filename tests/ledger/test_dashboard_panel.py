"""The 工作台 card of one's own measures: overdue and due within 7 days, each linking to its page."""

import re

import pytest
from django.urls import reverse

from apps.accounts.models import UnitRole
from apps.entries.models import Measure
from tests.conftest import make_user
from tests.ledger.lists_data import (  # noqa: F401 (fixtures)
    add_measures,
    days,
    frozen_today_fixture,
    ledger_fixture,
    set_status,
)

pytestmark = pytest.mark.usefixtures("frozen_today")


def panel(client, user) -> str:
    client.force_login(user)
    html = client.get(reverse("meetings:dashboard")).content.decode()
    found = re.search(r'<div class="col-12" id="ledger-my-measures-panel">.*?</section>', html, re.S)
    return found.group(0) if found else ""


def listed(html: str) -> list[tuple[str, str]]:
    return re.findall(r'data-measure="(\d+)" data-due="(\w+)"', html)


@pytest.fixture
def zhao(ledger, unit):
    """赵书记's login (a member): owns 强化理论武装 (5 days late) and 健全制度机制 (in 30 days)."""
    user = make_user("zhao")
    UnitRole.objects.create(user=user, unit=unit, role=UnitRole.Role.MEMBER)
    unit.members.filter(position=1).update(user=user)
    return user


def test_the_owner_sees_the_overdue_measure_with_a_link_and_not_the_later_one(client, zhao, ledger):
    html = panel(client, zhao)
    assert listed(html) == [(str(ledger.overdue.pk), "overdue")]
    assert reverse("ledger:measure", args=[ledger.overdue.pk]) in html
    assert "已逾期 5 天" in html and "完成时限 2031年6月15日" in html


def test_due_within_seven_days_is_listed_after_the_overdue_ones(client, zhao, ledger):
    ledger.later.deadline = days(7)
    ledger.later.save()
    html = panel(client, zhao)
    assert listed(html) == [(str(ledger.overdue.pk), "overdue"), (str(ledger.later.pk), "soon")]
    assert "7 天后到期" in html


def test_due_in_eight_days_done_or_closed_are_not_listed(client, zhao, ledger):
    ledger.later.deadline = days(8)
    ledger.later.save()
    set_status(ledger.overdue, Measure.Status.DONE, days(-1))
    html = panel(client, zhao)
    assert listed(html) == []
    assert "没有已逾期或 7 天内到期的整改措施" in html


def test_a_member_sees_the_measure_of_their_personal_material(client, member_user, ledger):
    html = panel(client, member_user)
    assert listed(html) == [(str(ledger.personal.pk), "soon")]
    assert "孙委员个人材料" in html


def test_a_drafter_who_owns_nothing_gets_no_card(client, drafter, ledger):
    assert panel(client, drafter) == ""


def test_another_units_measure_owned_by_the_user_is_not_shown_without_a_role_there(
    client, member_user, ledger, other_meeting
):
    stranger = other_meeting.unit.members.get()
    stranger.user = member_user
    stranger.save()
    other_meeting.materials.get().measures.create(
        position=1, headline="外单位的措施", owner=stranger, deadline=days(1)
    )
    assert "外单位的措施" not in panel(client, member_user)


def test_the_panel_queries_do_not_grow_with_measures(client, zhao, ledger, django_assert_max_num_queries):
    client.force_login(zhao)
    url = reverse("meetings:dashboard")
    client.get(url)
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    add_measures(ledger.meeting, 12)  # owned by 赵书记, half of them late or due soon
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(url).content.decode()
    assert len(re.findall(r'data-due="(\w+)"', html)) > 5
