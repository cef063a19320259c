"""Causes and measures: a section lead, then items numbered ``（一）``, ``1.``/``1．``/``1、`` or
``一是`` (a paragraph each or inline in one paragraph); measures' sub-items ``一要…`` or ``一是…``;
and the closing paragraphs after the last measure."""

import re
from dataclasses import dataclass, field

from apps.imports.parsing.items import item_text, lead_sentence, split_items
from apps.imports.parsing.markers import cn_value, find_inline, line_marker
from apps.imports.parsing.sections import Line
from apps.imports.proposal import ProposedEntry

# Material.Numbering of each form (（1） prints as 1. — the nearest the export has).
NUMBERING = {"paren_cn": "paren", "paren_digit": "decimal", "decimal": "decimal", "inline": "inline"}
NUMBERING_NAMES = {
    "paren_cn": "（一）",
    "paren_digit": "（1）",
    "decimal": "1.",
    "inline": "一是",
    "ordinal": "第一",
}
# A closing paragraph after the measures: 总之…, 我们将以此次民主生活会为契机…, 下一步…
CLOSING_START = re.compile(
    r"^(总之|总的来说|最后|今后|下一步|新的一年|在今后|我们(将|要|一定|决心)|班子(将|要|一定)|"
    r"我(将|要|一定|决心)|以此次|以这次|借此|通过此次|通过这次)"
)


@dataclass
class EntriesPart:
    lead: str = ""
    entries: list[ProposedEntry] = field(default_factory=list)
    numbering: str = ""
    item_marker: str = ""  # 要 or 是: how the measures' sub-items are numbered
    closing: str = ""
    warnings: list[str] = field(default_factory=list)


def parse_entries(body: list[Line], *, measures: bool, last: bool, what: str) -> EntriesPart:
    """``what`` names the part in warnings (原因 / 措施); ``last``: the document's last part, whose
    trailing unnumbered paragraphs may be the closing."""
    part = EntriesPart()
    split = split_items(body, forms=("paren_cn", "paren_digit", "decimal", "ordinal"))
    part.lead = split.lead
    part.warnings += [f"{what}{gap}" for gap in split.gaps]
    if not split.items:
        return part
    part.numbering = NUMBERING.get(split.form, "inline")
    if split.form == "ordinal":
        part.warnings.append(f"{what}用“第一、第二”编号，导出时将用“一是、二是”，可在材料设置中改为其他编号")
    elif split.form == "paren_digit":
        part.warnings.append(f"{what}用“（1）”编号，导出时将用“1.”")
    if last:
        part.closing = _take_closing(split.items)
    markers: set[str] = set()
    for piece in split.items:
        sentence = lead_sentence(piece.text)
        entry = ProposedEntry(headline=sentence.headline, elaboration=sentence.rest, line=piece.line)
        if measures:
            entry.elaboration, entry.items, marker = sub_items(sentence.rest)
            if marker:
                markers.add(marker)
        part.entries.append(entry)
    if len(markers) == 1:
        part.item_marker = markers.pop()
    elif markers:
        part.item_marker = "要"
        part.warnings.append("措施的细项有的用“一要”、有的用“一是”编号，导出时统一用“一要”")
    return part


def _take_closing(items) -> str:
    """The last item's trailing paragraphs that read as the closing (总之…, 我们将…), or, when no
    other item runs over several paragraphs, every paragraph after the last item's own."""
    last = items[-1]
    paragraphs = last.text.split("\n")
    if len(paragraphs) < 2:
        return ""
    others_multi = any("\n" in item.text for item in items[:-1])
    for position in range(1, len(paragraphs)):
        tail = paragraphs[position:]
        if line_marker(tail[0]) or find_inline(tail[0], "要") or find_inline(tail[0], "是"):
            continue
        if CLOSING_START.match(tail[0]) or (not others_multi and not any(_numbered(p) for p in tail)):
            last.text = "\n".join(paragraphs[:position]).strip()
            return "\n".join(tail).strip()
    return ""


def _numbered(paragraph: str) -> bool:
    return bool(line_marker(paragraph) or find_inline(paragraph, "要"))


def sub_items(rest: str) -> tuple[str, list[str], str]:
    """(elaboration, sub-items, marker): ``一要…二要…`` (or ``一是…``, or ``（1）``/``1.`` paragraphs)
    after the measure's lead sentence."""
    for verb in ("要", "是"):
        spans = find_inline(rest, verb)
        if len(spans) >= 2 or (spans and verb == "要"):
            ends = [start for start, _ in spans[1:]] + [len(rest)]
            items = [
                item_text(rest[end:next_start]) for (_, end), next_start in zip(spans, ends, strict=True)
            ]
            return rest[: spans[0][0]].strip(), [item for item in items if item], verb
    lines = rest.split("\n")
    numbered = [line_marker(line) for line in lines]
    if sum(1 for marker in numbered if marker and marker.form in ("paren_digit", "decimal")) >= 2:
        elaboration: list[str] = []
        items: list[str] = []
        for line, marker in zip(lines, numbered, strict=True):
            if marker and marker.form in ("paren_digit", "decimal"):
                items.append(item_text(marker.rest))
            elif items:
                items[-1] = item_text(items[-1] + line)
            else:
                elaboration.append(line)
        return "\n".join(elaboration).strip(), items, "1."
    return rest.strip(), [], ""


def count_in_lead(lead: str) -> int | None:
    """The count a lead announces: 主要有以下三个方面 → 3."""
    match = re.search(r"以下([一二三四五六七八九十两\d]{1,3})(?:个|点|条|项)", lead) or re.search(
        r"([一二三四五六七八九十两\d]{1,3})(?:个方面|点|条)(?:原因|措施)?[：:]\s*$", lead
    )
    if not match:
        return None
    text = match.group(1)
    return int(text) if text.isdigit() else cn_value(text)
