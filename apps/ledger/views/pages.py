"""The 整改台账 lists: per meeting, per unit (and its subtree), filtered, sorted, as XLSX and PDF.

The page and its two exports read the same query string through one form and print the rows of one
:class:`~apps.ledger.selectors.LedgerView`: the file holds exactly what the page lists (every page
of it). Another unit's meeting or unit is a 404, as everywhere."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from apps.accounts import access
from apps.exports.rendering import RenderBusy
from apps.exports.views import busy_response, file_response
from apps.ledger import exporting, selectors
from apps.ledger.filters import SUBTREE, LedgerFilterForm
from apps.ledger.selectors import Scope


@require_GET
@login_required
def meeting_ledger(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_user(request.user, meeting_pk)
    return _page(request, Scope.of_meeting(meeting))


@require_GET
@login_required
def meeting_ledger_export(request: HttpRequest, meeting_pk: int, fmt: str) -> HttpResponse:
    meeting = access.get_meeting_for_user(request.user, meeting_pk)
    return _export(request, Scope.of_meeting(meeting), fmt)


@require_GET
@login_required
def unit_ledger(request: HttpRequest, unit_pk: int) -> HttpResponse:
    return _page(request, _unit_scope(request, unit_pk))


@require_GET
@login_required
def unit_ledger_export(request: HttpRequest, unit_pk: int, fmt: str) -> HttpResponse:
    return _export(request, _unit_scope(request, unit_pk), fmt)


def _unit_scope(request: HttpRequest, unit_pk: int) -> Scope:
    unit = access.get_unit_for_user(request.user, unit_pk)
    return Scope.of_unit(unit, request.user, subtree=request.GET.get("scope") == SUBTREE)


def _form(request: HttpRequest, scope: Scope) -> LedgerFilterForm:
    choices = selectors.filter_choices(scope, request.user)
    return LedgerFilterForm(request.GET, for_unit=scope.for_unit, **choices)


def _page(request: HttpRequest, scope: Scope) -> HttpResponse:
    form = _form(request, scope)
    view = selectors.build_ledger(
        scope,
        request.user,
        form.filters(),
        today=timezone.localdate(),
        paged=True,
        page_number=request.GET.get("page"),
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "view": view,
        "form": form,
        "scope": scope,
        "query": query.urlencode(),
        "sort_links": _sorts(query),
        "status_links": _status_links(query, view),
        "base_url": request.path,
    }
    return render(request, "ledger/list.html", context)


def _export(request: HttpRequest, scope: Scope, fmt: str) -> HttpResponse:
    if fmt not in {choice.value for choice in exporting.LedgerFormat}:
        raise Http404("整改台账只能导出为 xlsx 或 pdf。")
    view = selectors.build_ledger(
        scope, request.user, _form(request, scope).filters(), today=timezone.localdate()
    )
    try:
        return file_response(exporting.export(view, exporting.LedgerFormat(fmt)))
    except RenderBusy as busy:
        return busy_response(busy)


def _sorts(query) -> dict[str, dict]:
    """For each sortable column header: the link that sorts by it (ascending first, then the
    other way) and the current direction, for ``aria-sort``."""
    current = query.get("sort", "")
    links = {}
    for key in ("deadline", "status", "owner", "unit"):
        direction = "ascending" if current == key else "descending" if current == f"-{key}" else ""
        following = query.copy()
        following["sort"] = f"-{key}" if direction == "ascending" else key
        links[key] = {"url": "?" + following.urlencode(), "direction": direction}
    return links


def _status_links(query, view: selectors.LedgerView) -> list[dict]:
    """Each status's count above the table, a link to the list of that status alone."""
    links = []
    for status, label, count in view.status_summary:
        only = query.copy()
        only.setlist("status", [status])
        active = list(view.filters.statuses) == [status]
        links.append(
            {
                "status": status,
                "label": label,
                "count": count,
                "url": "?" + only.urlencode(),
                "active": active,
            }
        )
    return links
