"""The lists behind the dashboard's numbers: the same filters as the figure's query, so a list
holds exactly what its number counted. Each is paged and loads a page in a fixed number of queries."""

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from apps.accounts import access
from apps.entries.models import Material, Problem
from apps.units.models import Unit

from .figures import SUBMISSION_STATES, submission_of, units_with_submission
from .scope import Scope

PER_PAGE = 100
KINDS = [("", "全部材料"), ("team", "班子对照检查材料"), ("personal", "个人对照检查材料")]


class MaterialFilter(forms.Form):
    state = forms.MultipleChoiceField(
        label="审核状态",
        required=False,
        choices=Material.Status.choices,
        error_messages={"invalid_choice": "没有“%(value)s”这个审核状态。"},
    )
    kind = forms.ChoiceField(
        label="材料", required=False, choices=KINDS, error_messages={"invalid_choice": "材料类别不正确。"}
    )


class ProblemFilter(forms.Form):
    aspect = forms.CharField(
        label="方面",
        required=False,
        max_length=30,
        error_messages={"max_length": "方面的简称最多 30 个字。"},
    )


class UnitFilter(forms.Form):
    state = forms.MultipleChoiceField(
        label="提交情况",
        required=False,
        choices=SUBMISSION_STATES,
        error_messages={"invalid_choice": "没有“%(value)s”这个提交情况。"},
    )


def filters_of(form: forms.Form) -> tuple[dict, list[str]]:
    """The valid filters and the messages of the refused ones (a refused filter is left out)."""
    form.is_valid()
    errors = [message for messages in form.errors.values() for message in messages]
    return form.cleaned_data, errors


def page_of(items, number) -> Page:
    return Paginator(items, PER_PAGE).get_page(number)


def materials(scope: Scope, *, states: list[str], kind: str) -> QuerySet[Material]:
    rows = scope.materials()
    if states:
        rows = rows.filter(status__in=states)
    if kind:
        rows = rows.filter(member__isnull=kind == "team")
    return rows.select_related("meeting__unit", "member").order_by(
        "meeting__unit__name", "meeting__date", "meeting__pk", "member__position"
    )


def mark_readable(user, rows) -> None:
    """Give each material on the page ``can_view``: a personal material stays private to its member,
    the drafters and the 书记 (an organisation department sees that it exists and its state)."""
    for material in rows:
        material.can_view = access.can_view_material(user, material)


def problems(scope: Scope, *, aspect: str) -> QuerySet[Problem]:
    rows = scope.team_problems()
    if aspect:
        rows = rows.filter(aspect__label=aspect)
    return rows.select_related("material__meeting__unit", "aspect").order_by(
        "material__meeting__unit__name", "material__meeting__pk", "aspect__position", "position"
    )


def units(scope: Scope, *, states: list[str]) -> list[Unit]:
    """The active units of the scope with their ``submission`` state, in name order."""
    rows = []
    for unit in units_with_submission(scope).order_by("name"):
        unit.submission = submission_of(unit)
        if not states or unit.submission in states:
            rows.append(unit)
    return rows


def attach_team_materials(scope: Scope, rows: list[Unit]) -> None:
    """Each unit on the page with ``team_materials``: its team materials of the year (one query)."""
    by_unit: dict[int, list[Material]] = {}
    found = Material.objects.filter(
        meeting__unit__in=[unit.pk for unit in rows], meeting__year=scope.year, member__isnull=True
    ).select_related("meeting")
    for material in found.order_by("meeting__date", "meeting__pk"):
        by_unit.setdefault(material.meeting.unit_id, []).append(material)
    for unit in rows:
        unit.team_materials = by_unit.get(unit.pk, [])
