"""Steps 原因剖析 and 整改措施: causes and measures as autosaved, reorderable cards (numbered （一）…),
each linked to the problems (and, for a measure, the causes) it answers; a measure's sub-items
(一要…) are small autosaved cards inside its card. Both pages list the problems not covered yet,
and every save answers with that list so the page follows along."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from apps.entries import services
from apps.entries.models import Cause, Measure, MeasureItem
from apps.exports.context.materials import default_lead, document_kind
from apps.meetings import selectors as meeting_selectors
from apps.outlines.models import SectionPart
from apps.workspace import autosave, selectors
from apps.workspace.forms import CauseForm, MeasureForm, MeasureItemForm
from apps.workspace.material_forms import MaterialTextForm
from apps.workspace.views.common import (
    Workspace,
    delete_with_undo,
    get_entry,
    load,
    page_context,
    progress,
    reorder_response,
)

# How workspace.js numbers a list of causes or measures, after the material's numbering style.
LIST_MARKERS = {"paren": "（）", "decimal": "1.", "inline": "是"}


def _short(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- 原因剖析 ----------------------------------------------------------------------------------------


def _cause_urls(ws: Workspace, cause: Cause) -> dict:
    return {
        "save": ws.card_url("workspace:cause_save", cause.pk),
        "delete": ws.card_url("workspace:cause_delete", cause.pk),
    }


def _unexplained(ws: Workspace, labels: list[tuple[int, str]] | None = None) -> dict:
    return {"uncovered": selectors.uncovered_problems(ws.material, "causes", labels)}


@require_GET
@login_required
def causes_page(request, meeting_pk: int, material_pk: int):
    ws = load(request, meeting_pk, material_pk)
    labels = selectors.problem_labels(ws.material)
    forms = [
        CauseForm(instance=cause, problem_choices=labels) for cause in selectors.cause_cards(ws.material)
    ]
    for form in forms:
        form.urls = _cause_urls(ws, form.instance)
    context = page_context(
        request,
        ws,
        "causes",
        forms=forms,
        new_form=CauseForm(problem_choices=labels),
        create_url=reverse("workspace:cause_create", args=[ws.meeting.pk, ws.material.pk]),
        has_problems=bool(labels),
        lead_form=section_lead_form(ws, SectionPart.CAUSES, len(forms)),
        list_marker=LIST_MARKERS.get(ws.material.causes_numbering, "（）"),
        **_unexplained(ws, labels),
    )
    return render(request, "workspace/causes.html", context)


NO_GENERATED_LEAD = "（留空则不写导语：材料设置中已关闭“未写导语时自动生成”）"


def section_lead_form(ws: Workspace, part: str, count: int) -> MaterialTextForm:
    """The lead at the top of 原因剖析 or 整改措施; empty, the generated one (shown) prints."""
    name = f"{part}_lead"
    default = default_lead(document_kind(ws.material), part, max(count, 1))
    if not ws.material.auto_leads:
        default = NO_GENERATED_LEAD
    form = MaterialTextForm(instance=ws.material, only=[name], placeholders={name: default})
    form.helper.form_show_labels = False
    form.fields[name].widget.attrs["aria-label"] = str(form.fields[name].label)
    return form


@require_POST
@login_required
def cause_create(request, meeting_pk: int, material_pk: int):
    ws = load(request, meeting_pk, material_pk, for_edit=True)
    labels = selectors.problem_labels(ws.material)
    form = CauseForm(request.POST, problem_choices=labels)

    def write() -> Cause:
        data = form.cleaned_data
        return services.cause_add(
            material=ws.material,
            headline=data["headline"],
            elaboration=data["elaboration"],
            category=data["category"],
            problems=list(ws.material.problems.filter(pk__in=data.get("problems", []))),
        )

    def created(cause: Cause) -> dict:
        return {
            "id": cause.pk,
            "urls": _cause_urls(ws, cause),
            **_unexplained(ws, labels),
            **progress(ws.material),
        }

    return autosave.save_form(form, write, created)


@require_POST
@login_required
def cause_save(request, meeting_pk: int, material_pk: int, pk: int):
    ws = load(request, meeting_pk, material_pk, for_edit=True)
    cause = get_entry(ws.material.causes.all(), pk)
    cause.material = ws.material
    labels = selectors.problem_labels(ws.material)
    form = CauseForm(request.POST, instance=cause, problem_choices=labels)

    def write() -> Cause:
        return services.cause_update(
            cause=cause,
            fields=CauseForm.Meta.fields,
            expected_revision=autosave.posted_revision(request),
            problem_ids=form.cleaned_data.get("problems", []),
        )

    return autosave.save_form(form, write, lambda _: {**_unexplained(ws, labels), **progress(ws.material)})


@require_POST
@login_required
def cause_delete(request, meeting_pk: int, material_pk: int, pk: int):
    ws = load(request, meeting_pk, material_pk, for_edit=True)
    cause = get_entry(ws.material.causes.all(), pk)
    label = f"原因“{_short(cause.headline)}”"
    return delete_with_undo(request, ws, cause, label, after=lambda: _unexplained(ws))


@require_POST
@login_required
def causes_reorder(request, meeting_pk: int, material_pk: int):
    ws = load(request, meeting_pk, material_pk, for_edit=True)
    return reorder_response(ws, request, services.causes_reorder, material=ws.material)


# --- 整改措施 ----------------------------------------------------------------------------------------


@dataclass
class MeasureChoices:
    """What every measure card of a page chooses from, computed once."""

    members: list
    problems: list[tuple[int, str]]
    causes: list[tuple[int, str]]

    @classmethod
    def of(cls, ws: Workspace) -> "MeasureChoices":
        return cls(
            members=meeting_selectors.unit_members(ws.meeting),
            problems=selectors.problem_labels(ws.material),
            causes=selectors.cause_labels(ws.material),
        )

    def form(self, ws: Workspace, *args, **kwargs) -> MeasureForm:
        return MeasureForm(
            *args,
            members=self.members,
            meeting_date=ws.meeting.date,
            problem_choices=self.problems,
            cause_choices=self.causes,
            **kwargs,
        )


def _measure_urls(ws: Workspace, measure: Measure) -> dict:
    return {
        "save": ws.card_url("workspace:measure_save", measure.pk),
        "delete": ws.card_url("workspace:measure_delete", measure.pk),
        "item_create": ws.card_url("workspace:measure_item_create", measure.pk),
        "items_reorder": ws.card_url("workspace:measure_items_reorder", measure.pk),
    }


def _item_urls(ws: Workspace, item: MeasureItem) -> dict:
    return {
        "save": ws.card_url("workspace:measure_item_save", item.measure_id, item.pk),
        "delete": ws.card_url("workspace:measure_item_delete", item.measure_id, item.pk),
    }


def _unanswered(ws: Workspace, labels: list[tuple[int, str]] | None = None) -> dict:
    return {"uncovered": selectors.uncovered_problems(ws.material, "measures", labels)}


@require_GET
@login_required
def measures_page(request, meeting_pk: int, material_pk: int):
    ws = load(request, meeting_pk, material_pk)
    choices = MeasureChoices.of(ws)
    forms = []
    for measure in selectors.measure_cards(ws.material):
        form = choices.form(ws, instance=measure)
        form.urls = _measure_urls(ws, measure)
        form.item_forms = [MeasureItemForm(instance=item) for item in measure.items.all()]
        for item_form in form.item_forms:
            item_form.urls = _item_urls(ws, item_form.instance)
        forms.append(form)
    context = page_context(
        request,
        ws,
        "measures",
        forms=forms,
        new_form=choices.form(ws),
        new_item_form=MeasureItemForm(),
        create_url=reverse("workspace:measure_create", args=[ws.meeting.pk, ws.material.pk]),
        has_problems=bool(choices.problems),
        closing_form=_closing_form(ws),
        lead_form=section_lead_form(ws, SectionPart.MEASURES, len(forms)),
        list_marker=LIST_MARKERS.get(ws.material.measures_numbering, "（）"),
        **_unanswered(ws, choices.problems),
    )
    return render(request, "workspace/measures.html", context)


def _closing_form(ws: Workspace) -> MaterialTextForm:
    """结尾, saved through the material text endpoint; the card's title is its label."""
    form = MaterialTextForm(instance=ws.material, only=["closing"])
    form.helper.form_show_labels = False
    form.fields["closing"].widget.attrs.update(
        {"aria-label": "结尾", "placeholder": "表明态度：如“我们将以这次民主生活会为新的起点……”"}
    )
    return form


def _measure_links(ws: Workspace, form: MeasureForm) -> dict:
    data = form.cleaned_data
    return {
        "problems": list(ws.material.problems.filter(pk__in=data.get("problems", []))),
        "causes": list(ws.material.causes.filter(pk__in=data.get("causes", []))),
    }


@require_POST
@login_required
def measure_create(request, meeting_pk: int, material_pk: int):
    ws = load(request, meeting_pk, material_pk, for_edit=True)
    choices = MeasureChoices.of(ws)
    form = choices.form(ws, request.POST)

    def write() -> Measure:
        values = {name: form.cleaned_data[name] for name in MeasureForm.Meta.fields}
        return services.measure_add(material=ws.material, **values, **_measure_links(ws, form))

    def created(measure: Measure) -> dict:
        return {
            "id": measure.pk,
            "urls": _measure_urls(ws, measure),
            **_unanswered(ws, choices.problems),
            **progress(ws.material),
        }

    return autosave.save_form(form, write, created)


@require_POST
@login_required
def measure_save(request, meeting_pk: int, material_pk: int, pk: int):
    ws = load(request, meeting_pk, material_pk, for_edit=True)
    measure = get_entry(ws.material.measures.all(), pk)
    measure.material = ws.material
    choices = MeasureChoices.of(ws)
    form = choices.form(ws, request.POST, instance=measure)

    def write() -> Measure:
        return services.measure_update(
            measure=measure,
            fields=MeasureForm.Meta.fields,
            expected_revision=autosave.posted_revision(request),
            problem_ids=form.cleaned_data.get("problems", []),
            cause_ids=form.cleaned_data.get("causes", []),
        )

    return autosave.save_form(
        form, write, lambda _: {**_unanswered(ws, choices.problems), **progress(ws.material)}
    )


@require_POST
@login_required
def measure_delete(request, meeting_pk: int, material_pk: int, pk: int):
    ws = load(request, meeting_pk, material_pk, for_edit=True)
    measure = get_entry(ws.material.measures.all(), pk)
    label = f"措施“{_short(measure.headline)}”"
    return delete_with_undo(request, ws, measure, label, after=lambda: _unanswered(ws))


@require_POST
@login_required
def measures_reorder(request, meeting_pk: int, material_pk: int):
    ws = load(request, meeting_pk, material_pk, for_edit=True)
    return reorder_response(ws, request, services.measures_reorder, material=ws.material)


# --- Sub-items of a measure (一要…) ------------------------------------------------------------------


@require_POST
@login_required
def measure_item_create(request, meeting_pk: int, material_pk: int, pk: int):
    ws = load(request, meeting_pk, material_pk, for_edit=True)
    measure = get_entry(ws.material.measures.all(), pk)
    form = MeasureItemForm(request.POST)

    def write() -> MeasureItem:
        return services.measure_item_add(measure=measure, text=form.cleaned_data["text"])

    def created(item: MeasureItem) -> dict:
        return {"id": item.pk, "urls": _item_urls(ws, item), **progress(ws.material)}

    return autosave.save_form(form, write, created)


def _item(ws: Workspace, measure_pk: int, pk: int) -> MeasureItem:
    measure = get_entry(ws.material.measures.all(), measure_pk)
    return get_entry(measure.items.all(), pk)


@require_POST
@login_required
def measure_item_save(request, meeting_pk: int, material_pk: int, measure_pk: int, pk: int):
    ws = load(request, meeting_pk, material_pk, for_edit=True)
    item = _item(ws, measure_pk, pk)
    form = MeasureItemForm(request.POST, instance=item)

    def write() -> MeasureItem:
        return services.measure_item_update(item=item, expected_revision=autosave.posted_revision(request))

    return autosave.save_form(form, write, lambda _: progress(ws.material))


@require_POST
@login_required
def measure_item_delete(request, meeting_pk: int, material_pk: int, measure_pk: int, pk: int):
    ws = load(request, meeting_pk, material_pk, for_edit=True)
    item = _item(ws, measure_pk, pk)
    return delete_with_undo(request, ws, item, f"具体举措“{_short(item.text)}”")


@require_POST
@login_required
def measure_items_reorder(request, meeting_pk: int, material_pk: int, pk: int):
    ws = load(request, meeting_pk, material_pk, for_edit=True)
    measure = get_entry(ws.material.measures.all(), pk)
    return reorder_response(ws, request, services.measure_items_reorder, measure=measure)
