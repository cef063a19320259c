"""The team's material (班子对照检查材料) and each member's (个人对照检查材料).

A material prints as its unit prints it: its own title and section headings where the drafter chose
them (else the meeting's and the outline's), the leads the drafter wrote (else generated ones with
the count from the data), the aspect blocks either run in (``（一）……方面。`` + lead-in + ``一是……。
二是……。`` in one paragraph, as real team materials print) or with the heading on its own line and a
paragraph per problem, causes and measures numbered ``（一）``, ``1.`` or ``一是``, and a signature
dated as chosen.
"""

import datetime
from collections.abc import Sequence

from apps.core.numbering import heading_marker, inline_marker, subheading_marker
from apps.entries.models import AspectText, Cause, Material, Measure, Problem
from apps.exports.context.blocks import (
    Block,
    Heading,
    Paragraph,
    Run,
    SignatureLine,
    Subheading,
    TextDocument,
)
from apps.exports.context.loading import (
    Entries,
    aspect_title,
    group_by_aspect,
    load_material,
    member_for_document,
    outline_sections,
)
from apps.exports.context.names import file_stem, meeting_phrase, team_name, who
from apps.exports.context.text import (
    cn_date,
    count_numeral,
    flow,
    heading_text,
    lines_of,
    one_line,
    placeholder,
    sentence,
    signature_lines,
    split_title,
)
from apps.exports.documents import DocumentRef, Kind
from apps.meetings.models import Meeting
from apps.outlines.models import Aspect, MeetingKind, SectionPart

Layout = Material.Layout
Numbering = Material.Numbering
Signature = Material.Signature

# Generated leads, used when the drafter writes none; {n} is the count in words (三个方面).
DEFAULT_LEADS = {
    (Kind.TEAM, SectionPart.CAUSES): "深刻剖析产生上述问题的原因，主要有以下{n}个方面：",
    (Kind.TEAM, SectionPart.MEASURES): "针对查摆出的问题，班子将在以下{n}个方面着力整改：",
    (Kind.MEMBER, SectionPart.CAUSES): "对照查摆出的问题，深刻反思，原因主要有以下{n}个方面：",
    (Kind.MEMBER, SectionPart.MEASURES): "针对以上问题，我将从以下{n}个方面抓好整改：",
}
# The material's own wording of each part's heading and lead (empty: the default).
HEADING_FIELDS = {
    SectionPart.RECAP: "recap_heading",
    SectionPart.PROBLEMS: "problems_heading",
    SectionPart.CAUSES: "causes_heading",
    SectionPart.MEASURES: "measures_heading",
}
LEAD_FIELDS = {
    SectionPart.PROBLEMS: "problems_lead",
    SectionPart.CAUSES: "causes_lead",
    SectionPart.MEASURES: "measures_lead",
}


def document_kind(material: Material) -> Kind:
    return Kind.TEAM if material.is_team else Kind.MEMBER


def default_lead(kind: Kind, part: str, count: int) -> str:
    """The lead printed when the drafter writes none (empty for the problems)."""
    lead = DEFAULT_LEADS.get((kind, part), "")
    return lead.format(n=count_numeral(count)) if lead and count else ""


def default_title(meeting: Meeting, kind: Kind) -> str:
    if kind == Kind.TEAM:
        return f"{team_name(who(meeting))}{meeting_phrase(meeting)}对照检查材料"
    return f"{meeting_phrase(meeting)}个人对照检查材料"


def default_layout(kind: Kind) -> str:
    return Layout.RUN_IN if kind == Kind.TEAM else Layout.SEPARATE


def _recap_heading(meeting: Meeting) -> str:
    name = "组织生活会" if meeting.kind == MeetingKind.ORGANISATIONAL_LIFE else "民主生活会"
    return f"上年度{name}整改措施落实情况"


def default_headings(meeting: Meeting, kind: Kind) -> dict[str, str]:
    """The heading of each part as the outline words it (the recap's even where it lacks one)."""
    return {SectionPart.RECAP: _recap_heading(meeting), **dict(outline_sections(meeting, kind))}


def material_sections(meeting: Meeting, kind: Kind, entries: Entries) -> list[tuple[str, str]]:
    """(part, heading) in print order: the outline's sections with the material's own headings;
    a team material that recaps last year's rectification gets that part first, even when the
    outline lists it only for personal materials."""
    sections = outline_sections(meeting, kind)
    if lines_of(entries.text("recap")) and all(part != SectionPart.RECAP for part, _ in sections):
        sections = [(SectionPart.RECAP, _recap_heading(meeting)), *sections]
    chosen = {part: heading_text(entries.text(name)) for part, name in HEADING_FIELDS.items()}
    return [(part, chosen.get(part) or heading) for part, heading in sections]


def aspect_heading(aspect: Aspect, text: AspectText | None) -> str:
    """The aspect as this material words it (else the outline's wording + 方面), without 。"""
    return heading_text(text.heading if text else "") or aspect_title(aspect)


# --- The parts ----------------------------------------------------------------------------------


def _problem_blocks(entries: Entries, aspects: Sequence[Aspect], layout: str) -> list[Block]:
    blocks: list[Block] = []
    for number, (aspect, problems) in enumerate(group_by_aspect(aspects, entries.problems), start=1):
        text = entries.aspect_texts.get(aspect.pk)
        heading = aspect_heading(aspect, text)
        lead_in = text.lead_in if text else ""
        if layout == Layout.RUN_IN:
            lead = Run(subheading_marker(number) + sentence(heading), "kai")
            blocks += flow(lead, lead_in, *_run_in_problems(problems))
        else:
            blocks.append(Subheading(subheading_marker(number) + heading))
            blocks += flow(lead_in)
            for position, problem in enumerate(problems, start=1):
                lead = Run(inline_marker(position) + sentence(problem.headline), "strong")
                blocks += flow(lead, problem.elaboration, problem.example)
        if not problems:
            blocks.append(placeholder("本方面尚未填写查摆的问题"))
    return blocks


def _run_in_problems(problems: Sequence[Problem]) -> list[Run | str]:
    """一是…。elaboration example 二是…。 — the items run on after the heading and the lead-in."""
    pieces: list[Run | str] = []
    for position, problem in enumerate(problems, start=1):
        pieces += [
            Run(inline_marker(position) + sentence(problem.headline)),
            problem.elaboration,
            problem.example,
        ]
    return pieces


def numbered_lead(numbering: str, number: int, headline: str) -> Run:
    """The numbered lead sentence of a cause or a measure: ``（一）…。`` in 楷体, or ``1.…。`` /
    ``一是…。`` in bold 仿宋."""
    if numbering == Numbering.DECIMAL:
        return Run(f"{number}." + sentence(headline), "strong")
    if numbering == Numbering.INLINE:
        return Run(inline_marker(number) + sentence(headline), "strong")
    return Run(subheading_marker(number) + sentence(headline), "kai")


def _lead(entries: Entries, kind: Kind, part: str, count: int) -> list[Paragraph]:
    written = entries.text(LEAD_FIELDS[part])
    return flow(written) if lines_of(written) else flow(default_lead(kind, part, count))


def _cause_blocks(entries: Entries, kind: Kind) -> list[Block]:
    causes: Sequence[Cause] = entries.causes
    numbering = entries.material.causes_numbering if entries.material else Numbering.PAREN
    blocks: list[Block] = [*_lead(entries, kind, SectionPart.CAUSES, len(causes))]
    for number, cause in enumerate(causes, start=1):
        blocks += flow(numbered_lead(numbering, number, cause.headline), cause.elaboration)
    return blocks if causes else [*blocks, placeholder("尚未填写原因剖析")]


def measure_paragraphs(
    number: int,
    measure: Measure,
    numbering: str = Numbering.PAREN,
    *,
    details: bool = False,
    item_verb: str = "要",
) -> list[Paragraph]:
    """A measure, its sub-items 一要…二要… (or 一是…, as the material chooses) run on after it,
    and (in the situation report) who answers for it by when."""
    texts: list[str] = [measure.elaboration]
    texts += [
        inline_marker(position, item_verb) + sentence(item.text)
        for position, item in enumerate(measure.items.all(), start=1)
        if one_line(item.text)
    ]
    if details:
        facts = [
            f"责任领导：{one_line(measure.owner.name)}" if measure.owner_id else "",
            f"责任部门：{one_line(measure.department)}" if one_line(measure.department) else "",
            f"完成时限：{cn_date(measure.deadline)}" if measure.deadline else "",
        ]
        if any(facts):
            texts.append("（" + "；".join(fact for fact in facts if fact) + "）")
    return flow(numbered_lead(numbering, number, measure.headline), *texts)


def _measures_blocks(entries: Entries, kind: Kind) -> list[Block]:
    measures: Sequence[Measure] = entries.measures
    numbering = entries.material.measures_numbering if entries.material else Numbering.PAREN
    blocks: list[Block] = [*_lead(entries, kind, SectionPart.MEASURES, len(measures))]
    marker = entries.material.measure_item_marker if entries.material else ""
    verb = "是" if marker == Material.ItemMarker.SHI else "要"
    for number, measure in enumerate(measures, start=1):
        blocks += measure_paragraphs(number, measure, numbering, item_verb=verb)
    return blocks if measures else [*blocks, placeholder("尚未填写整改措施")]


def _material_blocks(meeting: Meeting, kind: Kind, entries: Entries) -> list[Block]:
    aspects = list(meeting.outline.aspects.all())
    layout = (entries.material.layout if entries.material else "") or default_layout(kind)
    blocks: list[Block] = [*flow(entries.text("preamble"))]
    number = 0
    for part, heading in material_sections(meeting, kind, entries):
        body: list[Block]
        if part == SectionPart.RECAP:
            body = list(flow(entries.text("recap")))
            if not body:
                continue  # nothing to recap (a first meeting): the part is left out
        elif part == SectionPart.PROBLEMS:
            body = [*flow(entries.text("problems_lead")), *_problem_blocks(entries, aspects, layout)]
        elif part == SectionPart.CAUSES:
            body = _cause_blocks(entries, kind)
        elif part == SectionPart.MEASURES:
            body = _measures_blocks(entries, kind)
        else:
            continue  # a part this document does not have (e.g. 会前准备 in a material)
        number += 1
        blocks.append(Heading(heading_marker(number) + heading))
        blocks += body
    blocks += flow(entries.text("closing"))
    return blocks


def signature_for(meeting: Meeting, material: Material | None, signer: str) -> tuple[SignatureLine, ...]:
    """The signature block as the material chose it: dated with the meeting's date (none yet: the
    signer alone, never the day of the export), with a chosen date, undated, or left out."""
    kind = Kind.TEAM if material is None or material.is_team else Kind.MEMBER
    default = Signature.MEETING_DATE if kind == Kind.TEAM else Signature.NONE
    choice = (material.signature if material else "") or default
    if choice == Signature.NONE or not signer:
        return ()
    date: datetime.date | None = None
    if choice == Signature.MEETING_DATE:
        date = meeting.date
    elif choice == Signature.CHOSEN_DATE:
        date = material.signature_date if material else None
    return signature_lines(signer, date)


# --- The two documents --------------------------------------------------------------------------


def _material_document(
    meeting: Meeting, ref: DocumentRef, entries: Entries, author: str, signer: str, stem: str
):
    kind = Kind.TEAM if ref.kind == Kind.TEAM else Kind.MEMBER
    title = one_line(entries.text("title")) or default_title(meeting, kind)
    return TextDocument(
        ref=ref,
        title=title,
        title_lines=split_title(title),
        author=author,
        blocks=tuple(_material_blocks(meeting, kind, entries)),
        signature=signature_for(meeting, entries.material, signer),
        file_stem=stem,
        unit_name=one_line(meeting.unit.name),
    )


def team_material(meeting: Meeting, ref: DocumentRef) -> TextDocument:
    entries = Entries.of(load_material(meeting, None))
    unit = one_line(meeting.unit.name)
    return _material_document(meeting, ref, entries, "", unit, file_stem(meeting, ref))


def member_material(meeting: Meeting, ref: DocumentRef) -> TextDocument:
    member = member_for_document(meeting, ref)
    entries = Entries.of(load_material(meeting, member))
    author = "　".join(part for part in (one_line(member.title), one_line(member.name)) if part)
    stem = file_stem(meeting, ref, member)
    return _material_document(meeting, ref, entries, author, one_line(member.name), stem)
