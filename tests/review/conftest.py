"""The two materials under review: the team material and the personal material of the member who
has a login (``member_user``), and a helper that puts either in any status without the services."""

import pytest

from apps.entries.models import Material

ROLES = ["drafter", "member_user", "secretary", "supervisor", "outsider", "admin_user"]
STATUSES = [s.value for s in Material.Status]


@pytest.fixture
def team(meeting) -> Material:
    return meeting.materials.team().get()


@pytest.fixture
def personal(meeting, unit, member_user) -> Material:
    return Material.objects.create(meeting=meeting, member=unit.members.get(user=member_user))


@pytest.fixture
def cast(drafter, member_user, secretary, supervisor, outsider, admin_user) -> dict:
    return {
        "drafter": drafter,
        "member_user": member_user,
        "secretary": secretary,
        "supervisor": supervisor,
        "outsider": outsider,
        "admin_user": admin_user,
    }


def set_status(material: Material, status: str) -> Material:
    Material.objects.filter(pk=material.pk).update(status=status)
    material.refresh_from_db()
    return material
