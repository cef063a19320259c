"""The 整改台账 pages: what each reader sees, the filters and the sort, paging, counts and queries."""

import datetime
import re

import pytest
from django.urls import reverse

from apps.accounts import access
from apps.entries.models import Material
from apps.ledger import selectors
from apps.meetings.models import Meeting
from apps.units.models import Member, Unit
from tests.ledger.lists_data import (  # noqa: F401 (fixtures)
    add_measures,
    days,
    frozen_today_fixture,
    ledger_fixture,
    organisation_user_fixture,
)

pytestmark = pytest.mark.usefixtures("frozen_today")

TEAM = ["强化理论武装", "狠抓工作落实", "健全制度机制", "完成专项整治"]
PERSONAL = ["加快分管项目进度"]


def meeting_url(ledger, query: str = "") -> str:
    return reverse("ledger:meeting", args=[ledger.meeting.pk]) + (f"?{query}" if query else "")


def unit_url(unit, query: str = "") -> str:
    return reverse("ledger:unit", args=[unit.pk]) + (f"?{query}" if query else "")


def headlines(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(r"data-headline>([^<]+)</a>", response.content.decode())


def listed(client, user, url: str) -> list[str]:
    client.force_login(user)
    return headlines(client.get(url))


# --- who sees what -----------------------------------------------------------------------------


def test_the_drafter_sees_the_team_measures_then_the_personal_ones(client, drafter, ledger):
    assert listed(client, drafter, meeting_url(ledger)) == TEAM + PERSONAL


@pytest.mark.parametrize(
    ("reader", "expected"),
    [
        ("drafter", TEAM + PERSONAL),
        ("secretary", TEAM + PERSONAL),
        ("admin_user", TEAM + PERSONAL),
        ("member_user", TEAM + PERSONAL),  # 孙委员 reads their own material
        ("supervisor", TEAM),  # a personal material stays with its member, drafters and 书记
    ],
)
def test_a_personal_materials_measures_follow_who_may_read_it(client, request, ledger, reader, expected):
    user = request.getfixturevalue(reader)
    assert listed(client, user, meeting_url(ledger)) == expected
    assert listed(client, user, unit_url(ledger.meeting.unit)) == expected


def test_a_member_does_not_see_another_members_personal_measures(client, member_user, ledger, unit):
    zhao = unit.members.get(position=1)
    other = Material.objects.create(meeting=ledger.meeting, member=zhao)
    ledger.personal.__class__.objects.create(material=other, position=1, headline="赵书记的措施")
    assert "赵书记的措施" not in listed(client, member_user, meeting_url(ledger))


def test_readable_agrees_with_the_material_access_rule(request, ledger, unit):
    zhao = unit.members.get(position=1)
    own = Material.objects.create(meeting=ledger.meeting, member=zhao)
    own.measures.create(position=1, headline="赵书记的措施")
    materials = list(ledger.meeting.materials.select_related("member", "meeting__unit"))
    measures = selectors.Scope.of_meeting(ledger.meeting).measures()
    for reader in ["drafter", "member_user", "secretary", "supervisor", "admin_user", "outsider"]:
        user = request.getfixturevalue(reader)
        readable = set(
            measures.filter(access.readable_material_q(user)).values_list("material_id", flat=True)
        )
        assert readable == {m.pk for m in materials if access.can_view_material(user, m)}, reader


def test_anonymous_is_sent_to_login(client, ledger):
    response = client.get(meeting_url(ledger))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_another_units_meeting_and_unit_are_404(client, outsider, ledger):
    client.force_login(outsider)
    assert client.get(meeting_url(ledger)).status_code == 404
    assert client.get(unit_url(ledger.meeting.unit)).status_code == 404
    assert client.get(unit_url(ledger.meeting.unit, "scope=subtree")).status_code == 404


def test_only_get_is_allowed(client, drafter, ledger):
    client.force_login(drafter)
    assert client.post(meeting_url(ledger)).status_code == 405


def test_the_organisation_department_reads_its_subtree_and_nothing_else(
    client, organisation_user, ledger, other_meeting
):
    parent = ledger.meeting.unit.parent
    assert listed(client, organisation_user, meeting_url(ledger)) == TEAM
    assert listed(client, organisation_user, unit_url(parent)) == []  # the parent holds no meeting
    assert listed(client, organisation_user, unit_url(parent, "scope=subtree")) == TEAM
    assert client.get(unit_url(other_meeting.unit)).status_code == 404
    assert client.get(reverse("ledger:meeting", args=[other_meeting.pk])).status_code == 404


def test_the_subtree_holds_only_the_units_the_reader_can_see(client, drafter, ledger, outline):
    child = Unit.objects.create(name="下级单位党支部", parent=ledger.meeting.unit)
    meeting = Meeting.objects.create(
        unit=child, outline=outline, kind=outline.meeting_kind, year=2030, title="下级会议"
    )
    Material.objects.create(meeting=meeting)
    team = meeting.materials.get()
    team.measures.create(position=1, headline="下级单位的措施", deadline=days(1))
    # The drafter holds no role below its unit: the subtree is its own unit only.
    assert "下级单位的措施" not in listed(client, drafter, unit_url(ledger.meeting.unit, "scope=subtree"))
    client.force_login(drafter)
    assert client.get(unit_url(child)).status_code == 404


def test_the_subtree_ledger_names_each_measures_unit_and_meeting(client, admin_user, ledger, outline):
    child = Unit.objects.create(name="下级单位党支部", parent=ledger.meeting.unit)
    meeting = Meeting.objects.create(
        unit=child, outline=outline, kind=outline.meeting_kind, year=2030, title="下级会议"
    )
    Material.objects.create(meeting=meeting).measures.create(position=1, headline="下级单位的措施")
    client.force_login(admin_user)
    response = client.get(
        unit_url(ledger.meeting.unit, "scope=subtree&sort=unit")
    )  # by code point: 下 before 测
    assert headlines(response) == ["下级单位的措施", *TEAM, *PERSONAL]
    html = response.content.decode()
    assert '<th scope="col">会议</th>' in html and "下级会议" in html and "下级单位党支部" in html


# --- the table -----------------------------------------------------------------------------------


def rows_of(response) -> list[str]:
    return re.findall(r"<tr data-measure=\"\d+\"[^>]*>.*?</tr>", response.content.decode(), re.S)


def test_a_row_shows_owner_deadline_status_progress_and_evidence(client, drafter, ledger):
    client.force_login(drafter)
    row = rows_of(client.get(meeting_url(ledger)))[0]
    assert reverse("ledger:measure", args=[ledger.overdue.pk]) in row
    assert "赵书记" in row and "办公室" in row and "限期整改" in row and "推进中" in row
    assert "2031年6月15日" in row and "已逾期" in row and "text-danger" in row
    assert "2031年6月18日" in row and "完成第一次研讨。" in row  # the latest of its two notes
    assert re.search(r"data-evidence>2<", row)
    assert "学习" in row and "征求意见" in row and "理论学习不够深入" in row


def test_due_soon_is_marked_and_a_closed_measure_past_its_deadline_is_not_overdue(client, drafter, ledger):
    client.force_login(drafter)
    rows = rows_of(client.get(meeting_url(ledger)))
    assert "即将到期" in rows[1] and "ledger-due-soon" in rows[1]
    assert "已逾期" not in rows[3] and "已销号" in rows[3]


def test_counts_per_status_are_shown_above_the_table(client, drafter, ledger):
    client.force_login(drafter)
    html = client.get(meeting_url(ledger, "aspect=落实")).content.decode()
    counts = dict(re.findall(r'data-status-count="(\w+)".*?data-count>(\d+)<', html, re.S))
    assert counts == {"not_started": "2", "in_progress": "1", "done": "0", "closed": "1"}
    assert re.search(r"data-total>4<", html)


def test_an_empty_ledger_says_so(client, drafter, meeting):
    client.force_login(drafter)
    html = client.get(reverse("ledger:meeting", args=[meeting.pk])).content.decode()
    assert "还没有整改措施" in html


# --- filters -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=in_progress", ["强化理论武装", "健全制度机制"]),
        ("status=not_started&status=closed", ["狠抓工作落实", "完成专项整治", "加快分管项目进度"]),
        ("overdue=1", ["强化理论武装"]),
        ("due_within=7", ["狠抓工作落实", "加快分管项目进度"]),
        ("due_within=6", ["狠抓工作落实"]),
        ("overdue=1&due_within=7", ["强化理论武装", "狠抓工作落实", "加快分管项目进度"]),
        ("aspect=学习", ["强化理论武装", "健全制度机制"]),
        ("aspect=落实", ["狠抓工作落实", "健全制度机制", "完成专项整治", "加快分管项目进度"]),
        ("aspect=廉洁", []),
        ("aspect=学习&status=in_progress&overdue=1", ["强化理论武装"]),
    ],
)
def test_filters(client, drafter, ledger, query, expected):
    assert listed(client, drafter, meeting_url(ledger, query)) == expected


def test_completion_month_filter_lists_the_measures_finished_that_month(client, drafter, ledger):
    month = ledger.closed.completed_on
    assert listed(client, drafter, meeting_url(ledger, f"completed={month:%Y-%m}")) == ["完成专项整治"]
    before = month.replace(day=1) - datetime.timedelta(days=1)
    assert listed(client, drafter, meeting_url(ledger, f"completed={before:%Y-%m}")) == []


def test_owner_filter(client, drafter, ledger, unit):
    qian = unit.members.get(position=2)
    assert listed(client, drafter, meeting_url(ledger, f"owner={qian.pk}")) == [
        "狠抓工作落实",
        "完成专项整治",
    ]


def test_year_filter_on_the_unit_ledger(client, drafter, ledger, outline, unit):
    earlier = Meeting.objects.create(
        unit=unit, outline=outline, kind=outline.meeting_kind, year=2029, title="上年会议"
    )
    Material.objects.create(meeting=earlier).measures.create(position=1, headline="上年的措施")
    assert listed(client, drafter, unit_url(unit, "year=2029")) == ["上年的措施"]
    assert listed(client, drafter, unit_url(unit, "year=2030")) == TEAM + PERSONAL
    assert listed(client, drafter, unit_url(unit)) == TEAM + PERSONAL + ["上年的措施"]  # latest meeting first


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("status=finished", "status", "没有“finished”这个状态"),
        ("owner=abc", "owner", "没有这位责任领导"),
        ("owner=999999", "owner", "没有这位责任领导"),
        ("due_within=x", "due_within", "到期天数请填写整数"),
        ("due_within=0", "due_within", "至少为 1 天"),
        ("due_within=9999", "due_within", "不能超过 366 天"),
        ("aspect=不存在", "aspect", "没有“不存在”这个方面"),
        ("sort=price", "sort", "无法按“price”排序"),
        ("completed=2031-13", "completed", "完成月份请写作“年-月”"),
        ("completed=三月", "completed", "完成月份请写作“年-月”"),
    ],
)
def test_a_bad_value_gets_a_message_on_its_field_and_the_list_still_shows(
    client, drafter, ledger, query, field, message
):
    client.force_login(drafter)
    response = client.get(meeting_url(ledger, f"{query}&overdue=1"))
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(rf'id="id_{field}_error">[^<]*{re.escape(message)}', html)
    assert headlines(response) == ["强化理论武装"]  # the valid filter still applies


def test_a_bad_year_or_scope_on_the_unit_ledger_is_a_message(client, drafter, ledger, unit):
    client.force_login(drafter)
    html = client.get(unit_url(unit, "year=1999&scope=everything")).content.decode()
    assert "没有1999年度的会议" in html and "范围只能是本单位或本单位及下级单位" in html


def test_another_units_member_is_not_an_owner_choice(client, drafter, ledger, other_unit):
    stranger = Member.objects.get(unit=other_unit)
    client.force_login(drafter)
    response = client.get(meeting_url(ledger, f"owner={stranger.pk}"))
    assert "没有这位责任领导" in response.content.decode()
    assert "外单位成员" not in response.content.decode()


# --- sort ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("deadline", ["完成专项整治", "强化理论武装", "狠抓工作落实", "加快分管项目进度", "健全制度机制"]),
        ("-deadline", ["健全制度机制", "加快分管项目进度", "狠抓工作落实", "强化理论武装", "完成专项整治"]),
        ("status", ["狠抓工作落实", "加快分管项目进度", "强化理论武装", "健全制度机制", "完成专项整治"]),
        ("-status", ["完成专项整治", "强化理论武装", "健全制度机制", "狠抓工作落实", "加快分管项目进度"]),
        ("owner", ["强化理论武装", "健全制度机制", "狠抓工作落实", "完成专项整治", "加快分管项目进度"]),
        ("-owner", ["加快分管项目进度", "狠抓工作落实", "完成专项整治", "强化理论武装", "健全制度机制"]),
    ],
)
def test_sort(client, drafter, ledger, sort, expected):
    assert listed(client, drafter, meeting_url(ledger, f"sort={sort}")) == expected


def test_a_measure_without_deadline_sorts_last_both_ways(client, drafter, ledger):
    ledger.later.deadline = None
    ledger.later.save()
    assert listed(client, drafter, meeting_url(ledger, "sort=deadline"))[-1] == "健全制度机制"
    assert listed(client, drafter, meeting_url(ledger, "sort=-deadline"))[-1] == "健全制度机制"


def test_sort_headers_keep_the_filters_and_flip_the_direction(client, drafter, ledger):
    client.force_login(drafter)
    html = client.get(meeting_url(ledger, "status=in_progress&sort=deadline")).content.decode()
    assert 'aria-sort="ascending"' in html
    link = re.search(r'href="([^"]*)" data-sort="deadline"', html).group(1)
    assert "status=in_progress" in link and "sort=-deadline" in link


# --- paging and queries ----------------------------------------------------------------------------


def test_long_lists_are_paged_and_numbered_across_pages(client, drafter, ledger, monkeypatch):
    monkeypatch.setattr(selectors, "PER_PAGE", 2)
    client.force_login(drafter)
    first = client.get(meeting_url(ledger, "sort=deadline"))
    third = client.get(meeting_url(ledger, "sort=deadline&page=3"))
    assert headlines(first) == ["完成专项整治", "强化理论武装"]
    assert headlines(third) == ["健全制度机制"]
    assert re.search(r"<td class=\"text-end\">5</td>", third.content.decode())
    assert "第 3 / 3 页" in third.content.decode()
    assert "sort=deadline&amp;page=2" in third.content.decode()
    assert headlines(client.get(meeting_url(ledger, "page=abc"))) == TEAM[:2]


@pytest.mark.parametrize("reader", ["drafter", "supervisor"])
def test_the_page_query_count_does_not_grow_with_measures(
    client, request, ledger, reader, django_assert_max_num_queries
):
    client.force_login(request.getfixturevalue(reader))
    url = meeting_url(ledger, "status=in_progress&status=not_started&sort=deadline")
    client.get(url)  # warm the session and the caches
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    add_measures(ledger.meeting, 30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(headlines(response)) == (4 if reader == "drafter" else 3) + 30  # drafters: 孙委员's too


def test_the_unit_subtree_query_count_does_not_grow_with_units(
    client, organisation_user, ledger, outline, django_assert_max_num_queries
):
    parent = ledger.meeting.unit.parent
    url = unit_url(parent, "scope=subtree")
    client.force_login(organisation_user)
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for n in range(8):
        child = Unit.objects.create(name=f"下级单位{n}", parent=parent)
        Member.objects.create(unit=child, name=f"成员{n}", position=1)
        meeting = Meeting.objects.create(
            unit=child, outline=outline, kind=outline.meeting_kind, year=2030, title=f"会议{n}"
        )
        Material.objects.create(meeting=meeting).measures.create(
            position=1, headline=f"下级措施{n}", owner=child.members.get()
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(headlines(response)) == 4 + 8
