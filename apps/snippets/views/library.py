"""The 素材库 pages: search, browse, add, edit, delete and bulk-import a unit's snippets."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.accounts import access as unit_access
from apps.snippets import access, services
from apps.snippets.forms import ImportForm, SearchForm, SnippetForm, unit_aspects
from apps.snippets.importing import SnippetImportRefused, snippets_import
from apps.snippets.search import search, visible_snippets

PER_PAGE = 20


@require_GET
@login_required
def library_home(request):
    """The library of the user's first unit (administrators: the first unit)."""
    unit = unit_access.visible_units(request.user).order_by("pk").first()
    if unit is None:
        raise PermissionDenied("您还没有所属单位，无法使用素材库。请联系管理员分配单位角色。")
    return redirect("snippets:library", unit.pk)


@require_GET
@login_required
def library(request, unit_pk: int):
    unit = access.get_library_unit(request.user, unit_pk)
    library_rows = visible_snippets(unit)
    form = SearchForm(
        request.GET,
        aspects=unit_aspects(unit),
        years=library_rows.exclude(year=None).order_by("-year").values_list("year", flat=True).distinct(),
        sources=library_rows.exclude(source="")
        .order_by("source")
        .values_list("source", flat=True)
        .distinct(),
    )
    filters = form.values()
    page = filters.get("page") or 1
    result = search(
        unit=unit,
        query=filters.get("q") or "",
        kind=filters.get("kind") or "",
        aspect_id=filters.get("aspect"),
        year=filters.get("year"),
        source=filters.get("source") or "",
        limit=PER_PAGE,
        offset=(page - 1) * PER_PAGE,
    )
    can_edit = access.can_edit_library(request.user, unit)
    can_share = access.can_share(request.user)
    for hit in result.hits:
        hit.can_edit = access.can_edit_snippet(request.user, hit.snippet, unit)
    context = {
        "unit": unit,
        "units": unit_access.visible_units(request.user).order_by("pk"),
        "form": form,
        "result": result,
        "page": page,
        "pages": max(1, -(-result.total // PER_PAGE)),
        "query_without_page": _query_without_page(request),
        "own_count": library_rows.filter(unit=unit).count(),
        "shared_count": library_rows.filter(unit=None).count(),
        "can_edit": can_edit,
        "read_only_reason": "" if can_edit else access.read_only_reason(unit),
        "import_form": ImportForm(can_share=can_share) if can_edit else None,
    }
    return render(request, "snippets/library.html", context)


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_http_methods(["GET", "POST"])
@login_required
def snippet_add(request, unit_pk: int):
    unit = access.get_library_unit(request.user, unit_pk, for_edit=True)
    form = SnippetForm(request.POST or None, unit=unit, can_share=access.can_share(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.snippet_create(unit=unit, user=request.user, **_snippet_fields(form))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "素材已保存。")
            return redirect("snippets:library", unit.pk)
    return _form_page(request, unit, form, None)


@require_http_methods(["GET", "POST"])
@login_required
def snippet_edit(request, unit_pk: int, pk: int):
    unit = access.get_library_unit(request.user, unit_pk)
    snippet = access.get_snippet_for_user(request.user, unit, pk, for_edit=True)
    can_share = access.can_share(request.user)
    form = SnippetForm(request.POST or None, instance=snippet, unit=unit, can_share=can_share)
    if request.method == "POST" and form.is_valid():
        fields = _snippet_fields(form)
        fields.setdefault("shared", snippet.is_shared)
        try:
            services.snippet_update(snippet=snippet, unit=unit, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "素材已修改。")
            return redirect("snippets:library", unit.pk)
    return _form_page(request, unit, form, snippet)


def _snippet_fields(form: SnippetForm) -> dict:
    data = form.cleaned_data
    fields = {name: data[name] for name in ("text", "kind", "aspects", "year", "source")}
    if "shared" in form.fields:
        fields["shared"] = data["shared"]
    return fields


def _form_page(request, unit, form, snippet):
    status = 400 if form.is_bound and form.errors else 200
    context = {"unit": unit, "form": form, "snippet": snippet}
    return render(request, "snippets/snippet_form.html", context, status=status)


@require_POST
@login_required
def snippet_delete(request, unit_pk: int, pk: int):
    unit = access.get_library_unit(request.user, unit_pk)
    snippet = access.get_snippet_for_user(request.user, unit, pk, for_edit=True)
    services.snippet_delete(snippet=snippet)
    messages.success(request, "素材已删除。")
    return redirect(reverse("snippets:library", args=[unit.pk]) + _back_query(request))


def _back_query(request) -> str:
    back = request.POST.get("back", "")
    return f"?{back}" if back and "\n" not in back else ""


@require_POST
@login_required
def library_import(request, unit_pk: int):
    unit = access.get_library_unit(request.user, unit_pk, for_edit=True)
    form = ImportForm(request.POST, request.FILES, can_share=access.can_share(request.user))
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = snippets_import(
                name=upload.name,
                data=upload.read(),
                unit=None if form.cleaned_data.get("shared") else unit,
                user=request.user,
                kind=form.cleaned_data["kind"],
                year=form.cleaned_data["year"],
                source=form.cleaned_data["source"],
            )
        except SnippetImportRefused as refused:
            form.add_error("file", refused.message)
        else:
            messages.success(request, report.message())
            return redirect("snippets:library", unit.pk)
    context = {"unit": unit, "form": form}
    return render(request, "snippets/import.html", context, status=400)


urlpatterns = [
    path("", library_home, name="library_home"),
    path("units/<int:unit_pk>/", library, name="library"),
    path("units/<int:unit_pk>/new/", snippet_add, name="snippet_add"),
    path("units/<int:unit_pk>/import/", library_import, name="library_import"),
    path("units/<int:unit_pk>/<int:pk>/edit/", snippet_edit, name="snippet_edit"),
    path("units/<int:unit_pk>/<int:pk>/delete/", snippet_delete, name="snippet_delete"),
]
