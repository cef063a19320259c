"""Step 查摆问题: one block per aspect of the outline, problems as autosaved, reorderable cards."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from apps.core.ids import get_by_id_or_404
from apps.entries import services
from apps.outlines.models import Aspect
from apps.workspace import autosave, selectors
from apps.workspace.forms import MaterialTextForm, ProblemForm
from apps.workspace.views.common import (
    delete_with_undo,
    get_entry,
    load,
    page_context,
    progress,
    reorder_response,
)


def _opinion_choices_for(block_aspect_id: int, by_aspect: dict) -> list[tuple[int, str]]:
    return by_aspect.get(block_aspect_id, []) + by_aspect.get(None, [])


@require_GET
@login_required
def problems_page(request, meeting_pk: int, material_pk: int):
    ws = load(request, meeting_pk, material_pk)
    blocks = selectors.problem_blocks(ws.material)
    opinions = selectors.opinion_choices(ws.material)
    for block in blocks:
        choices = _opinion_choices_for(block.aspect.pk, opinions)
        block.forms = [ProblemForm(instance=p, opinion_choices=choices) for p in block.problems]
        for form in block.forms:
            form.urls = _problem_urls(ws, form.instance)
        block.new_form = ProblemForm(opinion_choices=choices)
        block.hidden = {"aspect": block.aspect.pk}
    intro = MaterialTextForm(instance=ws.material, only=["preamble", "recap"])
    create_url = reverse("workspace:problem_create", args=[ws.meeting.pk, ws.material.pk])
    context = page_context(request, ws, "problems", blocks=blocks, intro_form=intro, create_url=create_url)
    return render(request, "workspace/problems.html", context)


def _problem_urls(ws, problem) -> dict:
    args = [ws.meeting.pk, ws.material.pk, problem.pk]
    return {
        "save": reverse("workspace:problem_save", args=args),
        "delete": reverse("workspace:problem_delete", args=args),
    }


@require_POST
@login_required
def problem_create(request, meeting_pk: int, material_pk: int):
    ws = load(request, meeting_pk, material_pk, for_edit=True)
    aspect = get_by_id_or_404(Aspect, request.POST.get("aspect"), outline_id=ws.meeting.outline_id)
    by_aspect = selectors.opinion_choices(ws.material)
    form = ProblemForm(request.POST, opinion_choices=_opinion_choices_for(aspect.pk, by_aspect))

    def write():
        return services.problem_add(
            material=ws.material,
            aspect=aspect,
            claimed_opinion_ids=form.cleaned_data.get("opinions", []),
            **_problem_values(form),
        )

    def created(problem) -> dict:
        return {"id": problem.pk, "urls": _problem_urls(ws, problem), **progress(ws.material)}

    return autosave.save_form(form, write, created)


def _problem_values(form: ProblemForm) -> dict:
    return {name: form.cleaned_data[name] for name in ProblemForm.Meta.fields}


@require_POST
@login_required
def problem_save(request, meeting_pk: int, material_pk: int, pk: int):
    ws = load(request, meeting_pk, material_pk, for_edit=True)
    problem = get_entry(ws.material.problems.select_related("material"), pk)
    problem.material = ws.material
    choices = _opinion_choices_for(problem.aspect_id, selectors.opinion_choices(ws.material))
    form = ProblemForm(request.POST, instance=problem, opinion_choices=choices)

    def write():
        return services.problem_update(
            problem=problem,
            fields=ProblemForm.Meta.fields,
            expected_revision=autosave.posted_revision(request),
            claimed_opinion_ids=form.cleaned_data.get("opinions") if "opinions" in form.fields else None,
        )

    return autosave.save_form(form, write, lambda _: progress(ws.material))


@require_POST
@login_required
def problem_delete(request, meeting_pk: int, material_pk: int, pk: int):
    ws = load(request, meeting_pk, material_pk, for_edit=True)
    problem = get_entry(ws.material.problems.all(), pk)
    return delete_with_undo(request, ws, problem, f"问题“{problem.headline}”")


@require_POST
@login_required
def problems_reorder(request, meeting_pk: int, material_pk: int):
    ws = load(request, meeting_pk, material_pk, for_edit=True)
    aspect = get_by_id_or_404(Aspect, request.POST.get("aspect"), outline_id=ws.meeting.outline_id)
    return reorder_response(ws, request, services.problems_reorder, material=ws.material, aspect=aspect)
