"""Lines of a draft to a :class:`~apps.imports.proposal.Proposal`.

The modules, in the order a draft is read: :mod:`.sections` (title, author line, preamble, the
``一、`` parts classified by wording, the signature), :mod:`.aspects` (the problems part's aspect
blocks, lead-ins and problems), :mod:`.entries` (causes, measures, sub-items, the closing),
:mod:`.matching` (aspect headings to the outline's aspects) and :mod:`.checks` (warnings)."""

from apps.imports.parsing.aspects import RUN_IN, SEPARATE, ProblemsPart, parse_problems
from apps.imports.parsing.checks import check_counts, check_lengths
from apps.imports.parsing.entries import parse_entries
from apps.imports.parsing.markers import line_marker
from apps.imports.parsing.matching import OutlineAspect, match_aspects, score
from apps.imports.parsing.sections import (
    ASPECT,
    CAUSES,
    MEASURES,
    PROBLEMS,
    RECAP,
    UNKNOWN,
    Section,
    is_situation_report,
    split_sections,
)
from apps.imports.proposal import MATERIAL, SITUATION_REPORT, Proposal, Unplaced
from apps.imports.reading.language import is_chinese

SITUATION_MESSAGE = (
    "这是一份民主生活会情况报告，不是对照检查材料，不能导入为材料。请选择班子或个人的对照检查材料文件"
    "（包含“存在的问题”“原因剖析”“整改措施”等部分）。"
)
NOT_CHINESE_MESSAGE = "这份文件的内容主要不是中文，不像是对照检查材料，无法导入。"
NOTHING_FOUND = "没有识别出问题、原因或整改措施，这份文件可能不是对照检查材料。"
ASPECT_SECTION_SCORE = 0.5  # a personal material's 一、…方面 part that matches an outline aspect


def outline_aspects(meeting) -> list[OutlineAspect]:
    return [OutlineAspect(a.pk, a.wording, a.label) for a in meeting.outline.aspects.order_by("position")]


def propose(lines: list[str], meeting, *, personal: bool) -> Proposal:
    """Recognise the structure of ``lines`` against ``meeting``'s outline. Never raises for text it
    does not understand: such text lands in ``Proposal.unplaced``; a source that is not a comparison
    material at all (a 情况报告, another language) gets ``kind`` set and a warning."""
    proposal = Proposal(source_lines=list(lines))
    if not is_chinese(lines):
        proposal.kind = "unknown"
        proposal.warnings.append(NOT_CHINESE_MESSAGE)
        return proposal
    aspects = outline_aspects(meeting)
    skeleton = split_sections(lines)
    proposal.title = skeleton.title
    proposal.preamble = "\n".join(text for _, text in skeleton.preamble)
    _classify_aspect_sections(skeleton.sections, aspects)
    if is_situation_report(skeleton.title, [s.heading for s in skeleton.sections]):
        proposal.kind = SITUATION_REPORT
        proposal.warnings.append(SITUATION_MESSAGE)
        return proposal
    problems = ProblemsPart()
    seen: set[str] = set()
    measures_part = None
    for position, section in enumerate(skeleton.sections):
        last = position == len(skeleton.sections) - 1
        kind = section.kind
        if kind in seen and kind != ASPECT:
            _unplace(proposal, section, "重复的部分（同类部分已出现过），请在审核时确认放在哪里")
            continue
        seen.add(kind)
        if kind == RECAP:
            proposal.recap_heading = section.heading
            proposal.recap = "\n".join(text for _, text in section.body)
        elif kind == PROBLEMS:
            proposal.problems_heading = section.heading
            part = parse_problems(section.body)
            problems.lead, problems.aspects = part.lead, problems.aspects + part.aspects
            problems.run_in += part.run_in
            problems.separate += part.separate
            problems.warnings += part.warnings
        elif kind == ASPECT:
            part = parse_problems([(section.line, f"（一）{section.heading}"), *section.body])
            problems.aspects += part.aspects
            problems.separate += 1
            problems.warnings += part.warnings
        elif kind in (CAUSES, MEASURES):
            what = "原因" if kind == CAUSES else "措施"
            part = parse_entries(section.body, measures=kind == MEASURES, last=last, what=what)
            setattr(proposal, f"{kind}_heading", section.heading)
            setattr(proposal, f"{kind}_lead", part.lead)
            setattr(proposal, kind, part.entries)
            setattr(proposal, f"{kind}_numbering", part.numbering)
            proposal.closing = part.closing or proposal.closing
            proposal.warnings += part.warnings
            if kind == MEASURES:
                measures_part = part
        else:
            _unplace(
                proposal, section, "未能识别的部分：标题不像“存在的问题”“原因剖析”“整改措施”，请在审核时处理"
            )
    proposal.problems_lead = problems.lead
    proposal.aspects = problems.aspects
    proposal.warnings += problems.warnings
    if problems.aspects:
        proposal.layout = RUN_IN if problems.run_in > problems.separate else SEPARATE
    match_aspects(proposal.aspects, aspects)
    _signature(proposal, skeleton, personal)
    if measures_part and measures_part.item_marker in ("要", "是"):
        proposal.item_marker = measures_part.item_marker
    if proposal.item_marker == "是":
        proposal.warnings.append(
            "措施的细项用“一是、二是”编号；导入后材料设置为同样的编号（可在材料设置中改为“一要、二要”）"
        )
    if skeleton.sections and ASPECT in seen and PROBLEMS not in seen:
        proposal.warnings.append("各方面是作为一级标题写的；导出时会放在“存在的问题”部分下作为（一）（二）……")
    proposal.warnings += check_counts(proposal) + check_lengths(proposal)
    if not (proposal.aspects or proposal.causes or proposal.measures):
        proposal.kind = "unknown"
        proposal.warnings.insert(0, NOTHING_FOUND)
    else:
        proposal.kind = MATERIAL
    return proposal


def _classify_aspect_sections(sections: list[Section], aspects: list[OutlineAspect]) -> None:
    """A personal material may print the outline's aspects as its 一、 parts."""
    for section in sections:
        if section.kind in (RECAP, CAUSES, MEASURES):
            continue
        best = max((score(section.heading, aspect) for aspect in aspects), default=0.0)
        ends_as_aspect = section.heading.rstrip("：:。").endswith("方面")
        if best >= ASPECT_SECTION_SCORE or (ends_as_aspect and section.kind in (UNKNOWN, PROBLEMS)):
            if section.kind == PROBLEMS and any(_is_block_line(text) for _, text in section.body):
                continue  # 一、存在的问题方面 with （一） blocks: still the problems part
            section.kind = ASPECT


def _is_block_line(text: str) -> bool:
    marker = line_marker(text)
    return bool(marker and marker.form == "paren_cn")


def _unplace(proposal: Proposal, section: Section, reason: str) -> None:
    proposal.unplaced.append(Unplaced(section.heading, section.line, reason))
    proposal.unplaced += [Unplaced(text, index, reason) for index, text in section.body]


def _signature(proposal: Proposal, skeleton, personal: bool) -> None:
    """Unit (or signer) and date at the end → chosen date; the unit alone → undated; nothing →
    none. The export prints the unit's or the member's name itself."""
    proposal.author = skeleton.author
    proposal.signature_unit = skeleton.signature_unit
    if skeleton.signature_date:
        proposal.signature = "chosen_date"
        proposal.signature_date = skeleton.signature_date.isoformat()
    elif skeleton.signature_unit:
        proposal.signature = "undated"
    else:
        proposal.signature = "none"
