"""Step 查摆问题: one block per aspect of the outline, problems as autosaved, reorderable cards."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from apps.core.ids import get_by_id_or_404
from apps.entries import services
from apps.entries.models import AspectText
from apps.exports.context.loading import aspect_title
from apps.outlines.models import Aspect
from apps.workspace import autosave, selectors
from apps.workspace.forms import ProblemForm
from apps.workspace.material_forms import AspectTextForm, MaterialTextForm
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
        block.lead_in_form = lead_in_form(ws, block.aspect, block.text)
        block.guidance = block.aspect.guidance_for(team=ws.is_team)
    context = page_context(
        request,
        ws,
        "problems",
        blocks=blocks,
        intro_form=MaterialTextForm(instance=ws.material, only=["preamble", "recap"]),
        lead_form=MaterialTextForm(instance=ws.material, only=["problems_lead"]),
        create_url=reverse("workspace:problem_create", args=[ws.meeting.pk, ws.material.pk]),
    )
    return render(request, "workspace/problems.html", context)


def lead_in_form(ws, aspect: Aspect, text: AspectText | None) -> AspectTextForm:
    """The lead-in at the top of an aspect block (saved through :func:`aspect_text_save`)."""
    # A member writes their own material in the first person, so its example says 我, not 班子.
    example = "如：班子能够……但还存在一些问题：" if ws.is_team else "如：我能够……但还存在一些差距："
    form = AspectTextForm(
        instance=text or AspectText(material=ws.material, aspect=aspect),
        only=["lead_in"],
        placeholders={"lead_in": example},
    )
    form.fields["lead_in"].help_text = "写在“一是”之前：本方面的成绩和转折，可不写。"
    form.url = reverse("workspace:aspect_text", args=[ws.meeting.pk, ws.material.pk, aspect.pk])
    return form


def heading_form(ws, block: selectors.AspectBlock) -> AspectTextForm:
    """The aspect's heading as this material words it (the material settings on 预览)."""
    aspect = block.aspect
    form = AspectTextForm(
        instance=block.text or AspectText(material=ws.material, aspect=aspect),
        only=["heading"],
        placeholders={"heading": aspect_title(aspect)},
    )
    form.fields["heading"].label = f"{block.marker}{aspect.label}"
    form.url = reverse("workspace:aspect_text", args=[ws.meeting.pk, ws.material.pk, aspect.pk])
    return form


@require_POST
@login_required
def aspect_text_save(request, meeting_pk: int, material_pk: int, aspect_pk: int):
    ws = load(request, meeting_pk, material_pk, for_edit=True)
    aspect = get_object_or_404(Aspect, pk=aspect_pk, outline_id=ws.meeting.outline_id)
    only = [name for name in AspectTextForm.Meta.fields if name in request.POST]
    # The form only validates the posted texts; the service finds or creates the row and writes it.
    form = AspectTextForm(request.POST, instance=AspectText(material=ws.material, aspect=aspect), only=only)

    def write():
        return services.aspect_text_update(
            material=ws.material,
            aspect=aspect,
            values={name: form.cleaned_data[name] for name in only},
            expected_revision=autosave.posted_revision(request),
        )

    return autosave.save_form(form, write, lambda _: progress(ws.material))


def _problem_urls(ws, problem) -> dict:
    return {
        "save": ws.card_url("workspace:problem_save", problem.pk),
        "delete": ws.card_url("workspace:problem_delete", problem.pk),
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
            claimed_opinion_ids=form.cleaned_data.get("claimed_opinions", []),
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
    problem = get_entry(ws.material.problems.all(), pk)
    problem.material = ws.material
    choices = _opinion_choices_for(problem.aspect_id, selectors.opinion_choices(ws.material))
    form = ProblemForm(request.POST, instance=problem, opinion_choices=choices)

    def write():
        return services.problem_update(
            problem=problem,
            fields=ProblemForm.Meta.fields,
            expected_revision=autosave.posted_revision(request),
            claimed_opinion_ids=(
                form.cleaned_data.get("claimed_opinions") if "claimed_opinions" in form.fields else None
            ),
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
