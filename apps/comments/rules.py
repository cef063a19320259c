"""Who may write, answer, resolve and reopen a material's comments.

- Every reader of the material (apps.accounts.access.can_view_material) comments and replies, while
  the unit is active (access.can_comment): the secretary, the 督导组, drafters, the member.
- A thread is resolved (or reopened) by whoever started it, or by the people who write the text: the
  drafters, and the member for their own material. Writers keep this right while the material is
  submitted for review and read-only to them: resolving says the point is answered, it changes no
  text, the commenter sees who resolved it and when, and may reopen it. So this does not follow
  access.can_edit_material, which a review state may come to close.
"""

from apps.accounts import access
from apps.accounts.models import UnitRole
from apps.entries.models import Material

from .models import MaterialComment

Role = UnitRole.Role


def can_read(user, material: Material) -> bool:
    return access.can_view_material(user, material)


def can_write(user, material: Material) -> bool:
    return access.can_view_material(user, material) and access.can_comment(user, material.meeting)


def writes_text(user, material: Material) -> bool:
    """The material's writers, whatever its review state (see the module's docstring)."""
    return material.meeting.unit.is_active and access.writes_material(user, material)


def can_resolve(user, comment: MaterialComment) -> bool:
    material = comment.material
    if comment.author_id == user.pk and can_write(user, material):
        return True
    return writes_text(user, material)


def is_supervisor(user, material: Material) -> bool:
    return UnitRole.Role.SUPERVISOR in access.roles_in(user, material.meeting.unit)
