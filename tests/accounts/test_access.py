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
