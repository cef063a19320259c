"""The problems part: aspect blocks ``（一）``/``(一)``/``（1）``/``1.``, run in (the heading is the
lead sentence of the paragraph) or alone on a line, each block's lead-in and its problems.

Which numbering marks the aspects is read from the draft, not assumed: the first numbering level
that appears in the part is the aspect level when its headings read as aspects (they end with 方面
or match the outline's wording); the problems are then the next level down, or 一是 inline or a
paragraph each. A first level that does not read as aspects falls back to （一） blocks."""

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from apps.core.numbering import chinese_numeral
from apps.imports.parsing.items import lead_sentence, split_example, split_items
from apps.imports.parsing.markers import find_inline, line_marker, weak_inline
from apps.imports.parsing.sections import Line
from apps.imports.proposal import ProposedAspect, ProposedProblem

RUN_IN, SEPARATE = "run_in", "separate"
MAX_RUN_IN_HEADING = 150
_HEADING_END = re.compile(r"方面[ \t\u3000]*[：:。．.]")
ASPECT_FORMS = ("paren_cn", "paren_digit", "decimal")
_HEADING_MARKS = "：:。．.；;，, "


@dataclass
class ProblemsPart:
    lead: str = ""
    aspects: list[ProposedAspect] = field(default_factory=list)
    run_in: int = 0  # blocks whose heading runs into the text
    separate: int = 0  # blocks whose heading is alone on its line
    aspect_form: str = ""  # the numbering of the aspect blocks ("paren_cn", "paren_digit", "decimal")
    problem_forms: Counter = field(default_factory=Counter)  # the problems' numbering, per block
    warnings: list[str] = field(default_factory=list)

    def problem_form(self) -> str:
        """The numbering most blocks give their problems (empty: none numbered)."""
        return self.problem_forms.most_common(1)[0][0] if self.problem_forms else ""


def reads_as_aspect(heading: str, matches_outline: Callable[[str], bool] | None) -> bool:
    heading = heading.rstrip(_HEADING_MARKS)
    return heading.endswith("方面") or bool(matches_outline and matches_outline(heading))


def _aspect_form(body: list[Line], matches_outline: Callable[[str], bool] | None = None) -> str | None:
    markers = [marker for _, line in body if (marker := line_marker(line)) and marker.form in ASPECT_FORMS]
    if markers:
        first = markers[0].form
        headings = [run_in_heading(marker.rest)[0] for marker in markers if marker.form == first]
        if 2 * sum(reads_as_aspect(heading, matches_outline) for heading in headings) >= len(headings):
            return first
    forms = [marker.form for marker in markers]
    if "paren_cn" in forms:
        return "paren_cn"
    if "paren_digit" in forms:
        text = "\n".join(line for _, line in body)
        if find_inline(text) or "decimal" in forms:  # （1） blocks holding 一是 / 1. problems
            return "paren_digit"
    return None


def parse_problems(body: list[Line], matches_outline: Callable[[str], bool] | None = None) -> ProblemsPart:
    """``matches_outline`` tells whether a heading matches one of the outline's aspects."""
    part = ProblemsPart()
    form = _aspect_form(body, matches_outline)
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
    part.aspect_form = form
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
    first full stop, and never after the first 一是. A colon closing the heading stays with it
    (the export prints ``方面：`` back; a heading without a mark of its own gets 。)."""
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
        return _with_colon(text.rstrip("：:；;，, "), text), ""
    end, rest_start = min(candidates)
    heading = text[:end].rstrip("：:；;，,。 ")
    return _with_colon(heading, text[:rest_start]), text[rest_start:].strip()


def _with_colon(heading: str, source: str) -> str:
    """``heading`` with the full-width colon that closes it in ``source`` (full or half width)."""
    return heading + "：" if heading and source.rstrip(" \t\u3000").endswith(("：", ":")) else heading


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
    part.problem_forms[split.form] += 1
    if split.form == "inline" and weak_inline("\n".join(t for _, t in body), "是", len(split.items) + 1, 0):
        part.warnings.append(
            f"“{heading}”中的“{chinese_numeral(len(split.items) + 1)}是”前面是逗号，未拆成单独的问题，请核对"
        )
    for piece in split.items:
        sentence = lead_sentence(piece.text)
        elaboration, example = split_example(sentence.rest)
        aspect.problems.append(ProposedProblem(sentence.headline, elaboration, example, piece.line))
    return aspect
