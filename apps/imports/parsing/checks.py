"""Warnings about a proposal: counts its leads announce that differ from its lists, and fields
longer than the entry forms allow (the commit refuses those until the drafter splits them)."""

from apps.imports.limits import MATERIAL_TEXTS, too_long
from apps.imports.parsing.entries import count_in_lead
from apps.imports.proposal import Proposal


def check_counts(proposal: Proposal) -> list[str]:
    warnings = []
    for lead, items, what in (
        (proposal.problems_lead, proposal.aspects, "方面"),
        (proposal.causes_lead, proposal.causes, "条原因"),
        (proposal.measures_lead, proposal.measures, "条措施"),
    ):
        announced = count_in_lead(lead)
        if announced is not None and items and announced != len(items):
            warnings.append(f"导语说“以下{announced}个”，实际识别出 {len(items)} {what}，请核对")
    return warnings


def check_lengths(proposal: Proposal) -> list[str]:
    """One warning per over-long field, naming where it is."""
    warnings = []
    for name in MATERIAL_TEXTS:
        message = too_long(getattr(proposal, name), "material", name)
        if message:
            warnings.append(message)
    for a, aspect in enumerate(proposal.aspects, start=1):
        for name in ("heading", "lead_in"):
            message = too_long(getattr(aspect, name), "aspect", name)
            if message:
                warnings.append(f"第{a}个方面：{message}")
        for p, problem in enumerate(aspect.problems, start=1):
            for name in ("headline", "elaboration", "example"):
                message = too_long(getattr(problem, name), "problem", name)
                if message:
                    warnings.append(f"第{a}个方面第{p}条问题：{message}")
    for what, model, entries in (("原因", "cause", proposal.causes), ("措施", "measure", proposal.measures)):
        for n, entry in enumerate(entries, start=1):
            for name in ("headline", "elaboration"):
                message = too_long(getattr(entry, name), model, name)
                if message:
                    warnings.append(f"第{n}条{what}：{message}")
            for i, item in enumerate(entry.items, start=1):
                message = too_long(item, "item", "text")
                if message:
                    warnings.append(f"第{n}条{what}第{i}项：{message}")
    return warnings
