"""Who may see and change what. One helper per object kind; views never filter by hand.

A user sees the units in which they hold any role (drafters, members, secretaries, and supervisors
for the units assigned to them), and an organisation department (组织部门) every unit in the subtree
below the unit it holds the role in; staff administrators see every unit. Supervisors only read and
comment; organisation departments only read: they read what the 督导组 reads (the team material, never
a member's personal one) and take no part in a unit's work, not even a comment. Any other unit's
object is a 404, so its existence is not revealed; an object the user may read but not change is a 403.

A deactivated unit (``Unit.is_active`` off) keeps its meetings readable by the same people but
changeable by nobody, administrators included: its records are closed, not deleted.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from apps.accounts.models import UnitRole
from apps.entries.models import Material
from apps.meetings.models import MEETING_RELATED, Meeting
from apps.units.models import Unit

Role = UnitRole.Role
EDITOR_ROLES = frozenset({Role.DRAFTER})
READ_ONLY_MESSAGE = "您可以查看该会议，但没有修改权限。"
INACTIVE_UNIT_MESSAGE = "该单位已停用，会议和材料只能查看，不能修改。"
MATERIAL_READ_ONLY_MESSAGE = "您可以查看该材料，但没有修改权限。"
ORGANISATION_READ_ONLY_MESSAGE = "组织部门只能查看下级单位的会议和材料，不能提出意见或修改。"
# The review cycle (apps/review) freezes a material while the 书记 reads it and once approved;
# administrators can still correct it.
SUBMITTED_MESSAGE = "材料已提交审核，退回后才能修改。"
APPROVED_MESSAGE = "材料已审核通过。如需修改，请先点击“重新打开修改”。"
FROZEN_MESSAGES = {Material.Status.SUBMITTED: SUBMITTED_MESSAGE, Material.Status.APPROVED: APPROVED_MESSAGE}


def is_admin(user) -> bool:
    return user.is_active and user.is_superuser


def visible_units(user) -> QuerySet[Unit]:
    if not user.is_authenticated:
        return Unit.objects.none()
    if is_admin(user):
        return Unit.objects.all()
    # One query for both: the units of the user's own roles and, for an organisation department,
    # every unit below the ones it holds that role in (an empty recursion for everyone else).
    roots = f"SELECT unit_id FROM {UnitRole._meta.db_table} WHERE user_id = %s AND role = %s"  # noqa: S608
    subtree = Unit.objects.in_subtrees(roots, (user.pk, Role.ORGANISATION)).values("pk")
    return Unit.objects.filter(Q(roles__user=user) | Q(pk__in=subtree)).distinct()


def organisation_roots(user) -> QuerySet[Unit]:
    """The units whose subtrees ``user`` reads as an organisation department (all roots for an admin)."""
    if is_admin(user):
        return Unit.objects.filter(parent__isnull=True)
    return Unit.objects.filter(roles__user=user, roles__role=Role.ORGANISATION).distinct()


def editable_units(user) -> QuerySet[Unit]:
    """Units in which ``user`` may create and edit meetings."""
    if is_admin(user):
        return Unit.objects.active()
    return Unit.objects.active().filter(roles__user=user, roles__role__in=EDITOR_ROLES).distinct()


def held_roles(user) -> dict[int, frozenset[str]]:
    """Every role ``user`` holds, by unit id: one small query, cached per request on the user object
    (the access checks of a request ask for them several times, and a page listing many units asks
    for each; an autosave is ~20 % cheaper for not compiling a query per check)."""
    cached = user.__dict__.get("_held_roles")
    if cached is None:
        grouped: dict[int, set[str]] = {}
        if user.is_authenticated:
            for unit_id, role in UnitRole.objects.filter(user=user).order_by().values_list("unit_id", "role"):
                grouped.setdefault(unit_id, set()).add(role)
        cached = user.__dict__["_held_roles"] = {pk: frozenset(roles) for pk, roles in grouped.items()}
    return cached


def roles_in(user, unit: Unit) -> frozenset[str]:
    """The roles ``user`` holds in ``unit``."""
    return held_roles(user).get(unit.pk, frozenset())


def sees_unit(user, unit: Unit) -> bool:
    """:func:`visible_units` for one unit, from the held roles; only an organisation department's
    reach into the units below it needs a query."""
    if not user.is_authenticated:
        return False
    if is_admin(user) or unit.pk in held_roles(user):
        return True
    if not any(Role.ORGANISATION in roles for roles in held_roles(user).values()):
        return False
    return visible_units(user).filter(pk=unit.pk).exists()


def takes_part_in(user, unit: Unit) -> bool:
    """Whether ``user`` works in ``unit`` (any role but the organisation department's, or an
    administrator): an organisation department reads the units below it and nothing more."""
    return is_admin(user) or bool(roles_in(user, unit) - {Role.ORGANISATION})


def worked_units(user) -> QuerySet[Unit]:
    """The units 工作台 lists with their meetings: those where ``user`` holds a role (every unit for
    an administrator). An organisation department's subtree can hold hundreds of units; it reads
    them through the 统计看板 of its own units, not as one long list."""
    if is_admin(user):
        return Unit.objects.all()
    return Unit.objects.filter(roles__user=user).distinct()


def units_in_scope(user, unit: Unit, *, subtree: bool) -> QuerySet[Unit]:
    """The unit alone, or the unit and every unit below it that ``user`` may see (a drafter of a
    parent unit does not read its children unless an organisation role gives them): what a unit's
    整改台账 and 统计看板 cover."""
    if not subtree:
        return Unit.objects.filter(pk=unit.pk)
    units = Unit.objects.subtree_of(unit)
    if is_admin(user):
        return units
    return units.filter(pk__in=visible_units(user).values("pk"))


def readable_material_q(user) -> Q:
    """:func:`can_view_material` as a filter on rows that belong to a material (measures,
    problems): the team materials', and a personal material's for its member, the unit's drafters
    and 书记. Administrators, and ``None`` (the shell), read every one. Rows of units the user does
    not see must be left out by the caller."""
    if user is None or is_admin(user):
        return Q()
    roles = UnitRole.objects.filter(user=user)
    writers = roles.filter(role__in=[Role.DRAFTER, Role.SECRETARY]).values("unit_id")
    members = roles.filter(role=Role.MEMBER).values("unit_id")
    return (
        Q(material__member__isnull=True)
        | Q(material__meeting__unit__in=writers)
        | Q(material__member__user=user, material__meeting__unit__in=members)
    )


def _drafts_for(user, unit: Unit) -> bool:
    """The role to write a unit's meetings, whether or not the unit is still active."""
    return is_admin(user) or bool(roles_in(user, unit) & EDITOR_ROLES)


def writes_material(user, material: Material) -> bool:
    """The role to write ``material`` (drafters every one, a member their own), whether or not the
    unit is still active: it also decides who may read a personal material."""
    unit = material.meeting.unit
    if _drafts_for(user, unit):
        return True
    if material.member_id is None or Role.MEMBER not in roles_in(user, unit):
        return False
    return material.member.user_id == user.pk


def can_edit_meeting(user, meeting: Meeting) -> bool:
    return meeting.unit.is_active and _drafts_for(user, meeting.unit)


def can_edit_material(user, material: Material) -> bool:
    """Drafters edit every material of their unit's meetings; a member edits only their own; none
    of them while it is submitted for review or approved (administrators still can)."""
    if not (material.meeting.unit.is_active and writes_material(user, material)):
        return False
    return not frozen_reason(user, material)


def frozen_reason(user, material: Material) -> str:
    """Why a writer of ``material`` may not type in it now: it is submitted for review or approved
    (administrators still may). Empty otherwise."""
    if material.status not in FROZEN_MESSAGES or is_admin(user):
        return ""
    if not (material.meeting.unit.is_active and writes_material(user, material)):
        return ""
    return FROZEN_MESSAGES[material.status]


def material_read_only_reason(user, material: Material) -> str:
    """Why ``user`` cannot change ``material``: the message of the 403 and of the 只读 badge."""
    if not material.meeting.unit.is_active:
        return INACTIVE_UNIT_MESSAGE
    if writes_material(user, material) and material.status in FROZEN_MESSAGES:
        return FROZEN_MESSAGES[material.status]
    return MATERIAL_READ_ONLY_MESSAGE


def can_comment(user, meeting: Meeting) -> bool:
    """Every reader of the meeting who works in its unit comments on it (审核意见), while the unit is
    active; an organisation department reading from above does not."""
    return meeting.unit.is_active and takes_part_in(user, meeting.unit)


def comment_refused_reason(meeting: Meeting) -> str:
    """Why a reader of ``meeting`` may not comment: the message of the 403."""
    return ORGANISATION_READ_ONLY_MESSAGE if meeting.unit.is_active else INACTIVE_UNIT_MESSAGE


def read_only_reason(meeting: Meeting) -> str:
    """Why a reader cannot change the meeting: the message of the 403 and of the 只读 badge."""
    return READ_ONLY_MESSAGE if meeting.unit.is_active else INACTIVE_UNIT_MESSAGE


def can_approve(user, meeting: Meeting) -> bool:
    """The secretary signs off (审核把关) the unit's materials."""
    return is_admin(user) or Role.SECRETARY in roles_in(user, meeting.unit)


def can_create_meeting_in(user, unit: Unit) -> bool:
    return unit.is_active and _drafts_for(user, unit)


def get_unit_for_user(user, pk: int) -> Unit:
    return get_object_or_404(visible_units(user), pk=pk)


def get_meeting_for_user(user, pk: int, *, for_edit: bool = False) -> Meeting:
    """The meeting, if ``user`` may see it (else 404) and, with ``for_edit``, change it (else 403)."""
    meeting = get_object_or_404(Meeting.objects.with_related(), pk=pk)
    if not sees_unit(user, meeting.unit):
        raise Http404("没有找到该会议。")
    if for_edit and not can_edit_meeting(user, meeting):
        raise PermissionDenied(read_only_reason(meeting))
    return meeting


def can_view_material(user, material: Material) -> bool:
    """The team material is open to every reader of the meeting; a personal material only to its
    member, the drafters, the secretary (who signs it off) and administrators."""
    if material.member_id is None or writes_material(user, material):
        return True
    return Role.SECRETARY in roles_in(user, material.meeting.unit)


def can_view_personal_material(user, meeting: Meeting, member) -> bool:
    """:func:`can_view_material` for a member's material, whether or not it was started yet."""
    return can_view_material(user, Material(meeting=meeting, member=member))


def get_material_for_user(user, meeting: Meeting, pk: int, *, for_edit: bool = False) -> Material:
    """A material of ``meeting`` the user may read (else 404) and, with ``for_edit``, change (else 403)."""
    material = get_object_or_404(meeting.materials.select_related("member"), pk=pk)
    material.meeting = meeting
    return _checked_material(user, material, for_edit=for_edit)


def get_meeting_material_for_user(user, meeting_pk: int, pk: int, *, for_edit: bool = False) -> Material:
    """:func:`get_material_for_user` with its meeting (``material.meeting``) read in the same query:
    what every workspace request starts with."""
    related = Material.objects.select_related("member", *(f"meeting__{name}" for name in MEETING_RELATED))
    material = get_object_or_404(related, pk=pk, meeting_id=meeting_pk)
    if not sees_unit(user, material.meeting.unit):
        raise Http404("没有找到该材料。")
    return _checked_material(user, material, for_edit=for_edit)


def _checked_material(user, material: Material, *, for_edit: bool) -> Material:
    if not can_view_material(user, material):
        raise Http404("没有找到该材料。")
    if for_edit and not can_edit_material(user, material):
        raise PermissionDenied(material_read_only_reason(user, material))
    return material
