"""Who may download which document of a meeting they can see."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from apps.accounts import access
from apps.accounts.models import UnitRole
from apps.meetings.models import Meeting
from apps.units.models import Member


def can_export_personal_material(
    user: AbstractBaseUser | AnonymousUser, meeting: Meeting, member: Member
) -> bool:
    """A personal material goes to the member themselves, the unit's drafters, its secretary
    (审核把关) and administrators; other readers of the meeting (督导组, other members) get a 404."""
    if access.can_edit_meeting(user, meeting):
        return True
    roles = access.roles_in(user, meeting.unit)
    if UnitRole.Role.SECRETARY in roles:
        return True
    return member.user_id is not None and member.user_id == user.pk and UnitRole.Role.MEMBER in roles
