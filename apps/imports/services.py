"""Writing an import: check a (reviewed) proposal against the models' limits, then write it into a
material in one transaction through the entry services."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from apps.core.numbering import chinese_numeral
from apps.entries import services as entries
from apps.entries.models import AspectText, Material
from apps.exports.context.loading import aspect_title
from apps.imports.limits import MATERIAL_TEXTS, too_long
from apps.imports.proposal import MATERIAL, Proposal, ProposedAspect
from apps.imports.signals import import_committed
from apps.outlines.models import Aspect

REPLACE = "replace"
APPEND = "append"
MODES = (REPLACE, APPEND)

REQUIRED_HEADLINE = "概括句不能为空。"
NOT_A_MATERIAL = "这份文件不是对照检查材料，不能导入。"
FOREIGN_ASPECT = "所选方面不属于本会议的提纲。"
ASPECT_TWICE = "提纲的“{}”已被第 {} 个方面选用；一个方面只能对应一处，请改选或保留为文本。"


@dataclass
class CommitResult:
    problems: int
    causes: int
    measures: int
    kept_as_text: list[str]  # aspects the drafter left unmatched and text that was not placed


def validate(proposal: Proposal, material) -> dict[str, str]:
    """Problems that would stop the commit, keyed by path (``aspects.0.problems.2.headline``,
    ``causes.1.elaboration``, ``title`` …) with a Chinese message for the field."""
    errors: dict[str, str] = {}

    def check(path: str, value: str, model: str, field: str) -> None:
        message = too_long(value or "", model, field)
        if message:
            errors[path] = message

    if proposal.kind != MATERIAL:
        errors["kind"] = NOT_A_MATERIAL
    for name in MATERIAL_TEXTS:
        check(name, getattr(proposal, name), "material", name)
    outline_ids = set(
        Aspect.objects.filter(outline_id=material.meeting.outline_id).values_list("pk", flat=True)
    )
    chosen: dict[int, int] = {}
    for a, aspect in enumerate(proposal.aspects):
        base = f"aspects.{a}"
        if aspect.aspect_id is not None:
            if aspect.aspect_id not in outline_ids:
                errors[f"{base}.aspect_id"] = FOREIGN_ASPECT
            elif aspect.aspect_id in chosen:
                title = next((c.title for c in aspect.candidates if c.aspect_id == aspect.aspect_id), "")
                errors[f"{base}.aspect_id"] = ASPECT_TWICE.format(title, chosen[aspect.aspect_id] + 1)
            else:
                chosen[aspect.aspect_id] = a
        check(f"{base}.heading", aspect.heading, "aspect", "heading")
        check(f"{base}.lead_in", aspect.lead_in, "aspect", "lead_in")
        for p, problem in enumerate(aspect.problems):
            path = f"{base}.problems.{p}"
            if not problem.headline.strip():
                errors[f"{path}.headline"] = REQUIRED_HEADLINE
            for field in ("headline", "elaboration", "example"):
                check(f"{path}.{field}", getattr(problem, field), "problem", field)
    for part, model in (("causes", "cause"), ("measures", "measure")):
        for n, entry in enumerate(getattr(proposal, part)):
            path = f"{part}.{n}"
            if not entry.headline.strip():
                errors[f"{path}.headline"] = REQUIRED_HEADLINE
            for field in ("headline", "elaboration"):
                check(f"{path}.{field}", getattr(entry, field), model, field)
            for i, item in enumerate(entry.items):
                check(f"{path}.items.{i}", item, "item", "text")
    return errors


def kept_as_text(proposal: Proposal) -> list[str]:
    """The text of aspects left without an outline aspect, then of everything not placed."""
    kept = []
    for aspect in proposal.aspects:
        if aspect.aspect_id is None:
            kept.append(_aspect_as_text(aspect))
    kept += [item.text for item in proposal.unplaced if item.text.strip()]
    return kept


def _aspect_as_text(aspect: ProposedAspect) -> str:
    parts = [aspect.heading, aspect.lead_in]
    for n, problem in enumerate(aspect.problems, start=1):
        parts.append(f"{chinese_numeral(n)}是{problem.headline}。{problem.elaboration}{problem.example}")
    return "\n".join(part for part in parts if part)


@transaction.atomic
def commit(*, proposal: Proposal, material, mode: str, user=None) -> CommitResult:
    """Write ``proposal`` into ``material`` in one transaction (``mode`` REPLACE: the material's
    entries and wording are replaced; APPEND: entries go after the existing ones and only empty
    wording is filled). Raises ValidationError keyed like :func:`validate`."""
    if mode not in MODES:
        raise ValidationError({"mode": "导入方式只能是“替换”或“追加”。"})
    errors = validate(proposal, material)
    if errors:
        raise ValidationError(errors)
    material = Material.objects.select_for_update().select_related("meeting").get(pk=material.pk)
    if mode == REPLACE:
        material.problems.all().delete()
        material.causes.all().delete()
        material.measures.all().delete()
        material.aspect_texts.all().delete()
    _write_wording(material, proposal, replace=mode == REPLACE)
    aspects = {a.pk: a for a in Aspect.objects.filter(outline_id=material.meeting.outline_id)}
    problems = 0
    for proposed in proposal.aspects:
        aspect = aspects.get(proposed.aspect_id) if proposed.aspect_id is not None else None
        if aspect is None:
            continue
        _write_aspect_text(material, aspect, proposed, replace=mode == REPLACE)
        for problem in proposed.problems:
            entries.problem_add(
                material=material,
                aspect=aspect,
                headline=problem.headline,
                elaboration=problem.elaboration,
                example=problem.example,
            )
            problems += 1
    for cause in proposal.causes:
        entries.cause_add(material=material, headline=cause.headline, elaboration=cause.elaboration)
    for measure in proposal.measures:
        entries.measure_add(
            material=material,
            headline=measure.headline,
            elaboration=measure.elaboration,
            items=[item for item in measure.items if item.strip()],
        )
    result = CommitResult(
        problems=problems,
        causes=len(proposal.causes),
        measures=len(proposal.measures),
        kept_as_text=kept_as_text(proposal),
    )
    # A bulk change: whoever keeps derived data (the copy index) refreshes it after the commit.
    import_committed.send(sender=commit, material=material, user=user, result=result)
    return result


def _write_wording(material: Material, proposal: Proposal, *, replace: bool) -> None:
    """The material's texts and settings: REPLACE sets every one the source has (and clears the
    texts it lacks); APPEND fills only empty texts and keeps the settings."""
    for name in MATERIAL_TEXTS:
        value = getattr(proposal, name)
        if replace or not getattr(material, name):
            setattr(material, name, value if replace else (value or getattr(material, name)))
    if replace:
        material.layout = proposal.layout or material.layout
        material.causes_numbering = proposal.causes_numbering or material.causes_numbering
        material.measures_numbering = proposal.measures_numbering or material.measures_numbering
        material.aspect_numbering = proposal.aspect_numbering or material.aspect_numbering
        material.problem_numbering = proposal.problem_numbering or material.problem_numbering
        material.auto_leads = proposal.auto_leads
        if proposal.item_marker:
            material.measure_item_marker = (
                Material.ItemMarker.SHI if proposal.item_marker == "是" else Material.ItemMarker.YAO
            )
        if proposal.signature:
            material.signature = proposal.signature
            material.signature_date = (
                datetime.date.fromisoformat(proposal.signature_date) if proposal.signature_date else None
            )
    material.full_clean(exclude=["meeting", "member"])
    material.revision += 1  # an open workspace page must merge, not overwrite, the imported text
    material.save()


def _write_aspect_text(
    material: Material, aspect: Aspect, proposed: ProposedAspect, *, replace: bool
) -> None:
    # The outline's own wording is left empty, so a later change of the outline still prints; a
    # heading the source closed with ： keeps it (the export prints it instead of 。).
    heading = "" if proposed.heading.rstrip("。") in ("", aspect_title(aspect)) else proposed.heading
    text, created = AspectText.objects.get_or_create(material=material, aspect=aspect)
    if replace or created or not text.heading:
        text.heading = heading or text.heading
    if replace or created or not text.lead_in:
        text.lead_in = proposed.lead_in or text.lead_in
    text.full_clean(exclude=["material", "aspect"])
    text.revision += 1
    text.save()
