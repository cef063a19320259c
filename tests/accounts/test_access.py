"""Every view × every role: anonymous → login, outsider → 404, read-only → 403, wrong method → 405."""

import pytest
from django.urls import reverse

from apps.accounts import access

READERS = ["drafter", "member_user", "secretary", "supervisor", "admin_user"]


def object_urls(meeting) -> dict[str, str]:
    return {
        "unit": reverse("meetings:unit", args=[meeting.unit_id]),
        "detail": reverse("meetings:detail", args=[meeting.pk]),
    }


@pytest.mark.parametrize(
    "url_name",
    ["meetings:dashboard", "meetings:create", "meetings:unit", "meetings:detail", "meetings:comment"],
)
def test_anonymous_user_is_sent_to_login(client, meeting, url_name):
    args = {
        "meetings:unit": [meeting.unit_id],
        "meetings:detail": [meeting.pk],
        "meetings:comment": [meeting.pk],
    }
    url = reverse(url_name, args=args.get(url_name, []))
    response = client.get(url) if url_name != "meetings:comment" else client.post(url, {"body": "x"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", READERS)
def test_every_role_of_the_unit_can_read_its_pages(client, meeting, role, request):
    client.force_login(request.getfixturevalue(role))
    for url in object_urls(meeting).values():
        response = client.get(url)
        assert response.status_code == 200, url
        assert meeting.title in response.content.decode()
    assert meeting.title in client.get(reverse("meetings:dashboard")).content.decode()


@pytest.mark.parametrize("role", [r for r in READERS if r != "admin_user"])
def test_another_units_objects_are_404(client, meeting, other_meeting, role, request):
    client.force_login(request.getfixturevalue(role))
    for url in object_urls(other_meeting).values():
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("meetings:comment", args=[other_meeting.pk]), {"body": "x"}).status_code == 404
    assert other_meeting.title not in client.get(reverse("meetings:dashboard")).content.decode()


def test_outsider_gets_404_for_this_units_meeting(client, meeting, outsider):
    client.force_login(outsider)
    for url in object_urls(meeting).values():
        assert client.get(url).status_code == 404


def test_unknown_ids_are_404_not_500(client, drafter):
    client.force_login(drafter)
    assert client.get("/meetings/999999/").status_code == 404
    assert client.get("/units/999999/").status_code == 404


@pytest.mark.parametrize("role", ["member_user", "secretary", "supervisor"])
def test_only_drafters_and_admins_create_meetings_in_a_unit(client, unit, outline, role, request):
    client.force_login(request.getfixturevalue(role))
    response = client.post(reverse("meetings:create"), {"unit": unit.pk, "outline": outline.pk})
    assert response.status_code == 403
    assert "没有在任何单位创建会议的权限" in response.content.decode()
    assert not unit.meetings.exists()


def test_drafter_cannot_create_a_meeting_in_another_unit(client, drafter, other_unit, outline):
    client.force_login(drafter)
    response = client.post(reverse("meetings:create"), {"unit": other_unit.pk, "outline": outline.pk})
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    assert not other_unit.meetings.exists()


@pytest.mark.parametrize(
    ("url_name", "method"),
    [
        ("meetings:dashboard", "post"),
        ("meetings:detail", "post"),
        ("meetings:unit", "post"),
        ("meetings:comment", "get"),
    ],
)
def test_wrong_method_is_405(client, drafter, meeting, url_name, method):
    client.force_login(drafter)
    args = (
        []
        if url_name == "meetings:dashboard"
        else [meeting.unit_id if url_name == "meetings:unit" else meeting.pk]
    )
    assert getattr(client, method)(reverse(url_name, args=args)).status_code == 405


def test_read_only_roles_get_403_when_asking_to_edit(meeting, secretary, supervisor, member_user):
    from django.core.exceptions import PermissionDenied

    for user in (secretary, supervisor, member_user):
        with pytest.raises(PermissionDenied):
            access.get_meeting_for_user(user, meeting.pk, for_edit=True)


def test_visible_units_are_those_with_a_role(unit, other_unit, drafter, outsider, admin_user):
    assert list(access.visible_units(drafter)) == [unit]
    assert list(access.visible_units(outsider)) == [other_unit]
    assert set(access.visible_units(admin_user)) == {unit, other_unit}


def test_inactive_superuser_is_not_an_admin(admin_user, unit):
    admin_user.is_active = False
    assert not access.is_admin(admin_user)


def test_member_edits_only_their_own_personal_material(meeting, unit, member_user, drafter, secretary):
    from apps.entries.models import Material

    own = Material.objects.create(meeting=meeting, member=unit.members.get(user=member_user))
    colleague = Material.objects.create(meeting=meeting, member=unit.members.get(position=1))
    team = meeting.materials.team().get()
    assert access.can_edit_material(member_user, own)
    assert not access.can_edit_material(member_user, colleague)
    assert not access.can_edit_material(member_user, team)
    assert all(access.can_edit_material(drafter, m) for m in (own, colleague, team))
    assert not access.can_edit_material(secretary, own)


def test_only_the_secretary_and_admins_approve(meeting, secretary, drafter, supervisor, admin_user):
    assert access.can_approve(secretary, meeting)
    assert access.can_approve(admin_user, meeting)
    assert not access.can_approve(drafter, meeting)
    assert not access.can_approve(supervisor, meeting)


# --- A deactivated unit: its meetings stay readable and become read-only for everyone -------------


@pytest.fixture
def closed_unit(unit, meeting):
    """The cast's unit after an administrator switched 启用 off (its meeting already exists)."""
    unit.is_active = False
    unit.save()
    return unit


@pytest.mark.parametrize("role", ["drafter", "admin_user"])
def test_a_deactivated_units_meeting_refuses_every_write_with_403(
    client, closed_unit, meeting, role, request
):
    from apps.entries.models import Material

    client.force_login(request.getfixturevalue(role))
    team = meeting.materials.team().get()
    aspect = meeting.outline.aspects.first()
    own = Material.objects.create(meeting=meeting, member=closed_unit.members.get(position=2))
    writes = {
        reverse("workspace:problem_create", args=[meeting.pk, team.pk]): {
            "aspect": aspect.pk,
            "headline": "新",
        },
        reverse("workspace:material_text", args=[meeting.pk, own.pk]): {"preamble": "开头"},
        reverse("workspace:info_save", args=[meeting.pk]): {"title": "改名"},
        reverse("workspace:study_create", args=[meeting.pk]): {"topic": "学习", "date": "2030-12-01"},
        reverse("workspace:personal", args=[meeting.pk, closed_unit.members.get(position=1).pk]): {},
        reverse("meetings:comment", args=[meeting.pk]): {"body": "意见"},
    }
    for url, data in writes.items():
        response = client.post(url, data, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        assert response.status_code == 403, url
    assert "该单位已停用" in response.content.decode()
    assert (
        not team.problems.exists() and not meeting.study_sessions.exists() and not meeting.comments.exists()
    )
    assert meeting.materials.count() == 2  # no personal material started


def test_a_member_cannot_write_their_own_material_once_the_unit_is_deactivated(
    client, closed_unit, meeting, member_user
):
    from apps.entries.models import Material

    own = Material.objects.create(meeting=meeting, member=closed_unit.members.get(user=member_user))
    assert not access.can_edit_material(member_user, own)
    client.force_login(member_user)
    url = reverse("workspace:material_text", args=[meeting.pk, own.pk])
    assert client.post(url, {"preamble": "开头"}).status_code == 403
    page = client.get(reverse("workspace:problems", args=[meeting.pk, own.pk]))
    assert page.status_code == 200 and "只读（单位已停用）" in page.content.decode()


def test_a_deactivated_units_workspace_reads_with_the_read_only_badge_and_disabled_forms(
    client, closed_unit, meeting, drafter
):
    client.force_login(drafter)
    team = meeting.materials.team().get()
    for url in [
        reverse("workspace:problems", args=[meeting.pk, team.pk]),
        reverse("workspace:info", args=[meeting.pk]),
        reverse("workspace:preparation", args=[meeting.pk]),
    ]:
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 200, url
        assert "只读（单位已停用）" in page, url
        assert "data-autosave" not in page, url
        if "preparation" not in url:  # 会前准备 without records has no form to show a reader
            assert "<fieldset disabled" in page, url


def test_a_deactivated_units_meeting_page_says_so_and_offers_nothing_to_write(
    client, closed_unit, meeting, drafter
):
    client.force_login(drafter)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "该单位已停用，会议和材料只能查看，不能修改。" in page
    assert "进入撰写" not in page and "开始撰写" not in page and "提交意见" not in page
    assert "查看材料" in page
    unit_page = client.get(reverse("meetings:unit", args=[closed_unit.pk])).content.decode()
    assert "新建会议" not in unit_page


def test_no_meeting_can_be_created_in_a_deactivated_unit(client, closed_unit, outline, drafter, admin_user):
    from django.core.exceptions import ValidationError

    from apps.meetings.services import meeting_create

    assert not access.can_create_meeting_in(admin_user, closed_unit)
    with pytest.raises(ValidationError, match="该单位已停用"):
        meeting_create(unit=closed_unit, outline=outline)
    client.force_login(drafter)  # the drafter's only unit is closed: nowhere to create a meeting
    assert (
        client.post(reverse("meetings:create"), {"unit": closed_unit.pk, "outline": outline.pk}).status_code
        == 403
    )
    assert closed_unit.meetings.count() == 1
