"""Numbered items in a run of lines: the lead before them, each item's text, and the numbering form;
then each item's lead sentence (the headline), the rest, and the example (比如/譬如/例如/再如)."""

import re
from dataclasses import dataclass, field

from apps.imports.parsing.markers import Marker, find_inline, line_marker
from apps.imports.parsing.sections import Line

INLINE = "inline"
HEADLINE_LIMIT = 200  # Problem/Cause/Measure.headline
_SENTENCE_END = "。！？!?"
_EXAMPLE = re.compile(r"(?:^|(?<=[。！？!?；;\n]))[ \t\u3000]*(?:比如|譬如|例如|再如)")


@dataclass
class Piece:
    text: str
    line: int


@dataclass
class Split:
    lead: str = ""
    items: list[Piece] = field(default_factory=list)
    form: str = ""  # INLINE, "paren_cn", "paren_digit", "decimal", "ordinal"; empty: no items
    gaps: list[str] = field(default_factory=list)  # numbering oddities, for the warnings


def _line_of(offsets: list[int], position: int, body: list[Line]) -> int:
    index = 0
    for i, start in enumerate(offsets):
        if start <= position:
            index = i
    return body[index][0] if body else -1


def split_inline(body: list[Line], verb: str = "是") -> Split:
    """``lead 一是… 二是…`` over the joined lines (inline in one paragraph or a paragraph each)."""
    text = "\n".join(line for _, line in body)
    spans = find_inline(text, verb)
    if not spans:
        return Split(lead=text.strip())
    offsets, position = [], 0
    for _, line in body:
        offsets.append(position)
        position += len(line) + 1
    ends = [start for start, _ in spans[1:]] + [len(text)]
    items = [
        Piece(text[end:next_start].strip(), _line_of(offsets, start, body))
        for (start, end), next_start in zip(spans, ends, strict=True)
    ]
    return Split(lead=text[: spans[0][0]].strip(), items=items, form=INLINE)


def split_lines(body: list[Line], form: str) -> Split:
    """Items that start a line with the numbering ``form`` (``（一）``, ``1.`` …), in sequence; the
    lines after a number up to the next belong to it."""
    split = Split(form=form)
    lead: list[str] = []
    current: list[str] = []
    expected = 1
    for index, line in body:
        marker = line_marker(line)
        if (
            marker
            and marker.form == form
            and marker.number >= expected
            and (expected > 1 or marker.number == 1)
        ):
            if marker.number > expected:
                split.gaps.append(f"序号从{expected - 1}跳到了{marker.number}")
            if current:
                split.items[-1].text = "\n".join(current).strip()
            split.items.append(Piece("", index))
            current = [marker.rest]
            expected = marker.number + 1
        elif split.items:
            current.append(line)
        else:
            lead.append(line)
    if current:
        split.items[-1].text = "\n".join(current).strip()
    split.lead = "\n".join(lead).strip()
    return split


def first_line_marker(body: list[Line], forms: tuple[str, ...]) -> tuple[int, Marker] | None:
    for position, (_, line) in enumerate(body):
        marker = line_marker(line)
        if marker and marker.form in forms and marker.number == 1:
            return position, marker
    return None


def split_items(
    body: list[Line], forms: tuple[str, ...] = ("paren_cn", "paren_digit", "decimal", "ordinal")
) -> Split:
    """Whichever numbering comes first: an item form at the start of a line, or inline 一是."""
    inline = split_inline(body)
    first = first_line_marker(body, forms)
    if first is None:
        return inline
    position, marker = first
    if inline.items:
        first_inline = next(i for i, (index, _) in enumerate(body) if index == inline.items[0].line)
        if first_inline < position:
            return inline
    return split_lines(body, marker.form)


# --- One item ---------------------------------------------------------------------------------


@dataclass
class Sentence:
    headline: str
    rest: str
    notes: list[str] = field(default_factory=list)


def lead_sentence(text: str) -> Sentence:
    """The headline is the lead sentence without its 。 (the export adds it back); ！ and ？ stay.
    A first line without a full stop (a bold heading on its own line) is a headline too."""
    text = text.strip()
    ends = [text.find(mark) for mark in _SENTENCE_END + "\n"]
    ends = [end for end in ends if end >= 0]
    if not ends:
        return Sentence(text.rstrip("；;，,、 "), "")
    end = min(ends)
    mark = text[end]
    headline = text[:end] + (mark if mark in "！？!?" else "")
    rest = text[end + 1 :].strip()
    notes = []
    if len(headline) > HEADLINE_LIMIT:
        colon = max(headline.rfind("：", 0, HEADLINE_LIMIT), headline.rfind(":", 0, HEADLINE_LIMIT))
        if colon > 0:  # the export keeps a headline's closing colon: nothing changes in print
            headline, rest = text[: colon + 1], text[colon + 1 :].strip()
        else:
            notes.append(f"概括句有 {len(headline)} 字，超过 {HEADLINE_LIMIT} 字，请在审核时拆分")
    return Sentence(headline.strip(), rest, notes)


def split_example(rest: str) -> tuple[str, str]:
    """(elaboration, example): the example starts at the first sentence beginning 比如/譬如/例如/再如."""
    match = _EXAMPLE.search(rest)
    if not match:
        return rest.strip(), ""
    start = match.start()
    while start < len(rest) and rest[start] in " \t\u3000":
        start += 1
    return rest[:start].strip(), rest[start:].strip()


def item_text(text: str) -> str:
    """A sub-item as stored: the export adds back the closing 。 (and 一要)."""
    return text.strip().rstrip("。；;，,、 \n")
