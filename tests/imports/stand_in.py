"""TEMPORARY: stands in for the reading, parsing and commit services while their branch (i9-parse)
is not merged; active only while those are still the contract stubs. Delete after the merge."""

import inspect

from django.core.exceptions import ValidationError

from apps.entries.models import AspectText, Cause, Measure, MeasureItem, Problem
from apps.imports import parsing, reading, services
from apps.imports.errors import ImportRefused
from apps.imports.proposal import SITUATION_REPORT, Proposal
from tests.imports.drafts import material_proposal


def _stub(function) -> bool:
    return "NotImplementedError" in inspect.getsource(function)


def needed() -> bool:
    return any(_stub(f) for f in (reading.read_upload, parsing.propose, services.commit))


def install(monkeypatch) -> None:
    def read_upload(name: str, data: bytes) -> list[str]:
        if not name.endswith(".txt"):
            raise ImportRefused("无法读取这个文件：请上传 .docx 或 .txt 文件。")
        return reading.read_pasted(data.decode("utf-8"))

    def propose(lines, meeting, *, personal):
        if lines and "对照检查" not in lines[0]:
            return Proposal(kind=SITUATION_REPORT, source_lines=lines, warnings=["这是一份情况报告。"])
        return material_proposal(meeting, lines=lines)

    def validate(proposal, material):
        errors = {}
        for i, aspect in enumerate(proposal.aspects):
            for j, problem in enumerate(aspect.problems):
                if len(problem.headline) > 200:
                    errors[f"aspects.{i}.problems.{j}.headline"] = "太长了"
        return errors

    def commit(*, proposal, material, mode, user=None):
        errors = validate(proposal, material)
        if errors:
            raise ValidationError(errors)
        if mode == services.REPLACE:
            Measure.objects.filter(material=material).delete()
            Cause.objects.filter(material=material).delete()
            Problem.objects.filter(material=material).delete()
        kept, problems = [], 0
        for aspect in proposal.aspects:
            if aspect.aspect_id is None:
                kept.append(aspect.heading)
                continue
            AspectText.objects.update_or_create(
                material=material, aspect_id=aspect.aspect_id, defaults={"heading": aspect.heading}
            )
            start = Problem.objects.filter(material=material, aspect_id=aspect.aspect_id).count()
            for position, problem in enumerate(aspect.problems, start=start + 1):
                Problem.objects.create(
                    material=material,
                    aspect_id=aspect.aspect_id,
                    position=position,
                    headline=problem.headline,
                    elaboration=problem.elaboration,
                    example=problem.example,
                )
                problems += 1
        start = Cause.objects.filter(material=material).count()
        for position, cause in enumerate(proposal.causes, start=start + 1):
            Cause.objects.create(material=material, position=position, headline=cause.headline)
        start = Measure.objects.filter(material=material).count()
        for position, entry in enumerate(proposal.measures, start=start + 1):
            measure = Measure.objects.create(material=material, position=position, headline=entry.headline)
            for k, text in enumerate(entry.items, start=1):
                MeasureItem.objects.create(measure=measure, position=k, text=text)
        kept += [item.text for item in proposal.unplaced]
        return services.CommitResult(problems, len(proposal.causes), len(proposal.measures), kept)

    if _stub(reading.read_upload):
        monkeypatch.setattr(reading, "read_upload", read_upload)
    if _stub(parsing.propose):
        monkeypatch.setattr(parsing, "propose", propose)
    if _stub(services.validate):
        monkeypatch.setattr(services, "validate", validate)
    if _stub(services.commit):
        monkeypatch.setattr(services, "commit", commit)
