"""The real materials in ../shared/seeds (read at run time, never copied into the repository), and a
test-only reader that enters a team material's plain text through the entry services the way a
drafter types it: title, preamble, section headings, each aspect's heading and lead-in, problems
(headline, elaboration, 比如 example), leads, causes, measures and their 一要 sub-items.

It knows the forms of the seed texts only; importing arbitrary drafts is the import feature's job."""

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

from apps.core.numbering import chinese_numeral
from apps.entries import services
from apps.entries.models import AspectText, Material
from apps.exports.context.loading import aspect_title

SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"
EXAMPLE_START = re.compile(r"(?=(?:比如|譬如|例如|再如)[，,：:])")
SECTION = re.compile(r"^([一二三四五六七八九十]+)、(.+)$")
SUBHEADING = re.compile(r"^[（(]([一二三四五六七八九十]+)[)）]")


def seed_text(name: str) -> str:
    """The text of a seed file, or skip the test when ../shared/seeds is not there."""
    path = SEEDS / name
    if not path.is_file():
        pytest.skip(f"the shared seed {name} is not here")
    return path.read_text(encoding="utf-8")


@dataclass
class Item:
    headline: str
    rest: str = ""
    items: list[str] = field(default_factory=list)


@dataclass
class AspectBlock:
    heading: str
    lead_in: str
    problems: list[Item]


@dataclass
class TeamText:
    title: str
    preamble: str
    headings: list[str]
    aspects: list[AspectBlock]
    causes_lead: str
    causes: list[Item]
    measures_lead: str
    measures: list[Item]


def split_enumeration(text: str, verb: str) -> tuple[str, list[str]]:
    """``lead 一是… 二是…`` → (lead, [items]); each number is looked for after the previous one."""
    positions, start = [], 0
    for n in range(1, 30):
        found = text.find(f"{chinese_numeral(n)}{verb}", start)
        if found < 0:
            break
        positions.append(found)
        start = found + 2
    if not positions:
        return text, []
    items = [
        text[a + len(chinese_numeral(i + 1)) + 1 : b]
        for i, (a, b) in enumerate(zip(positions, [*positions[1:], len(text)], strict=True))
    ]
    return text[: positions[0]], items


def headline_and_rest(text: str) -> Item:
    head, _, rest = text.partition("。")
    return Item(head, rest)


def parse_team_material(text: str) -> TeamText:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = lines[0]
    parts: list[tuple[str, list[str]]] = []
    preamble: list[str] = []
    for line in lines[1:]:
        match = SECTION.match(line)
        if match:
            parts.append((match.group(2), []))
        elif parts:
            parts[-1][1].append(line)
        else:
            preamble.append(line)
    (problems_heading, problem_lines), (causes_heading, cause_lines), (measures_heading, measure_lines) = (
        parts
    )
    aspects = []
    for line in problem_lines:
        body = SUBHEADING.sub("", line)
        heading, _, rest = body.partition("。")
        lead_in, items = split_enumeration(rest, "是")
        aspects.append(AspectBlock(heading, lead_in, [headline_and_rest(item) for item in items]))
    causes = [headline_and_rest(SUBHEADING.sub("", line)) for line in cause_lines[1:]]
    measures = []
    for line in measure_lines[1:]:
        measure = headline_and_rest(SUBHEADING.sub("", line))
        measure.rest, measure.items = split_enumeration(measure.rest, "要")
        measures.append(measure)
    return TeamText(
        title=title,
        preamble="\n".join(preamble),
        headings=[problems_heading, causes_heading, measures_heading],
        aspects=aspects,
        causes_lead=cause_lines[0],
        causes=causes,
        measures_lead=measure_lines[0],
        measures=measures,
    )


def split_example(text: str) -> tuple[str, str]:
    """(elaboration, example): the example starts at the first 比如/譬如/例如/再如."""
    match = EXAMPLE_START.search(text)
    return (text[: match.start()], text[match.start() :]) if match else (text, "")


def enter_team_material(material: Material, parsed: TeamText) -> None:
    """Type ``parsed`` into ``material`` through the services, choosing the material's own wording
    where the text words a heading differently from the outline."""
    aspects = list(material.meeting.outline.aspects.order_by("position"))
    assert len(aspects) == len(parsed.aspects), "the seed's aspects must match the outline's"
    material.title = parsed.title
    material.preamble = parsed.preamble
    material.problems_heading, material.causes_heading, material.measures_heading = parsed.headings
    material.causes_lead, material.measures_lead = parsed.causes_lead, parsed.measures_lead
    material.layout = Material.Layout.RUN_IN
    material.signature = Material.Signature.NONE  # the seed text ends without a signature
    material.full_clean()
    material.save()
    for aspect, block in zip(aspects, parsed.aspects, strict=True):
        heading = "" if block.heading == aspect_title(aspect) else block.heading
        AspectText.objects.create(material=material, aspect=aspect, heading=heading, lead_in=block.lead_in)
        for problem in block.problems:
            elaboration, example = split_example(problem.rest)
            services.problem_add(
                material=material,
                aspect=aspect,
                headline=problem.headline,
                elaboration=elaboration,
                example=example,
            )
    for cause in parsed.causes:
        services.cause_add(material=material, headline=cause.headline, elaboration=cause.rest)
    for measure in parsed.measures:
        services.measure_add(
            material=material, headline=measure.headline, elaboration=measure.rest, items=measure.items
        )
