"""统计看板: one unit, or a unit and every unit below it, at a glance, and the lists behind its numbers.

Every page reads ``?scope=subtree`` and ``?year=N`` (apps/dashboards/scope.py). Another unit's id
is a 404 (apps.accounts.access); nothing here writes.
"""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from apps.accounts import access
from apps.entries.models import Material

from . import figures, lists
from .scope import SUBTREE, Scope, scope_from_request


def _scope(request, unit_pk: int) -> Scope:
    return scope_from_request(request, access.get_unit_for_user(request.user, unit_pk))


@require_GET
@login_required
def home(request):
    """The 统计看板 item of the top bar: the dashboard of the user's organisation unit, or a choice
    when there are several (and the units the user works in)."""
    roots = list(access.organisation_roots(request.user).order_by("name"))
    if len(roots) == 1:
        return redirect(_subtree_url(roots[0].pk))
    units = [] if roots else list(access.worked_units(request.user).order_by("name"))
    return render(request, "dashboards/home.html", {"roots": roots, "units": units})


def _subtree_url(unit_pk: int) -> str:
    return f"{reverse('dashboards:unit', args=[unit_pk])}?scope={SUBTREE}"


@require_GET
@login_required
def unit_dashboard(request, unit_pk: int):
    scope = _scope(request, unit_pk)
    shown = figures.all_figures(scope)
    context = {
        "scope": scope,
        "unit": scope.unit,
        "figures": shown,
        "headlines": figures.headlines(shown),
        "chart_data": {"figures": [figure.chart_data() for figure in shown]},
        "unit_count": scope.units.count(),
    }
    return render(request, "dashboards/unit.html", context)


@require_GET
@login_required
def material_list(request, unit_pk: int):
    scope = _scope(request, unit_pk)
    filters, errors = lists.filters_of(lists.MaterialFilter(request.GET))
    rows = lists.materials(scope, states=filters.get("state") or [], kind=filters.get("kind") or "")
    page = lists.page_of(rows, request.GET.get("page"))
    lists.mark_readable(request.user, page.object_list)
    context = _list_context(scope, page, errors, filters, title="材料审核状态")
    states = dict(Material.Status.choices)
    context["filter_label"] = " · ".join(
        part
        for part in [
            "、".join(states[state] for state in filters.get("state") or []),
            dict(lists.KINDS)[filters["kind"]] if filters.get("kind") else "",
        ]
        if part
    )
    return render(request, "dashboards/materials.html", context)


@require_GET
@login_required
def problem_list(request, unit_pk: int):
    scope = _scope(request, unit_pk)
    filters, errors = lists.filters_of(lists.ProblemFilter(request.GET))
    rows = lists.problems(scope, aspect=filters.get("aspect") or "")
    page = lists.page_of(rows, request.GET.get("page"))
    context = _list_context(scope, page, errors, filters, title="班子查摆问题")
    context["filter_label"] = f"方面：{filters['aspect']}" if filters.get("aspect") else ""
    return render(request, "dashboards/problems.html", context)


@require_GET
@login_required
def unit_list(request, unit_pk: int):
    scope = _scope(request, unit_pk)
    filters, errors = lists.filters_of(lists.UnitFilter(request.GET))
    page = lists.page_of(lists.units(scope, states=filters.get("state") or []), request.GET.get("page"))
    lists.attach_team_materials(scope, list(page.object_list))
    context = _list_context(scope, page, errors, filters, title="班子对照检查材料提交情况")
    labels = dict(figures.SUBMISSION_STATES)
    for row in page.object_list:
        row.submission_label = labels[row.submission]
    context["filter_label"] = "、".join(labels[state] for state in filters.get("state") or [])
    return render(request, "dashboards/units.html", context)


def _list_context(scope: Scope, page, errors: list[str], filters: dict, *, title: str) -> dict:
    return {
        "scope": scope,
        "unit": scope.unit,
        "page": page,
        "errors": scope.errors + errors,
        "filters": filters,
        "title": title,
        "dashboard_url": scope.url("dashboards:unit"),
        "page_query": _without_page(scope, filters),
    }


def _without_page(scope: Scope, filters: dict) -> str:
    """This list's query string without ``page``, for the pager's links."""
    extra = {key: value for key, value in filters.items() if value}
    return urlencode(scope.params(**extra))
