"""Who may read and change a 素材库 (the rules of apps.accounts.access, applied to snippets).

Every reader of a unit (any role in it, or an administrator) reads its library: its own snippets
and the shared ones. Its drafters and secretaries add, edit, delete and import, while the unit is
active. Only administrators share a snippet with every unit, or change a shared one. Another unit's
private snippet is a 404, as its other objects are.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from apps.accounts import access
from apps.accounts.models import UnitRole
from apps.snippets.models import Snippet
from apps.snippets.search import visible_snippets
from apps.units.models import Unit

LIBRARY_EDITOR_ROLES = frozenset({UnitRole.Role.DRAFTER, UnitRole.Role.SECRETARY})
READ_ONLY_MESSAGE = "您可以查看本单位的素材库，但没有修改权限（撰稿人和书记可以修改）。"
SHARED_MESSAGE = "共享素材只有管理员可以修改。"


def can_share(user) -> bool:
    return access.is_admin(user)


def can_edit_library(user, unit: Unit) -> bool:
    if not unit.is_active:
        return False
    return access.is_admin(user) or bool(access.roles_in(user, unit) & LIBRARY_EDITOR_ROLES)


def can_edit_snippet(user, snippet: Snippet, unit: Unit) -> bool:
    return can_share(user) if snippet.is_shared else can_edit_library(user, unit)


def read_only_reason(unit: Unit) -> str:
    return READ_ONLY_MESSAGE if unit.is_active else access.INACTIVE_UNIT_MESSAGE


def get_library_unit(user, pk: int, *, for_edit: bool = False) -> Unit:
    """A unit whose library ``user`` may read (else 404) and, with ``for_edit``, change (else 403)."""
    unit = access.get_unit_for_user(user, pk)
    if for_edit and not can_edit_library(user, unit):
        raise PermissionDenied(read_only_reason(unit))
    return unit


def get_snippet_for_user(user, unit: Unit, pk: int, *, for_edit: bool = False) -> Snippet:
    """A snippet of ``unit``'s library (its own or a shared one; any other is a 404) and, with
    ``for_edit``, one the user may change (else 403)."""
    snippet = get_object_or_404(visible_snippets(unit), pk=pk)
    if for_edit and not can_edit_snippet(user, snippet, unit):
        raise PermissionDenied(SHARED_MESSAGE if snippet.is_shared else read_only_reason(unit))
    return snippet
