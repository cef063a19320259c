"""Writes for outline templates. Each service saves inside one transaction and returns the object."""

import re

from django.db import transaction

from apps.outlines.models import Aspect, OutlineSection, OutlineTemplate

COPY_SUFFIX = "（副本）"
_COPY_SUFFIX_RE = re.compile(r"（副本\d*）$")


def _copy_name(name: str, year: int | None) -> str:
    """``name`` with a copy suffix, unique for ``year``: 某提纲（副本）, 某提纲（副本2）, …"""
    base = _COPY_SUFFIX_RE.sub("", name)
    max_length = OutlineTemplate._meta.get_field("name").max_length
    number = 1
    while True:
        suffix = COPY_SUFFIX if number == 1 else f"（副本{number}）"
        candidate = base[: max_length - len(suffix)] + suffix
        if not OutlineTemplate.objects.filter(name=candidate, year=year).exists():
            return candidate
        number += 1


@transaction.atomic
def outline_copy(*, outline: OutlineTemplate) -> OutlineTemplate:
    """Copy ``outline`` with its aspects and section headings as the start of next year's outline.

    The copy is named "…（副本）", dated the year after (a generic outline stays generic) and
    starts disabled, so drafters do not pick it before the admin has adapted it to the new year.
    """
    year = outline.year + 1 if outline.year is not None else None
    copy = OutlineTemplate.objects.create(
        name=_copy_name(outline.name, year),
        year=year,
        meeting_kind=outline.meeting_kind,
        theme=outline.theme,
        title_theme=outline.title_theme,
        general_requirement=outline.general_requirement,
        description=outline.description,
        is_active=False,
    )
    Aspect.objects.bulk_create(
        Aspect(
            outline=copy,
            position=aspect.position,
            wording=aspect.wording,
            label=aspect.label,
            guidance=aspect.guidance,
            member_guidance=aspect.member_guidance,
        )
        for aspect in outline.aspects.order_by("position")
    )
    OutlineSection.objects.bulk_create(
        OutlineSection(
            outline=copy,
            document=section.document,
            part=section.part,
            position=section.position,
            heading=section.heading,
        )
        for section in outline.sections.order_by("document", "position")
    )
    return copy
