"""The problems part: aspect blocks ``（一）``/``(一)``/``（1）``, run in (the heading is the lead
sentence of the paragraph) or alone on a line, each block's lead-in and its problems."""

import re
from dataclasses import dataclass, field

from apps.core.numbering import chinese_numeral
from apps.imports.parsing.items import lead_sentence, split_example, split_items
from apps.imports.parsing.markers import find_inline, line_marker, weak_inline
from apps.imports.parsing.sections import Line
from apps.imports.proposal import ProposedAspect, ProposedProblem

RUN_IN, SEPARATE = "run_in", "separate"
MAX_RUN_IN_HEADING = 150
_HEADING_END = re.compile(r"方面\s*[：:。．.]")


@dataclass
class ProblemsPart:
    lead: str = ""
    aspects: list[ProposedAspect] = field(default_factory=list)
    run_in: int = 0  # blocks whose heading runs into the text
    separate: int = 0  # blocks whose heading is alone on its line
    warnings: list[str] = field(default_factory=list)


def _aspect_form(body: list[Line]) -> str | None:
    forms = [marker.form for _, line in body if (marker := line_marker(line))]
    if "paren_cn" in forms:
        return "paren_cn"
    if "paren_digit" in forms:
        text = "\n".join(line for _, line in body)
        if find_inline(text) or "decimal" in forms:  # （1） blocks holding 一是 / 1. problems
            return "paren_digit"
    return None


def parse_problems(body: list[Line]) -> ProblemsPart:
    part = ProblemsPart()
    form = _aspect_form(body)
    if form is None:
        if body:  # problems without aspect headings: one block for the drafter to place
            block = _block("", -1, body, part)
            part.aspects.append(block)
            part.warnings.append("“存在的问题”部分没有找到（一）（二）……方面标题，请在审核时为问题选择方面")
        return part
    lead: list[str] = []
    blocks: list[tuple[int, str, list[Line]]] = []
    expected = 1
    for index, line in body:
        marker = line_marker(line)
        if marker and marker.form == form and marker.number >= expected:
            if marker.number > expected:
                missing = "、".join(f"（{chinese_numeral(n)}）" for n in range(expected, marker.number))
                part.warnings.append(f"方面序号缺少{missing}，请核对是否漏了内容")
            blocks.append((index, marker.rest, []))
            expected = marker.number + 1
        elif blocks:
            blocks[-1][2].append((index, line))
        else:
            lead.append(line)
    part.lead = "\n".join(lead)
    for index, first, rest in blocks:
        heading, remainder = run_in_heading(first)
        if remainder:
            part.run_in += 1
            lines = [(index, remainder), *rest]
        else:
            part.separate += 1
            lines = rest
        part.aspects.append(_block(heading, index, lines, part))
    return part


def run_in_heading(text: str) -> tuple[str, str]:
    """(heading, the rest of the paragraph): the heading ends at ``方面：``/``方面。`` or at the
    first full stop, and never after the first 一是."""
    text = text.strip()
    candidates = []
    match = _HEADING_END.search(text)
    if match and match.start() <= MAX_RUN_IN_HEADING:
        candidates.append((match.start() + 2, match.end()))
    stop = re.search(r"[。！？!?]", text)
    if stop:
        candidates.append((stop.start(), stop.end()))
    inline = find_inline(text)
    if inline:
        start = inline[0][0]
        candidates.append((start, start))
    if not candidates:
        return text.rstrip("：:；;，, "), ""
    end, rest_start = min(candidates)
    heading = text[:end].rstrip("：:；;，,。 ")
    return heading, text[rest_start:].strip()


def _block(heading: str, line: int, body: list[Line], part: ProblemsPart) -> ProposedAspect:
    split = split_items(body)
    aspect = ProposedAspect(heading=heading, lead_in=split.lead, line=line)
    for gap in split.gaps:
        part.warnings.append(f"“{heading or '问题'}”中的问题{gap}")
    if not split.items:
        if split.lead:
            part.warnings.append(
                f"“{heading or '问题'}”中没有找到一是、二是……或 1. 2. 编号的问题，全文暂作方面导语"
            )
        return aspect
    if split.form == "inline" and weak_inline("\n".join(t for _, t in body), "是", len(split.items) + 1, 0):
        part.warnings.append(
            f"“{heading}”中的“{chinese_numeral(len(split.items) + 1)}是”前面是逗号，未拆成单独的问题，请核对"
        )
    for piece in split.items:
        sentence = lead_sentence(piece.text)
        elaboration, example = split_example(sentence.rest)
        aspect.problems.append(ProposedProblem(sentence.headline, elaboration, example, piece.line))
    return aspect
