"""A revision per workspace write: who changed which entry, when, and the entry as saved.

The autosave services write with ``UPDATE … WHERE revision = n`` (apps.core.revisions), which sends
no ``post_save``, so reversion cannot notice those writes by itself. The middleware below wraps only
the workspace's write endpoints in a revision and, after a successful answer, adds the rows the URL
names (the saved entry, the reordered list, the material of a deleted entry). Creates and the undo
of a delete go through ``Model.save()`` and are picked up by reversion's own signal handlers.
Nothing here is imported by apps/workspace: the endpoints are known by their URL names.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import reversion
from django.db import models
from django.http import HttpRequest, HttpResponse

from apps.core.ids import parse_ids
from apps.entries.models import AspectText, Cause, Material, Measure, MeasureItem, Problem
from apps.history.models import MaterialEdit

Touched = Callable[[HttpRequest, dict], Iterable[models.Model]]


def _entry(model: type[models.Model], key: str = "pk") -> Touched:
    def touched(request, kwargs):
        # No ordering: a model's default one joins up to the meeting, for one row.
        rows = model._default_manager.filter(pk=kwargs[key]).order_by()
        if model is MeasureItem:
            return rows.filter(measure__material_id=kwargs["material_pk"])
        return rows.filter(material_id=kwargs["material_pk"])

    return touched


def _reordered(model: type[models.Model]) -> Touched:
    def touched(request, kwargs):
        ids = parse_ids(request.POST.getlist("ids")) or []
        if model is MeasureItem:
            return MeasureItem.objects.filter(pk__in=ids, measure_id=kwargs["pk"])
        return model._default_manager.filter(pk__in=ids, material_id=kwargs["material_pk"])

    return touched


def _aspect_text(request, kwargs):
    return AspectText.objects.filter(material_id=kwargs["material_pk"], aspect_id=kwargs["aspect_pk"])


def _material(request, kwargs):
    """A delete leaves no row to version: the material row carries the record of who deleted what."""
    return Material.objects.filter(pk=kwargs["material_pk"]).select_related("meeting", "member")


def _created(request, kwargs):
    return ()  # saved through Model.save(): reversion's post_save handler has added it


@dataclass(frozen=True)
class Action:
    label: str
    touched: Touched
    # The row about to be deleted, named in the record (it is gone once the view has run).
    deleted: type[models.Model] | None = None


ACTIONS: dict[str, Action] = {
    "problem_create": Action("新增问题", _created),
    "problem_save": Action("修改问题", _entry(Problem)),
    "problem_delete": Action("删除问题", _material, deleted=Problem),
    "problems_reorder": Action("调整问题顺序", _reordered(Problem)),
    "aspect_text": Action("修改方面标题或导语", _aspect_text),
    "cause_create": Action("新增原因", _created),
    "cause_save": Action("修改原因", _entry(Cause)),
    "cause_delete": Action("删除原因", _material, deleted=Cause),
    "causes_reorder": Action("调整原因顺序", _reordered(Cause)),
    "measure_create": Action("新增措施", _created),
    "measure_save": Action("修改措施", _entry(Measure)),
    "measure_delete": Action("删除措施", _material, deleted=Measure),
    "measures_reorder": Action("调整措施顺序", _reordered(Measure)),
    "measure_item_create": Action("新增措施细项", _created),
    "measure_item_save": Action("修改措施细项", _entry(MeasureItem)),
    "measure_item_delete": Action("删除措施细项", _material, deleted=MeasureItem),
    "measure_items_reorder": Action("调整措施细项顺序", _reordered(MeasureItem)),
    "material_text": Action("修改材料文字或设置", _material),
    "restore": Action("撤销删除", _created),
}


def _deleted_label(action: Action, kwargs: dict) -> str:
    if action.deleted is None:
        return ""
    rows = action.deleted._default_manager.filter(pk=kwargs.get("pk"))
    row = rows.first()
    return str(row)[:80] if row else ""


def record(request: HttpRequest, action_name: str, view, args, kwargs) -> HttpResponse:
    """Run the workspace ``view`` inside a revision and record what it changed, if it succeeded."""
    action = ACTIONS[action_name]
    with reversion.create_revision():
        deleted = _deleted_label(action, kwargs)
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            reversion.set_user(request.user if request.user.is_authenticated else None)
            reversion.set_comment(f"{action.label}“{deleted}”" if deleted else action.label)
            for row in action.touched(request, kwargs):
                reversion.add_to_revision(row)
            reversion.add_meta(MaterialEdit, material_id=kwargs["material_pk"], action=action.label)
    return response


class WorkspaceRevisionMiddleware:
    """Put the workspace's write endpoints (POST, URL namespace ``workspace``, a material in the
    URL) each in a revision of their own. Every other request passes untouched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method != "POST" or match is None or match.namespace != "workspace":
            return None
        if match.url_name not in ACTIONS or "material_pk" not in view_kwargs:
            return None
        return record(request, match.url_name, view_func, view_args, view_kwargs)
